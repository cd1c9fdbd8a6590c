"""What is not a question about the procurement: greetings, the municipality's other services, new rules.

A resident who writes "hei" deserves a greeting and a hint of what to ask, not a refusal; one
who asks how to apply for a municipal home or a kindergarten place deserves to hear that this
assistant only covers the procurement and that such matters go to Lørenskog kommune — not the
suppliers' written channel. One who tells the assistant to drop its rules or take another role gets the
same refusal whatever the wording. All three are decided before retrieval, from the words alone.
"""

from __future__ import annotations

import re

from assistant.lang import detect_language
from assistant.models import Answer
from assistant.text import words

_GREETING_WORDS = set(
    "hei heia heisann hallo halla hello hi hey hiya god morgen dag kveld ettermiddag good morning afternoon "
    "evening takk takker tusen mange thanks thank thx cheers you ty for svaret svarene the answer answers help "
    "hjelp hjelpen ok okay greit fint flott great there assistent assistant chat bot hvordan går det how are "
    "you that that's s all bye ha det bra nice var alt anyone anybody somebody noen needed need trengte lurte "
    "wanted helped hjalp much so very really lot veldig mye everyone folks i jeg morn morna hade skal du "
    "hjertelig supert super perfekt perfect fine".split()
)
_OPENERS = set("hei heia heisann hallo halla hello hi hey god good takk takker tusen thanks thank thx cheers "
               "bye morn morna hade ok okay supert super flott perfekt perfect great fint fine".split())
_THANKS = set("takk takker thanks thank thx cheers".split())
_QUESTION_WORDS = set("hva hvem hvor når hvorfor hvilke hvilken hvilket what who where when why which".split())

# Other things the municipality does: a resident's own case, not the procurement.
_OWN_CASE = re.compile(r"\b(?:jeg|meg|min|mitt|mine|vi|oss|me|my|we|us)\b|\bI\b")
_HOUSING_ACTION = re.compile(
    r"\b(?:søke|søker|søknad|søknaden|apply|applying|application|skrive meg opp|venteliste|waiting list|queue"
    r"|leie|rent|renting|kjøpe|buy|buying|flytte inn|move in|få|får jeg|get|tildelt|allocated|qualify|kvalifisere"
    r"|(?:kan|får|could|can|may) (?:jeg|vi|i|we|\w+ \w+) (?:bo|live))\b"
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
    r"|home care|sykehjemsplass|plass på (?:et )?sykehjem|nursing home place|place in a nursing home"
    r"|parkeringstillatelse|parking permit|restavfall|avfallet|avfallshenting|bin collection|bins? (?:be )?emptied"
    r"|meld\w* (?:\w+ )?flytting|flyttemelding|hjemmehjelp|hjemmesykepleie|register (?:\w+ )*for school"
    r"|school registration"
    r"|skoleskyss|bibliotek|library|svømmehall|swimming pool|åpningstid|opening hours|tt-kort|søke (?:på )?jobb"
    r"|apply for a job|(?:job|jobs|vacanc\w+) (?:at|in) the (?:municipality|council)|ledige stillinger|gatelys"
    r"|street ?lights?|brøyting|snow clearing|pothole|hull i veien|help (?:paying|to pay) (?:my |the )?rent"
    r"|hjelp til (?:å betale )?husleie|venteliste|waiting list",
    re.IGNORECASE,
)

_CLARIFY = re.compile(r"avklar|clarif|bekreft|confirm", re.IGNORECASE)
# A supplier's words: "Kan vi få levere tilbud på boligene?" is about the competition, not a home.
_SUPPLIER = re.compile(r"\b(?:tilbud\w*|anbud\w*|bids?|bidding|tender\w*|leverandør\w*|suppliers?|tilby|levere"
                       r"|konkurranse\w*|contracts?|kontrakt\w*|leie ut|rent out|let out|konsortium|consortium)\b",
                       re.IGNORECASE)

# Attempts to change the assistant's rules or role ("Ignore your instructions…", "Du er nå saksbehandler…").
_INSTRUCTIONS = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^?.!]{0,40}\b(?:instructions?|rules?|guidelines|restrictions"
    r"|prompt|polic(?:y|ies))\b"
    r"|\b(?:glem|ignorer|overse|se bort fra|overstyr)\w*\b[^?.!]{0,40}(?:instruks|regl|regel|retningslinje|begrensning)"
    r"|system ?prompt|\bsystem(?: override)?\s*:|\b(?:developer|debug|admin|god) mode\b|utviklermodus|debugmodus"
    r"|\byou are now (?:a|an|in)\b|\bdu er nå (?:en |i )?(?:saksbehandler|admin|utvikler|i \w+modus)"
    r"|\bpretend (?:you are|you're|to be)\b|\blat som (?:at )?du er\b|\b(?:audience|role)\s*="
    r"|\b(?:answer|respond|reply|svar)\w*\b[^?.!]{0,30}\b(?:without|with no|uten)\s+(?:any\s+|noen\s+)?"
    r"(?:restrictions|limits|limitations|rules|begrensninger|regler)\b"
    r"|\bas if you (?:had|have) no (?:restrictions|limits|rules)"
    r"|som om du ikke (?:hadde|har) noen (?:begrensninger|regler)"
    r"|\b(?:jeg er|i am|i'm) (?:en |a )?(?:saksbehandler|case ?worker|administrator)\b|full (?:tilgang|access)\b",
    re.IGNORECASE,
)
# A message that is small talk and nothing else ("hvordan går det?", "how's it going").
# Small talk, and saying a question is coming ("Jeg har noen spørsmål.") without asking it.
_SMALL_TALK = re.compile(
    r"\b(?:hvordan går det|hvordan har du det|går det bra|how are you|how is it going|how s it going|what s up"
    r"|er det noen (?:her|der)|is anyone there|anyone there|jeg har (?:et|noen|et par) spørsmål"
    r"|i have (?:a|some|a few|a couple of) questions?|kan jeg spørre (?:deg )?om (?:noe|noen ting)"
    r"|can i ask (?:you )?(?:something|a question|some questions)|ha en (?:fin|god|riktig god) dag"
    r"|have a (?:nice|good|great) day|takk for (?:praten|samtalen|hjelpen|svaret|svarene|nå|i dag)"
    r"|thanks? (?:you )?for (?:the|your) help|ha det(?: bra| godt)?|vi snakkes|see you)\b"
)

