"""Personal data in free text (questions, feedback comments, log lines), found and replaced.

Hand-written recognisers for the Norwegian formats, validated where the format has a check:

    [e-post]          e-mail, also obfuscated: ola(at)example.no, ola [at] example [dot] no
    [iban]            an IBAN (any country) whose mod-97 check holds, with or without spaces
    [fødselsnummer]   11 digits (national ID, D- and H-number) that start with a date and either are
                      written as an ID is (010190 12345, 010190-12345, 01 01 90 123 45) or pass both
                      mod-11 check digits in any grouping
    [kontonummer]     11 digits whose mod-11 check digit holds (1234 56 78903, 1234.56.78903)
    [telefon]         8 digits starting 2-9, optional +47/0047, grouped 8, 3-2-3 or 2-2-2-2 by space,
                      dot or hyphen (906 72 754, 906.72.754, 90 67 27 54); 4-4 is left alone (years)
    [tall]            any other run of 9 or more digits
    [adresse]         a street name ending in -veien, -gata, -gate, -vei, ... and a house number,
                      except the project's own public addresses
    [navn]            the words after "jeg heter", "mitt navn er", "my name is", "hilsen", ...

Why not Presidio: it needs spaCy (and ~20 more packages) plus a spaCy language model from a
model hub, which this deployment cannot download, and it has no recogniser for Norwegian IDs or
account numbers anyway; these would have to be written either way. Names without a cue phrase
need such a model, so they are not found (the README says so).

Every pattern runs in linear time: no nested unbounded repetition.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

_SEP = r"[ .\-]"
_EMAIL = re.compile(
    r"[\w.+-]{1,64}\s?(?:@|\(at\)|\[at\]|\{at\}|\(krøllalfa\)| krøllalfa )\s?[\w-]{1,63}"
    r"(?:(?:\.|\s?(?:\(dot\)|\[dot\]|\{dot\}|\(punktum\))\s?)[\w-]{1,63}){1,8}",
    re.IGNORECASE,
)
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])")
_ELEVEN = re.compile(rf"(?<![\d.,])\d(?:{_SEP}?\d){{10}}(?![\d]|[.,]\d)")
_ID_LAYOUTS = re.compile(r"\d{6}[ \-]?\d{5}|\d{6} \d{3} \d{2}|\d\d([ .])\d\d\1\d\d[ \-]?(?:\d{5}|\d{3} \d{2})")
_PHONE = re.compile(
    r"(?<![\w.,+])(?:(?:\+|00)47[ .\-]?)?"
    r"[2-9](?:\d{7}|\d\d([ .\-])\d\d\1\d{3}|\d([ .\-])\d\d\2\d\d\2\d\d)(?![\w]|[.,]\d)"
)
_DIGITS = re.compile(r"\d{9,}")
_STREET = (
    r"(?:veien|vegen|veit|vei|veg|gata|gaten|gate|gt\.|allé|alle|alleen|plassen|plass|stien|sti|bakken|"
    r"svingen|lia|lien|tunet|ringen|kroken|haugen|jordet|road|street|lane|avenue)"
)
_ADDRESS = re.compile(
    rf"\b[A-ZÆØÅ][a-zæøåéü]{{0,30}} ?(?i:{_STREET})\s\d{{1,4}}(?:\s?[A-Za-z]\b)?"
    r"(?:,?\s\d{4}\s[A-ZÆØÅ][a-zæøå]{1,30})?"
)
_NAME_CUE = re.compile(
    r"(?i:\b(?:jeg heter|mitt navn er|navnet mitt er|my name is|i am called|hilsen|mvh|regards|sincerely)"
    r"[:,]?\s)((?:[A-ZÆØÅ][\w'-]{1,30}\s?){1,3})"
)
# Public addresses of the procurement itself: asking about them is not personal data.
PUBLIC_ADDRESSES = ("løkenåsveien 45", "festplassen 1")


def mask(text: str) -> str:
    """Replace personal data in ``text`` with a bracketed label (see the module docstring)."""
    for replace in _STEPS:
        text = replace(text)
    return text


def _iban(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        compact = match.group().replace(" ", "")
        for end in range(len(compact), 14, -1):  # the match may run into a following code; try shorter
            if iban_valid(compact[:end]):
                return "[iban]" + _tail_of(match.group(), end)
        return match.group()

    return _IBAN.sub(replace, text)


def _tail_of(raw: str, keep: int) -> str:
    """What is left of ``raw`` after its first ``keep`` non-space characters."""
    seen = 0
    for index, char in enumerate(raw):
        if char != " ":
            seen += 1
            if seen == keep:
                return raw[index + 1 :]
    return ""


def _eleven(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        raw = match.group()
        digits = re.sub(r"\D", "", raw)
        if national_id_valid(digits) or (_ID_LAYOUTS.fullmatch(raw) and _id_date(digits) is not None):
            return "[fødselsnummer]"
        if account_valid(digits):
            return "[kontonummer]"
        return raw

    return _ELEVEN.sub(replace, text)


def _address(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        found = match.group()
        return found if found.lower().startswith(PUBLIC_ADDRESSES) else "[adresse]"

    return _ADDRESS.sub(replace, text)


_STEPS: tuple[Callable[[str], str], ...] = (
    lambda t: _EMAIL.sub("[e-post]", t),
    _iban,
    _eleven,
    lambda t: _PHONE.sub("[telefon]", t),
    lambda t: _DIGITS.sub("[tall]", t),
    _address,
    lambda t: _NAME_CUE.sub(lambda m: m.group()[: m.start(1) - m.start()] + "[navn]" + _trailing_space(m), t),
)


def _trailing_space(match: re.Match[str]) -> str:
    return " " if match.group(1).endswith(" ") else ""


def national_id_valid(digits: str) -> bool:
    """An 11-digit fødselsnummer, D-number or H-number: a real date and both mod-11 check digits."""
    if len(digits) != 11 or not digits.isdigit() or _id_date(digits) is None:
        return False
    d = [int(c) for c in digits]
    k1 = _check_digit(d[:9], (3, 7, 6, 1, 8, 9, 4, 5, 2))
    k2 = _check_digit(d[:9] + [k1 if k1 is not None else -1], (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
    return k1 == d[9] and k2 == d[10]


def account_valid(digits: str) -> bool:
    """A Norwegian bank account number: 11 digits, the last a mod-11 check of the first ten."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    d = [int(c) for c in digits]
    return _check_digit(d[:10], (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)) == d[10]


def iban_valid(compact: str) -> bool:
    """ISO 13616: move the first four characters to the end, letters to numbers, mod 97 == 1."""
    if not 15 <= len(compact) <= 34 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    if compact.startswith("NO") and len(compact) != 15:
        return False
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in moved.upper())
    return int(number) % 97 == 1


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
    return 0 if rest == 11 else (None if rest == 10 else rest)


def _id_date(digits: str) -> dt.date | None:
    """The birth date in an ID's first six digits (D-number: day + 40; H-number: month + 40)."""
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    day = day - 40 if day > 40 else day
    month = month - 40 if month > 40 else month
    for century in (1900, 2000):
        try:
            return dt.date(century + year, month, day)
        except ValueError:
            continue
    return None
