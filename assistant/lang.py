"""Telling Norwegian (bokmål/nynorsk) from English questions, cheaply and without a model."""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

from assistant.text import words

_NB = set(
    "og i på er det som en et til av for med har ikke jeg kan de om hva hvem hvor hvordan hvorfor når hvilke "
    "hvilken hvilket skal var blir ble vil dette den kommunen hos fra eller men også seg sin sitt noen mange "
    "hvor mye finnes trenger gjelder kva korleis kvifor".split()
)
_EN = set(
    "the and is are was were of to in on for with what who where when why how which does do did can could "
    "will would should there this that about from it its an a be has have any many much tell me please".split()
)


def detect_language(text: str) -> str:
    """'en' when English function words outweigh Norwegian ones, else 'nb' (the corpus language)."""
    tokens = words(text)
    # æ, ø, å in an ordinary word point to Norwegian; in a name ("Is Lørenskog growing?") they don't.
    nb_bonus = int(any(set(w) & set("æøå") for w in re.findall(r"\b[^\W\d_A-ZÆØÅ][\w-]*", text)))
    en = sum(t in _EN for t in tokens)
    nb = sum(t in _NB for t in tokens) + nb_bonus
    if en == nb:  # no function words ("contractor?", "BREEAM?") or a tie: which language uses the words more
        en = sum(zipf_frequency(t, "en") > zipf_frequency(t, "nb") + 1.0 for t in tokens)
        nb = sum(zipf_frequency(t, "nb") > zipf_frequency(t, "en") + 1.0 for t in tokens)
    return "en" if en > nb else "nb"
