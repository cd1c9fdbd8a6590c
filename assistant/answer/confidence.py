"""Whether the evidence is good enough to answer: one small logistic model, fitted on training folds.

The signals are the ones retrieval and sentence ranking already produce: how far the best
sentence stands out from the corpus's median sentence (e5, cross-lingual), how much of the
question's weighted vocabulary it and its context hold, how much of the question the corpus
knows at all, whether dense and BM25 search agree on the best chunk, and whether the sentence
holds the kind of fact asked for, whether a "how many" answer counts what was asked for, and
whether a number the question names (stage 2) is missing from it. Language enters as a feature, not as a second hand-set
threshold. ``assistant calibrate`` fits the weights on folds of the dev set and reports the
held-out folds; the fitted weights live in ``confidence.json`` beside this file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

FEATURES = ("margin", "coverage", "known", "en", "en_margin", "kind", "agree", "fused", "counted", "number_missing")
_WEIGHTS = Path(__file__).with_name("confidence.json")


@dataclass(frozen=True)
class ConfidenceModel:
    """Standardised features → probability that the best sentence answers the question."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float = 0.5

    def probability(self, features: dict[str, float]) -> float:
        x = (np.array([features[name] for name in FEATURES]) - np.array(self.mean)) / np.array(self.scale)
        return float(1 / (1 + np.exp(-(x @ np.array(self.weights) + self.bias))))

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "mean": list(self.mean), "scale": list(self.scale),
                "weights": list(self.weights), "bias": self.bias, "threshold": self.threshold}


def fit(rows: list[dict[str, float]], labels: list[int], l2: float = 1.0, threshold: float = 0.5) -> ConfidenceModel:
    """L2-regularised logistic regression by Newton's method (a few features, a few hundred rows)."""
    x = np.array([[row[name] for name in FEATURES] for row in rows], dtype=float)
    y = np.array(labels, dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.eye(z.shape[1]) * l2
    penalty[-1, -1] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1 / (1 + np.exp(-(z @ w)))
        gradient = z.T @ (p - y) + penalty @ w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return ConfidenceModel(tuple(mean), tuple(scale), tuple(w[:-1]), float(w[-1]), threshold)


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
