"""What a public question is after, read from its meaning rather than its words.

The equal-treatment and out-of-scope rules (:mod:`assistant.policy`, :mod:`assistant.topics`) catch
the wordings someone thought of; a supplier asking "Would the council rather do a ground lease or
sell the plot outright? Asking so we can tailor our offer." uses none of them. So each refusal
reason also has a small logistic model over the question's embedding — the vector retrieval
computed anyway, so it costs two dot products. A third model, ``unanswered``, gives the
confidence model a prior: how much the question looks like on-topic questions these documents
do not answer ("Hvem var arkitekt?", "What did stage 1 cost?"); it is one feature among the
evidence, not a refusal, and it is learned for this corpus: it is stored with the fingerprint of
the public documents it was fitted on and applies only to those (refit when the documents change).

All three are fitted on the dev sets' questions, with general-knowledge questions as ordinary
examples, by ``assistant calibrate``, which reports them on held-out folds; the weights live in
``intents.json`` beside this file, with the embedding model they belong to. Another embedding
model (a deployment's own, the fake one of the unit tests) gets no model: the rules alone apply.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from assistant.answer.confidence import logistic, sigmoid
from assistant.errors import ConfigurationError

REASONS = ("equal_treatment", "out_of_scope")  # refusal reasons the model may give
PRIOR = "unanswered"  # a feature for the confidence model, never a refusal by itself
_WEIGHTS = Path(__file__).with_name("intents.json")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IntentModel:
    """One logistic model per refusal reason (and the prior) over the (unit-length) question embedding."""

    embedding_model: str
    weights: dict[str, tuple[float, ...]]  # reason or PRIOR -> weights, bias last
    threshold: float
    corpus: str = ""  # the fingerprint of the public documents the prior was learned on ("": any)

    @cached_property
    def _matrix(self) -> np.ndarray:
        """The weights as one matrix (a row per name), built once: every public question is read by it."""
        return np.array(list(self.weights.values()), dtype=float)

    def probabilities(self, vector: list[float]) -> dict[str, float]:
        """Each model's probability for this question."""
        scores = sigmoid(self._matrix @ np.append(np.asarray(vector, dtype=float), 1.0))
        return dict(zip(self.weights, (float(p) for p in scores), strict=True))

    def reason(self, vector: list[float]) -> str | None:
        """The refusal reason the question most likely calls for, if any passes the threshold."""
        found = {r: p for r, p in self.probabilities(vector).items() if r in REASONS}
        reason = max(found, key=found.__getitem__, default=None)
        return reason if reason is not None and found[reason] >= self.threshold else None

    def unanswered(self, vector: list[float], corpus: str | None = None) -> float | None:
        """How much the question looks like one these documents do not answer; None when there is no
        such model or ``corpus`` (a snapshot's fingerprint) is not the corpus it was learned on."""
        if self.corpus and corpus is not None and corpus != self.corpus:
            return None
        return self.probabilities(vector).get(PRIOR)

    def to_json(self) -> dict:
        return {"embedding_model": self.embedding_model, "threshold": self.threshold, "corpus": self.corpus,
                "weights": {r: [round(v, 6) for v in w] for r, w in self.weights.items()}}


def fit(examples: dict[str, tuple[list[list[float]], list[bool]]], embedding_model: str, l2: float = 0.001,
        threshold: float = 0.7) -> IntentModel:
    """One L2-regularised logistic regression per name (a reason or PRIOR) from its own examples.

    The embeddings are unit vectors with small coordinates, so the penalty is far smaller than the
    confidence model's (whose features are standardised)."""
    weights = {}
    for name, (vectors, labels) in examples.items():
        x = np.hstack([np.asarray(vectors, dtype=float), np.ones((len(vectors), 1))])
        weights[name] = tuple(float(v) for v in logistic(x, np.asarray(labels, dtype=float), l2, iterations=30))
    return IntentModel(embedding_model, weights, threshold)


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
        model = IntentModel(data["embedding_model"], weights, float(data["threshold"]), str(data.get("corpus", "")))
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise ConfigurationError(f"{_WEIGHTS} is not a fitted intent model ({err}); run `make calibrate`") from err
    if not set(REASONS) <= set(weights) or len({len(w) for w in weights.values()}) != 1:
        raise ConfigurationError(f"{_WEIGHTS} lacks a model per reason, or its models differ in size; "
                                 "run `make calibrate`")
    return model
