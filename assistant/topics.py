"""What is not a question about the procurement: greetings, and the municipality's other services.

A resident who writes "hei" deserves a greeting and a hint of what to ask, not a refusal; one
who asks how to apply for a municipal home or a kindergarten place deserves to hear that this
assistant only covers the procurement and that such matters go to Lørenskog kommune — not the
suppliers' written channel. Both are decided before retrieval, from the words alone.
"""

from __future__ import annotations

import re

from assistant.lang import detect_language
from assistant.models import Answer
from assistant.text import words

_GREETING_WORDS = set(
    "hei heia hallo halla hello hi hey hiya god morgen dag kveld ettermiddag good morning afternoon evening "
    "takk tusen mange thanks thank you ty for svaret the answer help hjelp ok okay greit fint flott great "
    "there assistent assistant chat bot hvordan går det how are you hjelpen that that's s all bye ha det bra "
    "nice var alt".split()
)
_OPENERS = set("hei heia hallo halla hello hi hey god good takk thanks thank bye".split())

# Other things the municipality does: a resident's own case, not the procurement.
_OWN_CASE = re.compile(r"\b(?:jeg|meg|min|mitt|mine|vi|oss|me|my|we|us)\b|\bI\b")
_HOUSING_ACTION = re.compile(
    r"\b(?:søke|søker|søknad|søknaden|apply|applying|application|skrive meg opp|venteliste|waiting list|queue"
    r"|leie|rent|renting|kjøpe|buy|buying|flytte inn|move in|bo|live|få|get|tildelt|allocated|qualify|kvalifisere)\b"
    r"[^?.!]{0,50}\b(?:bolig|boliger|boligene|leilighet|leiligheten|leiligheter|omsorgsbolig|omsorgsboligene|home"
    r"|homes|flat|flats|apartment|apartments|housing|here|her|der|there)\b"
    r"|\b(?:bolig|omsorgsbolig|leilighet|home|flat|apartment)\w*\b[^?.!]{0,40}\b(?:søker|søke|apply|rent|leie)\b",
    re.IGNORECASE,
)
_OTHER_SERVICE = re.compile(
    r"barnehageplass|kindergarten (?:place|spot|seat)|\bplace\b[^?.!]{0,40}\bkindergarten|childcare place"
    r"|plass i barnehagen|skoleplass|school place|byggesak|byggesøknad|byggetillatelse|building permit"
    r"|planning permission|eiendomsskatt|property tax|kommunale avgifter|municipal fees|renovasjon|søppel|søpla|søpl"
    r"|garbage|rubbish|waste collection|bostøtte|housing (?:allowance|benefit)|startlån|start loan"
    r"|sosialhjelp|social (?:assistance|benefits?)|\bnav\b|fastlege|legevakt|family doctor|hjemmetjeneste"
    r"|home care|sykehjemsplass|nursing home place|parkeringstillatelse|parking permit",
    re.IGNORECASE,
)

_MESSAGES = {
    "nb": {
        "greeting": (
            "Hei! Jeg svarer på spørsmål om anskaffelsen «Nye samarbeidsformer rundt boligsosiale utfordringer» "
            "for Løkenåsveien 45, med kilder fra de publiserte dokumentene. Du kan for eksempel spørre: "
            "«Hva er målet med anskaffelsen?» eller «Når var dialogkonferansen?»"
        ),
        "out_of_scope": (
            "Denne assistenten svarer bare på spørsmål om anskaffelsen «Nye samarbeidsformer rundt boligsosiale "
            "utfordringer» for Løkenåsveien 45. Spørsmål om andre saker, for eksempel søknad om bolig eller "
            "barnehageplass, må du stille til Lørenskog kommune."
        ),
    },
    "en": {
        "greeting": (
            "Hello! I answer questions about the procurement «Nye samarbeidsformer rundt boligsosiale "
            "utfordringer» (new forms of cooperation on social housing) for Løkenåsveien 45, citing the published "
            "documents. You could ask, for example: “What is the goal of the procurement?” or “When was the "
            "dialogue conference?”"
        ),
        "out_of_scope": (
            "This assistant only answers questions about the procurement «Nye samarbeidsformer rundt boligsosiale "
            "utfordringer» for Løkenåsveien 45. Other matters, such as applying for housing or a kindergarten "
            "place, go to Lørenskog kommune (Lørenskog municipality)."
        ),
    },
}


def is_greeting(question: str) -> bool:
    """A message made only of greeting, thanks and small-talk words ("hei", "good morning", "takk!")."""
    tokens = words(question)
    return bool(tokens) and len(tokens) <= 6 and tokens[0] in _OPENERS and set(tokens) <= _GREETING_WORDS


def outside_procurement(question: str) -> bool:
    """A question about something else the municipality does (housing applications, kindergartens, taxes)."""
    if _OTHER_SERVICE.search(question):
        return True
    return bool(_OWN_CASE.search(question) and _HOUSING_ACTION.search(question))


def message(kind: str, lang: str) -> str:
    """The fixed text for a greeting or an out-of-scope question, in the asker's language."""
    return _MESSAGES["en" if lang == "en" else "nb"][kind]


def topic_answer(question: str) -> Answer | None:
    """A greeting's or an out-of-scope question's answer (``answered: false``, no citations), else None."""
    kind = "greeting" if is_greeting(question) else "out_of_scope" if outside_procurement(question) else None
    if kind is None:
        return None
    lang = detect_language(question)
    return Answer(answer=message(kind, lang), answered=False, lang=lang, reason=kind)
