"""Sentence ranking of the extractive answerer, with every sentence equally close in meaning.

With similarity tied, word overlap decides; these tests pin down what overlap counts.
"""

from __future__ import annotations

from assistant.answer import ExtractiveAnswerer
from assistant.config import AnswerSettings
from assistant.index import Snapshot, terms
from assistant.models import Chunk, DocumentMeta, Hit
from assistant.retrieve import Retrieval
from assistant.store import SentenceRow
from assistant.text import sentence_spans


def chunk(doc_id: str, title: str, text: str, headings: list[str] | None = None) -> Chunk:
    meta = DocumentMeta(doc_id=doc_id, title=title, source=f"docs/{doc_id}.md", audience="public")
    return Chunk(chunk_id=f"{doc_id}-0", doc_id=doc_id, text=text, start=0, end=len(text), index=0,
                 heading_path=headings or [], meta=meta)


def retrieval(question: str, chunks: list[Chunk]) -> Retrieval:
    """Hits in the given order; every sentence vector equals the query vector."""
    rows = [SentenceRow(c.chunk_id, s, e, [1.0, 0.0]) for c in chunks for s, e in sentence_spans(c.text)]
    snapshot = Snapshot(chunks, rows, revision=1)
    hits = [Hit(chunk=c, score=1.0, rank=1) for c in chunks]  # same rank: only the sentences differ
    return Retrieval(hits, [1.0, 0.0], terms(question), "nb", snapshot)


def ranked(question: str, chunks: list[Chunk]) -> list[str]:
    return [c.text for c in ExtractiveAnswerer(AnswerSettings()).rank(retrieval(question, chunks), question)]


def filler(*sentences: str) -> list[Chunk]:
    """Chunks that only make some words common, so that the rarer words weigh more."""
    return [chunk(f"filler{n}", "Diverse", text) for n, text in enumerate(sentences)]


def test_a_sentence_that_names_its_subject_only_in_the_title_still_counts_it():
    # "Pantera" is rarer than "dannet": alone, the decoy would cover more of the question.
    band = chunk("pantera", "Pantera", "Bandet ble dannet av to brødre i 1981.")
    decoy = chunk("metal", "Heavy metal", "Pantera spilte i Texas.")
    common = filler("Klubben ble dannet i 1920.", "Foreningen ble dannet i fjor.", "Laget ble dannet sent.")
    assert ranked("Av hvem ble Pantera dannet?", [band, decoy, *common])[0] == "Bandet ble dannet av to brødre i 1981."


def test_the_sentence_before_gives_a_pronoun_its_subject():
    moon = chunk("moons", "Måner", "Callisto er en av Jupiters måner. Den bruker 16,69 døgn på ett omløp.")
    decoy = chunk("discovery", "Oppdagelser", "Callisto ble oppdaget i 1610.")
    common = filler("Ett omløp tar tid.", "Omløpet er langt.", "Hvert omløp teller.")
    top = ranked("Hva er omløpet til Callisto?", [moon, decoy, *common])[0]
    assert top == "Den bruker 16,69 døgn på ett omløp."


def test_headings_count_as_context():
    # "Tilbud" is rarer than "frist": only the heading gives the answer sentence that word.
    answer = chunk("a", "Konkurranse", "Fristen er 1. april. Konferansen var godt besøkt.", ["Tilbud"])
    decoy = chunk("b", "Nyheter", "Tilbud om dialog gis til alle.")
    common = filler("Fristen for søknad var lang.", "Ny frist kommer.")
    assert ranked("Hva er fristen for tilbud?", [answer, decoy, *common])[0] == "Fristen er 1. april."


def test_a_word_family_the_stemmer_keeps_apart_still_overlaps():
    # "arrangerte" stems to "arranger", "Arrangører" to "arrangør": the same family all the same.
    organisers = chunk("a", "Konferanse", "Arrangører: Lørenskog kommune, Husbanken og LUP.")
    decoy = chunk("b", "Konferanse", "Dialogkonferansen ble holdt i Lørenskog Hus.")  # a name too
    common = filler("Dialogkonferansen var godt besøkt.", "Dialogkonferansen samlet mange.")
    top = ranked("Hvem arrangerte dialogkonferansen?", [decoy, organisers, *common])[0]
    assert top == "Arrangører: Lørenskog kommune, Husbanken og LUP."


