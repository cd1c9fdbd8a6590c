"""Hostile files (issue 11, finding 6): linear-time text handling, limits, and a skip with a reason.

Supplier input is untrusted content, even when an admin uploads it. Each file here cost seconds
to minutes of CPU (or hundreds of MB) before; now it either ingests in linear time or is
skipped with a reason while everything else goes in.
"""

from __future__ import annotations

import time

import pytest

from assistant.config import EmbeddingSettings, Settings
from assistant.embeddings import FakeEmbeddings
from assistant.errors import LoadError
from assistant.store import ChunkStore
from assistant.text import sentence_spans
from ingest import loaders
from ingest.chunking import chunk_document
from ingest.loaders import load_file
from ingest.pipeline import ingest_paths
from ingest.sandbox import Budget
from tests.ingest import hostile


def _cpu(fn):
    started = time.process_time()
    result = fn()
    return result, time.process_time() - started


@pytest.mark.parametrize("name", ["list-line.md", "dots.md", "spaced-heading.md", "emphasis.md"])
def test_hostile_markdown_loads_and_chunks_in_linear_time(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(hostile.ALL[name]())
    (doc, chunks), seconds = _cpu(lambda: (d := load_file(path, source=name), chunk_document(d)))
    assert seconds < 1.0, f"{name}: {seconds:.2f} s of CPU"
    assert chunks and doc.meta.title == "Fiendtlig"


def test_the_heading_keeps_its_text_without_closing_hashes(tmp_path):
    path = tmp_path / "h.md"
    path.write_text("---\naudience: public\n---\n\n## Frister ##\n\n# a" + " " * 50 + "b\n\nTekst.\n", "utf-8")
    doc = load_file(path, source="h.md")
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["Frister", "a b"]


def test_sentence_spans_of_a_line_of_dots_is_linear_and_unchanged():
    spans, seconds = _cpu(lambda: sentence_spans("Start. " + "." * 50000 + " Slutt."))
    assert seconds < 0.5
    assert len(spans) == 2  # the dots run on from "Start." (no capital follows)
    assert sentence_spans("Hei... Hva nå?! «Ja.» Nei.") == [(0, 6), (7, 15), (16, 21), (22, 26)]


# --- limits: a file over one is skipped with a reason --------------------------------------------

GOOD = "---\ntitle: God\naudience: public\n---\n\n# Frister\n\nDialogkonferansen var 19. februar 2020.\n"


def _load(tmp_path, name: str, data: bytes, **kwargs):
    path = tmp_path / name
    path.write_bytes(data)
    return load_file(path, source=name, **kwargs)


@pytest.mark.parametrize("name, reason, words", [
    ("alias-bomb.md", "bad_front_matter", "YAML alias"),
    ("tiny-runs.docx", "too_large", "inflates to 30,000,886 bytes"),
    ("shared-pages.pdf", "too_large", "draw more than"),
])
def test_bombs_are_refused_with_a_reason(tmp_path, name, reason, words):
    started = time.monotonic()
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, name, hostile.ALL[name]())
    assert caught.value.reason == reason and words in str(caught.value)
    assert time.monotonic() - started < 10


def test_a_parse_over_its_time_is_stopped(tmp_path):
    slow = Budget(seconds=1.0, max_drawn_bytes=10**12)  # let the heavy PDF through the size check
    started = time.monotonic()
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, "shared-pages.pdf", hostile.ALL["shared-pages.pdf"](), budget=slow)
    assert caught.value.reason == "too_slow" and "longer than 1 s" in str(caught.value)
    assert time.monotonic() - started < 5


def test_a_parse_over_its_memory_is_stopped(tmp_path):
    small = Budget(memory_bytes=600 * 1024 * 1024, max_xml_bytes=10**9)
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, "tiny-runs.docx", hostile.docx_tiny_runs(60_000_000), budget=small)
    assert caught.value.reason in ("too_large", "corrupt")


def test_a_pdf_with_too_many_pages_is_refused(tmp_path):
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, "many.pdf", hostile.pdf_shared_heavy_pages(pages=60, ops=1), budget=Budget(max_pages=50))
    assert caught.value.reason == "too_large" and "60 pages" in str(caught.value)


@pytest.mark.parametrize("front, words", [
    ("title: " + "x" * 5000, "'title' is 5,000 characters"),
    ("lang: [nb, en, nn]", "'lang' must be a single value"),
    ("organisation:\n  a: 1", "'organisation' must be a single value"),
])
def test_metadata_fields_are_single_and_small(tmp_path, front, words):
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, "m.md", f"---\naudience: public\n{front}\n---\n\nTekst.\n".encode())
    assert caught.value.reason == "bad_metadata" and words in str(caught.value)


def test_too_much_text_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(loaders, "MAX_TEXT_CHARS", 1000)
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, "long.md", (GOOD + "Mer tekst. " * 200).encode())
    assert caught.value.reason == "too_large" and "split the document" in str(caught.value)


def test_hostile_files_are_skipped_and_everything_else_is_ingested(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "god.md").write_text(GOOD, "utf-8")
    for name, make in hostile.ALL.items():
        (folder / name).write_bytes(make())
    settings = Settings(data_dir=tmp_path / "data", embedding=EmbeddingSettings(backend="fake"))
    store = ChunkStore(settings, FakeEmbeddings())
    started = time.monotonic()
    report = ingest_paths([folder], store, progress=False)
    assert time.monotonic() - started < 60
    skipped = {s.source.rsplit("/", 1)[-1]: s.reason for s in report.skipped}
    assert skipped == {"alias-bomb.md": "bad_front_matter", "tiny-runs.docx": "too_large",
                       "shared-pages.pdf": "too_large"}
    assert {a.rsplit("/", 1)[-1] for a in report.added} == {"god.md", "list-line.md", "dots.md",
                                                              "spaced-heading.md", "emphasis.md"}
    listed = store.documents()
    assert all(len(m.lang) <= 16 for m in listed)
