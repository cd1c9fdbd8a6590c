"""Whether the evidence is good enough to answer: one small logistic model, fitted on training folds.

The signals are the ones retrieval and sentence ranking already produce: how far the best
sentence stands out from the corpus's median sentence (e5, cross-lingual), how much of the
question's weighted vocabulary it and its context hold, how much of the question the corpus
knows at all, whether dense and BM25 search agree on the best chunk, and whether the sentence
holds the kind of fact asked for, whether a "how many" answer counts what was asked for,
whether a number the question names (stage 2) is missing from it, and the intent model's prior
that the documents do not answer questions like it (:mod:`assistant.intent`; missing — another
embedding model, or other documents than it was learned on — it counts as average), and two from
the answer memory (:mod:`assistant.answer.memory`): the best sentence's support, and how much
closer the question is to remembered unanswered questions than to answered ones. Language
enters as a feature, not as a second hand-set threshold. ``assistant calibrate`` fits the
weights on folds of the dev set and reports the held-out folds; the fitted weights live in
``confidence.json`` beside this file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

FEATURES = ("margin", "coverage", "known", "en", "en_margin", "kind", "agree", "fused", "counted", "number_missing",
            "unanswered", "remembered", "unlike")
_WEIGHTS = Path(__file__).with_name("confidence.json")


@dataclass(frozen=True)
class ConfidenceModel:
    """Standardised features → probability that the best sentence answers the question."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float = 0.5

    def probability(self, features: dict[str, float | None]) -> float:
        """The probability that answering with the best sentence is right (a missing feature counts as average)."""
        values = [mean if features[name] is None else features[name]
                  for name, mean in zip(FEATURES, self.mean, strict=True)]
        x = (np.array(values, dtype=float) - np.array(self.mean)) / np.array(self.scale)
        return float(sigmoid(x @ np.array(self.weights) + self.bias))

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "mean": list(self.mean), "scale": list(self.scale),
                "weights": list(self.weights), "bias": self.bias, "threshold": self.threshold}


def fit(rows: list[dict[str, float | None]], labels: list[int], l2: float = 1.0,
        threshold: float = 0.5) -> ConfidenceModel:
    """Standardise the features, then one logistic regression (a few features, a few hundred rows).
    A missing feature counts as its column's average (0 when the whole column is missing)."""
    x = np.array([[np.nan if row[name] is None else row[name] for name in FEATURES] for row in rows], dtype=float)
    missing = np.isnan(x)
    mean = np.array([col[~gone].mean() if (~gone).any() else 0.0 for col, gone in zip(x.T, missing.T, strict=True)])
    x = np.where(missing, mean, x)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    w = logistic(np.hstack([(x - mean) / scale, np.ones((len(x), 1))]), np.array(labels, dtype=float), l2)
    return ConfidenceModel(tuple(mean), tuple(scale), tuple(w[:-1]), float(w[-1]), threshold)


def logistic(x: np.ndarray, y: np.ndarray, l2: float, iterations: int = 50) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method. ``x`` ends with a column of ones: the
    bias, which is not shrunk. Returns the weights, bias last."""
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[-1, -1] = 0.0
    for _ in range(iterations):
        p = sigmoid(x @ w)
        step = np.linalg.solve((x * (p * (1 - p))[:, None]).T @ x + penalty, x.T @ (p - y) + penalty @ w)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def sigmoid(z: np.ndarray | float) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(z, -60, 60)))


@lru_cache(maxsize=1)
def shipped_model() -> ConfidenceModel:
    """The model fitted on the dev set (see README: which figures are held-out)."""
    data = json.loads(_WEIGHTS.read_text(encoding="utf-8"))
    if data["features"] != list(FEATURES):
        raise ValueError(f"{_WEIGHTS} was fitted on other features; run `assistant calibrate --write`")
    return ConfidenceModel(tuple(data["mean"]), tuple(data["scale"]), tuple(data["weights"]), data["bias"],
                           data.get("threshold", 0.5))


def save(model: ConfidenceModel, path: Path = _WEIGHTS) -> None:
    path.write_text(json.dumps(model.to_json(), indent=2) + "\n", encoding="utf-8")