def test_a_compound_holds_its_head_word():
    text = "Sovjetunionen gikk i oppløsning. Dialogkonferansen var i 2020."
    snapshot = retrieval("x", [chunk("a", "Historie", text)]).snapshot
    assert "sovjetunion" in snapshot.family("union")
    assert "dialogkonferans" in snapshot.family("konferans")
    assert snapshot.family("part") == frozenset({"part"})  # too short to have a family


def test_a_how_many_answer_must_count_what_was_asked():
    plan = chunk("plan", "Boligplan", "Kommunen skal skaffe 425 boliger. Konferansen hadde 7 innlegg.")
    answerer = ExtractiveAnswerer(AnswerSettings())

    def counted(question: str, sentence: str) -> float:
        found = retrieval(question, [plan])
        best = next(c for c in answerer.rank(found, question) if c.text == sentence)
        return answerer.features([best], found, question)["counted"]

    assert counted("Hvor mange boliger skal kommunen skaffe?", "Kommunen skal skaffe 425 boliger.") == 1.0
    assert counted("Hvor mange parkeringsplasser blir det?", "Kommunen skal skaffe 425 boliger.") == -1.0
    assert counted("Hvor mange innlegg var det?", "Kommunen skal skaffe 425 boliger.") == -1.0
    assert counted("Hvem skal skaffe boliger?", "Kommunen skal skaffe 425 boliger.") == 0.0


def test_a_number_the_question_names_must_be_in_the_answer_or_its_headings():
    stage = chunk("stage", "Byggetrinn 1", "Hovedentreprenør var HENT AS.", ["Byggetrinn 1"])
    answerer = ExtractiveAnswerer(AnswerSettings())

    def missing(question: str) -> float:
        found = retrieval(question, [stage])
        return answerer.features(answerer.rank(found, question), found, question)["number_missing"]

    assert missing("Hvem var hovedentreprenør for byggetrinn 2?") == 1.0
    assert missing("Hvem var hovedentreprenør for byggetrinn 1?") == 0.0  # the heading holds it
    assert missing("Hvem var hovedentreprenør?") == 0.0
    # a house number is part of the site's name, not a stage or a year the answer must hold
    assert missing("Hvem var hovedentreprenør på Løkenåsveien 45?") == 0.0
    assert missing("Hvem var hovedentreprenør for byggetrinn 2 på Løkenåsveien 45?") == 1.0
    # a number in a sentence that does not ask is the asker's, not the answer's
    assert missing("Jeg er 24 og bor i nærheten. Hvem var hovedentreprenør?") == 0.0
    assert missing("Min mor er 82 år. Hvem var hovedentreprenør for byggetrinn 2?") == 1.0


def test_a_how_many_question_prefers_the_number_that_counts_what_was_asked():
    # Both hold a number and the same question words; only one number counts homes.
    decoy = chunk("site", "Boliger", "Kommunen skal skaffe boliger på Løkenåsveien 45.")
    plan = chunk("plan", "Boliger", "Kommunen skal skaffe 425 boliger.")
    assert ranked("Hvor mange boliger skal kommunen skaffe?", [decoy, plan])[0] == "Kommunen skal skaffe 425 boliger."


def test_a_follow_up_does_not_quote_again_what_the_previous_answer_said():
    stage = chunk("stage", "Byggetrinn 1", "Byggetrinn 1 har miljøstandarden BREEAM Excellent. "
                                           "Hovedentreprenør for byggetrinn 1 var HENT AS.")
    question = "Hvem bygde byggetrinn 1 med miljøstandarden?"
    answerer = ExtractiveAnswerer(AnswerSettings())
    found = retrieval(question, [stage])
    assert answerer.rank(found, question)[0].text.startswith("Byggetrinn 1 har miljøstandarden")
    said = "Byggetrinn 1 har miljøstandarden BREEAM Excellent [1]."  # the answer before, with its marker
    assert [c.text for c in answerer.rank(found, question, said)] == ["Hovedentreprenør for byggetrinn 1 var HENT AS."]
    # when the previous answer quoted every sentence, they are all still there to choose from
    everything = said + " Hovedentreprenør for byggetrinn 1 var HENT AS [2]."
    assert len(answerer.rank(found, question, everything)) == 2


