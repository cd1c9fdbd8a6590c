"""The in-memory side of retrieval: BM25 over stemmed chunk text, and sentence vectors.

A snapshot is built per scope from the store, so the public snapshot never holds internal
text at all, and rebuilt when the store's revision changes (another worker re-indexed).
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
from collections import Counter
from collections.abc import Callable
from functools import cached_property

import bm25s
import numpy as np
import Stemmer

from assistant.models import Chunk, Scope
from assistant.spelling import Speller
from assistant.store import ChunkStore
from assistant.text import STOPWORDS, words

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at debug level
_stemmer = Stemmer.Stemmer("norwegian")
_stem_lock = threading.Lock()


def sentence_key(sentence: str) -> str:
    """A sentence as models learned on it know it: lower case, one space between words, no end stop."""
    return " ".join(sentence.lower().split()).rstrip(".")


def terms(text: str) -> list[str]:
    """Stemmed content words: what BM25 and word overlap compare."""
    kept = [w for w in words(text) if w not in STOPWORDS]
    with _stem_lock:  # PyStemmer objects are not thread-safe
        return _stemmer.stemWords(kept)


class Snapshot:
    """Everything retrieval and answering need in memory for one scope."""

    def __init__(self, chunks: list[Chunk], sentence_rows, revision: int) -> None:
        self.revision = revision
        self.chunks = chunks
        self.by_id = {c.chunk_id: i for i, c in enumerate(chunks)}
        tokenized = [terms(c.context_text()) for c in chunks]
        self._df = Counter(t for toks in tokenized for t in set(toks))
        self._bm25 = bm25s.BM25()
        if chunks:
            self._bm25.index([t or [""] for t in tokenized], show_progress=False)
        self.sentences: dict[str, list[tuple[int, int, int]]] = {}
        vectors: list[list[float]] = []
        for row in sentence_rows:
            if row.chunk_id in self.by_id:
                self.sentences.setdefault(row.chunk_id, []).append((row.start, row.end, len(vectors)))
                vectors.append(row.vector)
        for spans in self.sentences.values():
            spans.sort()
        self.vectors = np.asarray(vectors, dtype=np.float32) if vectors else np.zeros((0, 1), np.float32)
        self._speller: Speller | None = None
        self._families: dict[str, frozenset[str]] = {}
        self._family_index: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None

    @cached_property
    def fingerprint(self) -> str:
        """What the scope's documents say, as one short hash of its chunk texts (in no particular order):
        a model learned for one corpus (the intent model's prior) is not applied to another."""
        digest = hashlib.sha256()
        for text in sorted(c.text for c in self.chunks):
            digest.update(text.encode("utf-8") + b"\0")
        return digest.hexdigest()[:16]

    @cached_property
    def sentence_chunks(self) -> dict[str, Chunk]:
        """Each sentence (by :func:`sentence_key`) and the chunk it is in: where a remembered answer is."""
        return {sentence_key(chunk.text[s:e]): chunk for chunk in self.chunks
                for s, e, _ in self.sentences.get(chunk.chunk_id, [])}

    def median_similarity(self, query: np.ndarray, sample: int = 5000) -> float:
        """Median similarity of the query to the scope's sentences (an evenly spaced sample if many)."""
        if not len(self.vectors) or self.vectors.shape[1] != query.shape[0]:
            return 0.0
        step = max(1, len(self.vectors) // sample)
        return float(np.median(self.vectors[::step] @ query))

    def knows(self, term: str) -> bool:
        """Whether any chunk of the scope holds the (stemmed) term."""
        return term in self._df

    def family(self, term: str) -> frozenset[str]:
        """The term and the corpus's terms of the same word family, which the stemmer keeps apart:
        stems that share a prefix of at least five letters and two thirds of the shorter one
        ("arranger"/"arrangør"), an inflection ending ("partner"/"partnern"), compounds ending in
        the term or in a corpus term ("union"/"sovjetunion", "konferans"/"dialogkonferans"), and
        compounds that start with it ("leverandør"/"leverandørutvikling").

        Looked up in indexes by the first five letters and by endings, so a question of made-up
        words costs a few dictionary lookups a word, not a pass over the vocabulary."""
        found = self._families.get(term)
        if found is None:
            found = frozenset([term, *(t for t in self._family_candidates(term)
                                       if _same_family(term, t) or self._compound(term, t))])
            if len(self._families) >= 20_000:
                self._families.clear()  # bounded: junk words cannot grow it without end
            self._families[term] = found
        return found

    def _compound(self, a: str, b: str) -> bool:
        """One is the first part of a compound the other is, the rest a word of the corpus too:
        "leverandør"/"leverandørutvikling" (not "kommun"/"kommunikasjon": "ikasjon" is no word)."""
        short, long = sorted((a, b), key=len)
        if len(short) < 5 or not long.startswith(short) or len(long) - len(short) < 4:
            return False
        rest = long[len(short) :]
        # The rest, after a linking s or e ("helsetjenest"), is a corpus stem or an inflection of one
        # ("utvikling" of "utvikl").
        return any(r[:n] in self._df for r in (rest, rest[1:]) for n in range(max(4, len(r) - 3), len(r) + 1))

    def _family_candidates(self, term: str) -> list[str]:
        index = self._family_index
        if index is None:  # built on first use; two threads building at once only waste a little time
            by_prefix: dict[str, list[str]] = {}
            by_ending: dict[str, list[str]] = {}
            for t in self._df:
                if len(t) >= 5:
                    by_prefix.setdefault(t[:5], []).append(t)
                    for i in range(1, len(t) - 4):
                        by_ending.setdefault(t[i:], []).append(t)
            index = self._family_index = (by_prefix, by_ending)
        by_prefix, by_ending = index
        endings = [term[i:] for i in range(1, len(term) - 4) if term[i:] in self._df]
        return [*by_prefix.get(term[:5], ()), *by_ending.get(term, ()), *endings]

    @property
    def speller(self) -> Speller:
        """Spelling corrections towards this scope's vocabulary (built on first use)."""
        if self._speller is None:
            self._speller = Speller([c.context_text() for c in self.chunks], STOPWORDS)
        return self._speller

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency over chunks (unknown terms weigh most)."""
        n = len(self.chunks)
        return math.log(1 + (n + 1) / (self._df.get(term, 0) + 0.5))

    def lexical_search(self, query_terms: list[str], k: int) -> list[tuple[int, float]]:
        """Chunk positions and BM25 scores, best first; only chunks that share a term."""
        known = [t for t in query_terms if t in self._df]
        if not known or not self.chunks:
            return []
        k = min(k, len(self.chunks))
        ids, scores = self._bm25.retrieve([known], k=k, show_progress=False, n_threads=1)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=False) if s > 0]


def _same_family(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    if len(short) < 5:
        return False
    if long.endswith(short):  # the head of a compound: "unionen" in "Sovjetunionen"
        return True
    if long.startswith(short):  # an inflection, not a longer word ("kommun"/"kommunikasjon")
        return len(long) - len(short) <= 3
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(short))
    return common >= 5 and common * 3 >= len(short) * 2


class SnapshotCache:
    """Keeps one snapshot per scope and rebuilds it when the store's revision moves on."""

    def __init__(self, store: ChunkStore, check_every: float = 2.0, clock: Callable[[], float] | None = None) -> None:
        import time

        self._store = store
        self._clock = clock or time.monotonic
        self._check_every = check_every
        self._snapshots: dict[str, Snapshot] = {}
        self._checked: dict[str, float] = {}
        self._lock = threading.Lock()

    def get(self, scope: Scope) -> Snapshot:
        now = self._clock()
        snap = self._snapshots.get(scope.key)
        if snap is not None and now - self._checked.get(scope.key, 0) < self._check_every:
            return snap
        with self._lock:
            revision = self._store.revision()
            snap = self._snapshots.get(scope.key)
            if snap is None or snap.revision != revision:
                snap = Snapshot(self._store.chunks(scope), self._store.sentences(scope), revision)
                self._snapshots[scope.key] = snap
            self._checked[scope.key] = now
            return snap

    def invalidate(self) -> None:
        with self._lock:
            self._snapshots.clear()
