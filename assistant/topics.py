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
    "hjertelig supert super perfekt perfect fine goodbye er der here is was it this det dette helpful useful "
    "nyttig nyttige informative and og a an egentlig around".split()
)
_GREETING_ONLY = _GREETING_WORDS - {"how", "hvordan"}  # "how …" is a question unless it is small talk
_GREETING_FORM = re.compile(r"(?:hjelp|takk)(?:a|en|et|e)?|thank(?:s|ful|ed)?")  # "takk for hjelpa", "thankful"
# Chat shorthand read as the words it stands for ("who r u", "thx u").
_SHORTHAND = {"u": "you", "r": "are", "ur": "your", "ya": "you"}
_OPENERS = set("hei heia heisann hallo halla hello hi hey god good takk takker tusen thanks thank thx cheers "
               "bye goodbye morn morna hade ok okay supert super flott perfekt perfect great fint fine".split())
_THANKS = set("takk takker thanks thank thx cheers".split())
_QUESTION_WORDS = set("hva hvem hvor når hvorfor hvilke hvilken hvilket what who where when why which".split())

# Other things the municipality does: a resident's own case, not the procurement.
_OWN_CASE = re.compile(r"\b(?:jeg|meg|min|mitt|mine|vi|oss|me|my|we|us)\b|\bI\b")
_HOUSING_ACTION = re.compile(
    r"\b(?:søke|søker|søknad|søknaden|apply|applying|application|skrive meg opp|venteliste|waiting list|queue"
    r"|leie|rent|renting|flytte inn|move in(?:to)?|få|får jeg|get(?! (?:why|what|how|it|that|this)\b)|tildelt|allocated"
    r"|qualify|kvalifisere"
    r"|skaffe (?:meg|oss)|(?:finne|find) (?:til )?(?:meg|oss|me|us) (?=(?:en |et |a |an )?(?:bolig|leilighet|hus|sted"
    r"|flat|apartment|home|house|place))"
    r"|(?:kan|får|could|can|may) (?:jeg|vi|i|we|\w+ \w+) (?:bo|live))\b"
    r"[^?.!]{0,50}\b(?:bolig|boliger|boligene|leilighet|leiligheten|leiligheter|omsorgsbolig|omsorgsboligene|home"
    r"|homes|flat|flats|apartment|apartments|housing|houses|here|her|der|there)\b"
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
    r"|parkeringstillatelse|parkeringskort|parking (?:permit|card)"
    r"|\b(?:søke|søker|få|apply|get)\b[^?.!]{0,30}\b(?:beboerparkering|resident parking)"
    r"|restavfall|avfallshenting|bin collection|bins? (?:be )?emptied"
    r"|meld\w* (?:\w+ )?flytting|flyttemelding|hjemmehjelp|hjemmesykepleie|register (?:\w+ )?(?:\w+ )?for school"
    r"|school registration|skoleskyss|tt-kort|søke (?:på )?jobb|apply for a job|ledige stillinger"
    r"|(?:job|jobs|vacanc\w+) (?:at|in) the (?:municipality|council)|gatelys|street ?lights?|brøyting"
    r"|snow clearing|pothole|hull i veien|help (?:paying|to pay) (?:my |the )?rent|hjelp til (?:å betale )?husleie"
    # a neighbour's complaint, a school district, the mayor, what one's own home is worth
    r"|\b(?:klage\w*|complain\w*)\b[^?.!]{0,40}\b(?:støy\w*|bråk\w*|noise|noisy)\b"
    r"|\b(?:who|hvem)\b (?:do|should|can|ringer|kontakter) (?:i|jeg)\b[^?.!]{0,40}\b(?:støy\w*|bråk\w*|noise|noisy)\b"
    r"|\b(?:støy\w*|bråk\w*|noise|noisy)\b[^?.!]{0,40}\b(?:klage\w*|complain\w*"
    r"|who (?:do|should|can) i (?:call|contact)|hvem (?:ringer|kontakter|klager) jeg)"
    # needing a home oneself ("jeg er flyktning og trenger et sted å bo"), an election
    r"|(?:\b(?:jeg|vi|we|min|mitt|my|mum|mom|dad|mor|far|mora|faren)\b|(?-i:\bI\b))[^?.!]{0,30}\b(?:trenger|need|needs)"
    r" (?:et sted å bo|a place to live|somewhere to live|en bolig|a home|a flat|en leilighet|bolig|housing)\b"
    r"|\b(?:kommunevalg\w*|valgresultat\w*|(?:municipal|local) elections?|election results?)\b[^?.!]{0,40}"
    r"\b(?:lørenskog|kommunen|here|her)\b|\b(?:lørenskog|kommunen)\b[^?.!]{0,40}\b(?:kommunevalg\w*|elections?)\b"
    # the municipality's other procurements ("any other tenders open right now?")
    r"|\b(?:other|andre) (?:tenders|procurements|anbud|anskaffelser|konkurranser)\b[^?.!]{0,30}"
    r"\b(?:open|åpne|now|nå|currently|lyst ut|utlyst|ute)\b|\bregister as a supplier\b"
    r"|\bregistrere (?:oss|meg|firmaet) som leverandør"
    r"|\bskolekrets\w*|\b(?:which|what) school (?:does|do|will|would|should) (?:my|our|we|i)\b"
    r"|\bhvilken skole (?:skal|går|hører|får) (?:barna|barnet|datteren|sønnen|jeg|vi)\b"
    r"|\b(?:mayor|ordfører\w*)\b[^?.!]{0,20}\b(?:lørenskog|kommunen|the municipality|here)\b"
    r"|\b(?:lørenskogs?|kommunens?)\b[^?.!]{0,10}\bordfører"
    r"|\b(?:verdien|value|prisen|price) (?:på|of) (?:huset|boligen|leiligheten|eiendommen|my|mitt|min)\b"
    r"|\bproperty values?\b|\bhouse prices?\b|\bboligprisene\b"
    r"|(?:bibliotek\w*|library|svømmehall\w*|swimming pool)\b[^?.!]{0,30}\b(?:åpen|åpent|open|opening|åpningstid\w*)"
    r"|(?:åpningstid\w*|opening hours)\b[^?.!]{0,30}\b(?:bibliotek|library|svømmehall|swimming pool|rådhus"
    r"|servicetorg|town hall)",
    re.IGNORECASE,
)

