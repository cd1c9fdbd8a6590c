"""The real ``assistant`` command in a subprocess: exit codes, one-line errors, JSON answers, re-indexing."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.config import EmbeddingSettings, Settings
from assistant.embeddings import FakeEmbeddings
from assistant.store import ChunkStore
from ingest.pipeline import ingest_paths

SUMMARY = re.compile(
    r"^(\d+) added, (\d+) updated, (\d+) unchanged, (\d+) removed, (\d+) skipped \((\d+) chunks written\)$"
)

FRISTER = """---
title: Frister i konkurransen
audience: public
source_url: https://example.org/frister
---

# Frister

Spørsmål til konkurransen må sendes innen 20. mars.
Kontrakten signeres etter at karenstiden er over.
"""

BOLIG = """---
title: Boligprosjektet
audience: public
---

# Om prosjektet

Kommunen skal bygge 24 utleieboliger på tomta CLI-4J8K.
Husbanken gir lån og tilskudd til prosjektet.
Byggearbeidene starter etter reguleringen.
"""

INTERN = "Intern vurdering\n\nVurderingen av grunnforholdene er merket INTERN-5Q2W.\n"


def make_corpus(root: Path) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "frister.md").write_text(FRISTER, encoding="utf-8")
    (docs / "bolig.md").write_text(BOLIG, encoding="utf-8")
    (docs / "intern.txt").write_text(INTERN, encoding="utf-8")
    return root


def run_cli(cwd: Path, *args: str, backend: str = "fake") -> subprocess.CompletedProcess[str]:
    """``python -m assistant.cli ARGS`` with its state under ``cwd/data`` and no inherited ASSISTANT_* settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_DATA_DIR=str(cwd / "data"), ASSISTANT_EMBEDDING__BACKEND=backend, HF_HUB_OFFLINE="1")
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def run_many(jobs: dict[str, tuple[Path, tuple[str, ...]]]) -> dict[str, subprocess.CompletedProcess[str]]:
    """Run independent CLI calls side by side (each pays the import time once, in parallel)."""
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = {name: pool.submit(run_cli, cwd, *args) for name, (cwd, args) in jobs.items()}
        return {name: future.result() for name, future in futures.items()}


def summary(result: subprocess.CompletedProcess[str]) -> tuple[int, ...]:
    lines = [m for line in result.stdout.splitlines() if (m := SUMMARY.match(line))]
    assert len(lines) == 1, result.stdout
    return tuple(int(n) for n in lines[0].groups())


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


BOLIG_QUESTION = "Hvor mange utleieboliger skal kommunen bygge?"
INTERNAL_QUESTION = "Hvordan er vurderingen av grunnforholdene merket?"


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("cli-good"))


@pytest.fixture(scope="module")
def runs(good, tmp_path_factory) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every fast CLI call of this module, run once: two ingests side by side, then the questions side by side."""
    bad = make_corpus(tmp_path_factory.mktemp("cli-bad"))
    (bad / "docs/tom.txt").write_bytes(b"")
    results = run_many(
        {"ingest": (good, ("ingest", "docs", "--quiet")), "ingest_bad": (bad, ("ingest", "docs", "--quiet"))}
    )
    results |= run_many(
        {
            "ask_json": (good, ("ask", BOLIG_QUESTION, "--json")),
            "ask_public": (good, ("ask", INTERNAL_QUESTION, "--json")),
            "ask_internal": (good, ("ask", INTERNAL_QUESTION, "--json", "--internal")),
            "ask_empty": (good, ("ask", "   ")),
        }
    )
    return results


def test_ingest_exits_0_and_prints_a_summary(runs):
    result = runs["ingest"]
    assert result.returncode == 0, result.stderr
    assert summary(result) == (3, 0, 0, 0, 0, 3)
    assert "skipped [" not in result.stderr


def test_ingest_reports_a_bad_file_and_exits_3(runs):
    result = runs["ingest_bad"]
    assert result.returncode == 3
    assert summary(result) == (3, 0, 0, 0, 1, 3)
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped [")]
    assert skipped == ["skipped [empty] docs/tom.txt: the file is empty"]
    assert "Traceback" not in result.stderr


def test_ask_json_gives_a_cited_answer_quoting_the_file(runs, good):
    result = runs["ask_json"]
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert {"answer", "answered", "lang", "citations"} <= set(body)
    assert (body["answered"], body["lang"]) == (True, "nb")
    first = body["citations"][0]
    assert first["quote"] == "Kommunen skal bygge 24 utleieboliger på tomta CLI-4J8K."
    assert (first["source"], first["title"], first["audience"]) == ("docs/bolig.md", "Boligprosjektet", "public")
    assert "Kommunen skal bygge 24 utleieboliger på tomta CLI-4J8K [1]." in body["answer"]
    for citation in body["citations"]:
        assert citation["quote"] in (good / citation["source"]).read_text(encoding="utf-8")
        assert f"[{citation['n']}]" in body["answer"]


def test_ask_keeps_internal_documents_out_unless_asked_for(runs):
    public, internal = runs["ask_public"], runs["ask_internal"]
    assert public.returncode == internal.returncode == 0, public.stderr + internal.stderr
    assert "INTERN-5Q2W" not in public.stdout
    public_body = json.loads(public.stdout)
    assert public_body["reason"] != "equal_treatment"  # kept out by the scope, not by the policy
    assert all(c["source"] != "docs/intern.txt" for c in public_body["citations"])
    cited = json.loads(internal.stdout)["citations"]
    assert ("docs/intern.txt", "internal", "Vurderingen av grunnforholdene er merket INTERN-5Q2W.") in {
        (c["source"], c["audience"], c["quote"]) for c in cited
    }


def test_ask_with_an_empty_question_is_a_one_line_error(runs):
    result = runs["ask_empty"]
    assert result.returncode == 2
    assert error_lines(result) == ["error: The question is empty."]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.slow
def test_a_changed_embedding_backend_asks_for_a_reindex_and_reindex_fixes_it(tmp_path, monkeypatch):
    root = make_corpus(tmp_path)
    monkeypatch.chdir(root)  # built in-process with the fake backend, as `ingest docs` would
    fake = Settings(data_dir=root / "data", embedding=EmbeddingSettings(backend="fake"))
    assert ingest_paths([Path("docs")], ChunkStore(fake, FakeEmbeddings()), progress=False).added

    mismatch = run_cli(root, "ask", BOLIG_QUESTION, backend="e5")
    assert mismatch.returncode == 2
    [line] = error_lines(mismatch)
    assert "--reindex" in line and "fake/hashed-bow-256" in line
    assert "Traceback" not in mismatch.stderr

    reindex = run_cli(root, "ingest", "--reindex", "docs", "--quiet", backend="e5")
    assert reindex.returncode == 0, reindex.stderr
    assert summary(reindex) == (3, 0, 0, 0, 0, 3)
    answer = run_cli(root, "ask", BOLIG_QUESTION, "--json", backend="e5")
    assert answer.returncode == 0, answer.stderr
    quotes = [c["quote"] for c in json.loads(answer.stdout)["citations"]]
    assert "Kommunen skal bygge 24 utleieboliger på tomta CLI-4J8K." in quotes
