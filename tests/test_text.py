from assistant.text import sentence_spans, sentences


def test_spans_index_the_original_text():
    text = "  Første setning her. Andre setning!\nTredje linje uten punktum\n\n«Sitat», sa hun. "
    for start, end in sentence_spans(text):
        assert text[start:end] == text[start:end].strip()
    assert sentences(text) == ["Første setning her.", "Andre setning!", "Tredje linje uten punktum", "«Sitat», sa hun."]


def test_dates_abbreviations_and_times_do_not_split():
    text = "Konferansen var 19. februar 2020 kl. 12.00 i Lørenskog Hus, bl.a. med LUP. Ca. 30 kom."
    assert sentences(text) == [
        "Konferansen var 19. februar 2020 kl. 12.00 i Lørenskog Hus, bl.a. med LUP.",
        "Ca. 30 kom.",
    ]


def test_empty_text_has_no_sentences():
    assert sentences("") == [] and sentences(" \n\n ") == []
