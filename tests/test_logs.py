import json
import logging

from assistant.logs import JsonFormatter, mask


def test_mask_removes_personal_data():
    text = "Ring 906 72 754 eller +47 97747082, skriv til ola.nordmann@example.no, fnr 01019012345, konto 123456789012"
    masked = mask(text)
    for secret in ("906 72 754", "97747082", "ola.nordmann@example.no", "01019012345", "123456789012"):
        assert secret not in masked
    assert "[e-post]" in masked and "[fødselsnummer]" in masked and "[telefon]" in masked


def test_mask_keeps_ordinary_numbers():
    assert mask("Kommunen skal skaffe 425 boliger i 2019–2026.") == "Kommunen skal skaffe 425 boliger i 2019–2026."


def test_json_log_lines_are_masked():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "question from kari@example.com", (), None)
    record.question = "mitt nummer er 41234567"
    line = json.loads(JsonFormatter().format(record))
    assert line["msg"] == "question from [e-post]"
    assert line["question"] == "mitt nummer er [telefon]"
