"""What a public question is after, read from its meaning rather than its words.

The equal-treatment and out-of-scope rules (:mod:`assistant.policy`, :mod:`assistant.topics`) catch
the wordings someone thought of; a supplier asking "Would the council rather do a ground lease or
sell the plot outright? Asking so we can tailor our offer." uses none of them. So each refusal
reason also has a small logistic model over the question's embedding — the vector retrieval
computed anyway, so it costs nothing per question. It is fitted on the dev sets' questions
(equal-treatment or out-of-scope against everything else, general-knowledge questions included)
by ``assistant calibrate``, which reports it on held-out folds; the weights live in
``intents.json`` beside this file, with the embedding model they belong to. Another embedding
model (a deployment's own, the fake one of the unit tests) gets no model: the rules alone apply.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

REASONS = ("equal_treatment", "out_of_scope")
_WEIGHTS = Path(__file__).with_name("intents.json")


@dataclass(frozen=True)
class IntentModel:
    """One logistic model per refusal reason over the (unit-length) question embedding."""

    embedding_model: str
    weights: dict[str, tuple[float, ...]]  # reason -> weights, bias last
    threshold: float

    def probabilities(self, vector: list[float]) -> dict[str, float]:
        x = np.append(np.asarray(vector, dtype=float), 1.0)
        return {reason: float(1 / (1 + np.exp(-(x @ np.asarray(w))))) for reason, w in self.weights.items()}

    def reason(self, vector: list[float]) -> str | None:
        """The refusal reason the question most likely calls for, if any passes the threshold."""
        reason, p = max(self.probabilities(vector).items(), key=lambda kv: kv[1])
        return reason if p >= self.threshold else None

    def to_json(self) -> dict:
        return {"embedding_model": self.embedding_model, "threshold": self.threshold,
                "weights": {r: [round(v, 6) for v in w] for r, w in self.weights.items()}}


def fit(vectors: list[list[float]], reasons: list[str | None], embedding_model: str, l2: float = 0.001,
        threshold: float = 0.7) -> IntentModel:
    """One L2-regularised logistic regression per reason (Newton's method), that reason against the rest."""
    x = np.hstack([np.asarray(vectors, dtype=float), np.ones((len(vectors), 1))])
    penalty = np.eye(x.shape[1]) * l2
    penalty[-1, -1] = 0.0  # the bias is not shrunk
    weights = {}
    for reason in REASONS:
        y = np.array([float(r == reason) for r in reasons])
        w = np.zeros(x.shape[1])
        for _ in range(30):
            p = 1 / (1 + np.exp(-(x @ w)))
            step = np.linalg.solve((x * (p * (1 - p))[:, None]).T @ x + penalty, x.T @ (p - y) + penalty @ w)
            w -= step
            if np.abs(step).max() < 1e-7:
                break
        weights[reason] = tuple(float(v) for v in w)
    return IntentModel(embedding_model, weights, threshold)


def save(model: IntentModel, path: Path = _WEIGHTS) -> None:
    path.write_text(json.dumps(model.to_json()) + "\n", encoding="utf-8")


@lru_cache(maxsize=4)
def shipped_intents(embedding_model: str) -> IntentModel | None:
    """The fitted model, or None when there is none for this embedding model."""
    if not _WEIGHTS.exists():
        return None
    data = json.loads(_WEIGHTS.read_text(encoding="utf-8"))
    if data["embedding_model"] != embedding_model:
        return None
    return IntentModel(data["embedding_model"], {r: tuple(w) for r, w in data["weights"].items()}, data["threshold"])
