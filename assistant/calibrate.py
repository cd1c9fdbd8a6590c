"""``assistant calibrate``: fit the answer-or-refuse models on folds of the dev set, report the others.

Every question goes once through the real pipeline (greeting and scope rules, spelling,
follow-ups, retrieval, sentence ranking) with refusal switched off, which gives the features
the confidence model reads, the question's embedding the intent model reads, and whether the
answer would be right. Then k-fold: fit both on k−1 folds, decide the held-out fold, and report
the held-out figures. The confidence model's threshold is fitted too: the one at which the worse
of the two held-out rates (answerable answered right, unanswerable refused) is best, found by
inner folds of the k−1 (so the reported fold's questions never choose its threshold; the other folds'
features, like theirs for the models, come from answer memories that include it). ``--write`` fits
on all folds, with the threshold the k folds choose, and saves ``assistant/answer/confidence.json``,
``assistant/answer/memory.npz`` and ``assistant/intents.json``. The answer memory
(:mod:`assistant.answer.memory`) changes the answers themselves, so each fold's questions are
answered with a memory learned from the other folds. Questions outside the dev sets
(``--negatives``) teach the intent model only and are never reported: general-knowledge ones what an
ordinary question looks like, and labelled ones (a ``reason``) more ways of asking for what must be
refused, beside look-alikes that must not be. So do the questions of ``--intent-sets`` (in the dev
sets' format, follow-ups included): their refusal reasons, and their other questions as ordinary ones
(not for the prior). Like ``evaluate``, this composes ingest and the core.
"""

from __future__ import annotations

import json
import math
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from tqdm import tqdm

from assistant import intent
from assistant.answer import memory
from assistant.answer.confidence import FEATURES, ConfidenceModel, fit, save
from assistant.answer.extractive import ExtractiveAnswerer, with_context
from assistant.answer.memory import AnswerMemory
from assistant.config import Settings
from assistant.cues import wanted_kind
from assistant.embeddings import model_id
from assistant.evaluate import Question, citations_valid, corpus_texts, fold_of, holds_facts, load_jsonl
from assistant.index import Snapshot
from assistant.models import Answer, Scope
from assistant.service import Assistant, previous_answer, retrieval_query, standalone, with_reading
from assistant.topics import topic_answer
from ingest.pipeline import ingest_paths

_ALWAYS = ConfidenceModel((0.0,) * len(FEATURES), (1.0,) * len(FEATURES), (0.0,) * len(FEATURES), 0.0, threshold=0.0)


@dataclass
class Row:
    question: Question
    fold: int
    features: dict[str, float | None] | None  # None: decided before the model (greeting, scope, equal treatment)
    forced: Answer  # the answer with refusal switched off (or the rule's refusal)
    right_if_answered: bool
    vector: list[float]  # the retrieval query's embedding, which the intent model reads
    wording: str = ""  # the text the equal-treatment rules read, which the intent model reads too

    @property
    def intent(self) -> str | None:
        """The refusal reason the intent model should learn for this question (None: answer it)."""
        return self.question.reason if self.question.reason in intent.REASONS else None

    @property
    def teaches_intent(self) -> bool:
        """Attempts at the internal input are refused anyway; as "ordinary" questions they would
        teach the model that asking about suppliers is fine."""
        return self.question.category not in ("internal", "injection")

    @property
    def teaches_prior(self) -> bool:
        """Questions with evidence to weigh, on the procurement (off-topic ones are the retrieval
        signals' to refuse, and look like the general-knowledge questions that are answered elsewhere).
        Questions about the confidential input count: the public documents do not answer "Hva går
        leie-til-eie-trappen ut på?", word for word in six dev sets."""
        return self.features is not None and self.question.category not in ("injection", "off_topic")

    @property
    def unanswered(self) -> bool:
        """Whether the documents do not answer it (the prior's label)."""
        return not self.question.answerable and self.question.reason in (None, "no_evidence")