def test_a_list_question_on_a_table_of_names_and_values_gets_the_whole_table():
    from assistant.answer.extractive import Candidate
    from assistant.answer.lists import with_list

    table = "Barnehage: seks avdelinger\n\nByggeår: 2018-2019\n\nHovedentreprenør: HENT AS\n\nKonstruksjon: massivtre"
    contacts = ("Kontaktperson: Gørill Horrigmoe; Region: Oslo\n\n"
                "Kontaktperson: Elisabeth Smith; Region: Midt-Norge\n\nNøkkel: verdi")
    for text, question, whole in [
        (table, "Hva er nøkkeltallene for byggetrinn 1?", table),
        (table, "Give me the contractor, the years and the construction type.", table),
        (contacts, "Hvem er kontaktpersonene?", contacts.rsplit("\n\n", 1)[0]),  # records: the same first column
    ]:
        c = chunk("t", "Tabell", text)
        start = text.index("Hovedentreprenør") if "Hovedentreprenør" in text else 0
        end = text.index("\n", start) if "\n" in text[start:] else len(text)
        row = Candidate(c, start, end, 1.0, 1.0, 1.0)
        assert with_list(row, question).text == whole
        # a question for one fact gets its row only
        assert with_list(row, "Hvem var hovedentreprenør?").text == text[start:end]


def test_a_question_word_is_known_when_the_corpus_holds_its_word_family():
    doc = chunk("conf", "Konferansen", "Arrangører av konferansen var kommunen og Husbanken.")
    answerer = ExtractiveAnswerer(AnswerSettings())

    def known(question: str) -> float:
        found = retrieval(question, [doc, *filler("Kommunen har en plan.", "Planen gjelder boliger.")])
        return answerer.features(answerer.rank(found, question), found, question)["known"]

    assert known("Hvem arrangerte konferansen?") == 1.0  # "arrangerte" from "Arrangører"
    assert known("Hvem sponset konferansen?") < 1.0


def _answerer(answers: bool, intents=None) -> ExtractiveAnswerer:
    """An answerer whose confidence model answers every question with a sentence, or none."""
    from assistant.answer.confidence import FEATURES, ConfidenceModel
    n = len(FEATURES)
    model = ConfidenceModel((0.0,) * n, (1.0,) * n, (0.0,) * n, 0.0, threshold=0.0 if answers else 1.01)
    return ExtractiveAnswerer(AnswerSettings(), confidence=model, intents=intents)


def _always_answers() -> ExtractiveAnswerer:
    return _answerer(True)


def test_a_question_that_stands_alone_is_read_once_by_the_equal_treatment_rules():
    # The service passes a question that stands alone as its own retrieval context too; written twice, the
    # one sentence read as two, and "how do I ask it?" no longer excused "a question about the deadline".
    from assistant.models import Scope
    question = "If I have a question about the deadline or the requirements, how do I ask it?"
    channel = chunk("kontakt", "Kontakt", "Spørsmål om frister og krav må stilles skriftlig gjennom kanalen.")
    answer = _always_answers().answer(question, retrieval(question, [channel]), Scope.public(), context=question)
    assert answer.answered and answer.reason is None


def test_a_follow_up_is_read_with_the_turn_before_by_the_equal_treatment_rules():
    from assistant.models import Scope
    context = "Hvilke miljøer ga innspill på dialogkonferansen? hvem var de?"
    text = chunk("d", "Dialog", "Kommunen mottok innspill fra syv ulike miljøer.")
    answer = _always_answers().answer("hvem var de?", retrieval(context, [text]), Scope.public(), context=context)
    assert not answer.answered and answer.reason == "equal_treatment"


def test_an_everyday_word_the_documents_never_use_is_read_through_theirs():
    # "prislappen" is not in the documents; "kostnader" is. Without the synonym the decoy's "prosjektet" decides.
    cost = chunk("kostnad", "Økonomi", "Kostnader holdes nede med Husbanken.")
    decoy = chunk("prosjekt", "Om prosjektet", "Prosjektet ledes av LUP.")
    common = filler("Prosjektet er stort.", "Prosjektet varer lenge.")
    top = ranked("Hvordan blir prislappen på prosjektet lavere?", [decoy, cost, *common])[0]
    assert top == "Kostnader holdes nede med Husbanken."


