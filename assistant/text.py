"""Small text utilities shared by ingest and answering: sentence spans, word tokens, stop words."""

from __future__ import annotations

import re

from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_NORWEGIAN

# Words that carry no content in either language: retrieval drops them, and so do the cues.
STOPWORDS: frozenset[str] = frozenset(STOPWORDS_NORWEGIAN) | frozenset(STOPWORDS_EN)

# Abbreviations after which a period does not end a sentence (Norwegian and English).
_ABBREVIATIONS = {
    "bl.a", "f.eks", "ca", "nr", "kl", "mv", "jf", "dvs", "osv", "mill", "mrd", "pga", "ev", "evt",
    "inkl", "ekskl", "tlf", "st", "dr", "prof", "e.g", "i.e", "etc", "mr", "mrs", "no", "vs", "ref", "kap",
}
# Starts only at the beginning of a run of punctuation and never backtracks into it, so a line of
# 24,000 dots is one linear scan, not a quadratic one (issue 11); it matches what it always did.
_END = re.compile(r"(?<![.!?…])[.!?…]++[\"»”')\]]*+(?=\s)")
_WORD = re.compile(r"\w+", re.UNICODE)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences and return their ``(start, end)`` offsets, whitespace trimmed.

    Line breaks always end a sentence (headings, list items, paragraphs). A period ends one
    only when the next word starts with a capital, digit or quote and the word before is
    not a known abbreviation or a lone number ("19. februar" stays whole).
    """
    spans: list[tuple[int, int]] = []
    for line_start, line in _lines(text):
        start = 0
        for match in _END.finditer(line):
            end = match.end()
            if _is_boundary(line, match.start(), end):
                _add(spans, line, line_start, start, end)
                start = end
        _add(spans, line, line_start, start, len(line))
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings."""
    return [text[s:e] for s, e in sentence_spans(text)]


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits)."""
    return [w.lower() for w in _WORD.findall(text)]


def _lines(text: str):
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _is_boundary(line: str, dot: int, end: int) -> bool:
    nxt = line[end:].lstrip()
    if not nxt or not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "\"«“'(–-"):
        return False
    if line[dot] != ".":
        return True
    before = line[:dot].rsplit(None, 1)[-1] if line[:dot].strip() else ""
    token = before.lower().lstrip("(«\"")
    if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
        return False
    return not (token.isdigit() and nxt[0].islower())


def _add(spans: list[tuple[int, int]], line: str, base: int, start: int, end: int) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    spans.append((base + start + lead, base + start + lead + len(stripped)))
