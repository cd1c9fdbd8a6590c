"""Highlighted snippets for search results: the window of a chunk richest in query terms."""

from __future__ import annotations

import re

from assistant.index import terms

_WORD = re.compile(r"\w+")


def snippet(text: str, query_terms: list[str], width: int = 260) -> tuple[str, list[tuple[int, int]]]:
    """A window of about ``width`` characters and the offsets (into it) of words matching the query."""
    wanted = set(query_terms)
    matches = [(m.start(), m.end()) for m in _WORD.finditer(text) if wanted & set(terms(m.group()))]
    if len(text) <= width:
        return text, matches
    start = _best_start(text, matches, width)
    end = min(len(text), start + width)
    start, end = _word_edges(text, start, end)
    window = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    marks = [(s + shift, e + shift) for s, e in matches if s >= start and e <= end]
    return f"{prefix}{window}{suffix}", marks


def _best_start(text: str, matches: list[tuple[int, int]], width: int) -> int:
    if not matches:
        return 0
    best, best_count = 0, -1
    for s, _ in matches:
        begin = max(0, s - width // 4)
        count = sum(1 for m, _ in matches if begin <= m < begin + width)
        if count > best_count:
            best, best_count = begin, count
    return min(best, max(0, len(text) - width))


def _word_edges(text: str, start: int, end: int) -> tuple[int, int]:
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + 30 else end
    return start, end
