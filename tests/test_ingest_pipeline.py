"""Incremental ingest into a real (embedded) store with fake embeddings: added, unchanged, updated,
removed and skipped files, audiences, and stable ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from assistant.config import EmbeddingSettings, Settings
from assistant.embeddings import FakeEmbeddings
from assistant.models import Scope
from assistant.store import ChunkStore
from ingest.pipeline import IngestReport, ingest_paths

DOCS = Path("docs")

ANBUD = """---
title: Anbudsfrister
audience: public
doc_type: qa
---

# Frister

Tilbudsfristen er satt til ANBUD-7F3Q fredag 3. april.
"""

NOTAT = "Internt notat\n\nBudsjettrammen for prosjektet er NOTAT-2K9X kroner.\n"

SIDE = """<html lang="nb"><head><title>Bakgrunn</title><meta name="audience" content="public"></head>
<body><main><h1>Bakgrunn</h1><p>Prosjektet startet med SIDE-8H2W i 2019.</p></main></body></html>
"""

ALL_SOURCES = ["docs/anbud.md", "docs/notat.txt", "docs/rapport.pdf", "docs/side.html"]


def write_pdf(path: Path, pages: list[str]) -> None:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 10, text)
    pdf.output(str(path))


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    """A working folder holding ``docs/`` with one good file of each kind; the cwd during the test."""
    root = tmp_path / "work"
    (root / "docs").mkdir(parents=True)
    (root / "docs/anbud.md").write_text(ANBUD, encoding="utf-8")
    (root / "docs/notat.txt").write_text(NOTAT, encoding="utf-8")
    (root / "docs/side.html").write_text(SIDE, encoding="utf-8")
    write_pdf(root / "docs/rapport.pdf", ["Rapporten nevner RAPPORT-5M1Z.", "Side to nevner RAPPORT-9P4D."])
    (root / "docs/rapport.pdf.meta.yaml").write_text("title: Rapport\naudience: public\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def store(fake_settings) -> ChunkStore:
    return ChunkStore(fake_settings, FakeEmbeddings())


def ingest(store: ChunkStore, *paths: Path, **kwargs) -> IngestReport:
    return ingest_paths(list(paths or [DOCS]), store, progress=False, **kwargs)


def texts_by_source(store: ChunkStore) -> dict[str, str]:
    """All stored chunk text per source, joined, for 'is this text in the store' checks."""
    out: dict[str, str] = {}
    for chunk in store.chunks():
        out[chunk.meta.source] = (out.get(chunk.meta.source, "") + "\n" + chunk.text).strip()
    return out


def test_first_run_adds_every_file(work, store):
    report = ingest(store)
    assert report.added == ALL_SOURCES
    assert (report.updated, report.unchanged, report.removed, report.skipped) == ([], [], [], [])
    chunks = store.chunks()
    assert report.chunks == len(chunks) > 0
    texts = texts_by_source(store)
    assert "Tilbudsfristen er satt til ANBUD-7F3Q fredag 3. april." in texts["docs/anbud.md"]
    assert "Budsjettrammen for prosjektet er NOTAT-2K9X kroner." in texts["docs/notat.txt"]
    assert "Prosjektet startet med SIDE-8H2W i 2019." in texts["docs/side.html"]
    pdf_pages = {c.page: c.text for c in chunks if c.meta.source == "docs/rapport.pdf"}
    assert pdf_pages == {1: "Rapporten nevner RAPPORT-5M1Z.", 2: "Side to nevner RAPPORT-9P4D."}
    anbud = next(c for c in chunks if c.meta.source == "docs/anbud.md")
    assert (anbud.meta.title, anbud.meta.doc_type, anbud.heading_path) == ("Anbudsfrister", "qa", ["Frister"])


def test_second_run_changes_nothing(work, store):
    ingest(store)
    before, revision = store.chunks(), store.revision()
    report = ingest(store)
    assert report.unchanged == ALL_SOURCES
    assert (report.added, report.updated, report.removed, report.skipped, report.chunks) == ([], [], [], [], 0)
    assert store.chunks() == before  # same chunks, no duplicates
    assert store.revision() == revision  # nothing was written


def test_an_edited_file_is_updated_and_its_old_text_is_gone(work, store):
    ingest(store)
    untouched = [c for c in store.chunks() if c.meta.source != "docs/anbud.md"]
    (work / "docs/anbud.md").write_text(ANBUD.replace("ANBUD-7F3Q fredag 3. april", "ANBUD-NY8R mandag 6. april"))
    report = ingest(store)
    assert report.updated == ["docs/anbud.md"]
    assert report.unchanged == [s for s in ALL_SOURCES if s != "docs/anbud.md"]
    assert report.chunks == 1
    texts = texts_by_source(store)
    assert "Tilbudsfristen er satt til ANBUD-NY8R mandag 6. april." in texts["docs/anbud.md"]
    assert not any("ANBUD-7F3Q" in text for text in texts.values())
    assert [c for c in store.chunks() if c.meta.source != "docs/anbud.md"] == untouched


def test_a_deleted_file_is_removed_with_its_chunks_and_sentences(work, store):
    ingest(store)
    gone = {c.chunk_id for c in store.chunks() if c.meta.source == "docs/notat.txt"}
    assert gone
    (work / "docs/notat.txt").unlink()
    report = ingest(store)
    assert report.removed == ["docs/notat.txt"]
    assert sorted(texts_by_source(store)) == [s for s in ALL_SOURCES if s != "docs/notat.txt"]
    assert not gone & {row.chunk_id for row in store.sentences(Scope.everything())}


def test_a_deleted_file_is_removed_when_the_working_folder_itself_is_ingested(work, store, monkeypatch):
    monkeypatch.chdir(work / "docs")
    ingest(store, Path("."))
    (work / "docs/side.html").unlink()
    report = ingest(store, Path("."))
    assert report.removed == ["side.html"]
    assert sorted(texts_by_source(store)) == ["anbud.md", "notat.txt", "rapport.pdf"]


def test_ingesting_one_file_does_not_remove_the_others(work, store):
    ingest(store)
    report = ingest(store, DOCS / "anbud.md")
    assert (report.unchanged, report.removed) == (["docs/anbud.md"], [])
    assert sorted(texts_by_source(store)) == ALL_SOURCES


def test_bad_files_are_reported_and_the_good_ones_still_go_in(work, store):
    docs = work / "docs"
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    (docs / "empty.txt").write_bytes(b"")
    (docs / "latin1.txt").write_bytes("Blåbær og rødgrøt LATIN-3C7V.".encode("latin-1"))
    (docs / "big.md").write_text("Stor fil BIG-6T2N. " * 200, encoding="utf-8")
    (docs / "zz-copy.md").write_text(ANBUD, encoding="utf-8")  # same text as anbud.md
    report = ingest(store, DOCS, Path("nowhere"), max_bytes=2000)
    reasons = {s.source: s.reason for s in report.skipped}
    assert reasons == {
        "nowhere": "missing",
        "docs/broken.pdf": "corrupt",
        "docs/empty.txt": "empty",
        "docs/latin1.txt": "not_utf8",
        "docs/big.md": "too_large",
        "docs/zz-copy.md": "duplicate",
    }
    messages = {s.source: s.message for s in report.skipped}
    assert "docs/anbud.md" in messages["docs/zz-copy.md"]
    assert "2000" in messages["docs/big.md"]
    assert report.added == ALL_SOURCES
    assert sorted(texts_by_source(store)) == ALL_SOURCES
    assert not any(marker in text for text in texts_by_source(store).values() for marker in ("LATIN-3C7V", "BIG-6T2N"))


def test_a_file_without_audience_is_internal_unless_a_default_is_given(work, store, tmp_path):
    ingest(store)
    audiences = {d.source: d.audience for d in store.documents()}
    assert audiences == {
        "docs/anbud.md": "public",
        "docs/notat.txt": "internal",
        "docs/rapport.pdf": "public",
        "docs/side.html": "public",
    }
    assert "docs/notat.txt" not in {d.source for d in store.documents(Scope.public())}

    report = ingest(store, default_audience="public")  # the audience is part of what "unchanged" means
    assert report.updated == ["docs/notat.txt"]
    assert {d.source: d.audience for d in store.documents()}["docs/notat.txt"] == "public"
    assert "Budsjettrammen for prosjektet er NOTAT-2K9X kroner." in {c.text for c in store.chunks(Scope.public())}

    explicit = ChunkStore(
        Settings(data_dir=tmp_path / "other", embedding=EmbeddingSettings(backend="fake")), FakeEmbeddings()
    )
    ingest(explicit, default_audience="internal")
    assert {d.source: d.audience for d in explicit.documents()}["docs/anbud.md"] == "public"  # the file's own wins


def test_a_file_that_becomes_corrupt_keeps_its_old_chunks(work, store):
    ingest(store)
    before = [c for c in store.chunks() if c.meta.source == "docs/rapport.pdf"]
    (work / "docs/rapport.pdf").write_bytes(b"%PDF-1.7\n\x00\x01 truncated")
    report = ingest(store)
    assert [(s.source, s.reason) for s in report.skipped] == [("docs/rapport.pdf", "corrupt")]
    assert report.removed == []
    assert [c for c in store.chunks() if c.meta.source == "docs/rapport.pdf"] == before


def test_ids_are_stable_across_separate_stores(work, tmp_path):
    def build(name: str) -> ChunkStore:
        settings = Settings(data_dir=tmp_path / name, embedding=EmbeddingSettings(backend="fake"))
        store = ChunkStore(settings, FakeEmbeddings())
        ingest(store)
        return store

    first, second = build("one"), build("two")
    ids = [(c.doc_id, c.chunk_id) for c in first.chunks()]
    assert ids == [(c.doc_id, c.chunk_id) for c in second.chunks()]
    assert len(ids) == len(set(ids)) >= len(ALL_SOURCES)
    assert [d.doc_id for d in first.documents()] == [d.doc_id for d in second.documents()]


def test_a_file_whose_audience_becomes_unreadable_is_withdrawn_not_kept_public(work, store):
    ingest_paths([DOCS], store, progress=False)
    assert "ANBUD-7F3Q" in texts_by_source(store)["docs/anbud.md"]
    (work / "docs/anbud.md").write_text(ANBUD.replace("audience: public", "audience: intern"), encoding="utf-8")

    report = ingest_paths([DOCS], store, progress=False)

    assert [(s.source, s.reason) for s in report.skipped] == [("docs/anbud.md", "bad_audience")]
    assert "docs/anbud.md" in report.removed
    assert all("ANBUD-7F3Q" not in c.text for c in store.chunks(Scope.everything()))


def test_a_renamed_file_is_moved_not_lost_as_a_duplicate(work, store):
    ingest_paths([DOCS], store, progress=False)
    (work / "docs/notat.txt").rename(work / "docs/notat-2020.txt")

    report = ingest_paths([DOCS], store, progress=False)

    assert report.skipped == []
    assert report.added == ["docs/notat-2020.txt"] and report.removed == ["docs/notat.txt"]
    assert "NOTAT-2K9X" in texts_by_source(store)["docs/notat-2020.txt"]