Decision = tuple[Row, bool, str | None]  # the row, answered or not, the refusal reason


def collect(assistant: Assistant, questions: list[Question], texts: dict[str, str], folds: int,
            progress: bool = True, memories: dict[int, AnswerMemory] | None = None) -> list[Row]:
    """Run every question once with refusal off; keep features and whether answering would be right.
    ``memories`` gives each fold the answer memory it may use (one learned without that fold)."""
    answerers = {k: ExtractiveAnswerer(assistant.settings.answer, confidence=_ALWAYS, memory=(memories or {}).get(k))
                 for k in range(folds)}
    rows = []
    for q in tqdm(questions, desc="collect", unit="q", disable=not progress):
        fold = fold_of(q.qid, folds)
        always = answerers[fold]
        reading = assistant.cache.get(Scope.public()).speller.read(q.question)
        query = retrieval_query(reading.text, q.history)
        topical = topic_answer(q.question)
        said, asked = previous_answer(reading.text, q.history), standalone(reading.text, q.history)
        if topical is not None:
            rows.append(Row(q, fold, None, topical, False, assistant.embeddings.embed_query(query),
                            with_context(asked, query)))
            continue
        found = assistant.search_engine.search(query, Scope.public())
        forced = with_reading(always.answer(asked, found, Scope.public(), context=query, said=said), reading)
        candidates = always.rank(found, asked, said)
        features = always.features(candidates, found, asked) if forced.answered else None
        rows.append(Row(q, fold, features, forced, forced.answered and _right(q, forced, texts), found.query_vector,
                        with_context(asked, query)))
    return rows


def remember(rows: list[Row], snapshot: Snapshot, embedding_model: str) -> AnswerMemory:
    """The answer memory of these rows' questions: each one's embedding, the facts a right answer holds
    and, for the questions with evidence to weigh (those the prior learns from), whether there is an answer."""
    return memory.learn([(r.vector, r.question.gold + r.question.gold_all if r.question.answerable else [],
                          wanted_kind(r.question.question) or "", _judged(r))
                         for r in rows], snapshot, embedding_model)


def _judged(r: Row) -> int:
    """1: answered, 0: the documents do not answer it, -1: neither, or no evidence to weigh."""
    if not r.teaches_prior or not (r.question.answerable or r.unanswered):
        return -1
    return int(r.question.answerable)


def _right(q: Question, answer: Answer, texts: dict[str, str]) -> bool:
    return q.answerable and holds_facts(q, answer) and citations_valid(answer, texts)


def fit_confidence(rows: list[Row], l2: float) -> ConfidenceModel:
    """The answer-or-refuse model, fitted on the rows that had a sentence to answer with."""
    trained = [r for r in rows if r.features is not None]
    return fit([r.features for r in trained], [int(r.right_if_answered) for r in trained], l2)  # type: ignore[misc]


Example = tuple[list[float], str, str | None, bool | None]  # a question outside the dev sets: its embedding,
# wording, refusal reason and, when judged, whether it is one the documents do not answer (the prior's label)


def fit_intents(rows: list[Row], negatives: list[Example], embedding_model: str,
                worded: tuple[str, ...] = intent.WORDED) -> intent.IntentModel:
    """The intent model: each reason against all other questions, and the unanswered prior. The extra
    questions (``negatives``) are examples for the prior when judged for it, and for each reason unless
    they are ones the documents do not answer: asking for a deadline is that, and equal treatment too.
    The ``worded`` reasons read the questions' words as well."""
    taught = [r for r in rows if r.teaches_intent]
    judged = [r for r in rows if r.teaches_prior]
    prior = [(v, unanswered) for v, _, _, unanswered in negatives if unanswered is not None]
    reasoned = [(v, text, why) for v, text, why, unanswered in negatives if not unanswered]
    examples = {reason: ([r.vector for r in taught] + [v for v, _, _ in reasoned],
                         [r.intent == reason for r in taught] + [why == reason for _, _, why in reasoned])
                for reason in intent.REASONS}
    examples[intent.PRIOR] = ([r.vector for r in judged] + [v for v, _ in prior],
                              [r.unanswered for r in judged] + [u for _, u in prior])
    texts = [r.wording for r in taught] + [text for _, text, _ in reasoned]
    return intent.fit(examples, embedding_model, wordings={name: texts for name in worded})


