import pytest

from assistant.lang import detect_language


@pytest.mark.parametrize(
    "question, lang",
    [
        ("Hva er målet med anskaffelsen?", "nb"),
        ("Hvor mange miljøer ga innspill på dialogkonferansen?", "nb"),
        ("Kva er målet med prosjektet?", "nb"),
        ("What role does Husbanken play?", "en"),
        ("Where did the market dialogue conference take place?", "en"),
        ("Which suppliers took part in the dialogue and what did they propose?", "en"),
        ("Løkenåsveien 45", "nb"),
        ("Is Lørenskog growing?", "en"),  # æøå in a name is no sign of Norwegian
        ("Who is Gørill Horrigmoe?", "en"),
        ("Størrelse på tomta?", "nb"),
        ("Åpningstider?", "nb"),
    ],
)
def test_detect_language(question, lang):
    assert detect_language(question) == lang
