"""Lists and tables in answers: a sentence that introduces a list brings its items, a list item
brings its intro and siblings, and a list question brings the table rows of the same shape.

Quotes stay exact spans of the chunk (newlines and all); ``display`` puts them on one line.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.cues import wants_list
from assistant.text import sentence_spans

if TYPE_CHECKING:
    from assistant.answer.extractive import Candidate

_ITEM_END = re.compile(r"[.!?…]$")


def with_list(cand: Candidate, question: str) -> Candidate:
    """Widen a sentence to its whole list: an intro ending in ':' with its items, or an item with its
    intro and siblings; for a list question, a table row with the rows around it of the same shape."""
    spans = sentence_spans(cand.chunk.text)
    index = next((i for i, (s, _) in enumerate(spans) if s == cand.start), None)
    if index is None:
        return cand
    text = cand.chunk.text
    first = last = index
    if not text[spans[index][0] : spans[index][1]].endswith(":"):
        while first > 0 and _is_item(text, spans[first]) and _is_item(text, spans[first - 1]):
            first -= 1
        if first > 0 and _is_item(text, spans[first]) and text[spans[first - 1][0]:spans[first - 1][1]].endswith(":"):
            first -= 1
        elif not (wants_list(question) and _is_row(text, spans[index])):
            return cand
    while last + 1 < len(spans) and _is_item(text, spans[last + 1]) and last - first < 12:
        if _is_row(text, spans[index]) and not _same_row_shape(text, spans[index], spans[last + 1]):
            break
        last += 1
    if first == last == index:
        return cand
    return replace(cand, start=spans[first][0], end=spans[last][1])


def _is_item(text: str, span: tuple[int, int]) -> bool:
    """A list item or table row: a line of its own without a sentence's final punctuation."""
    s, e = span
    line_start = s == 0 or text[s - 1] == "\n"
    return line_start and not _ITEM_END.search(text[s:e]) and not text[s:e].endswith(":") and e - s <= 200


def _is_row(text: str, span: tuple[int, int]) -> bool:
    return _is_item(text, span) and ": " in text[span[0] : span[1]]


def _same_row_shape(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Rows of one table: records with the same first column ("Kontaktperson: …; Region: …"), or
    pairs of a name and a value ("Byggeår: 2018-2019", then "Konstruksjon: massivtre")."""
    row, other = text[a[0] : a[1]], text[b[0] : b[1]]
    if ";" in row:
        return other.startswith(row.split(":", 1)[0] + ":")
    return ";" not in other and ": " in other


def display(quote: str) -> str:
    """A multi-line quote (a list, table rows) on one line: 'intro: a; b; c'."""
    lines = [line.strip() for line in quote.splitlines() if line.strip()]
    if len(lines) <= 1:
        return quote
    if lines[0].endswith(":"):
        return f"{lines[0]} {'; '.join(lines[1:])}"
    return " · ".join(lines)
