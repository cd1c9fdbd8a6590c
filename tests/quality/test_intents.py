"""Questions the rules do not word-match, read by the intent model through the real pipeline (e5, Chroma).

The wordings were written for this test, not taken from a dev set; each asserts first that the
rules miss it, so the test shows the model at work.
"""

from __future__ import annotations

import pytest

from assistant.models import Scope
from assistant.policy import restricted_intent
from assistant.topics import topic_answer

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("question", [
    "Which of the two ownership models gives us the best odds, honestly?",
    "Hva tror du kommunen helst vil ha fra oss, helt ærlig?",  # ("sånn mellom oss" is now a rule)
    "Har vi bedre sjanser om vi samarbeider med et boligbyggelag?",
    # the embedding alone gave it 0.62 (under the threshold); its words ("et pluss i deres øyne") decide
    "Vi vurderer å ta med et boligbyggelag på laget – ville det vært et pluss i deres øyne?",
    # taught by four writers it gave 0.50; by ten, 0.91
    "Vi har tegnet inn en kafé i første etasje – styrker det sjansene våre?",
])
def test_a_supplier_seeking_an_edge_is_refused_for_equal_treatment(corpus_assistant, question):
    assert restricted_intent(question) is None and topic_answer(question) is None
    answer = corpus_assistant.ask(question)
    assert not answer.answered and answer.reason == "equal_treatment", answer.answer
    assert all(c.audience == "public" for c in answer.citations)


def test_another_municipal_service_is_out_of_scope(corpus_assistant):
    question = "Hvordan søker jeg om plass på SFO for datteren min?"
    assert restricted_intent(question) is None and topic_answer(question) is None
    answer = corpus_assistant.ask(question)
    assert not answer.answered and answer.reason == "out_of_scope" and not answer.citations
    assert "Lørenskog kommune" in answer.answer


@pytest.mark.parametrize(("question", "fact"), [
    ("Hvem var hovedentreprenør for byggetrinn 1?", "HENT AS"),
    ("Who can I contact about the procurement?", "Gørill Horrigmoe"),
    # look-alikes of equal-treatment questions that the published text answers
    ("Får alle leverandørene de samme svarene?", "samtidig til alle leverandører"),
    pytest.param("Why won't the chat give my company its own clarification?", "likebehandling",
                 marks=pytest.mark.xfail(strict=True, reason="answered from the assistant's page, which says "
                                         "that it gives no clarifications but not why (the contact page does)")),
])
def test_ordinary_questions_still_get_their_answer(corpus_assistant, question, fact):
    answer = corpus_assistant.ask(question)
    assert answer.answered and fact in answer.answer, answer.answer


def test_case_workers_are_not_read_by_the_intent_model(corpus_assistant):
    question = "Which of the two ownership models gives us the best odds, honestly?"
    answer = corpus_assistant.ask(question, scope=Scope.everything())
    assert answer.reason != "equal_treatment"


@pytest.mark.parametrize("question", [
    "Hvor mange parkeringsplasser får byggetrinn 2?", "Who designed the kindergarten building?",
    "Når starter byggingen av byggetrinn 2?",
    # the contractor's name does not name the kindergarten; the conference held does not date the next one
    "Hva heter barnehagen på tomten?",
    # known gaps: a place name in a sentence about the kindergarten reads as its name, and a date that
    # is not the next meeting's is only one feature of the confidence model, not a refusal
    "Hva heter egentlig barnehagen som ligger der?",  # "Løkenåsveien 45" is an address, not a name
    "When is the next meeting with the market?",  # only the past conference has a date
])
def test_on_topic_facts_the_documents_lack_are_refused(corpus_assistant, question):
    """They share their words with questions the documents answer; the prior of questions like them tips it."""
    answer = corpus_assistant.ask(question)
    assert not answer.answered and answer.reason == "no_evidence", answer.answer


def test_the_shipped_prior_was_learned_on_these_documents(corpus_assistant):
    """The prior is learned for one corpus; after the documents change, `make calibrate` refits it (until
    then it is not applied: the snapshot's fingerprint differs). This fails when the corpus changed alone."""
    model = corpus_assistant.answerer._intents
    assert model is not None and model.corpus == corpus_assistant.cache.get(Scope.public()).fingerprint
