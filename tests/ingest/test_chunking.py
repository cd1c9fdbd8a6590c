"""Chunking: exact spans, heading paths, page boundaries, size limits and stable ids."""

from __future__ import annotations

import pytest

from assistant.models import Block, Chunk, Document, DocumentMeta
from ingest.chunking import chunk_document
from ingest.loaders import document_from_text, load_file
from tests.ingest.test_loaders import make_pdf, sample_files, write

META = DocumentMeta(doc_id="doc-1", title="Testdokument", source="test.md", audience="public")


def build(*items: tuple) -> Document:
    """A document from ``(kind, text[, level[, page]])`` items laid out as the loaders do."""
    blocks: list[Block] = []
    offset = 0
    for kind, text, *rest in items:
        start = offset + (2 if blocks else 0)
        level, page = (rest[0] if rest else 0), (rest[1] if len(rest) > 1 else None)
        fields = {"kind": kind, "text": text, "start": start, "end": start + len(text), "level": level, "page": page}
        blocks.append(Block.model_validate(fields))
        offset = start + len(text)
    return Document(meta=META, text="\n\n".join(b.text for b in blocks), blocks=blocks)


def assert_valid(doc: Document, chunks: list[Chunk]) -> None:
    assert chunks, "a document with text must give chunks"
    for index, chunk in enumerate(chunks):
        assert chunk.text == doc.text[chunk.start : chunk.end]
        assert chunk.text.strip() == chunk.text and chunk.text
        assert chunk.index == index and chunk.doc_id == doc.meta.doc_id and chunk.meta == doc.meta
        assert chunk.chunk_id.startswith(f"{doc.meta.doc_id}:{index:04d}:")


def test_heading_path_follows_levels() -> None:
    doc = build(
        ("heading", "Prosjekt", 1),
        ("paragraph", "Innledning."),
        ("heading", "Mål", 2),
        ("paragraph", "Målet."),
        ("heading", "Delmål", 3),
        ("paragraph", "Delmålet."),
        ("heading", "Status", 2),
        ("paragraph", "Status nå."),
    )
    chunks = chunk_document(doc)
    assert_valid(doc, chunks)
    assert [(c.heading_path, c.text) for c in chunks] == [
        (["Prosjekt"], "Innledning."),
        (["Prosjekt", "Mål"], "Målet."),
        (["Prosjekt", "Mål", "Delmål"], "Delmålet."),
        (["Prosjekt", "Status"], "Status nå."),
    ]


def test_paragraphs_grouped_up_to_target() -> None:
    paragraphs = [("paragraph", f"Avsnitt {i} " + "ord " * 20 + "slutt.") for i in range(6)]
    doc = build(("heading", "Del", 1), *paragraphs)
    chunks = chunk_document(doc, target_chars=250, max_chars=400)
    assert_valid(doc, chunks)
    assert len(chunks) == 3
    assert all(len(c.text) <= 250 for c in chunks)
    assert chunks[0].text == "\n\n".join(p[1] for p in paragraphs[:2])


def test_pages_never_share_a_chunk() -> None:
    doc = build(("paragraph", "Side en.", 0, 1), ("paragraph", "Fortsatt en.", 0, 1), ("paragraph", "Side to.", 0, 2))
    chunks = chunk_document(doc)
    assert [(c.text, c.page) for c in chunks] == [("Side en.\n\nFortsatt en.", 1), ("Side to.", 2)]


def test_long_paragraph_split_at_sentences() -> None:
    sentences = [f"Setning nummer {i} handler om boligsosiale utfordringer i kommunen." for i in range(40)]
    doc = build(("heading", "Lang", 1), ("paragraph", " ".join(sentences)))
    chunks = chunk_document(doc, target_chars=300, max_chars=500)
    assert_valid(doc, chunks)
    assert len(chunks) > 1
    assert all(len(c.text) <= 500 and c.text.endswith("kommunen.") for c in chunks)
    assert all(c.heading_path == ["Lang"] for c in chunks)
    assert " ".join(c.text for c in chunks) == doc.blocks[1].text


def test_sentence_longer_than_max_split_at_spaces() -> None:
    doc = build(("paragraph", " ".join(["ord"] * 400)))
    chunks = chunk_document(doc, target_chars=100, max_chars=150)
    assert_valid(doc, chunks)
    assert all(len(c.text) <= 150 for c in chunks)
    assert " ".join(c.text for c in chunks) == doc.text


def test_headings_only_document_keeps_its_text() -> None:
    doc = build(("heading", "Kun overskrift", 1), ("heading", "Og en til", 2))
    chunks = chunk_document(doc)
    assert_valid(doc, chunks)
    assert "Kun overskrift" in chunks[0].text and "Og en til" in chunks[-1].text


def test_empty_document_gives_no_chunks() -> None:
    assert chunk_document(Document(meta=META, text="", blocks=[])) == []


def test_every_format_gives_exact_spans_and_stable_ids(tmp_path) -> None:
    for path in sample_files(tmp_path):
        first = chunk_document(load_file(path, source=f"corpus/{path.name}"))
        doc = load_file(path, source=f"corpus/{path.name}")
        second = chunk_document(doc)
        assert_valid(doc, first)
        assert [c.chunk_id for c in first] == [c.chunk_id for c in second]


def test_chunk_id_changes_with_content_only(tmp_path) -> None:
    path = write(tmp_path, "a.md", "# Del\n\nFørste tekst.\n")
    before = chunk_document(load_file(path, source="a.md"))[0].chunk_id
    path.write_text("# Del\n\nAndre tekst.\n", encoding="utf-8")
    after = chunk_document(load_file(path, source="a.md"))[0].chunk_id
    assert before != after and before.split(":")[:2] == after.split(":")[:2]


def test_markdown_chunks_carry_headings(tmp_path) -> None:
    doc = load_file(sample_files(tmp_path)[0], source="a.md")
    paths = [c.heading_path for c in chunk_document(doc)]
    assert paths == [["Prosjektet"], ["Prosjektet", "Mål"], ["Prosjektet", "Mål", "Detaljer"]]


def test_pdf_chunks_carry_pages(tmp_path) -> None:
    doc = load_file(make_pdf(tmp_path), source="rapport.pdf")
    chunks = chunk_document(doc)
    assert [c.page for c in chunks] == [1, 2]
    assert chunks[1].text == "Side to handler om blåbær."


@pytest.mark.parametrize("raw", ["Linje én.\n\n  Linje to med  doble mellomrom.\r\n", "Bare én linje"])
def test_chunks_of_raw_text_keep_offsets(raw: str) -> None:
    doc = document_from_text(raw, META)
    chunks = chunk_document(doc)
    assert_valid(doc, chunks)
    assert chunks[0].start == 0 and raw[chunks[-1].start : chunks[-1].end] == chunks[-1].text
