"""Reading a question's words against the corpus vocabulary: "dialogkonferansn" → "dialogkonferansen".

A word is left alone when the corpus knows it, when it is an ordinary Norwegian or English word
(``wordfreq``'s frequency lists: Zipf ≥ 2, i.e. seen about once in ten million words — rare
misspellings fall below that), a stop word, a number or short. Otherwise SymSpell
(``symspellpy``) looks for the corpus word within one edit (two for long words), and failing
that RapidFuzz finds the closest common English word ("procurment" → "procurement"), which the
multilingual embedding then reads.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Set
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA
from symspellpy import SymSpell, Verbosity
from wordfreq import top_n_list, zipf_frequency

from assistant.text import words

_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_MIN_LENGTH = 5
_COMMON = 2.0  # Zipf frequency from which a word counts as an ordinary word of the language
MAX_LOOKUPS = 24  # words of one question looked up at most; an ordinary question has far fewer


@dataclass
class Reading:
    """The question as read: its text with corrections applied, and what was corrected."""

    text: str
    corrections: list[tuple[str, str]] = field(default_factory=list)

    @property
    def corrected(self) -> bool:
        return bool(self.corrections)


class Speller:
    """Corrections towards one corpus's vocabulary (built once per snapshot)."""

    def __init__(self, texts: list[str], stopwords: Set[str]) -> None:
        counts = Counter(w for text in texts for w in words(text) if w.isalpha())
        self._known = set(counts)
        self._stopwords = stopwords
        self._symspell = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        for word, count in counts.items():
            if len(word) >= _MIN_LENGTH - 1:
                self._symspell.create_dictionary_entry(word, count)

    def read(self, question: str) -> Reading:
        """The question with each unknown word replaced by its closest corpus word, if there is one."""
        corrections: list[tuple[str, str]] = []
        looked_up = 0

        def fix(match: re.Match[str]) -> str:
            nonlocal looked_up
            word = match.group(0)
            if looked_up >= MAX_LOOKUPS:  # bounded work per question (issue 11): a lookup costs up to ~7 ms
                return word
            looked_up += len(word) >= _MIN_LENGTH
            better = self._closest(word.lower())
            if better is None:
                return word
            corrections.append((word, better))
            return better

        text = _TOKEN.sub(fix, question)
        return Reading(text, corrections)

    def _closest(self, word: str) -> str | None:
        if len(word) < _MIN_LENGTH or word in self._known or word in self._stopwords or _ordinary(word):
            return None
        distance = 1 if len(word) <= 7 else 2
        found = self._symspell.lookup(word, Verbosity.CLOSEST, max_edit_distance=distance, transfer_casing=False)
        candidates = [s.term for s in found if s.term[0] == word[0] and s.term not in self._stopwords]
        return candidates[0] if candidates else _closest_english(word, distance)


def _ordinary(word: str) -> bool:
    return zipf_frequency(word, "nb") >= _COMMON or zipf_frequency(word, "en") >= _COMMON


def _closest_english(word: str, distance: int) -> str | None:
    """The most frequent common English word within ``distance`` edits (a swap of two neighbouring letters is
    one: "buidling" is "building", not "bundling"), with the same first letter."""
    choices = [w for w in english_words() if w[0] == word[0] and abs(len(w) - len(word)) <= distance]
    best = process.extractOne(word, choices, scorer=OSA.distance, score_cutoff=distance)
    return best[0] if best else None


@lru_cache(maxsize=1)
def english_words() -> tuple[str, ...]:
    """The 50,000 most frequent English words, most frequent first."""
    return tuple(w for w in top_n_list("en", 50_000) if w.isalpha() and len(w) >= _MIN_LENGTH - 1)
