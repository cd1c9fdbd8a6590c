"""What a public question is after, read from its meaning (and, for equal treatment, its words).

The equal-treatment and out-of-scope rules (:mod:`assistant.policy`, :mod:`assistant.topics`) catch
the wordings someone thought of; a supplier asking "Would the council rather do a ground lease or
sell the plot outright? Asking so we can tailor our offer." uses none of them. So each refusal
reason also has a small logistic model over the question's embedding — the vector retrieval
computed anyway, so it costs two dot products. A third model, ``unanswered``, gives the
confidence model a prior: how much the question looks like on-topic questions these documents
do not answer ("Hvem var arkitekt?", "What did stage 1 cost?"); it is one feature among the
evidence, not a refusal, and it is learned for this corpus: it is stored with the fingerprint of
the public documents it was fitted on and applies only to those (refit when the documents change).

Equal treatment also reads the wording: the question's words and word pairs, hashed into a fixed
number of buckets. Someone asking for an advantage says so in words that are about nothing in the
documents ("would it count in our favour", "just between us"), and the embedding, made to find
passages on the same subject, hears mostly the subject. Taught the same questions and tried on
each of ten equal-treatment writers left out (``scripts/equal_treatment_writers.py``), the
embedding alone caught 1,242 of their 1,690 questions but refused 56 of the dev sets' answerable ones
(held-out folds), 19 of 405 look-alikes and 18 of NorQuAD's 472; with the words, 1,356, 13, 9 and 1.

A reason refuses a question only when the model is sure (``threshold``, 0.7): under it the documents
may hold the answer. A question refused anyway, for lack of evidence, is refused for the reason the
model leans to (``leaning``, likelier than not), so that a supplier asking for an advantage hears why.

All three are fitted on the dev sets' questions, with general-knowledge questions as ordinary
examples and the equal-treatment sets' questions and look-alikes, by ``assistant calibrate``,
which reports them on held-out folds; the weights live in
``intents.json`` beside this file, with the embedding model they belong to. Another embedding
model (a deployment's own, the fake one of the unit tests) gets no model: the rules alone apply.
"""

from __future__ import annotations

import json
import logging
import math
import re
import zlib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from assistant.answer.confidence import logistic, sigmoid
from assistant.errors import ConfigurationError

REASONS = ("equal_treatment", "out_of_scope")  # refusal reasons the model may give
PRIOR = "unanswered"  # a feature for the confidence model, never a refusal by itself
WORDED = ("equal_treatment",)  # the models that read the wording as well as the meaning
BUCKETS = 1 << 15  # hashed words and word pairs; collisions cost little at this size
LEANING = 0.5  # refused anyway (no evidence): a reason at least this likely is the one the refusal gives
_WORD = re.compile(r"\w+")
_WEIGHTS = Path(__file__).with_name("intents.json")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IntentModel:
    """One logistic model per refusal reason (and the prior) over the (unit-length) question embedding."""

    embedding_model: str
    weights: dict[str, tuple[float, ...]]  # reason or PRIOR -> weights, bias last
    threshold: float
    corpus: str = ""  # the fingerprint of the public documents the prior was learned on ("": any)
    wording: dict[str, dict[int, float]] = field(default_factory=dict)  # name -> bucket -> weight (WORDED)

    @cached_property
    def _matrix(self) -> np.ndarray:
        """The weights as one matrix (a row per name), built once: every public question is read by it."""
        return np.array(list(self.weights.values()), dtype=float)

    def probabilities(self, vector: list[float], text: str = "") -> dict[str, float]:
        """Each model's probability for this question (``text``: its wording, for the models that read it)."""
        scores = self._matrix @ np.append(np.asarray(vector, dtype=float), 1.0)
        if text and self.wording:
            found = grams(text)
            for i, name in enumerate(self.weights):
                weights = self.wording.get(name, {})
                scores[i] += sum(weights.get(g, 0.0) for g in found) / math.sqrt(max(len(found), 1))
        return dict(zip(self.weights, (float(p) for p in sigmoid(scores)), strict=True))

    def reason(self, vector: list[float], text: str = "", threshold: float | None = None) -> str | None:
        """The refusal reason the question most likely calls for, if any passes the threshold: the
        model's own (sure enough to refuse an answer the documents may hold), or another one, such as
        ``LEANING`` (likelier than not: enough to say why a question that is refused anyway is)."""
        found = {r: p for r, p in self.probabilities(vector, text).items() if r in REASONS}
        reason = max(found, key=found.__getitem__, default=None)
        bar = self.threshold if threshold is None else threshold
        return reason if reason is not None and found[reason] >= bar else None

    def leaning(self, vector: list[float], text: str = "") -> str | None:
        """The reason a question refused anyway (no evidence) is refused for: one likelier than not."""
        return self.reason(vector, text, LEANING)

    def unanswered(self, vector: list[float], corpus: str | None = None) -> float | None:
        """How much the question looks like one these documents do not answer; None when there is no
        such model or ``corpus`` (a snapshot's fingerprint) is not the corpus it was learned on."""
        if self.corpus and corpus is not None and corpus != self.corpus:
            return None
        return self.probabilities(vector).get(PRIOR)

    def to_json(self) -> dict:
        return {"embedding_model": self.embedding_model, "threshold": self.threshold, "corpus": self.corpus,
                "weights": {r: [round(v, 6) for v in w] for r, w in self.weights.items()},
                "wording": {r: {str(g): round(v, 6) for g, v in sorted(w.items())} for r, w in self.wording.items()}}


