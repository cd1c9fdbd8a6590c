"""Answers remembered: which published sentences answered questions like this one.

Sentence ranking reads a question's meaning and words; a paraphrase that shares neither with its
answer ("Which parts of town …?" for "Kommunen vil særlig plassere boligene på Skårersletta …")
loses to a sentence that shares both and says something else. The dev sets hold many such
questions with the facts a right answer contains, so the sentences that hold those facts are
known for each. The memory keeps, per labelled question, its embedding (the retrieval query's,
computed anyway), the kind of fact it asks for (:func:`assistant.cues.wanted_kind`) and those
sentences; a new question close to remembered ones that ask for the same kind of fact lends
their sentences ``support``: 0 below ``low`` similarity, 1 at ``high`` and above. (e5 puts
"When was the conference?" and "What was it for?" close together: the kind keeps them apart.) Ranking adds it to a
sentence's score and the confidence model reads the best sentence's support as a feature.

It also remembers which procurement questions the documents do not answer ("Hvem var arkitekt?").
``unlike`` — how much closer the question is to the nearest of those than to the nearest answered
one — is another feature: the intent model's prior draws one straight line through the question
space, the nearest neighbours follow its folds.

Like the intent model's prior, it is learned for one corpus: stored with the fingerprint of the
public documents and the embedding model, applied to nothing else (refit with ``make calibrate``
when the documents change). ``assistant calibrate`` builds it from the training folds only, so
its held-out figures measure questions the memory never saw.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from assistant.errors import ConfigurationError
from assistant.index import Snapshot, sentence_key

_STORE = Path(__file__).with_name("memory.npz")
PER_FACT = 1  # sentences remembered per fact: the one closest in meaning to the question
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AnswerMemory:
    embedding_model: str
    corpus: str  # the fingerprint of the public documents the sentences come from
    vectors: np.ndarray  # one unit vector per remembered question (its retrieval query)
    answers: tuple[tuple[str, ...], ...]  # per question the keys of the sentences that answer it
    kinds: tuple[str, ...]  # per question the kind of fact it asks for ("": none in particular)
    judged: tuple[int, ...] = ()  # per question 1: answered, 0: the documents do not answer it, -1: neither
    low: float = 0.86
    high: float = 0.96
    neighbours: int = 10

    def support(self, vector: list[float] | np.ndarray, corpus: str, kind: str = "") -> dict[str, float] | None:
        """Per sentence key, how close the closest remembered question asking for the same ``kind`` of
        fact that it answered is (0..1); None for another corpus than the memory was learned on."""
        if corpus != self.corpus:
            return None
        sims = self.vectors @ np.asarray(vector, dtype=np.float32)
        out: dict[str, float] = {}
        for i in np.argsort(-sims)[: self.neighbours]:
            closeness = (float(sims[i]) - self.low) / (self.high - self.low)
            if closeness <= 0:
                break
            if self.kinds[i] != kind:
                continue
            for k in self.answers[i]:
                out[k] = max(out.get(k, 0.0), min(closeness, 1.0))
        return out

    def unlike(self, vector: list[float] | np.ndarray, corpus: str, kind: str = "") -> float | None:
        """The similarity to the closest remembered question asking for the same ``kind`` of fact that the
        documents do not answer, less that to the closest such answered one ("How many departments does
        the kindergarten have?" is not unanswered for being close to "What is the kindergarten's name?");
        None for another corpus, or when the memory lacks either."""
        same = self._kind_array == kind
        unanswered, answered = same & (self._judged_array == 0), same & (self._judged_array == 1)
        if corpus != self.corpus or not unanswered.any() or not answered.any():
            return None
        sims = self.vectors @ np.asarray(vector, dtype=np.float32)
        return float(sims[unanswered].max() - sims[answered].max())

    @cached_property
    def _kind_array(self) -> np.ndarray:
        """The kinds as one array, built once: every public question compares against it."""
        return np.asarray(self.kinds)

    @cached_property
    def _judged_array(self) -> np.ndarray:
        return np.asarray(self.judged, dtype=int)


def learn(labelled: list[tuple[list[float], list[str], str, int]], snapshot: Snapshot, embedding_model: str,
          low: float = 0.86, high: float = 0.96) -> AnswerMemory:
    """A memory of ``labelled`` questions: each its vector, the facts a right answer holds (none: not
    answerable, remembered with no sentence), the kind of fact it asks for and whether the documents
    answer it (1), do not (0) or it is neither (-1: a greeting, an attempt at the internal input).
    A fact's sentences are the public sentences that hold it, the ``PER_FACT`` closest to the
    question in meaning ("Husbanken" is in many)."""
    folded = [(" ".join(chunk.text[s:e].lower().split()), sentence_key(chunk.text[s:e]), i)
              for chunk in snapshot.chunks for s, e, i in snapshot.sentences.get(chunk.chunk_id, [])]
    vectors, answers, kinds, judged = [], [], [], []
    for vector, facts, kind, answered in labelled:
        query = np.asarray(vector, dtype=np.float32)
        chosen: dict[str, None] = {}
        for fact in facts:
            needle = " ".join(fact.lower().split())
            holding = [(float(snapshot.vectors[i] @ query), k) for text, k, i in folded if needle in text]
            for _, k in sorted(holding, reverse=True)[:PER_FACT]:
                chosen[k] = None
        vectors.append(query)
        answers.append(tuple(chosen))
        kinds.append(kind)
        judged.append(answered)
    matrix = np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1)
    return AnswerMemory(embedding_model, snapshot.fingerprint, matrix, tuple(answers), tuple(kinds), tuple(judged),
                        low, high)


def save(memory: AnswerMemory, path: Path = _STORE) -> None:
    meta = {"embedding_model": memory.embedding_model, "corpus": memory.corpus, "low": memory.low,
            "high": memory.high, "neighbours": memory.neighbours, "answers": [list(a) for a in memory.answers],
            "kinds": list(memory.kinds), "judged": list(memory.judged)}
    with path.open("wb") as out:
        np.savez_compressed(out, vectors=memory.vectors.astype(np.float16), meta=np.array(json.dumps(meta)))


@lru_cache(maxsize=4)
def shipped_memory(embedding_model: str, path: Path = _STORE) -> AnswerMemory | None:
    """The memory fitted on the dev sets, or None when there is none for this embedding model."""
    if not path.exists():
        log.warning("no answer memory", extra={"event": "answer_memory_missing"})
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            vectors = data["vectors"].astype(np.float32)
        if meta["embedding_model"] != embedding_model:
            return None
        answers = tuple(tuple(str(k) for k in a) for a in meta["answers"])
        kinds = tuple(str(k) for k in meta["kinds"])
        judged = tuple(int(j) for j in meta.get("judged", [-1] * len(answers)))  # older files: no judgements
        if not len(answers) == len(kinds) == len(judged) == len(vectors):
            raise ValueError(f"{len(vectors)} vectors, {len(answers)} answer lists, {len(kinds)} kinds, "
                             f"{len(judged)} judgements")
        return AnswerMemory(meta["embedding_model"], meta["corpus"], vectors, answers, kinds, judged,
                            float(meta["low"]), float(meta["high"]), int(meta["neighbours"]))
    except (ValueError, KeyError, TypeError, OSError) as err:
        raise ConfigurationError(f"{path} is not an answer memory ({err}); run `make calibrate`") from err
