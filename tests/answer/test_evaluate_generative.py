"""The evaluator's own check of shown sentences (written apart from the verifier) and how it reads answers."""

from __future__ import annotations

from assistant.evaluate_generative import shown_sentences, unsupported
from assistant.models import Answer, Citation

CHUNK = "Dialogkonferansen ble holdt onsdag 19. februar 2020 kl. 12.00–16.00 på Lørenskog Hus. Kontakt: a@lup.no."


def cite(n: int, quote: str) -> Citation:
    return Citation(n=n, doc_id="d", title="t", source="s", quote=quote, chunk_id=f"c{n}")


def test_sentences_are_read_with_the_citations_their_markers_name():
    answer = Answer(answer="Den var 19. februar 2020 [1][2]. Den var på Lørenskog Hus [2].", answered=True,
                    lang="nb", citations=[cite(1, "a"), cite(2, "b")], mode="generative")
    assert [(t, [c.n for c in cs]) for t, cs in shown_sentences(answer)] == [
        ("Den var 19. februar 2020", [1, 2]), ("Den var på Lørenskog Hus", [2])]


def test_supported_facts_pass_in_either_language():
    assert not unsupported("The conference was on Wednesday 19 February 2020 at Lørenskog Hus", [CHUNK])
    assert not unsupported("Konferansen var fra 12.00 til 16.00, og kontakten er a@lup.no", [CHUNK])


def test_an_invented_number_name_month_or_address_is_caught():
    assert unsupported("The conference was on 20 February 2020", [CHUNK])
    assert unsupported("The conference was on 19 March 2020", [CHUNK])
    assert unsupported("The conference was held at Oslo Spektrum", [CHUNK])
    assert unsupported("Kontakten er b@lup.no", [CHUNK])
