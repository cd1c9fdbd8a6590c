"""Checking a model's sentence against the sources it cites, before anything is shown.

A sentence passes only if (a) every citation names a source that was given, (b) every quote
occurs in that source (after normalising whitespace, Unicode, quotes and dashes), (c) every
hard fact of the sentence — numbers, dates, times, amounts, e-mail addresses, phone numbers,
URLs, proper names — occurs in its quotes (month and weekday names count in Norwegian and
English alike, so "19 February 2020" matches "19. februar 2020"), and (d) the sentence and its
quotes agree in meaning (multilingual e5 similarity above a calibrated threshold).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.models import Chunk

_QUOTES = {"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "′": "'"}
_DASHES = set("‐‑‒–—―−")
_TRIM = " \t\n\"'«»“”„‘’.…,;:"
MIN_QUOTE_WORDS = 3

_MONTHS = {
    **{m: i for i, m in enumerate("januar februar mars april mai juni juli august september oktober november "
                                  "desember".split(), start=1)},
    **{m: i for i, m in enumerate("january february march april may june july august september october november "
                                  "december".split(), start=1)},
}
_WEEKDAYS = {
    **{d: i for i, d in enumerate("mandag tirsdag onsdag torsdag fredag lørdag søndag".split(), start=1)},
    **{d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split(), start=1)},
}
_NUMBER_WORDS = {
    # Norwegian "to" (two) is left out: it is also the English "to".
    **dict(zip("tre fire fem seks sju syv åtte ni ti elleve tolv".split(),
               [3, 4, 5, 6, 7, 7, 8, 9, 10, 11, 12], strict=True)),
    **{w: i for i, w in enumerate("two three four five six seven eight nine ten eleven twelve".split(), start=2)},
}
# Currencies and scales are facts too: "NOK 12 million" must not pass for "12 milliarder kroner".
_UNITS = {"nok": "cur:nok", "kr": "cur:nok", "kroner": "cur:nok", "krone": "cur:nok", "million": "scale:6",
          "millions": "scale:6", "mill": "scale:6", "millioner": "scale:6", "million-": "scale:6",
          "billion": "scale:9", "billions": "scale:9", "milliard": "scale:9", "milliarder": "scale:9", "mrd": "scale:9"}
# Capitalised words that are not facts (English capitalises these; "I" is a pronoun).
_NOT_NAMES = {"i", "the", "a", "an", "it", "this", "that", "these", "those", "there", "they", "we", "you", "he",
              "she", "in", "on", "at", "for", "and", "but", "or", "if", "as", "by", "of", "to", "with", "from",
              "english", "norwegian", "en", "den", "det", "de", "dette", "disse", "og", "men", "som", "på", "til"}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"»”)\]]+", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w.,])(?:\+47[\s-]?)?\d{2,3}(?:[\s-]?\d{2,3}){2,3}(?![\w]|[.,]\d)")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\b")
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0.]\d{3})+(?!\d)|\d+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_MARKER = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")


def normalise(text: str) -> str:
    """Lower case, NFKC, straight quotes, plain hyphens and single spaces: the form quotes are matched in."""
    return _normalise_with_offsets(text)[0]


def _normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the offset of the source character it came from."""
    out: list[str] = []
    offsets: list[int] = []
    space = True
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).lower():
            c = "-" if c in _DASHES else _QUOTES.get(c, c)
            if c.isspace():
                if space:
                    continue
                c = " "
            space = c == " "
            out.append(c)
            offsets.append(i)
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


def locate(quote: str, source: str) -> str | None:
    """The exact text of ``source`` that ``quote`` reproduces (normalised match), or None."""
    wanted = normalise(unicodedata.normalize("NFKC", quote)).strip(_TRIM)
    if len(wanted.split()) < MIN_QUOTE_WORDS:
        return None
    haystack, offsets = _normalise_with_offsets(source)
    at = haystack.find(wanted)
    if at < 0:
        return None
    return source[offsets[at] : offsets[at + len(wanted) - 1] + 1]


def strip_markers(text: str) -> str:
    """A model's sentence without any ``[n]`` markers of its own (we add verified ones)."""
    return " ".join(_MARKER.sub("", text).split())


