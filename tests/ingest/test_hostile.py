"""Hostile files (issue 11, finding 6): linear-time text handling, limits, and a skip with a reason.

Supplier input is untrusted content, even when an admin uploads it. Each file here cost seconds
to minutes of CPU (or hundreds of MB) before; now it either ingests in linear time or is
skipped with a reason while everything else goes in.
"""

from __future__ import annotations

import time

import pytest

from assistant.text import sentence_spans
from ingest.chunking import chunk_document
from ingest.loaders import load_file
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
