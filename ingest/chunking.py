"""Structure-aware chunking: paragraphs grouped under their heading path, never across pages.

Every chunk is a span of ``Document.text`` (``chunk.text == doc.text[chunk.start:chunk.end]``),
so a quote found in a chunk can always be traced back to an exact place in its document.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from assistant.models import Block, Chunk, Document
from assistant.text import sentence_spans


@dataclass(frozen=True)
class _Unit:
    """A span of document text that is never split further, with the context it belongs to."""

    start: int
    end: int
    path: tuple[str, ...]
    page: int | None


def chunk_document(doc: Document, *, target_chars: int = 800, max_chars: int = 1200) -> list[Chunk]:
    """Split ``doc`` into chunks of about ``target_chars`` that follow its headings and pages.

    A heading or a new page starts a new chunk; a paragraph over ``max_chars`` is cut at
    sentence boundaries. Headings travel as ``heading_path`` rather than as chunk text.
    """
    groups = _group(_units(doc, target_chars, max_chars), target_chars)
    chunks: list[Chunk] = []
    for group in groups:
        start, end = group[0].start, group[-1].end
        text = doc.text[start:end]
        if not text.strip():
            continue
        index = len(chunks)
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        chunks.append(
            Chunk(
                chunk_id=f"{doc.meta.doc_id}:{index:04d}:{digest}",
                doc_id=doc.meta.doc_id,
                text=text,
                start=start,
                end=end,
                index=index,
                heading_path=list(group[0].path),
                page=group[0].page,
                meta=doc.meta,
            )
        )
    return chunks


def _units(doc: Document, target_chars: int, max_chars: int) -> list[_Unit | None]:
    """Paragraph spans with their heading path; ``None`` marks a heading (a forced chunk break).

    A document made only of headings has its headings used as text, so nothing is lost.
    """
    has_paragraphs = any(b.kind == "paragraph" for b in doc.blocks)
    units: list[_Unit | None] = []
    path: list[tuple[int, str]] = []
    for block in doc.blocks:
        if block.kind == "heading" and has_paragraphs:
            level = max(block.level, 1)
            path = [(lvl, text) for lvl, text in path if lvl < level] + [(level, block.text)]
            units.append(None)
            continue
        names = tuple(text for _, text in path)
        for start, end in _pieces(block, target_chars, max_chars):
            units.append(_Unit(start, end, names, block.page))
    return units


def _group(units: list[_Unit | None], target_chars: int) -> list[list[_Unit]]:
    """Pack consecutive units into groups of at most ``target_chars`` (a lone larger unit stays whole)."""
    groups: list[list[_Unit]] = []
    current: list[_Unit] = []
    for unit in units:
        if current and (unit is None or not _fits(current, unit, target_chars)):
            groups.append(current)
            current = []
        if unit is not None:
            current.append(unit)
    if current:
        groups.append(current)
    return groups


def _fits(current: list[_Unit], unit: _Unit, target_chars: int) -> bool:
    first = current[0]
    same_place = unit.path == first.path and unit.page == first.page
    return same_place and unit.end - first.start <= target_chars


def _pieces(block: Block, target_chars: int, max_chars: int) -> list[tuple[int, int]]:
    """The block's span, or for a block over ``max_chars`` sentence-aligned pieces of it.

    Sentences are packed up to ``target_chars`` so the pieces are the size of ordinary chunks.
    """
    if len(block.text) <= max_chars:
        return [(block.start, block.end)]
    spans = [piece for s, e in sentence_spans(block.text) for piece in _split_long(block.text, s, e, max_chars)]
    pieces: list[tuple[int, int]] = []
    for start, end in spans:
        if pieces and end - pieces[-1][0] <= target_chars:
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
    return [(block.start + s, block.start + e) for s, e in pieces]


def _split_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut one over-long sentence at the last space before the limit (hard cut if there is none)."""
    spans: list[tuple[int, int]] = []
    while end - start > max_chars:
        cut = text.rfind(" ", start + 1, start + max_chars + 1)
        cut = cut if cut > start else start + max_chars
        spans.append((start, len(text[:cut].rstrip())))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        spans.append((start, end))
    return spans
