"""The answer memory: which sentences answered questions like this one, for one corpus only."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answer import ExtractiveAnswerer
from assistant.answer import memory as answer_memory
from assistant.config import AnswerSettings
from assistant.cues import wanted_kind
from assistant.errors import ConfigurationError
from assistant.index import Snapshot, sentence_key, terms
from assistant.models import Chunk, DocumentMeta, Hit
from assistant.retrieve import Retrieval
from assistant.store import SentenceRow
from assistant.text import sentence_spans

PLACES = "Kommunen vil særlig plassere boligene på Skårersletta, Ødegården og Fjellhamar."
NEAR = "Kommunen ønsker at boligene skal ligge i nærheten av møteplasser og kollektivtransport."


def unit(*values: float) -> list[float]:
    v = np.asarray(values, dtype=float)
    return list(v / np.linalg.norm(v))


def snapshot() -> Snapshot:
    """Two sentences: PLACES points one way, NEAR (which shares the question's words) another."""
    meta = DocumentMeta(doc_id="bakgrunn", title="Bakgrunn", source="bakgrunn.html", audience="public")
    text = f"{NEAR} {PLACES}"
    chunk = Chunk(chunk_id="bakgrunn-0", doc_id="bakgrunn", text=text, start=0, end=len(text), index=0,
                  heading_path=[], meta=meta)
    vectors = {NEAR: unit(1, 0.2, 0), PLACES: unit(0.2, 1, 0)}
    rows = [SentenceRow(chunk.chunk_id, s, e, vectors[text[s:e]]) for s, e in sentence_spans(text)]
    return Snapshot([chunk], rows, revision=1)


def test_a_fact_is_remembered_as_the_sentences_that_hold_it():
    memory = answer_memory.learn([(unit(0, 1, 0), ["Skårersletta"], "place", 1), (unit(0, 0, 1), [], "", 0)],
                                 snapshot(), "toy/3d")
    assert memory.answers == ((sentence_key(PLACES),), ()) and memory.kinds == ("place", "")
    assert memory.judged == (1, 0)
    assert memory.corpus == snapshot().fingerprint


def test_support_grows_with_closeness_and_is_none_for_another_corpus():
    memory = answer_memory.learn([(unit(0, 1, 0), ["Skårersletta"], "", 1)], snapshot(), "toy/3d", low=0.8, high=0.95)
    assert memory.support(unit(0, 1, 0), memory.corpus) == {sentence_key(PLACES): 1.0}
    partial = memory.support(unit(0, 1, 0.6), memory.corpus)[sentence_key(PLACES)]  # cos 0.857
    assert 0.0 < partial < 1.0
    assert memory.support(unit(1, 0, 0), memory.corpus) == {}  # far from every remembered question
    assert memory.support(unit(0, 1, 0), "another-corpus") is None


def test_unlike_says_whether_the_nearest_questions_went_unanswered():
    """Closer to a remembered question the documents do not answer than to any answered one: positive."""
    memory = answer_memory.learn([(unit(0, 1, 0), ["Skårersletta"], "number", 1), (unit(0, 0, 1), [], "number", 0),
                                  (unit(1, 0, 0), [], "number", -1), (unit(0, 0.2, 1), [], "name", 0)],
                                 snapshot(), "toy/3d")
    assert memory.unlike(unit(0, 0.2, 1), memory.corpus, "number") > 0.5
    assert memory.unlike(unit(0, 1, 0.2), memory.corpus, "number") < -0.5
    # the question a greeting (-1) sits on counts for neither side: 0 to both judged ones
    assert memory.unlike(unit(1, 0, 0), memory.corpus, "number") == pytest.approx(0.0)
    # an unanswered question asking for another kind of fact is no evidence; with no answered one of its
    # own kind to weigh it against, there is no feature
    assert memory.unlike(unit(0, 0.2, 1), memory.corpus, "name") is None
    assert memory.unlike(unit(0, 0, 1), "another-corpus", "number") is None
    answered_only = answer_memory.learn([(unit(0, 1, 0), ["Skårersletta"], "", 1)], snapshot(), "toy/3d")
    assert answered_only.unlike(unit(0, 1, 0), answered_only.corpus) is None


def test_only_questions_asking_for_the_same_kind_of_fact_lend_support():
    """"When was the conference?" and "What was the conference for?" are close in meaning; the answer
    to one is no answer to the other."""
    memory = answer_memory.learn([(unit(0, 1, 0), ["Skårersletta"], "place", 1)], snapshot(), "toy/3d")
    assert memory.support(unit(0, 1, 0), memory.corpus, "place") == {sentence_key(PLACES): 1.0}
    assert memory.support(unit(0, 1, 0), memory.corpus, "date") == {}
    assert memory.support(unit(0, 1, 0), memory.corpus) == {}


def test_ranking_lifts_the_sentence_that_answered_a_question_like_it():
    """The question is as close to both in meaning and shares more words with NEAR; a remembered
    question like it, answered by PLACES, tips the ranking."""
    snap = snapshot()
    question = "Hvor vil kommunen at boligene skal ligge?"
    found = Retrieval([Hit(chunk=snap.chunks[0], score=1.0, rank=1)], unit(1, 1, 0), terms(question), "nb", snap)
    plain = ExtractiveAnswerer(AnswerSettings()).rank(found, question)
    assert plain[0].text == NEAR and plain[0].remembered is None
    memory = answer_memory.learn([(unit(1, 1, 0), ["Skårersletta"], wanted_kind(question) or "", 1)], snap, "toy/3d")
    lifted = ExtractiveAnswerer(AnswerSettings(), memory=memory).rank(found, question)
    assert lifted[0].text == PLACES and lifted[0].remembered == 1.0
    other = Snapshot(snap.chunks[:0], [], revision=2)  # other documents: the memory stays out of it
    assert memory.support(found.query_vector, other.fingerprint) is None


def test_a_saved_memory_loads_for_its_embedding_model_only(tmp_path):
    path = tmp_path / "memory.npz"
    memory = answer_memory.learn([(unit(0, 1, 0), ["Skårersletta"], "place", 1)], snapshot(), "toy/3d")
    answer_memory.save(memory, path)
    loaded = answer_memory.shipped_memory("toy/3d", path)
    assert loaded is not None and loaded.answers == memory.answers and loaded.corpus == memory.corpus
    assert loaded.kinds == ("place",) and loaded.judged == (1,)
    assert np.allclose(loaded.vectors, memory.vectors, atol=1e-3)
    assert answer_memory.shipped_memory("fake/hashed-bow-256", path) is None


def test_a_corrupt_memory_is_a_configuration_error(tmp_path):
    path = tmp_path / "memory.npz"
    path.write_bytes(b"not a numpy archive")
    with pytest.raises(ConfigurationError, match="make calibrate"):
        answer_memory.shipped_memory("toy/3d", path)
