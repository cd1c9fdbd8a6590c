"""What a newcomer saw (issue 8), through the real pipeline over the corpus (e5, embedded Chroma).

Each case failed before the answer layer was rebuilt: headings quoted as answers, typos
refused, the second contact missing, a follow-up answered with the wrong fact, a resident
sent to the suppliers' channel, a greeting refused.
"""

from __future__ import annotations

import pytest

from assistant.service import Turn

pytestmark = pytest.mark.slow
_ROLE = "Gørill Horrigmoe er innovasjonspådriver Oslo i LUP og er ansvarlig pådriver for prosjektet. [1]"


def _texts(answer) -> str:
    return answer.answer.lower()


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        ("What is the goal of the procurement?", ["samarbeidsmodell"]),
        ("What is being procured?", ["samarbeidsmodell"]),
        ("How many different groups gave input at the conference?", ["syv"]),
        ("How many homes does the housing plan say the municipality must provide?", ["425"]),
        # a known miss for a round (0.485 against the hand-set 0.5); the fitted threshold answers it
        ("How many homes does the housing plan require?", ["425"]),
        ("Who should I contact about this procurement?", ["gørill horrigmoe", "elisabeth smith"]),
        ("Where is the site located?", ["løkenåsveien 45"]),
        ("Hva skal boligene på tomten kombineres med?", ["ordinært salg"]),
        ("Hvilket departement omtaler utviklingen i tjenestemottakere?", ["helse- og omsorgsdepartementet"]),
    ],
)
def test_answerable_questions_are_answered_with_the_fact(corpus_assistant, question, facts):
    answer = corpus_assistant.ask(question)
    assert answer.answered, answer.answer
    assert all(f in _texts(answer) for f in facts), answer.answer
    assert all(c.audience == "public" for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "fact", "searched"),
    [("når var dialogkonferansn", "19. februar 2020", "dialogkonferansen"),
     ("hvor mange bolier skal komunen skaffe", "425", "boliger")],
)
def test_typos_are_read_against_the_corpus_and_the_answer_says_what_was_searched(
    corpus_assistant, question, fact, searched
):
    answer = corpus_assistant.ask(question)
    assert answer.answered and fact in answer.answer
    assert answer.answer.startswith("Søkte etter:") and searched in answer.answer.split(".")[0]
    assert answer.searched_for and searched in answer.searched_for


def test_stage_one_answer_names_what_was_built_and_quotes_no_heading(corpus_assistant):
    answer = corpus_assistant.ask("What was built in stage 1?")
    assert answer.answered
    assert "barnehage" in _texts(answer) and "omsorgsbolig" in _texts(answer)
    headings = {"Hva byggetrinn 1 betyr for byggetrinn 2", "Miljø og energi i byggetrinn 1", "Hva som ble bygget"}
    assert not any(c.quote in headings for c in answer.citations)


def test_no_sentence_about_the_document_itself_unless_asked(corpus_assistant):
    for question in ("When was the dialogue conference?", "Hva var formålet med dialogkonferansen?"):
        answer = corpus_assistant.ask(question)
        assert answer.answered
        assert "dette dokumentet" not in _texts(answer), answer.answer


def test_a_contact_question_names_both_contacts_with_their_phones(corpus_assistant):
    answer = corpus_assistant.ask("Hvem kan jeg kontakte om anskaffelsen?")
    assert answer.answered
    for fact in ("Gørill Horrigmoe", "Elisabeth Smith", "906 72 754", "977 47 082"):
        assert fact in answer.answer, answer.answer


def test_a_list_intro_brings_its_items(corpus_assistant):
    answer = corpus_assistant.ask("Hvilke grupper nevner boligplanen?")
    assert answer.answered
    for group in ("eldre", "svak økonomi", "unge", "flyktninger"):
        assert group in answer.answer


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        ("Hva er nøkkeltallene for byggetrinn 1?", ["seks avdelinger", "30", "2018", "HENT AS", "BREEAM Excellent",
                                                   "massivtre"]),
        ("Give me the key figures for stage 1: contractor, years, environmental standard and construction type.",
         ["HENT AS", "2018", "BREEAM Excellent", "massivtre"]),
        ("I'd like the practical info for the conference: date, time, place and who organised it.",
         ["19. februar 2020", "12.00", "Festplassen 1", "Husbanken"]),
    ],
)
def test_a_question_for_several_facts_of_a_table_gets_the_whole_table(corpus_assistant, question, facts):
    answer = corpus_assistant.ask(question)
    assert answer.answered
    assert all(f in answer.answer for f in facts), answer.answer


def test_a_follow_up_reads_the_previous_answer(corpus_assistant):
    history = [
        Turn("user", "Hvem er Gørill Horrigmoe?"),
        Turn("assistant", _ROLE),
    ]
    answer = corpus_assistant.ask("og telefonnummeret hennes?", history)
    assert answer.answered and "906 72 754" in answer.answer.split("[1]")[0], answer.answer


def test_a_follow_up_gets_something_new_not_the_previous_answer_again(corpus_assistant):
    first = corpus_assistant.ask("Which environmental standard does stage 1 have?")
    assert first.answered and "BREEAM Excellent" in first.answer
    history = [Turn("user", "Which environmental standard does stage 1 have?"), Turn("assistant", first.answer)]
    answer = corpus_assistant.ask("Who built it?", history)
    assert answer.answered and "HENT AS" in answer.answer, answer.answer
    assert not any(c.quote in first.answer for c in answer.citations), answer.answer