def grams(text: str) -> list[int]:
    """The buckets of the text's words and word pairs (lower case; crc32, so the same in every process)."""
    words = _WORD.findall(text.lower())
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    return sorted({zlib.crc32(g.encode()) % BUCKETS for g in [*words, *pairs]})


def fit(examples: dict[str, tuple[list[list[float]], list[bool]]], embedding_model: str, l2: float = 0.001,
        threshold: float = 0.7, wordings: dict[str, list[str]] | None = None,
        wording_l2: float = 1 / 30) -> IntentModel:
    """One L2-regularised logistic regression per name (a reason or PRIOR) from its own examples.

    The embeddings are unit vectors with small coordinates, so the penalty is far smaller than the
    confidence model's (whose features are standardised). A name with ``wordings`` (the examples'
    texts, in order) reads their hashed words too, with the stronger ``wording_l2``: thousands of
    buckets against a few thousand questions would otherwise learn each question by heart."""
    weights, wording = {}, {}
    for name, (vectors, labels) in examples.items():
        texts = (wordings or {}).get(name)
        if texts is not None and len(set(labels)) == 2:
            weights[name], wording[name] = _fit_worded(vectors, texts, labels, wording_l2)
            continue
        x = np.hstack([np.asarray(vectors, dtype=float), np.ones((len(vectors), 1))])
        weights[name] = tuple(float(v) for v in logistic(x, np.asarray(labels, dtype=float), l2, iterations=30))
    return IntentModel(embedding_model, weights, threshold, wording=wording)


def _fit_worded(vectors: list[list[float]], texts: list[str], labels: list[bool],
                l2: float) -> tuple[tuple[float, ...], dict[int, float]]:
    """The embedding's weights (bias last) and the nonzero bucket weights of one model fitted on both.
    Newton's method would need a Hessian as wide as the buckets, so this is scikit-learn's L-BFGS."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    cells = [(i, g, 1 / math.sqrt(len(found)))
             for i, text in enumerate(texts) for found in [grams(text)] for g in found]
    rows, cols, values = zip(*cells, strict=True) if cells else ((), (), ())
    words = sparse.csr_matrix((values, (rows, cols)), shape=(len(texts), BUCKETS))
    x = sparse.hstack([sparse.csr_matrix(np.asarray(vectors, dtype=float)), words]).tocsr()
    fitted = LogisticRegression(C=1 / l2, max_iter=3000).fit(x, np.asarray(labels, dtype=bool))
    coef, dim = fitted.coef_[0], len(vectors[0])
    return (*(float(v) for v in coef[:dim]), float(fitted.intercept_[0])), \
        {g: float(v) for g, v in enumerate(coef[dim:]) if abs(v) > 1e-6}


def save(model: IntentModel, path: Path = _WEIGHTS) -> None:
    path.write_text(json.dumps(model.to_json()) + "\n", encoding="utf-8")


@lru_cache(maxsize=4)
def shipped_intents(embedding_model: str) -> IntentModel | None:
    """The fitted model, or None when there is none for this embedding model."""
    if not _WEIGHTS.exists():
        log.warning("no intent model; the rules alone apply", extra={"event": "intent_model_missing"})
        return None
    try:
        data = json.loads(_WEIGHTS.read_text(encoding="utf-8"))
        if data["embedding_model"] != embedding_model:
            return None
        weights = {r: tuple(float(v) for v in w) for r, w in data["weights"].items()}
        wording = {r: {int(g): float(v) for g, v in w.items()} for r, w in data.get("wording", {}).items()}
        model = IntentModel(data["embedding_model"], weights, float(data["threshold"]), str(data.get("corpus", "")),
                            wording)
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise ConfigurationError(f"{_WEIGHTS} is not a fitted intent model ({err}); run `make calibrate`") from err
    if not set(REASONS) <= set(weights) or len({len(w) for w in weights.values()}) != 1 \
            or not set(wording) <= set(weights) or any(not 0 <= g < BUCKETS for w in wording.values() for g in w):
        raise ConfigurationError(f"{_WEIGHTS} lacks a model per reason, or its models differ in size; "
                                 "run `make calibrate`")
    return model
