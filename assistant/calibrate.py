"""``assistant calibrate``: fit the answer-or-refuse model on folds of the dev set, report the others.

Every question goes once through the real pipeline (greeting and scope rules, spelling,
follow-ups, retrieval, sentence ranking) with refusal switched off, which gives the features
the confidence model reads and whether the answer would be right. Then k-fold: fit on k−1
folds, decide the held-out fold, and report the held-out figures; ``--write`` fits on all
folds and saves ``assistant/answer/confidence.json``. Like ``evaluate``, this composes ingest
and the core.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from assistant.answer.confidence import FEATURES, ConfidenceModel, fit, save
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.config import Settings
from assistant.evaluate import Question, citations_valid, corpus_texts, fold_of, holds_facts, load_jsonl
from assistant.models import Answer, Scope
from assistant.service import Assistant, retrieval_query, with_reading
from assistant.topics import topic_answer
from ingest.pipeline import ingest_paths

_ALWAYS = ConfidenceModel((0.0,) * len(FEATURES), (1.0,) * len(FEATURES), (0.0,) * len(FEATURES), 0.0, threshold=0.0)


@dataclass
class Row:
    question: Question
    fold: int
    features: dict[str, float] | None  # None: decided before the model (greeting, scope, equal treatment)
    forced: Answer  # the answer with refusal switched off (or the rule's refusal)
    right_if_answered: bool


def collect(assistant: Assistant, questions: list[Question], texts: dict[str, str], folds: int,
            progress: bool = True) -> list[Row]:
    """Run every question once with refusal off; keep features and whether answering would be right."""
    always = ExtractiveAnswerer(assistant.settings.answer, confidence=_ALWAYS)
    rows = []
    for q in tqdm(questions, desc="collect", unit="q", disable=not progress):
        fold = fold_of(q.qid, folds)
        topical = topic_answer(q.question)
        if topical is not None:
            rows.append(Row(q, fold, None, topical, False))
            continue
        reading = assistant.cache.get(Scope.public()).speller.read(q.question)
        query = retrieval_query(reading.text, q.history)
        found = assistant.search_engine.search(query, Scope.public())
        forced = with_reading(always.answer(reading.text, found, Scope.public(), context=query), reading)
        candidates = always.rank(found, reading.text)
        features = always.features(candidates, found, reading.text) if forced.answered else None
        rows.append(Row(q, fold, features, forced, forced.answered and _right(q, forced, texts)))
    return rows


def _right(q: Question, answer: Answer, texts: dict[str, str]) -> bool:
    return q.answerable and holds_facts(q, answer) and citations_valid(answer, texts)


def cross_validate(rows: list[Row], folds: int, l2: float = 1.0) -> dict:
    """Held-out figures: each fold decided by a model fitted on the other folds."""
    decided: list[tuple[Row, bool]] = []
    for k in range(folds):
        train = [r for r in rows if r.fold != k and r.features is not None]
        model = fit([r.features for r in train], [int(r.right_if_answered) for r in train], l2)  # type: ignore[misc]
        for r in rows:
            if r.fold == k:
                decided.append((r, r.features is not None and model.probability(r.features) >= model.threshold))
    return report(decided)


def report(decided: list[tuple[Row, bool]]) -> dict:
    """Right answers (answerable) and right refusals (unanswerable), by language; failures listed."""
    def right(r: Row, answers: bool) -> bool:
        return r.right_if_answered and answers if r.question.answerable else not answers

    out: dict = {}
    for name, keep in (("all", lambda r: True), ("nb", lambda r: r.question.lang == "nb"),
                       ("en", lambda r: r.question.lang == "en")):
        for label, answerable in (("answerable", True), ("unanswerable", False)):
            group = [(r, a) for r, a in decided if keep(r) and r.question.answerable is answerable]
            ok = sum(right(r, a) for r, a in group)
            out[f"{label}_{name}"] = f"{ok}/{len(group)} = {ok / max(len(group), 1):.3f}"
    out["false_refusals"] = sum(1 for r, a in decided if r.question.answerable and not a)
    out["wrong_answers"] = sum(1 for r, a in decided if r.question.answerable and a and not r.right_if_answered)
    out["false_answers"] = sum(1 for r, a in decided if not r.question.answerable and a)
    out["failures"] = [f"{r.question.qid} [{'answered' if a else 'refused'}]: {r.question.question}"
                       for r, a in decided if not right(r, a)]
    return out


def run(datasets: list[Path], settings: Settings, corpus: list[Path], folds: int = 5, write: bool = False,
        work_dir: Path | None = None, progress: bool = True, l2: float = 1.0) -> dict:
    owned = work_dir is None
    work = Path(tempfile.mkdtemp(prefix="assistant-calibrate-")) if work_dir is None else work_dir
    try:
        assistant = Assistant(settings.model_copy(update={"data_dir": work, "chroma_url": None}))
        ingest_paths(corpus, assistant.store, progress=progress)
        questions = [q for path in datasets for q in load_jsonl(path)]
        rows = collect(assistant, questions, corpus_texts(corpus), folds, progress)
        result = {"questions": len(rows), "folds": folds, "held_out": cross_validate(rows, folds, l2)}
        if write:
            trained = [r for r in rows if r.features is not None]
            model = fit([r.features for r in trained], [int(r.right_if_answered) for r in trained], l2)  # type: ignore[misc]
            save(model)
            result["written"] = model.to_json()
        return result
    finally:
        if owned:
            shutil.rmtree(work, ignore_errors=True)