# A known miss since the refit on seventeen sets: "What was built in stage 2?" is asked (the swap, unit-tested in
# test_topics_and_spelling), but the remembered questions closest to it lend full support to three sentences
# about stage 2, and "Byggetrinn 1 setter rammer for hva byggetrinn 2 … kan bli" wins on meaning. Run all the same.
@pytest.mark.xfail(strict=False, reason="a known miss of the shipped models (see the comment)")
def test_what_about_stage_2_asks_the_previous_question_of_stage_2(corpus_assistant):
    first = corpus_assistant.ask("What was built in stage 1?")
    history = [Turn("user", "What was built in stage 1?"), Turn("assistant", first.answer)]
    answer = corpus_assistant.ask("what about stage 2?", history)
    assert answer.answered and "ordinært salg og utleie" in answer.answer, answer.answer
    assert "byggetrinn 1" not in answer.citations[0].quote.lower(), answer.answer


def test_a_follow_up_whose_subject_is_only_in_the_previous_answer(corpus_assistant):
    history = [
        Turn("user", "Hvem er ansvarlig pådriver for prosjektet?"),
        Turn("assistant", _ROLE),
    ]
    answer = corpus_assistant.ask("og telefonnummeret hennes?", history)
    assert answer.answered and "906 72 754" in answer.answer, answer.answer


@pytest.mark.parametrize(("first", "follow_up", "fact", "not_fact"), [
    ("Hvem er partene i anskaffelsen?", "Hva gjør den andre av dem?", "statens boligbank", "LUP er et"),
    ("Hvem er kontaktpersonene i LUP?", "Hvilken region har den siste av dem?", "Midt-Norge", "Oslo"),
    ("Who are the partners in the procurement?", "and the third one of them, what does it do?",
     "LUP er et nasjonalt program", "Kontaktperson"),
])
def test_a_follow_up_that_points_to_one_item_of_the_list_before(corpus_assistant, first, follow_up, fact, not_fact):
    said = corpus_assistant.ask(first)
    answer = corpus_assistant.ask(follow_up, [Turn("user", first), Turn("assistant", said.answer)])
    assert answer.answered and fact in answer.answer and not_fact not in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["Kan jeg søke om bolig her?", "How do I apply for a kindergarten place?"])
def test_a_resident_with_another_municipal_matter_is_sent_to_the_municipality(corpus_assistant, question):
    answer = corpus_assistant.ask(question)
    assert answer.answered is False and answer.reason == "out_of_scope"
    assert "Lørenskog kommune" in answer.answer
    assert not answer.citations and "skriftlig" not in answer.answer.lower()


@pytest.mark.parametrize(("question", "lang"), [("hei", "nb"), ("Hello!", "en"), ("takk for svaret", "nb")])
def test_a_greeting_gets_a_greeting_and_two_example_questions(corpus_assistant, question, lang):
    answer = corpus_assistant.ask(question)
    assert answer.reason == "greeting" and answer.lang == lang
    assert answer.answer.count("?") >= 2 and not answer.citations


def test_an_english_answer_says_the_quotes_are_norwegian_and_quotes_exactly(corpus_assistant):
    answer = corpus_assistant.ask("When was the dialogue conference?")
    assert answer.lang == "en" and answer.answer.startswith("The published documents say (in Norwegian):")
    assert all(c.quote in answer.answer or c.quote.replace("\n", " ") for c in answer.citations)


@pytest.mark.parametrize(
    "question",
    ["hvilke firmaer var på konferansen", "How will bids be scored?", "Did Veidekke attend the dialogue conference?",
     "hvor stor er den økonomiske rammen for byggetrinn 2", "Show me the confidential supplier input"],
)
def test_more_ways_of_asking_for_what_only_the_written_channel_settles(corpus_assistant, question):
    answer = corpus_assistant.ask(question)
    assert answer.answered is False and answer.reason == "equal_treatment", answer.answer


@pytest.mark.parametrize(("question", "row"), [
    ("Hvem arrangerte dialogkonferansen?", "Arrangører:"), ("Who organised the dialogue conference?", "Arrangører:"),
    ("Hvilket byggefirma sto for første etappe?", "HENT AS"), ("hva er bygget i byggetrinn 1 laget av?", "massivtre"),
])
def test_the_table_row_or_sentence_holding_what_is_asked_ranks_first_without_the_memory(
        corpus_assistant, question, row):
    """The row whose field the question asks with ("Arrangører: …" for who arranged it), and a sentence holding
    the kind of fact asked for (a company, a material), rank among the two the answer opens with, above sentences
    that only share the subject — by the ranking alone, without the answer memory that has seen such questions."""
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.models import Scope

    found = corpus_assistant.search_engine.search(question, Scope.public())
    first = ExtractiveAnswerer(corpus_assistant.settings.answer).rank(found, question)[:2]
    assert any(row in c.text for c in first), [c.text for c in first]


# Known misses (held-out figures in the README).
@pytest.mark.xfail(strict=False, reason="a known miss of the shipped models (see the README)")
@pytest.mark.parametrize(("question", "fact"), [
    # The remembered questions closest to it ask what the conference was for, and lend that sentence
    # their support; "syv ulike miljøer" comes third (the answer memory, README).
    ("What did the municipality receive after the dialogue conference?", "syv"),
])
def test_known_misses(corpus_assistant, question, fact):
    answer = corpus_assistant.ask(question)
    assert answer.answered and fact in _texts(answer), answer.answer
