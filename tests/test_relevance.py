"""Case-worker search returns nothing for a query that matches nothing (real e5 over the corpus)."""

from __future__ import annotations

import pytest

from assistant.models import Scope

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("query", ["xyzzy", "qwrtp", "asdfgh", "blorf snark"])
def test_nonsense_finds_nothing(corpus_assistant, query):
    assert corpus_assistant.search(query, Scope.everything(), 100) == []


def test_a_word_in_the_documents_still_finds_them_ranked_from_one(corpus_assistant):
    hits = corpus_assistant.search("dialogkonferanse", Scope.everything(), 100)
    assert hits and [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert all(h.lexical_rank is not None or h.dense_rank is not None for h in hits)
    assert "dialogkonferanse" in hits[0].chunk.text.lower()


def test_an_english_question_keeps_its_close_hits_not_every_chunk(corpus_assistant):
    hits = corpus_assistant.search("when was the dialogue conference", Scope.everything(), 100)
    assert hits and any("19. februar 2020" in h.chunk.text for h in hits[:3])
    assert len(hits) < len(corpus_assistant.store.chunks(Scope.everything())), "not every chunk"