def with_prior(rows: list[Row], intents: intent.IntentModel) -> list[Row]:
    """The rows with the prior filled in from ``intents`` (copies; the rows are shared between folds)."""
    return [replace(r, features={**r.features, "unanswered": intents.unanswered(r.vector)}) if r.features else r
            for r in rows]


def stacked(train: list[Row], negatives: list[Example], embedding_model: str) -> list[Row]:
    """The training rows with the prior each gets from an intent model fitted without its own fold,
    so that the confidence model learns how far to trust the prior on questions it was not fitted on."""
    out: list[Row] = []
    for j in sorted({r.fold for r in train}):
        rest = [r for r in train if r.fold != j]
        if not rest:  # one fold: nothing to fit a prior on, so it counts as average
            out += [replace(r, features={**r.features, "unanswered": None}) if r.features else r for r in train]
            continue
        out += with_prior([r for r in train if r.fold == j], fit_intents(rest, negatives, embedding_model))
    return out


def cross_validate(rows: list[Row], folds: int, l2: float = 1.0, negatives: list[Example] | None = None,
                   embedding_model: str = "", fit_threshold: bool = True) -> dict:
    """Held-out figures: each fold decided by models fitted on the other folds (the intent model and
    its prior only when ``negatives`` are given), at the threshold those folds choose by their own
    inner folds (``fit_threshold`` and at least three folds; else 0.5). The fold's questions do not
    fit its models or choose its threshold; the other folds' features were collected with answer
    memories that include it (``run``), as for the models."""
    decided: list[Decision] = []
    thresholds: list[float] = []
    for k in range(folds):
        train, test = [r for r in rows if r.fold != k], [r for r in rows if r.fold == k]
        model, intents = _fitted(train, l2, negatives, embedding_model)
        if fit_threshold and len({r.fold for r in train}) > 1:  # inner folds need two training folds
            model = replace(model, threshold=operating_point(held_out_scores(train, l2, negatives, embedding_model)))
        thresholds.append(model.threshold)
        decided += decide(test if intents is None else with_prior(test, intents), model, intents)
    return {**report(decided), "thresholds": thresholds}


def _fitted(train: list[Row], l2: float, negatives: list[Example] | None,
            embedding_model: str) -> tuple[ConfidenceModel, intent.IntentModel | None]:
    """The confidence model (on the stacked prior when there is an intent model) and the intent model
    (only when ``negatives`` are given), fitted on ``train``."""
    if negatives is None:
        return fit_confidence(train, l2), None
    model = fit_confidence(stacked(train, negatives, embedding_model), l2)
    return model, fit_intents(train, negatives, embedding_model)


Scored = tuple[Row, float | None]  # the row and its probability of a right answer (None: refused before the model)


def held_out_scores(rows: list[Row], l2: float, negatives: list[Example] | None,
                    embedding_model: str) -> list[Scored]:
    """Each row scored by models fitted without its fold, as :func:`cross_validate` fits them."""
    scored: list[Scored] = []
    for k in sorted({r.fold for r in rows}):
        train, test = [r for r in rows if r.fold != k], [r for r in rows if r.fold == k]
        model, intents = _fitted(train, l2, negatives, embedding_model)
        scored += [(r, _probability(r, model, intents))
                   for r in (test if intents is None else with_prior(test, intents))]
    return scored