def hard_facts(text: str) -> set[str]:
    """Canonical facts of ``text``: ``num:``, ``month:``, ``day:``, ``email:``, ``url:``, ``name:`` tokens."""
    facts: set[str] = set()
    text = unicodedata.normalize("NFKC", text)
    for pattern, kind in ((_EMAIL, "email"), (_URL, "url")):
        for match in pattern.findall(text):
            facts.add(f"{kind}:{match.lower().rstrip('.,;:/').removeprefix('https://').removeprefix('http://')}")
        text = pattern.sub(" ", text)
    for match in _NUMERIC_DATE.finditer(text):
        facts |= {f"num:{int(match[1])}", f"month:{int(match[2])}", f"num:{int(match[3])}"}
    text = _NUMERIC_DATE.sub(" ", text)
    for match in _PHONE.findall(text):
        digits = re.sub(r"\D", "", match).removeprefix("47") if match.startswith("+") else re.sub(r"\D", "", match)
        if len(digits) == 8:
            facts.add(f"num:{digits}")
            text = text.replace(match, " ")
    facts |= {f"num:{int(re.sub(r'[^0-9]', '', m))}" for m in _NUMBER.findall(text)}
    facts |= _word_facts(text)
    return facts


def _word_facts(text: str) -> set[str]:
    facts: set[str] = set()
    sentence_start = True
    for match in _WORD.finditer(text):
        word = match.group(0)
        lower = word.lower().strip("'’-")
        if lower in _MONTHS:
            facts.add(f"month:{_MONTHS[lower]}")
        elif lower in _WEEKDAYS:
            facts.add(f"day:{_WEEKDAYS[lower]}")
        elif lower in _UNITS:
            facts.add(_UNITS[lower])
        elif lower in _NUMBER_WORDS:
            facts.add(f"num:{_NUMBER_WORDS[lower]}")
        elif word[0].isupper() and not sentence_start and lower not in _NOT_NAMES:
            facts.add(f"name:{lower}")
        before = text[match.end() : match.end() + 2]
        sentence_start = bool(re.match(r"[.!?:]\s|[.!?:]$", before))
    return facts


def supported(fact: str, quote_facts: set[str], quote_words: set[str]) -> bool:
    """A fact is supported when the quotes hold it; a name may be inflected there (Husbankens, Lørenskogs)."""
    if fact in quote_facts:
        return True
    if not fact.startswith("name:"):
        return False
    name = fact[5:]
    stem = name[: max(4, len(name) - 2)]
    return any(w.startswith(stem) and abs(len(w) - len(name)) <= 3 for w in quote_words)


@dataclass
class Claim:
    """One sentence as the model wrote it, with its ``(n, quote)`` citations."""

    text: str
    citations: list[tuple[int, str]]


@dataclass
class Verdict:
    """The outcome for one sentence: the text to show and the exact quotes, or why it was dropped."""

    text: str
    quotes: list[tuple[Chunk, str]] = field(default_factory=list)
    reason: str | None = None
    similarity: float | None = None

    @property
    def ok(self) -> bool:
        return self.reason is None


class Verifier:
    """Checks claims against the numbered sources of one prompt."""

    def __init__(self, embeddings: Embeddings, min_similarity: float) -> None:
        self._embeddings = embeddings
        self._min_similarity = min_similarity

    def check(self, claim: Claim, sources: dict[int, Chunk]) -> Verdict:
        text = strip_markers(claim.text)
        verdict = Verdict(text)
        if len(text.split()) < 2:
            verdict.reason = "empty"
        elif not claim.citations:
            verdict.reason = "no_citation"
        else:
            verdict.reason = self._check_quotes(claim, sources, verdict) or self._check_facts(verdict)
        if verdict.ok:
            verdict.similarity = self.similarity(text, " ".join(q for _, q in verdict.quotes))
            if verdict.similarity < self._min_similarity:
                verdict.reason = "meaning"
        return verdict

    def _check_quotes(self, claim: Claim, sources: dict[int, Chunk], verdict: Verdict) -> str | None:
        for n, quote in claim.citations:
            if n not in sources:
                return "unknown_source"
            exact = locate(quote, sources[n].text)
            if exact is None:
                return "quote_not_found"
            if all(exact != q or c.chunk_id != sources[n].chunk_id for c, q in verdict.quotes):
                verdict.quotes.append((sources[n], exact))
        return None

    @staticmethod
    def _check_facts(verdict: Verdict) -> str | None:
        quotes = " ".join(q for _, q in verdict.quotes)
        quote_facts = hard_facts(quotes)
        quote_words = {w.lower() for w in _WORD.findall(quotes)}
        missing = sorted(f for f in hard_facts(verdict.text) if not supported(f, quote_facts, quote_words))
        return f"unsupported_fact:{missing[0]}" if missing else None

    def similarity(self, sentence: str, quotes: str) -> float:
        """Cosine similarity of the two texts' embeddings (e5 in production: cross-lingual)."""
        a = np.asarray(self._embeddings.embed_query(sentence), dtype=np.float32)
        b = np.asarray(self._embeddings.embed_query(quotes), dtype=np.float32)
        return float(a @ b / ((np.linalg.norm(a) * np.linalg.norm(b)) or 1.0))
