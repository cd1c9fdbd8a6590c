"""The question sets the answers are judged on: well formed, and every fact they expect is in a published document.

A set whose expected fact the public documents do not hold (a typo, an internal file's wording, a document that
changed) would count a right answer as wrong for ever; this finds it without running the assistant. Held-out sets
are checked too, so a failure names the question's id and how many strings are missing, never the strings.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ingest.loaders import load_file
from ingest.pipeline import discover, source_of
from tests.conftest import CORPUS, ROOT

DATA = ROOT / "tests" / "data"
SETS = sorted([*DATA.glob("procurement-dev*.jsonl"), *DATA.glob("equal-treatment*.jsonl")])
EXAMPLES = sorted([*DATA.glob("general-questions*.jsonl"), *DATA.glob("intent-examples*.jsonl")])
REASONS = {"no_evidence", "equal_treatment", "out_of_scope", "greeting"}


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def _holds(published: list[str], expected: str) -> bool:
    """Whether one published document holds the string, as the evaluation reads it (a lower-cased substring)."""
    return any(_norm(expected) in text for text in published)


@pytest.fixture(scope="module")
def published() -> list[str]:
    docs = [load_file(path, source=source_of(path)) for path in discover([CORPUS])]
    assert any(d.meta.audience == "internal" for d in docs)  # the check below must leave something out
    return [_norm(d.text) for d in docs if d.meta.audience == "public"]


def test_an_expected_string_counts_only_within_one_published_document(published):
    assert _holds(published, "425") and _holds(published, "HENT AS")
    assert not _holds(published, "testbyggern")  # in an internal document only


def test_the_sets_are_found():
    assert len(SETS) >= 48 and len(EXAMPLES) >= 3


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_each_question_is_well_formed_and_expects_only_published_facts(path, published):
    rows = _rows(path)
    assert len({r["id"] for r in rows}) == len(rows), "ids repeat"
    for r in rows:
        assert r["question"].strip() and r["lang"] in ("nb", "en"), r["id"]
        if r["answerable"]:
            assert r["expect_any"] or r.get("expect_all"), r["id"]
            missing = [s for s in r["expect_any"] + r.get("expect_all", []) if not _holds(published, s)]
            assert not missing, f"{r['id']}: {len(missing)} expected string(s) in no published document"
        else:
            assert not r.get("expect_any") and r["expect_reason"] in REASONS, r["id"]
        for turn in r.get("history", []):
            assert turn["role"] in ("user", "assistant") and turn["content"].strip(), r["id"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_intent_examples_are_questions_with_known_labels(path):
    rows = _rows(path)
    assert len({r["id"] for r in rows}) == len(rows), "ids repeat"
    for r in rows:
        assert r["question"].strip(), r["id"]
        assert r.get("reason") in (None, "no_evidence", "equal_treatment", "out_of_scope"), r["id"]