def operating_point(scored: list[Scored]) -> float:
    """The threshold at which the smaller of the two held-out rates — answerable questions answered
    right, unanswerable ones refused — is largest (the target asks for both), or the highest threshold
    within one standard error of that (refuse when unsure): on a few thousand questions the rates are
    flat over a range of thresholds, and the figures of questions no fold saw fall on the refusing
    side (the sets held out from everything refuse fewer of their unanswerable questions than the
    folds do, round after round)."""
    answerable = [(r, p) for r, p in scored if r.question.answerable]
    unanswerable = [p for r, p in scored if not r.question.answerable]

    def rates(threshold: float) -> tuple[tuple[float, int], tuple[float, int]]:
        right = sum(r.right_if_answered and p is not None and p >= threshold for r, p in answerable)
        refused = sum(p is None or p < threshold for p in unanswerable)
        return ((right / len(answerable) if answerable else 1.0, len(answerable)),
                (refused / len(unanswerable) if unanswerable else 1.0, len(unanswerable)))

    worse = {t: min(rates(t)) for t in _THRESHOLDS}
    best, n = max(worse.values(), key=lambda rate_n: rate_n[0])
    error = math.sqrt(best * (1 - best) / n) if n else 0.0
    return max(t for t in _THRESHOLDS if round(worse[t][0], 9) >= round(best - error, 9))


_THRESHOLDS = [round(0.2 + 0.01 * i, 2) for i in range(61)]  # 0.20 … 0.80


def _probability(r: Row, model: ConfidenceModel, intents: intent.IntentModel | None) -> float | None:
    if r.features is None or (intents and intents.reason(r.vector, r.wording)):
        return None
    return model.probability(r.features)


def decide(rows: list[Row], model: ConfidenceModel, intents: intent.IntentModel | None) -> list[Decision]:
    """Each row: answered or not, and the refusal reason, close to how the answerer decides: a question
    the confidence model refuses is refused for the reason the intent model leans to, if any. (The
    answerer also lets the intent model give its reason for a question with no sentence at all — a
    refusal either way — and lets a published answer, a ``qa`` document, which the project corpus has
    none of yet, settle a learned equal-treatment refusal.)"""
    decided: list[Decision] = []
    for r in rows:
        if r.features is None:  # a rule's refusal, or no sentence at all
            decided.append((r, False, r.forced.reason))
        elif intents and (learned := intents.reason(r.vector, r.wording)):
            decided.append((r, False, learned))
        else:
            answers = model.probability(r.features) >= model.threshold
            leaning = intents.leaning(r.vector, r.wording) if intents and not answers else None
            decided.append((r, answers, None if answers else leaning or "no_evidence"))
    return decided


def report(decided: list[Decision]) -> dict:
    """Right answers (answerable) and right refusals (unanswerable), by language; the refusals a
    reason is expected for (equal treatment, out of scope) with that reason; failures listed."""
    def right(r: Row, answers: bool) -> bool:
        return r.right_if_answered and answers if r.question.answerable else not answers

    out: dict = {}
    for name, keep in (("all", lambda r: True), ("nb", lambda r: r.question.lang == "nb"),
                       ("en", lambda r: r.question.lang == "en")):
        for label, answerable in (("answerable", True), ("unanswerable", False)):
            group = [(r, a) for r, a, _ in decided if keep(r) and r.question.answerable is answerable]
            out[f"{label}_{name}"] = _share(sum(right(r, a) for r, a in group), len(group))
    for reason in intent.REASONS:
        reasons = [why for r, _, why in decided if r.question.reason == reason]
        out[f"{reason}_with_reason"] = _share(sum(why == reason for why in reasons), len(reasons))
    out["false_refusals"] = sum(1 for r, a, _ in decided if r.question.answerable and not a)
    out["wrong_answers"] = sum(1 for r, a, _ in decided if r.question.answerable and a and not r.right_if_answered)
    out["false_answers"] = sum(1 for r, a, _ in decided if not r.question.answerable and a)
    out["failures"] = [f"{r.question.qid} [{'answered' if a else why}]: {r.question.question}"
                       for r, a, why in decided if not right(r, a)]
    return out


