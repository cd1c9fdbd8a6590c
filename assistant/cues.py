"""Answer-type cues: what kind of fact a question asks for, and whether a sentence holds one.

"Hvor mange" wants a number, "når"/"when" a date (or a time of day), "hvor lenge" a duration,
"hvorfor" a reason ("fordi", "derfor"), "e-post" an e-mail address, "hvem"/"who" a name. The
sentence that holds the kind of fact asked for — beyond the words of the question itself —
should win over one that merely shares the question's words (a heading-like line, a sentence
about the document). Norwegian and English, read anywhere in the question, since
follow-ups ("og telefonnummeret hennes?") put the cue in the middle.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from wordfreq import zipf_frequency

from assistant.glossary import read_terms
from assistant.index import terms
from assistant.text import STOPWORDS

# A house number belongs to its street ("Løkenåsveien 45", "Festplassen 1"): it names a place, not a stage or a year.
STREET = r"(?:veien|vegen|veg|vei|gata|gate|plassen|plass|allé|road|street)"
_MONTHS = (
    r"januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
    r"|january|february|march|may|june|july|october|december"
)
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("email", r"e-?post|\bepost|e-?mail|\bmail\b|mailadresse"),
        ("phone", r"telefon|\btlf|phone|\bringe\b|\bcall\b|\bmobil|nummeret (?:hennes|hans|til)|\bnumber\b(?! of)"),
        ("clock", r"klokk|hva tid|hvilket tidspunkt|what time|which time|\btidspunkt|\bhours\b"),
        ("duration", r"hvor (?:lenge|lang tid)|how long\b"
                     r"|hvor mange (?:år|dager|uker|måneder|timer)|how many (?:years|days|weeks|months|hours)"),
        ("reason", r"^\W*(?:og |and |men |but )?(?:hvorfor|why)\b|\bhva er grunnen|what is the reason|how come"),
        ("amount", r"\bhva (?:koster|kostet|vil \w+ koste|kommer (?:\w+ ){0,4}til å koste)|\bhvor mye (?:\w+ ){0,4}"
                   r"(?:koste[rt]?|penger|betale|betalte)\b|\bwhat (?:does|did|will|would) (?:\w+ ){0,5}cost\b"
                   r"|\bwhat (?:is|was|will be) the (?:price|cost)\b"
                   r"|\bhow much (?:\w+ ){0,5}(?:costs?|pay|paid|spend|spent|money)\b|\bhow much is the rent"
                   r"|\bprisen\b|\bthe price\b|\bbudsjett|\bbudget\b|\brenten?\b"
                   r"|\binterest rate|\bhusleien?\b"),
        ("area", r"kvadratmeter|\bm2\b|m²|square (?:met|feet|foot)|\bdekar|\bhektar|\bhectares?\b|\bareal(?:et)?\b"
                 r"|\bhvor stor er (?:tomten|tomta|arealet)|how (?:big|large) is the (?:site|plot|lot|land)"
                 r"|size of the (?:site|plot)"),
        ("number", r"hvor (?:mange|mye|stor|store)|\bantall|how (?:many|much|large|big)|number of|\bcount\b"
                   r"|what is the population|hva er folketallet|innbyggertall"),
        ("date", r"^\W*(?:og |and |men |but )?(?:når|when)\b|hvilken dato|hvilket år|what date|which date|what year|"
                 r"which year|\bdato\b|\bdate\b|\bår\b|\byears?\b|\bukedag|\bweekday|day of the week"
                 r"|\b(?:hvilken|what|which) dag\b(?![-\w])|\b(?:what|which) day\b(?![-\w])"),
        # what it is built of ("hva er den bygd av?"), not by whom ("bygget av et lokalt firma")
        ("material", r"\b(?:laget|lagd|bygd|bygget|oppført) av\s*(?:da|egentlig|der)?\s*(?:[?.!]|$)"
                     r"|\b(?:built|made|constructed) (?:\w+ ){0,2}(?:from|of|out of)\b(?! (?:the|a|an)\b)"
                     r"|\bmaterial|\bbyggemateriale|\bbæresystem|\bkonstruksjon(?:en)?\b|\bload-bearing"),
        ("name", r"^\W*(?:og |and )?(?:hvem|who)\b|kontaktperson|contact person|\bcontacts?\b|\bkontakt|"
                 r"\bhva heter|\bwhat(?:'s| is) (?:the |its )?name\b|\bwhat(?:'s| is| are) (?:\w+ ){1,3}called\b"
                 r"|\bnavnet på|"
                 r"\bhvilke[tn]? \w*(?:firma|selskap|foretak|bedrift)|\bwhich (?:\w+ ){0,2}(?:company|firm|business)"
                 r"|entreprenør|contractor|\btitle\b|\btittel"),
        ("place", r"^\W*(?:og |and )?(?:hvor|where)\b(?! mange| mye| stor)|hvilket sted|which place|location|"
                  r"located|adresse|address|\bsted\b|\bvenue"
                  r"|\b(?:which|what) (?:parts? of (?:town|the municipality)|neighbou?rhoods?|districts?|areas?)\b"
                  r"|\bthe (?:areas|neighbou?rhoods|districts)\b"
                  r"|\bhvilke (?:områder|strøk|bydeler|steder|deler av kommunen)|\bi hvilke (?:områder|strøk|deler)"
                  r"|\b(?:områdene|strøkene|bydelene)\b"),
    )
)
COUNT_WORDS = "to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tjue|hundre|tusen"  # Norwegian numbers in words
# An amount of money after its number ("212 millioner kroner", "5 000 kr"): a digit, then the unit, so a long
# run of digits is read once (a pattern that spans the digits first backtracks over them).
MONEY = r"\d\s*(?:kr\b|kroner|mill|mrd|milliarder|nok\b)"
_HOLDS: dict[str, re.Pattern[str]] = {
    "email": re.compile(r"[\w.+-]+@[\w-]+\.\w+"),
    "phone": re.compile(r"\b\d{3} ?\d{2} ?\d{3}\b|\b\d{2} \d{2} \d{2} \d{2}\b"),
    "clock": re.compile(r"\b(?:kl\.?|klokken|klokka)\s*\d{1,2}(?:[.:]\d{2})?\b|\b\d{1,2}[.:]\d{2}\b"),
    "number": re.compile(rf"\b\d+\b|\b(?:{COUNT_WORDS}|millioner?|milliarder?|prosent|halvparten)\b", re.IGNORECASE),
    "amount": re.compile(MONEY + r"|\d\s*(?:milliard|euro|€)|\b(?:kr|NOK)\.? ?\d|\d\s*%|\bprosent\b|\$\s?\d",
                         re.IGNORECASE),
    "area": re.compile(r"\d\s?(?:m2|m²|kvm|kvadratmeter|dekar|mål\b|square (?:met|feet)|hektar|ha\b)"
                       r"|\b(?:BRA|BTA)\b"),
    "duration": re.compile(r"\b\d+(?:[.,]\d+)?(?:[–-]\d+)?\s*\w*(?:dager|døgn|år|måneder|uker|timer|minutter"
                           r"|days?|years?|months?|weeks?|hours?|minutes?)\b"
                           r"|\b\d{1,2}[.:]\d{2}\s*(?:[–-]|til)\s*(?:kl\.?\s*|klokken\s*)?\d{1,2}[.:]\d{2}\b",
                           re.IGNORECASE),
    "reason": re.compile(r"\b(?:fordi|derfor|ettersom|grunnen|årsaken|skyldes|på grunn av|av hensyn til|følger av"
                         r"|because|therefore|due to)\b", re.IGNORECASE),
    "date": re.compile(rf"\b(?:1[5-9]\d\d|20\d\d)\b|\b(?:{_MONTHS})\b|\b(?:mandag|tirsdag|onsdag|torsdag|fredag"
                       r"|lørdag|søndag)\b|\b(?:kl\.?|klokken|klokka)\s*\d{1,2}(?:[.:]\d{2})?\b", re.IGNORECASE),
    "material": re.compile(r"\b(?:massivtre|limtre|KL-tre|CLT|trevirke|treverk|tømmer|betong|stål|tegl|murstein|glass"
                           r"|solid wood|timber|concrete|steel|brick)\b", re.IGNORECASE),
    # an address ("Løkenåsveien 45") says where something is, not what it is called or who it is
    "name": re.compile(rf"(?<=[\w,:;)] )(?![A-ZÆØÅ][a-zæøåé]*{STREET}\s+\d)[A-ZÆØÅ][a-zæøåé]+(?: [A-ZÆØÅ][a-zæøåé]+)*"
                       r"|\b[A-ZÆØÅ]{2,}\b"
                       r"|«[^»]{3,120}»|\"[A-ZÆØÅ][^\"]{2,120}\""),  # a title in quotes names what it titles
    "place": re.compile(r"(?<=[\w,:;] )[A-ZÆØÅ][a-zæøåé]+|\b(?:adresse|plassen|veien|gata)\b", re.IGNORECASE),
}


# An event still to come ("Når blir neste dialogmøte?", "Will there be another conference?") asks for a date
# that is not in the past: the date of the conference that was held does not answer it.
_EVENT = (r"(?:dialogkonferanse\w*|konferanse\w*|dialogmøte\w*|møte(?!plass|rom|sted)\w*|leverandørmøte\w*"
          r"|leverandørkonferanse\w*|samling\w*|runde\w*|markedsdialog\w*|informasjonsmøte\w*|conferences?|meetings?"
          r"|events?|sessions?|rounds?|dialogues?|(?:supplier|market|information) (?:day|event|meeting)s?)\b")
# "neste/next/another …" may stand a word or two before the event; "new/more/ny" only right before it ("Can you
# tell me more about the conference?", "Blir det nye møteplasser?" ask of no event to come)
_NEXT_EVENT = re.compile(
    rf"\b(?:neste|kommende|next|upcoming|future|fremtidig\w*|another|flere)\b(?:\s+\w+){{0,2}}?\s+{_EVENT}"
    rf"|\b(?:new|more|ny|nytt|nye)\s+{_EVENT}", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ADDRESS = re.compile(r"\b(?:adressen?|address(?:es)?|street|gateadresse\w*)\b", re.IGNORECASE)
_SENDING = re.compile(r"\b(?:send\w*|sent|e-?mail\w*|e-?post\w*|spørsmål\w*|questions?)\b", re.IGNORECASE)


def wanted_kind(question: str) -> str | None:
    """The kind of fact asked for, or None: email, phone, clock, duration, reason, amount (money), area, number,
    date, name or place. What the asker says of themselves first does not count ("Min mor er 82 år.").
    An event still to come asks for its date ("Blir det flere dialogmøter?")."""
    question = asking_part(question)
    found = next((kind for kind, pattern in _KINDS if pattern.search(question)), None)
    return "date" if found is None and _NEXT_EVENT.search(question) else found


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\s+[–—-]\s+")
_ABOUT_ME = re.compile(r"^\W*(?:jeg|min|mitt|mine|vi|vår|vårt|våre|my|we|we're|our|nabo|æ|eg)\b"
                       # a short introduction ("Polish construction company here.", "Ola fra Veidekke her.")
                       r"|^(?!\W*(?:who|what|which|where|when|why|how|is|are|can|will|do|does|so|hvem|hva|hvilke\w*"
                       r"|hvor\w*|når|er|kan|skal|blir|vil)\b)(?!.*\d)\W*(?:\S+\s+){0,5}\S+\s+(?:here|her)\s*[.!]$",
                       re.IGNORECASE)
_ASKS = re.compile(r"\?|\b(?:lurer på|lure på|vil vite|ønsker å vite|spør\w*|wonder\w*|want to know|would like to know|"
                   r"like to know|ask\w*|questions?)\b", re.IGNORECASE)


def _about_me(sentence: str) -> bool:
    """A sentence that starts with the asker: "Min mor …", "We moved …", a dialect "Æ e fra …", a short
    "… company here.", and an English "I …" (a Norwegian "I byggetrinn 2 …" is the preposition)."""
    if _ABOUT_ME.search(sentence):
        return True
    english = re.match(r"\W*I(?:'\w+|\s+([^\W\d_]+))", sentence)  # "I'm", "I moved"; not "I byggetrinn 2"
    verb = english.group(1) if english else None
    return bool(english) and (verb is None or zipf_frequency(verb, "en") > zipf_frequency(verb, "nb"))


def asking_part(question: str) -> str:
    """The question without the leading sentences in which the asker tells of themselves and asks
    nothing ("Min mor er 82 år og vi er bekymret. Gjør de det?" → "Gjør de det?"); the whole
    question when nothing would be left."""
    parts = [p for p in _SENTENCE_END.split(question.strip()) if p]
    while len(parts) > 1 and _about_me(parts[0]) and not _ASKS.search(parts[0]):
        parts = parts[1:]
    return " ".join(parts)


def asks_next_event(question: str) -> bool:
    """Whether the question asks about an event still to come ("Når blir neste dialogmøte?")."""
    return bool(_NEXT_EVENT.search(asking_part(question)))


def dates_what_is_to_come(sentence: str) -> bool:
    """Whether the sentence names a year not yet past (what an event still to come needs, whatever is asked
    of it: its date, its place, who holds it)."""
    return any(int(year) >= date.today().year for year in _YEAR.findall(sentence))


def holds_kind(kind: str | None, sentence: str, question: str) -> bool:
    """Whether the sentence holds something of that kind that the question does not already say."""
    if kind is None:
        return False
    if kind == "date" and _NEXT_EVENT.search(question):  # only a year not yet past dates an event to come
        return dates_what_is_to_come(sentence)
    if kind == "name" and not _names_it(sentence, question):
        return False
    if kind == "place" and _asks_address(question):  # a street and a number, not a district
        return bool(re.search(rf"\w*{STREET}\s+\d", sentence, re.IGNORECASE))
    asked = _words_of(question)
    return any(not _words_of(m.group(0)) <= asked for m in _HOLDS[kind].finditer(sentence))


# "Hva heter barnehagen?" asks for the kindergarten's name: the contractor's name ("… var HENT AS") is no
# answer. The sentence that holds the name must speak of the thing named, in its words or the glossary's.
_NAME_OF = re.compile(r"\bhva heter (?:den |det |de )?((?:\w+ )?\w+)|\bname of (?:the |its |that |this )?((?:\w+ )?\w+)"
                      r"|\bwhat(?:'s| is) (?:the |its )?((?:\w+ )?\w+) called|\bnavnet på (?:den |det )?((?:\w+ )?\w+)",
                      re.IGNORECASE)


def _names_it(sentence: str, question: str) -> bool:
    """Whether the sentence speaks of what a "what is X called" question names (True for other questions)."""
    named = _named(question)
    if named is None:
        return True
    said = set(terms(sentence))
    return not named or any(t == u or (len(t) >= 4 and len(u) >= 4 and (t in u or u in t)) for t in named for u in said)


@lru_cache(maxsize=256)
def _asks_address(question: str) -> bool:
    """Whether the question asks for a street address, not where to send something (cached like ``_named``:
    every candidate sentence of an answer is checked against one question)."""
    return bool(_ADDRESS.search(question)) and not _SENDING.search(question)


@lru_cache(maxsize=256)
def _named(question: str) -> frozenset[str] | None:
    """The terms of what a "what is X called" question names, or None (cached: every candidate sentence
    of an answer is checked against one question)."""
    match = _NAME_OF.search(question)
    return None if match is None else frozenset(read_terms(next(g for g in match.groups() if g)))


@lru_cache(maxsize=256)
def _words_of(text: str) -> frozenset[str]:
    """Lower-cased words (cached: every sentence of an answer's candidates is checked against one question)."""
    return frozenset(w.lower() for w in re.findall(r"\w+", text))


_COUNTED = re.compile(r"(?:hvor mange|how many|\bantall|number of)\s+((?:[\w-]+\s+){0,3}[\w-]+)", re.IGNORECASE)
# … and words that point back to what was counted before ("how many of the latter?")
_NOT_COUNTED = {"different", "ulike", "forskjellige", "new", "nye", "more", "flere", "them", "those", "these", "ones",
                "latter", "former", "sistnevnte", "førstnevnte"} | STOPWORDS


def counted_word(question: str) -> str | None:
    """What a "how many" question counts ("Hvor mange boliger …" → "boliger"), or None."""
    match = _COUNTED.search(question)
    words = [w for w in match.group(1).split() if w.lower() not in _NOT_COUNTED and not w.isdigit()] if match else []
    return words[0] if words else None


_LIST = re.compile(
    r"\bhvilke\b|\bwhich\b.*\b\w+s\b|\bwhat are\b|\bwho are\b|\bhvem er (?:de|kontakt)|\bhvem kan jeg\b|"
    r"\bwho (?:can|should) i\b|\bkontaktperson|\bcontacts\b|\bliste?\b|\bnevn\b|\bname (?:the|all)\b|"
    r"\bgrupper|\bgroups\b|\bparter\b|\bpartners\b|\bområder|\bareas\b|"
    r"\bnøkkeltall|\bkey (?:figures|facts|numbers)\b|\bbestår\b.*\bav\b|\bconsists? of\b|"
    # an enumeration of short items: "date, time, place and who organised it"
    # (of three items, unless the last starts a clause of its own: "Ok, takk, og hvem er …?")
    r"\b\w+(?: \w+){0,2}, (?:\w+(?: \w+){0,2}, )+\w+(?: \w+){0,2},? (?:og|and|&) \w|"
    r"\b\w+(?: \w+){0,2}, \w+(?: \w+){0,2},? (?:og|and|&) "
    r"(?!(?:hvem|hva|hvor|når|hvordan|hvorfor|lurer|har|er|vil|kan|skal|who|what|where|when|how|why|is|are|have|"
    r"got|want|can|will|do|did|i|jeg)\b)\w",
    re.IGNORECASE,
)


def wants_list(question: str) -> bool:
    """Whether the question asks for several things (both contacts, all partners, the groups)."""
    return bool(_LIST.search(question))


_META = re.compile(
    r"^(?:dette dokumentet|denne siden|denne prosjektbeskrivelsen|dette notatet|her finner du|se dokumentet|"
    r"this document|this page)\b",
    re.IGNORECASE,
)
_ABOUT_DOCUMENT = re.compile(r"dokument|document|\bside\b|\bpage\b|prosjektbeskrivelse", re.IGNORECASE)


def is_meta(sentence: str, question: str) -> bool:
    """A sentence about the document itself ("Dette dokumentet gir informasjon om …"), unless that was asked."""
    return bool(_META.match(sentence)) and not _ABOUT_DOCUMENT.search(question)


# "Hvem er kontaktpersonen i Lørenskog kommune?" asks for someone *at* the municipality: an answer naming LUP's
# contacts names the wrong people. The organisation is the one the question places the person in.
_ROLE = (r"(?:kontaktperson\w*|prosjektleder\w*|saksbehandler\w*|contact(?: person)?s?"
         r"|project (?:manager|lead(?:er)?)s?|case ?workers?|person in charge)")
_ORGANISATION = r"(?:lørenskog\s+)?(kommune\w*|municipality|council|husbanken\w*|lup)"
_PERSON_OF = re.compile(
    rf"\b{_ROLE}\b[^?.!]{{0,30}}\b(?:in|at|from|i|hos|fra|ved)\s+(?:selve\s+|the\s+)?{_ORGANISATION}\b"
    rf"|\b(?:who|hvem)\s+(?:in|at|from|i|hos|ved|fra)\s+(?:selve\s+|the\s+)?{_ORGANISATION}\b"
    rf"|\b{_ORGANISATION}(?:s|'s)?\s+(?:own\s+|egen\s+|egne\s+)?{_ROLE}\b",
    re.IGNORECASE,
)
_ROLE_NAMED = re.compile(rf"\b{_ROLE}\b|\bkontakt|\bcontact", re.IGNORECASE)
_SAME_ORGANISATION = {"municipality": "kommune", "council": "kommune"}


def person_of(question: str) -> str | None:
    """The organisation a question asks for a person in ("kommune", "husbanken", "lup"), or None."""
    asked = asking_part(question)
    match = _PERSON_OF.search(asked)
    if match is None or not _ROLE_NAMED.search(asked):
        return None  # "Hvem hos kommunen skal vi sende spørsmål til?" asks for the channel
    found = next(g for g in match.groups() if g).lower()
    found = next((stem for stem in ("kommune", "husbanken", "lup") if found.startswith(stem)), found)
    return _SAME_ORGANISATION.get(found, found)


_PERSON = re.compile(r"\b[A-ZÆØÅ][a-zæøåé]+(?:-[A-ZÆØÅ][a-zæøåé]+)? [A-ZÆØÅ][a-zæøåé]+\b")  # a first and a last name


def names_person_of(organisation: str, sentence: str) -> bool:
    """Whether the sentence names the organisation and a person (a first and a last name that are not a
    place's): "Kontaktperson i Lørenskog kommune er Kari Nordmann"."""
    return organisation in sentence.lower() and any(
        "lørenskog" not in m.group(0).lower() and organisation not in m.group(0).lower()
        for m in _PERSON.finditer(sentence))


# "Who designed the kindergarten building?" asks for the architect; the main contractor is not the answer.
_ASKS_DESIGNER = re.compile(r"\b(?:who|hvem|which|hvilke\w*)\b[^?.!]{0,30}\b(?:architect(?!ur)\w*|arkitekt(?!ur)\w*)"
                            r"|\b(?:who|hvem)\s+(?:\w+\s+){0,2}(?:designed|design(?:ed)?|tegnet|prosjekterte)\b"
                            r"|^\W*(?:architect|arkitekt)\W*$", re.IGNORECASE)
_NAMES_DESIGNER = re.compile(r"arkitekt|\btegn(?:et|a|ing\w*)\b|prosjekter\w*|design\w*|architect", re.IGNORECASE)


def asks_designer(question: str) -> bool:
    """Whether the question asks who designed something (the architect)."""
    return bool(_ASKS_DESIGNER.search(asking_part(question)))


def names_designer(sentence: str) -> bool:
    """Whether the sentence says who designed something: it names an architect or a design."""
    return bool(_NAMES_DESIGNER.search(sentence))


def misses_who_is_asked(question: str, sentences: list[str]) -> bool:
    """Whether the question asks for someone the sentences do not name: a person at an organisation
    (:func:`person_of`) or the designer (:func:`asks_designer`)."""
    organisation = person_of(question)
    if organisation and not any(names_person_of(organisation, s) for s in sentences):
        return True
    return asks_designer(question) and not any(names_designer(s) for s in sentences)