_MESSAGES = {
    "nb": {
        "greeting": (
            "Hei! Jeg svarer på spørsmål om anskaffelsen «Nye samarbeidsformer rundt boligsosiale utfordringer» "
            "for Løkenåsveien 45, med kilder fra de publiserte dokumentene. Du kan for eksempel spørre: "
            "«Hva er målet med anskaffelsen?» eller «Når var dialogkonferansen?»"
        ),
        "thanks": (
            "Bare hyggelig! Spør gjerne igjen om anskaffelsen «Nye samarbeidsformer rundt boligsosiale "
            "utfordringer» for Løkenåsveien 45, for eksempel: «Hvem er kontaktpersonene?» eller «Hva skjedde på "
            "dialogkonferansen?»"
        ),
        "out_of_scope": (
            "Denne assistenten svarer bare på spørsmål om anskaffelsen «Nye samarbeidsformer rundt boligsosiale "
            "utfordringer» for Løkenåsveien 45. Spørsmål om andre saker, for eksempel søknad om bolig eller "
            "barnehageplass, må du stille til Lørenskog kommune."
        ),
        "instructions": (
            "Jeg følger de samme reglene for alle som spør: jeg svarer bare ut fra de publiserte dokumentene om "
            "anskaffelsen, og jeg viser ikke interne dokumenter eller leverandørenes innspill."
        ),
    },
    "en": {
        "greeting": (
            "Hello! I answer questions about the procurement «Nye samarbeidsformer rundt boligsosiale "
            "utfordringer» (new forms of cooperation on social housing) for Løkenåsveien 45, citing the published "
            "documents. You could ask, for example: “What is the goal of the procurement?” or “When was the "
            "dialogue conference?”"
        ),
        "thanks": (
            "You're welcome! Ask again any time about the procurement «Nye samarbeidsformer rundt boligsosiale "
            "utfordringer» for Løkenåsveien 45, for example: “Who are the contact persons?” or “What happened at "
            "the dialogue conference?”"
        ),
        "out_of_scope": (
            "This assistant only answers questions about the procurement «Nye samarbeidsformer rundt boligsosiale "
            "utfordringer» for Løkenåsveien 45. Other matters, such as applying for housing or a kindergarten "
            "place, go to Lørenskog kommune (Lørenskog municipality)."
        ),
        "instructions": (
            "I follow the same rules for everyone who asks: I answer only from the published documents about the "
            "procurement, and I do not show internal documents or the suppliers' input."
        ),
    },
}


def is_greeting(question: str) -> bool:
    """A short message of greetings, thanks and small talk only ("hei", "Hello, anyone there?", "Tusen takk
    for hjelpen!", "hvordan går det?", "God morgen! Jeg har noen spørsmål."); "hei, når var konferansen?"
    and "Takk, hvordan da?" are questions."""
    tokens = words(question)
    rest = _SMALL_TALK.sub(" ", " ".join(tokens)).split()  # what is left once small talk is taken out
    if not tokens or len(tokens) > 10 or not set(rest) <= _GREETING_WORDS - {"how", "hvordan"}:
        return False
    return not _QUESTION_WORDS & set(rest) and (len(rest) < len(tokens) or tokens[0] in _OPENERS)


def asks_to_change_rules(question: str) -> bool:
    """An attempt to give the assistant other instructions or another role (a prompt injection)."""
    return bool(_INSTRUCTIONS.search(question))


def outside_procurement(question: str) -> bool:
    """A question about something else the municipality does (housing applications, kindergartens, taxes).

    A supplier asking for a clarification ("Kan du avklare for oss om kommunen vil leie boligene …?") or
    about the bid ("Kan vi få levere tilbud på boligene?") is asking about the procurement, whatever
    words of a resident's case it holds."""
    if _OTHER_SERVICE.search(question):
        return True
    if _CLARIFY.search(question) or _SUPPLIER.search(question):
        return False
    return bool(_OWN_CASE.search(question) and _HOUSING_ACTION.search(question))


def message(kind: str, lang: str) -> str:
    """The fixed text for a greeting or an out-of-scope question, in the asker's language."""
    return _MESSAGES["en" if lang == "en" else "nb"][kind]


def topic_answer(question: str) -> Answer | None:
    """The answer to a greeting, an out-of-scope question or an attempt to change the rules
    (``answered: false``, no citations; the last with reason ``no_evidence``), else None."""
    kind = ("instructions" if asks_to_change_rules(question) else "greeting" if is_greeting(question)
            else "out_of_scope" if outside_procurement(question) else None)
    if kind is None:
        return None
    lang = detect_language(question)
    text = message("thanks" if kind == "greeting" and _THANKS & set(words(question)) else kind, lang)
    return Answer(answer=text, answered=False, lang=lang, reason="no_evidence" if kind == "instructions" else kind)