def _share(ok: int, n: int) -> str:
    return f"{ok}/{n} = {ok / max(n, 1):.3f}"


def load_negatives(paths: list[Path]) -> list[tuple[str, str | None, bool | None]]:
    """Questions for the intent model, one JSON object per line: its ``question``; for one that must be
    refused, its ``reason`` (a general-knowledge question or a look-alike has none); and whether it is a
    question the documents do not answer, for the prior: yes for ``no_evidence``, no for an ``answerable``
    one and for a general-knowledge one (off the topic, it is ordinary), not judged when ``answerable`` is
    null or it has a refusal reason."""
    out = []
    for path in paths:
        for line in filter(str.strip, path.read_text(encoding="utf-8").splitlines()):
            row = json.loads(line)
            why = row.get("reason")
            if why not in (None, "no_evidence", *intent.REASONS):
                raise ValueError(f"{path}: unknown reason {why!r} (known: no_evidence, {', '.join(intent.REASONS)})")
            judged = why == "no_evidence" or (why is None and row.get("answerable", False) is not None)
            out.append((row["question"], None if why == "no_evidence" else why,
                        (why == "no_evidence") if judged else None))
    return out


def _example(assistant: Assistant, q: Question) -> Example:
    """A question of an intent set as the intent model reads it (a follow-up with what it follows):
    its reason if the model learns one, else an ordinary question; never the prior's."""
    reading = assistant.cache.get(Scope.public()).speller.read(q.question)
    query = retrieval_query(reading.text, q.history)
    return (assistant.embeddings.embed_query(query), with_context(standalone(reading.text, q.history), query),
            q.reason if q.reason in intent.REASONS else None, None)


def run(datasets: list[Path], settings: Settings, corpus: list[Path], folds: int = 5, write: bool = False,
        work_dir: Path | None = None, progress: bool = True, l2: float = 1.0,
        negatives: list[Path] | None = None, intent_sets: list[Path] | None = None) -> dict:
    owned = work_dir is None
    work = Path(tempfile.mkdtemp(prefix="assistant-calibrate-")) if work_dir is None else work_dir
    try:
        assistant = Assistant(settings.model_copy(update={"data_dir": work, "chroma_url": None}))
        ingest_paths(corpus, assistant.store, progress=progress)
        questions = [q for path in datasets for q in load_jsonl(path)]
        texts, embedding_model = corpus_texts(corpus), model_id(assistant.embeddings)
        snapshot = assistant.cache.get(Scope.public())
        # Twice: first for the questions' embeddings, then with each fold's answer memory learned
        # from the other folds, so that held-out questions are ones the memory never saw.
        rows = collect(assistant, questions, texts, folds, progress)
        memories = {k: remember([r for r in rows if r.fold != k], snapshot, embedding_model) for k in range(folds)}
        rows = collect(assistant, questions, texts, folds, progress, memories)
        general = [(assistant.embeddings.embed_query(q), q, why, unanswered)
                   for q, why, unanswered in load_negatives(negatives)] if negatives else None
        if intent_sets:
            general = (general or []) + [_example(assistant, q) for path in intent_sets for q in load_jsonl(path)]
        held_out = cross_validate(rows, folds, l2, general, embedding_model)
        result = {"questions": len(rows), "folds": folds, "held_out": held_out}
        if write:
            model, intents = _fitted(rows, l2, general, embedding_model)
            model = replace(model, threshold=operating_point(held_out_scores(rows, l2, general, embedding_model)))
            save(model)
            result["written"] = model.to_json()
            memory.save(remember(rows, snapshot, embedding_model))
            if intents is not None:  # the prior is for these documents
                intent.save(replace(intents, corpus=snapshot.fingerprint))
        return result
    finally:
        if owned:
            shutil.rmtree(work, ignore_errors=True)