def test_a_word_the_documents_use_keeps_its_own_meaning():
    from assistant.glossary import synonym_groups
    assert synonym_groups("Hvem kan jeg ringe?", lambda t: False) == [["ringe", "telefon", "telefonnummeret"]]
    assert synonym_groups("Hvem kan jeg ringe?", lambda t: t == "ring") == []  # the documents say "ringe"
    assert synonym_groups("Hva er fristen?", lambda t: False) == []  # no everyday word of the table


def test_someone_at_the_municipality_is_not_answered_with_the_programmes_contacts():
    from assistant.models import Scope
    lup = chunk("kontakt", "Kontakt", "LUP har to kontaktpersoner: Gørill Horrigmoe og Elisabeth Smith.")
    question = "Hvem er kontaktpersonen i Lørenskog kommune for anskaffelsen?"
    answer = _always_answers().answer(question, retrieval(question, [lup]), Scope.public())
    assert not answer.answered and answer.reason == "no_evidence"
    asked_of_lup = "Hvem er kontaktpersonene i LUP?"
    assert _always_answers().answer(asked_of_lup, retrieval(asked_of_lup, [lup]), Scope.public()).answered
    municipal = chunk("kommune", "Kontakt", "Kontaktperson i Lørenskog kommune er Kari Nordmann.")
    answer = _always_answers().answer(question, retrieval(question, [municipal, lup]), Scope.public())
    assert answer.answered and "Kari Nordmann" in answer.answer


def test_who_designed_it_is_not_answered_with_who_built_it():
    from assistant.models import Scope
    built = chunk("bt1", "Byggetrinn 1", "Hovedentreprenør for byggetrinn 1 var HENT AS.")
    for question in ("Who designed the kindergarten building?", "Hvem var arkitekt for byggetrinn 1?"):
        answer = _always_answers().answer(question, retrieval(question, [built]), Scope.public())
        assert not answer.answered and answer.reason == "no_evidence"
    asked = "Hvem bygde byggetrinn 1?"
    assert _always_answers().answer(asked, retrieval(asked, [built]), Scope.public()).answered
    drawn = chunk("ark", "Byggetrinn 1", "Byggetrinn 1 er tegnet av Arkitektkontoret Nord.")
    question = "Hvem var arkitekt for byggetrinn 1?"
    assert _always_answers().answer(question, retrieval(question, [drawn, built]), Scope.public()).answered


def _leaning(equal_treatment: float, out_of_scope: float = 0.05):
    """An intent model over the test's 2-d vectors ([1, 0]) with these probabilities, threshold 0.7."""
    import math

    from assistant.intent import IntentModel
    logit = lambda p: math.log(p / (1 - p))  # noqa: E731
    return IntentModel("test/2d", {"equal_treatment": (logit(equal_treatment), 0.0, 0.0),
                                   "out_of_scope": (logit(out_of_scope), 0.0, 0.0)}, threshold=0.7)


def test_a_question_refused_anyway_is_refused_for_the_reason_the_intent_model_leans_to():
    # Under the intent model's threshold (0.7) a question is not refused for equal treatment; but when
    # the evidence refuses it anyway, a likelier-than-not reason is the one to give, with its text.
    from assistant.models import Scope
    question = "Kan dere hinte om hva som teller mest i trinn 2?"
    found = retrieval(question, [chunk("t", "Trinn 1", "Hovedentreprenør for byggetrinn 1 var HENT AS.")])
    leaning, unsure = _leaning(0.6), _leaning(0.3)
    assert _answerer(False, leaning).answer(question, found, Scope.public()).reason == "equal_treatment"
    assert _answerer(False, unsure).answer(question, found, Scope.public()).reason == "no_evidence"
    answered = _answerer(True, leaning).answer(question, found, Scope.public())  # it never refuses by itself
    assert answered.answered and "HENT AS" in answered.answer
    assert _answerer(False, leaning).answer(question, found, Scope.everything()).reason == "no_evidence"
    scope = _answerer(False, _leaning(0.1, out_of_scope=0.6)).answer(question, found, Scope.public())
    assert scope.reason == "out_of_scope" and "Lørenskog kommune" in scope.answer and not scope.citations