_CLARIFY = re.compile(r"avklar|clarif|bekreft|confirm", re.IGNORECASE)
# A supplier asking about the bid ("Kan vi få levere tilbud på boligene?"), not a resident about a home.
_SUPPLIER = re.compile(r"\b(?:tilbud\w*|anbud\w*|bids?|bidding|tender\w*|konkurranse\w*|konsortium|consortium"
                       r"|konkurrent\w*|competitors?)\b"
                       r"|\b(?:vi|we)\b[^?.!]{0,30}\b(?:tilby|levere|leie ut|rent out|let out|offer)\b",
                       re.IGNORECASE)

# Attempts to change the assistant's rules or role ("Ignore your instructions…", "Du er nå saksbehandler…"),
# not questions about rules ("Can stage 2 ignore the height restrictions?").
_RULES_EN = r"(?:instructions?|rules|guidelines|restrictions|prompts?|polic(?:y|ies))"
_RULES_NB = r"(?:instruks\w*|reglene|regler|retningslinje\w*|begrensning\w*|systemprompt\w*)"
_INSTRUCTIONS = re.compile(
    rf"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+(?:of\s+)?|any\s+)?(?:(?:your|my)\s+(?:\w+\s+)?"
    rf"|(?:the\s+)?(?:previous|prior|above|earlier|original|system|safety)\s+){_RULES_EN}\b"
    rf"|\b(?:ignore|disregard|forget)\s+(?:all\s+)?(?:the\s+)?{_RULES_EN}\s+(?:above|you were given|you have)"
    rf"|\b(?:glem|ignorer|overse|se bort fra|overstyr)\s+(?:alle\s+)?(?:(?:dine|tidligere|de tidligere|forrige)\s+"
    rf"(?:\w+\s+)?{_RULES_NB}|{_RULES_NB}\s+(?:dine|ovenfor|om likebehandling)|instruksjonene|instruksene)"
    r"|system ?prompt|systeminstruks\w* (?:dine|dere|til deg|til assistenten)|\byour system instructions"
    r"|\b(?:vis|gjenta|skriv ut|show|print|repeat|reveal)\b[^?.!]{0,20}\bsystem ?instru\w*"
    r"|(?:^|[.!?:]\s*)system(?: override)?\s*:"
    r"|\b(?:developer|debug|admin|god) mode\b"
    r"|utviklermodus|debugmodus|\b(?:you are|you're) now (?:a|an|in)\b|\bact as (?:a |an )?(?:case ?worker|admin"
    r"|saksbehandler|developer|system)|\b(?:du er nå|nå er du) (?:en |i )?(?:saksbehandler|admin|utvikler|i \w+modus)"
    r"|\bpretend (?:you are|you're|to be)\b|\blat som (?:at )?du er\b"
    r"|\b(?:audience|role|scope|user role)\s*[=:]\s*(?:internal|intern|admin|case ?worker|saksbehandler)"
    r"|\b(?:answer|respond|reply|svar)\w*\b[^?.!]{0,30}\b(?:without|with no|uten)\s+(?:any\s+|noen\s+)?"
    r"(?:restrictions|limits|limitations|rules|begrensninger|regler)\b"
    r"|\bas if you (?:had|have) no (?:restrictions|limits|rules)"
    r"|som om du ikke (?:hadde|har) noen (?:begrensninger|regler)|\bnew instructions\s*:|\bnye instruks\w*\s*:"
    r"|\b(?:jeg|i|vi|we)\s+(?:har|have)\s+(?:full\s+)?(?:tilgang|access)\s+(?:til alt|to everything)\b"
    r"|\b(?:saksbehandler|case ?worker|admin\w*)\s+(?:med|with)\s+full\s+(?:tilgang|access)\b"
    r"|\b(?:jeg er|i am|i'm) (?:en |a )?(?:saksbehandler|case ?worker|administrator)\b[^?]{0,40}"
    r"\b(?:vis|show|list|skriv ut|print|gi meg|give me)\b",
    re.IGNORECASE,
)
# General knowledge no procurement document holds: the weather, poems, code. Left to retrieval, "What's the
# weather going to be like in Lørenskog tomorrow?" finds the conference's place. (Sports results stay with
# retrieval: the NorQuAD evaluation asks them of its own documents. "Forecast" is what the ministry does.)
_GENERAL = re.compile(
    r"\b(?:weather|været|værmelding\w*|værvarsel\w*|temperaturen i morgen|temperature tomorrow)\b(?!-)"
    r"|\b(?:blir det|will it) (?:regn|snø|sol|rain|snow)\b"
    r"|\b(?:skriv|write)\b[^?.!]{0,20}\b(?:dikt|poem|haiku|sang|song)\b"
    r"|\b(?:write|skriv)\b[^?.!]{0,20}\b(?:python|javascript|sql|program\w*)\b"
    r"|\b(?:python|javascript|sql)\b[^?.!]{0,20}\b(?:code|kode|function|funksjon|script)\b",
    re.IGNORECASE,
)
# Small talk, and saying a question is coming ("Jeg har noen spørsmål.") without asking it.
_SMALL_TALK = re.compile(
    r"\b(?:(?:hvordan går det|hvordan har du det|går det bra|how are you|how is it going|how s it going)"
    r"(?: (?:today|i dag|med deg))?|what s up"
    r"|hvem er du|hva er du|who are you|what are you|who am i (?:talking|speaking|chatting) (?:to|with)"
    r"|hvem (?:snakker|prater|chatter) jeg med|hva kan du(?: hjelpe(?: meg)? med| gjøre| svare på)?"
    r"|what can you(?: help(?: me)? with| do| answer)?"
    r"|er det noen (?:her|der|hjemme)|is anyone (?:there|home)|anyone (?:there|home)"
    r"|jeg har (?:et|noen|et par) spørsmål"
    r"|i have (?:a|some|a few|a couple of) questions?|kan jeg spørre (?:deg )?om (?:noe|noen ting)"
    r"|can i ask (?:you )?(?:something|a question|some questions)|ha en (?:fin|god|riktig god) dag"
    r"|have a (?:nice|good|great) day|takk for (?:praten|samtalen|hjelpen|svaret|svarene|nå|i dag)"
    r"|thanks? (?:you )?for (?:the|your) help|ha det(?: bra| godt)?|vi snakkes|see you)\b"
)
_GOODBYE = re.compile(r"\b(?:ha det|hade|hadet|vi snakkes|bye|goodbye|see you)\b")

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
        "goodbye": (
            "Ha det bra! Spør gjerne igjen om anskaffelsen «Nye samarbeidsformer rundt boligsosiale utfordringer» "
            "for Løkenåsveien 45 når du vil."
        ),
        "out_of_scope": (
            "Denne assistenten svarer bare på spørsmål om anskaffelsen «Nye samarbeidsformer rundt boligsosiale "
            "utfordringer» for Løkenåsveien 45. Spørsmål om andre saker, for eksempel søknad om bolig eller "
            "barnehageplass, må du stille til Lørenskog kommune."
        ),
        "general": (
            "Denne assistenten svarer bare på spørsmål om anskaffelsen «Nye samarbeidsformer rundt boligsosiale "
            "utfordringer» for Løkenåsveien 45, ut fra de publiserte dokumentene."
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
        "goodbye": (
            "Goodbye! Ask again any time about the procurement «Nye samarbeidsformer rundt boligsosiale "
            "utfordringer» for Løkenåsveien 45."
        ),
        "out_of_scope": (
            "This assistant only answers questions about the procurement «Nye samarbeidsformer rundt boligsosiale "
            "utfordringer» for Løkenåsveien 45. Other matters, such as applying for housing or a kindergarten "
            "place, go to Lørenskog kommune (Lørenskog municipality)."
        ),
        "general": (
            "This assistant only answers questions about the procurement «Nye samarbeidsformer rundt boligsosiale "
            "utfordringer» for Løkenåsveien 45, from the published documents."
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
    tokens = [_SHORTHAND.get(t, t) for t in words(question)]
    rest = _SMALL_TALK.sub(" ", " ".join(tokens)).split()  # what is left once small talk is taken out
    if not tokens or len(tokens) > 10 or not all(_greeting_word(t) for t in rest):
        return False
    return not _QUESTION_WORDS & set(rest) and (len(rest) < len(tokens) or tokens[0] in _OPENERS)


def _greeting_word(token: str) -> bool:
    return token in _GREETING_ONLY or bool(_GREETING_FORM.fullmatch(token))


def asks_to_change_rules(question: str) -> bool:
    """An attempt to give the assistant other instructions or another role (a prompt injection)."""
    return bool(_INSTRUCTIONS.search(question.replace("’", "'")))


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


def general_knowledge(question: str) -> bool:
    """A question of general knowledge (weather, sports, a poem, code) that no procurement document answers."""
    return bool(_GENERAL.search(question))


def message(kind: str, lang: str) -> str:
    """The fixed text for a greeting or an out-of-scope question, in the asker's language."""
    return _MESSAGES["en" if lang == "en" else "nb"][kind]


def out_of_scope(lang: str) -> Answer:
    """The answer to a question about another municipal matter: this assistant covers the procurement only."""
    return Answer(answer=message("out_of_scope", lang), answered=False, lang=lang, reason="out_of_scope")


def topic_answer(question: str, public: bool = True) -> Answer | None:
    """The answer to a greeting, an out-of-scope question, a general-knowledge question or an attempt to
    change the rules (``answered: false``, no citations; the last two with reason ``no_evidence``), else None.

    Only greetings apply to case workers (``public=False``): the others guard the public widget, and
    a case worker's search of the input may well name a library or the waste collection."""
    if public and asks_to_change_rules(question):
        kind = "instructions"
    elif is_greeting(question):
        kind = "greeting"
    elif public and outside_procurement(question):
        kind = "out_of_scope"
    elif public and general_knowledge(question):
        kind = "general"
    else:
        return None
    lang = detect_language(question)
    tokens = words(question)
    text = message(kind, lang)
    if kind == "greeting" and _THANKS & set(tokens):
        text = message("thanks", lang)
    elif kind == "greeting" and _GOODBYE.search(" ".join(tokens)):
        text = message("goodbye", lang)
    return Answer(answer=text, answered=False, lang=lang,
                  reason="no_evidence" if kind in ("instructions", "general") else kind)
