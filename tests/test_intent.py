"""The intent model: its fit, its threshold, the embedding model it belongs to, and how calibrate uses it."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from assistant import intent
from assistant.answer.confidence import FEATURES, ConfidenceModel
from assistant.calibrate import Row, cross_validate, decide, operating_point, report
from assistant.errors import ConfigurationError
from assistant.evaluate import Question
from assistant.models import Answer


def _unit(*values: float) -> list[float]:
    v = np.array(values, dtype=float)
    return list(v / np.linalg.norm(v))


def _toy() -> tuple[list[list[float]], list[str | None]]:
    """Three directions: equal treatment, out of scope, ordinary questions (some noise each);
    the first ten ordinary ones are questions the documents do not answer."""
    rng = np.random.default_rng(7)
    vectors, reasons = [], []
    for axis, reason in ((0, "equal_treatment"), (1, "out_of_scope"), (2, None)):
        for _ in range(30):
            v = rng.normal(0, 0.2, 3)
            v[axis] += 1.0
            vectors.append(_unit(*v))
            reasons.append(reason)
    return vectors, reasons


def _fit(vectors, reasons, **kwargs) -> intent.IntentModel:
    examples = {r: (vectors, [x == r for x in reasons]) for r in intent.REASONS}
    examples[intent.PRIOR] = (vectors, [x is None and i < 70 for i, x in enumerate(reasons)])
    return intent.fit(examples, "toy/3d", **kwargs)


def test_each_reason_is_learned_against_the_rest():
    vectors, reasons = _toy()
    model = _fit(vectors, reasons, l2=0.01)
    assert model.reason(_unit(1, 0.1, 0.1)) == "equal_treatment"
    assert model.reason(_unit(0.1, 1, 0.1)) == "out_of_scope"
    assert model.reason(_unit(0.1, 0.1, 1)) is None


def test_nothing_is_refused_below_the_threshold():
    vectors, reasons = _toy()
    sure = _fit(vectors, reasons, l2=0.01, threshold=0.999999)
    between = _unit(1, 0, 1)  # as much a supplier's question as an ordinary one
    assert sure.reason(between) is None
    assert max(sure.probabilities(between).values()) < 0.999999


def test_the_model_belongs_to_one_embedding_model(tmp_path, monkeypatch):
    vectors, reasons = _toy()
    path = tmp_path / "intents.json"
    intent.save(_fit(vectors, reasons), path)
    monkeypatch.setattr(intent, "_WEIGHTS", path)
    intent.shipped_intents.cache_clear()
    try:
        loaded = intent.shipped_intents("toy/3d")
        assert loaded is not None and loaded.reason(_unit(1, 0.1, 0.1)) == "equal_treatment"
        assert intent.shipped_intents("fake/hashed-bow-256") is None  # another model's vectors mean nothing to it
    finally:
        intent.shipped_intents.cache_clear()


def test_the_prior_applies_only_to_the_corpus_it_was_learned_on(tmp_path, monkeypatch):
    from dataclasses import replace

    vectors, reasons = _toy()
    path = tmp_path / "intents.json"
    intent.save(replace(_fit(vectors, reasons), corpus="abc123"), path)
    monkeypatch.setattr(intent, "_WEIGHTS", path)
    intent.shipped_intents.cache_clear()
    try:
        loaded = intent.shipped_intents("toy/3d")
        question = _unit(0.1, 0.1, 1)
        assert loaded is not None and loaded.unanswered(question, "abc123") is not None
        assert loaded.unanswered(question, "another-corpus") is None  # other documents: it counts as average
        assert loaded.reason(_unit(1, 0.1, 0.1)) == "equal_treatment"  # the reasons are not about the documents
    finally:
        intent.shipped_intents.cache_clear()


def test_a_broken_model_file_is_a_configuration_error(tmp_path, monkeypatch):

    path = tmp_path / "intents.json"
    path.write_text('{"embedding_model": "toy/3d", "weights": {"equal_treatment": [1, 2]}, "threshold": 0.7}')
    monkeypatch.setattr(intent, "_WEIGHTS", path)
    intent.shipped_intents.cache_clear()
    try:
        with pytest.raises(ConfigurationError, match="make calibrate"):
            intent.shipped_intents("toy/3d")
        path.write_text("{not json")
        intent.shipped_intents.cache_clear()
        with pytest.raises(ConfigurationError):
            intent.shipped_intents("toy/3d")
    finally:
        intent.shipped_intents.cache_clear()


def test_the_shipped_model_is_for_the_default_embedding_model():
    from assistant.embeddings import E5Embeddings

    assert intent.shipped_intents(E5Embeddings.model_id) is not None


def _row(qid: str, answerable: bool, reason: str | None, vector: list[float], rule: str | None = None) -> Row:
    q = Question(question=qid, answerable=answerable, qid=qid, reason=reason, lang="en")
    forced = Answer(answer="…", answered=rule is None, lang="en", reason=rule)
    features = None if rule else dict.fromkeys(FEATURES, 1.0 if answerable else -1.0)
    if features:
        features["unanswered"] = None
    return Row(q, 0, features, forced, answerable, vector)


def test_calibrate_decides_rules_first_then_the_intent_model_then_confidence():
    vectors, reasons = _toy()
    model = _fit(vectors, reasons, l2=0.01)
    answer_all = ConfidenceModel((0.0,) * len(FEATURES), (1.0,) * len(FEATURES), (0.0,) * len(FEATURES), 1.0)
    rows = [
        _row("rule", False, "equal_treatment", _unit(0.1, 0.1, 1), rule="equal_treatment"),
        _row("learned", False, "equal_treatment", _unit(1, 0.1, 0.1)),
        _row("scope", False, "out_of_scope", _unit(0.1, 1, 0.1)),
        _row("ordinary", True, None, _unit(0.1, 0.1, 1)),
    ]
    decided = {r.question.qid: (answers, why) for r, answers, why in decide(rows, answer_all, model)}
    assert decided == {"rule": (False, "equal_treatment"), "learned": (False, "equal_treatment"),
                       "scope": (False, "out_of_scope"), "ordinary": (True, None)}
    figures = report(decide(rows, answer_all, model))
    assert figures["equal_treatment_with_reason"] == "2/2 = 1.000"
    assert figures["answerable_all"] == "1/1 = 1.000" and figures["failures"] == []
    without = report(decide(rows, answer_all, None))  # the confidence model alone answers the supplier
    assert without["equal_treatment_with_reason"] == "1/2 = 0.500" and without["false_answers"] == 2
    assert "learned [answered]: learned" in without["failures"]


def test_calibrate_refuses_for_the_reason_the_intent_model_leans_to_only_what_it_refuses_anyway():
    vectors, reasons = _toy()
    model = _fit(vectors, reasons, l2=0.01)
    between = _unit(1, 0, 1)  # as much a supplier's question as an ordinary one
    assert intent.LEANING <= model.probabilities(between)["equal_treatment"] < model.threshold
    n = len(FEATURES)
    refuse_all = ConfidenceModel((0.0,) * n, (1.0,) * n, (0.0,) * n, 0.0, threshold=1.01)
    answer_all = replace(refuse_all, threshold=0.0)
    rows = [_row("between", False, "equal_treatment", between), _row("ordinary", False, None, _unit(0.3, 0, 1))]
    assert [why for _, _, why in decide(rows, refuse_all, model)] == ["equal_treatment", "no_evidence"]
    assert [answers for _, answers, _ in decide(rows, answer_all, model)] == [True, True]


def test_cross_validation_fits_the_intent_model_on_the_other_folds_only(monkeypatch):
    vectors, reasons = _toy()
    rows = [_row(f"q{i}", r is None, r, v) for i, (v, r) in enumerate(zip(vectors, reasons, strict=True))]
    for i, r in enumerate(rows):
        r.fold = i % 3
        r.right_if_answered = r.question.answerable
    seen: list[set[tuple[float, ...]]] = []
    fit = intent.fit

    def recording(examples, *args, **kwargs):
        seen.append({tuple(v) for vs, _ in examples.values() for v in vs})
        return fit(examples, *args, **kwargs)

    monkeypatch.setattr(intent, "fit", recording)
    figures = cross_validate(rows, 3, l2=1.0, negatives=[], embedding_model="toy/3d")
    assert figures["equal_treatment_with_reason"] == "30/30 = 1.000"
    assert figures["out_of_scope_with_reason"] == "30/30 = 1.000"
    assert figures["false_refusals"] == 0
    # each held-out fold: its intent model and one per other fold for the stacked prior (3), then
    # the threshold's two inner folds: each its intent model (its stacked prior has one fold, so none)
    per_fold = len(seen) // 3
    assert per_fold == 3 + 2
    assert len(figures["thresholds"]) == 3
    for k in range(3):
        held_out = {tuple(r.vector) for r in rows if r.fold == k}
        assert all(not (fitted & held_out) for fitted in seen[k * per_fold:(k + 1) * per_fold])
    # two folds leave one training fold: no inner folds to choose by, so the threshold stays 0.5
    for i, r in enumerate(rows):
        r.fold = i % 2
    assert cross_validate(rows, 2, l2=1.0, negatives=[], embedding_model="toy/3d")["thresholds"] == [0.5, 0.5]


def test_a_missing_prior_counts_as_average():
    from assistant.answer.confidence import fit

    rows = [dict.fromkeys(FEATURES, float(i % 3)) | {"unanswered": 0.9 if i % 2 else 0.1} for i in range(40)]
    model = fit(rows, [i % 2 == 0 for i in range(40)], l2=1.0)
    features = dict.fromkeys(FEATURES, 1.0)
    without = model.probability(features | {"unanswered": None})
    assert without == model.probability(features | {"unanswered": 0.5})  # the column's mean
    likely, unlikely = (model.probability(features | {"unanswered": p}) for p in (0.9, 0.1))
    assert likely < without < unlikely
    rows_without = [r | {"unanswered": None} for r in rows]  # no intent model at all: the column carries nothing
    assert fit(rows_without, [i % 2 == 0 for i in range(40)]).weights[FEATURES.index("unanswered")] == 0.0


def _scored(answerable: bool, p: float | None, right: bool = True) -> tuple[Row, float | None]:
    row = _row("q", answerable, None if answerable else "no_evidence", _unit(1, 0, 0))
    row.right_if_answered = answerable and right
    return row, p


def test_the_threshold_makes_the_worse_of_the_two_rates_best():
    # answerable: right answers at 0.9, 0.6 and 0.35, a wrong one at 0.7, one refused by a rule
    # unanswerable: 0.55 and 0.3, three refused by a rule
    scored = [_scored(True, 0.9), _scored(True, 0.6), _scored(True, 0.35), _scored(True, 0.7, right=False),
              _scored(True, None), _scored(False, 0.55), _scored(False, 0.3),
              _scored(False, None), _scored(False, None), _scored(False, None)]
    # ≤ 0.30: 3/5 answerable, 3/5 refused; 0.31–0.35: 3/5, 4/5; 0.36–0.55: 2/5, 4/5; 0.56–0.60: 2/5, 5/5
    many = scored * 100  # one standard error of 3/5 on 500 questions is 0.022: 2/5 is worse
    assert operating_point(many) == 0.35  # the highest of the best (0.31 … 0.35 give min 3/5 too)
    # with no unanswerable question, only answers count: the highest threshold that keeps all three right
    assert operating_point([s for s in many if s[0].question.answerable]) == 0.35
    assert operating_point([s for s in many if not s[0].question.answerable]) == 0.8
    # on five questions one standard error of 3/5 is 0.22: 2/5 is as good, so refuse more (up to 0.60)
    assert operating_point(scored) == 0.6


@pytest.mark.parametrize(("category", "teaches"), [
    ("internal", True),  # on the procurement, and the public documents do not answer it
    ("unanswerable", True), ("paraphrase", True), ("injection", False), ("off_topic", False),
])
def test_which_questions_teach_the_prior_that_the_documents_do_not_answer(category, teaches):
    q = Question("Hva går leie-til-eie-trappen ut på?", answerable=category == "paraphrase", reason=None,
                 category=category)
    row = Row(q, 0, dict.fromkeys(FEATURES, 0.0), Answer(answer="…", answered=True, lang="nb"), False, _unit(1, 0, 0))
    assert row.teaches_prior is teaches
    assert Row(q, 0, None, row.forced, False, row.vector).teaches_prior is False  # a rule's refusal: no evidence


def test_extra_questions_teach_each_model_what_they_are_labelled_for(tmp_path, monkeypatch):
    from assistant.calibrate import fit_intents, load_negatives

    path = tmp_path / "extra.jsonl"
    path.write_text("\n".join([
        '{"question": "Hvem vant cupfinalen?"}',  # general knowledge: ordinary for every model
        '{"question": "Hvem er kontaktpersonene?", "reason": null, "answerable": null}',  # a look-alike
        '{"question": "Hva er fristen?", "reason": "no_evidence"}',  # unanswered: the prior's only
        '{"question": "Hvor mange boliger?", "reason": null, "answerable": true}',
        '{"question": "Hvem vinner?", "reason": "equal_treatment"}',
    ]) + "\n", encoding="utf-8")
    loaded = load_negatives([path])
    assert loaded == [("Hvem vant cupfinalen?", None, False), ("Hvem er kontaktpersonene?", None, None),
                      ("Hva er fristen?", None, True), ("Hvor mange boliger?", None, False),
                      ("Hvem vinner?", "equal_treatment", None)]
    seen = {}
    monkeypatch.setattr(intent, "fit", lambda examples, *a, **k: seen.update(examples))
    fit_intents([], [(_unit(1, 0, i + 1), q, why, unanswered) for i, (q, why, unanswered) in enumerate(loaded)], "toy")
    assert seen["equal_treatment"][1] == [False, False, False, True]  # the unanswered one teaches no reason
    assert seen["out_of_scope"][1] == [False, False, False, False]
    assert seen[intent.PRIOR][1] == [False, True, False]  # judged ones only

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "Hei", "reason": "rude"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="unknown reason 'rude'"):
        load_negatives([bad])


def test_the_wording_is_hashed_the_same_in_every_process():
    grams = intent.grams("Kan VI få en fordel?")
    assert grams == intent.grams("kan vi få en fordel") and grams == sorted(set(grams))
    assert len(grams) == 5 + 4  # five words, four word pairs
    assert all(0 <= g < intent.BUCKETS for g in grams)
    assert intent.grams("vi kan") != intent.grams("kan vi")  # the pairs keep the order
    assert intent.grams("") == []
    # crc32, not Python's hash(), which differs between processes: a fixed value pins it
    assert intent.grams("fordel") == [__import__("zlib").crc32(b"fordel") % intent.BUCKETS]


def _worded() -> tuple[intent.IntentModel, list[float]]:
    """The same embedding for every question: only the words tell asking for an advantage from asking a fact."""
    same = _unit(1, 1, 1)
    favours = ["kan dere se på vårt utkast før fristen", "gir det oss en fordel å ringe dere",
               "just between us, what do you prefer", "would our price count in our favour"] * 5
    facts = ["hvor ligger tomten", "når var dialogkonferansen", "who are the partners",
             "what was built in stage 1"] * 5
    texts = favours + facts
    labels = [True] * len(favours) + [False] * len(facts)
    examples = {r: ([same] * len(texts), labels if r == "equal_treatment" else [False] * len(texts))
                for r in intent.REASONS}
    examples[intent.PRIOR] = ([same] * len(texts), [False, True] * (len(texts) // 2))
    return intent.fit(examples, "toy/3d", wordings={"equal_treatment": texts}), same


def test_equal_treatment_reads_the_wording_where_the_meaning_is_the_same():
    model, same = _worded()
    assert model.reason(same, "gir det oss en fordel å ringe dere") == "equal_treatment"
    assert model.reason(same, "just between us, what do you prefer") == "equal_treatment"
    assert model.reason(same, "hvor ligger tomten") is None
    assert model.reason(same) is None  # no text: the embedding alone, which cannot tell them apart
    assert set(model.wording) == {"equal_treatment"}  # the other models read the meaning only
    p = model.probabilities(same, "who are the partners")
    assert p["out_of_scope"] == model.probabilities(same)["out_of_scope"]


def test_the_wording_weights_are_saved_and_loaded(tmp_path, monkeypatch):
    model, same = _worded()
    path = tmp_path / "intents.json"
    intent.save(model, path)
    monkeypatch.setattr(intent, "_WEIGHTS", path)
    intent.shipped_intents.cache_clear()
    try:
        loaded = intent.shipped_intents("toy/3d")
        assert loaded is not None
        for text in ("gir det oss en fordel å ringe dere", "hvor ligger tomten", "noe helt annet"):
            assert loaded.probabilities(same, text) == pytest.approx(model.probabilities(same, text), abs=1e-5)
        data = json.loads(path.read_text())
        data["wording"]["equal_treatment"][str(intent.BUCKETS)] = 1.0  # a bucket that cannot be
        path.write_text(json.dumps(data))
        intent.shipped_intents.cache_clear()
        with pytest.raises(ConfigurationError, match="make calibrate"):
            intent.shipped_intents("toy/3d")
    finally:
        intent.shipped_intents.cache_clear()


def test_calibrate_teaches_the_wording_to_equal_treatment_only(monkeypatch):
    from assistant.calibrate import fit_intents

    seen: dict = {}
    monkeypatch.setattr(intent, "fit", lambda examples, *a, **k: seen.update(k))
    row = _row("q", False, "equal_treatment", _unit(1, 0, 0))
    row.wording = "Kan vi få svar før de andre?"
    fit_intents([row], [(_unit(0, 1, 0), "Hvem vant cupfinalen?", None, False),
                        (_unit(0, 0, 1), "Hva er fristen?", None, True)], "toy")
    # the row and the general question teach the reasons; the unanswered one only the prior
    assert seen["wordings"] == {"equal_treatment": ["Kan vi få svar før de andre?", "Hvem vant cupfinalen?"]}
