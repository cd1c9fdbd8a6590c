"""Answer-type cues: a "how many" question wants a number, "when" a date, "who" a name.

A small bonus for sentences that hold such a thing beyond the words of the question; on
NorQuAD it moves about one question in a hundred to the right sentence.
"""

from __future__ import annotations

import re

_KINDS = (
    ("number", re.compile(r"^(hvor (mange|mye|stor|store|lang|lenge|høy|gammel|ofte|langt)|hvilken pris"
                          r"|how (many|much|long|old|big|often))\b", re.I)),
    ("time", re.compile(r"^(når|hvilket år|hvilken dato|hvilken dag|hvilke år|when|what year|which year)\b", re.I)),
    ("name", re.compile(r"^(hvem|hvilken person|who)\b", re.I)),
)
_WANTS = {
    "number": re.compile(r"\d+|\b(to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tjue|hundre|tusen"
                         r"|millioner?|milliarder?|prosent|halvparten)\b", re.I),
    "time": re.compile(r"\b(1[5-9]\d\d|20\d\d)\b|\b(januar|februar|mars|april|mai|juni|juli|august|september"
                       r"|oktober|november|desember|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag"
                       r"|i fjor|våren|høsten|sommeren|vinteren)\b", re.I),
    "name": re.compile(r"(?<=\w )[A-ZÆØÅ][a-zæøåé]+"),
}


def wanted_kind(question: str) -> str | None:
    """'number', 'time', 'name' or None, from how the question starts."""
    start = question.strip().lower()
    return next((kind for kind, pattern in _KINDS if pattern.match(start)), None)


def holds_kind(kind: str | None, sentence: str, question: str) -> bool:
    """Whether the sentence holds something of that kind that the question does not already say."""
    if kind is None:
        return False
    asked = {w.lower() for w in re.findall(r"\w+", question)}
    return any(m.group(0).lower() not in asked for m in _WANTS[kind].finditer(sentence))
