"""English words of public procurement and housing, with their Norwegian equivalents.

The documents are Norwegian; an English question shares no words with them, so BM25 and word
overlap are blind to it and only the embedding reads it. This glossary gives an English
question the Norwegian words it means ("kindergarten" → "barnehage"), for lexical search and
sentence overlap only: the dense search and the quotes are unchanged. It is a vocabulary of the
domain (procurement, housing, building, municipal planning), not of any one question.

An English word the glossary lacks is looked up in a general word list (``data/en-nb.tsv``, made
from FreeDict's English–Norwegian dictionary by ``scripts/build_lexicon.py``): "money" → penger,
"Sweden" → Sverige. The glossary wins where both know a word ("stage" is byggetrinn, not iscenesette).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path

from assistant.index import terms

_PAIRS = """
procurement procurements tender tenders tendering competition contest bid bids bidding: anskaffelse anskaffelsen
authority contracting buyer purchaser client: oppdragsgiver
organiser organisers organizer organizers organised organized arranged host hosted hosts: arrangører arrangerte
finished completed complete done already: ferdig allerede
tender tenders competition contest bid bids: konkurranse konkurransen tilbud
innovative innovation: innovativ innovative innovasjon
goal goals aim aims purpose objective objectives target point: mål målet formål formålet
cooperation collaboration partnership model: samarbeid samarbeidsmodell samarbeidsmodellen samarbeidsformer
partner partners party parties: parter samarbeid samarbeidspartnere
public: offentlige offentlig
private: private privat
actor actors players: aktører aktørene
social socially: sosial boligsosiale sosiale
housing homes home dwelling dwellings flat flats apartment apartments residences units: bolig boliger
housing homes home dwelling dwellings flat flats apartment apartments residences units: boligene boligsosiale
municipality municipal council town local authority: kommune kommunen kommunale kommuner
municipalities: kommuner
site plot lot land property: tomt tomten
stage phase: byggetrinn trinn
first: første
second: andre
built build building buildings construct constructed construction erected: bygget bygd bygging byggetrinn oppført
kindergarten kindergartens nursery daycare preschool: barnehage barnehagen
department departments section sections units: avdelinger
care nursing sheltered assisted: omsorg omsorgsboliger omsorgsboligene
contractor builder: hovedentreprenør entreprenør
timber wood wooden: massivtre tre
solid: massivtre
environmental environment green sustainability sustainable: miljø miljøstandard miljøsertifisering bærekraft
certification certified standard rating: sertifisering miljøstandard standard
solar panels panel: solcellepaneler solceller
energy electricity power: energi energipluss plusshus
plus positive: plusshus energipluss
year years: år årene
dialogue dialog: dialog dialogen dialogkonferansen dialogkonferanse
conference meeting event: konferanse konferansen dialogkonferansen
market suppliers supplier vendors industry companies businesses firms: markedet leverandører leverandør aktører
input inputs feedback ideas suggestions: innspill innspillene
groups group environments communities: miljøer miljøene grupper gruppene
seven: syv sju
received got: mottok mottatt
held took place: holdt fant sted
where venue location located address place: sted adresse ligger
time: klokken tid
date day: dato onsdag
contact contacts reach: kontakt kontaktpersoner kontaktpersonene
person people persons: personer person mennesker
adviser advisor driver: innovasjonspådriver pådriver
responsible charge: ansvarlig
email e-mail mail: e-post e-postadressen
phone telephone number call: telefon telefonnummeret
question questions ask asking: spørsmål
formal official: formelle
written writing: skriftlig skriftlige
channel: kanalen kanal
answers answer replies published publish: svar svarene publiseres
anonymous anonymously anonymised anonymized: anonymisert anonymiserte
equal treatment fairness: likebehandling
law act: loven anskaffelsesloven
status ongoing state running underway active current: status pågående
state bank husbanken: husbanken statens boligbank
instruments schemes tools funding grants loans subsidies means: virkemidler virkemidlene
investment investments cost costs expenses cheaper: investeringskostnadene kostnader investeringskostnader
reduce lower lowered down cut: redusere holdes nede
plan plans planning: plan planen boligplan boligplanen
period: perioden planperioden
provide acquire obtain deliver supply: skaffe dekke
need needs demand: behov behovet behovene
elderly older seniors: eldre
young youth: unge
refugees: flyktninger
economy finances financially poor income: økonomi svak
meeting places: møteplasser
services: tjenester
transport transit buses bus: kollektivtransport
neighbourhoods neighborhoods neighbourhood: bomiljøer nabolag
area areas district districts zones: områder område strøk
prioritise prioritize prioritised prioritized priority priorities: prioriterte prioritert særlig
varied mixed mix diverse: varierte blanding ulik
age ages: alder
ethnic ethnicity background: etnisk bakgrunn
health healthcare: helse
phases life stages: faser livet
rent rental renting rented: leie utleie leiemarkedet
sale sell sold ordinary: salg ordinært
grow grows growing growth population: vokser folketallet øker
challenges challenge problems: utfordringer
ministry department: departementet helse- omsorgsdepartementet
recipients users: tjenestemottakere mottar
composition change changes: sammensetningen endre endrer
differentiated different various range: differensiert forskjellige ulike
strategies strategy: strategier
reuse reused reusable again later: nytt senere brukes
other others: andre
limits constraints restrict restricts affects affect conditions: rammer føringer legger
chat assistant chatbot bot: chat-assistenten assistenten
personal data information: personopplysninger informasjon
clarification clarifications: avklaringer avklaring
documents document: dokumenter dokumentene dokumentet
background: bakgrunn bakgrunnen
reason reasons cause causes motivation motive: bakgrunn derfor fordi
together jointly: sammen samarbeid
material materials: konstruksjon oppført massivtre
hall: hus
deadline deadlines due closing: frist fristen tilbudsfrist
budget value price: budsjett kontraktsverdi
criteria: kriterier tildelingskriterier
"""


# Everyday Norwegian for the documents' words: a resident "ringer", a supplier asks which "byggefirma" built
# "første etappe", the documents say "telefon", "hovedentreprenør", "byggetrinn". Read only for a question
# word the documents never use, so a word they do use keeps its own meaning.
_NORWEGIAN = """
ringe ringer ringes telefonere mobil mobilnummer mobilnummeret: telefon telefonnummeret
epost eposten mail mailen mailadresse mailadressen: e-post e-postadressen
kontakte kontakter henvende snakke spørre: kontakt kontaktpersoner
byggefirma byggefirmaet byggefirmaer utbygger utbyggeren utbyggere: hovedentreprenør
entreprenøren entreprenør: hovedentreprenør
etappe etappen etapper fase fasen faser: byggetrinn trinn
leilighet leiligheten leiligheter hus husene hjem: bolig boliger
pleie pleiebehov pleietrengende hjelpetrengende sykehjem hjelpebehov: omsorg omsorgsboliger
prislapp prislappen billig billigere rimelig rimeligere kostnad kostnaden: investeringskostnadene kostnader
statlig statsbank bank banken: husbanken
miljøvennlig miljøvennlige grønn grønt grønne bærekraftig klimavennlig klimavennlige: miljø miljøstandard
sertifikat sertifisering sertifisert: miljøsertifisering miljøstandard
solenergi solpanel solpaneler solcellepanel: solcellepaneler solceller
treverk trebygg tømmer: massivtre
materiale materialer materialet byggemateriale: konstruksjon oppført massivtre
møte møtet møttes markedsmøte markedsmøtet samling samlingen seminar seminaret: konferanse dialogkonferansen
bransjen næringslivet firmaer bedrifter selskaper selskapene utbyggerne: markedet leverandører aktører
grupperinger gruppering organisasjoner fagmiljøer: miljøer
ideer ideene forslag forslagene tilbakemeldinger synspunkter synspunkt meninger: innspill innspillene
hensikt hensikten poeng poenget: formål formålet mål
klokkeslett tidspunkt: klokken
pågår: pågående status
ungdom ungdommer studenter: unge
gamlinger gamlingene gamlingan pensjonister: eldre
fattige lavinntekt inntekt: økonomi svak
strøk bydel bydeler nabolag: områder bomiljøer
buss bussen trikk tog: kollektivtransport
befolkning befolkningen innbyggertall: folketallet vokser
regelverk regelverket: anskaffelsesloven loven
personnummer: fødselsnummer personopplysninger
chatbot chatboten bot boten roboten chatten: chat-assistenten assistenten
kilde kilder kildene: dokumenter dokumentene
dikte dikter: gjetter
kunde kunden kjøper kjøperen bestiller innkjøper: oppdragsgiver
gjenbruk gjenbrukes gjenbruke: brukes senere
"""


def _table(pairs: str = _PAIRS) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for line in pairs.strip().splitlines():
        english, norwegian = line.split(":", 1)
        for word in english.split():
            table.setdefault(word, []).extend(norwegian.split())
    return table


_TABLE = _table()
_WORD = re.compile(r"[a-z][a-z-]*")
_SIBILANT_ES = re.compile(r"(?:s|x|z|ch|sh)es$")
_LEXICON = Path(__file__).resolve().parent / "data" / "en-nb.tsv"


@functools.cache
def _lexicon() -> dict[str, list[str]]:
    rows = _LEXICON.read_text(encoding="utf-8").splitlines()
    return {english: norwegian.split() for english, norwegian in
            (row.split("\t", 1) for row in rows if row and not row.startswith("#"))}


def norwegian_groups(text: str) -> list[list[str]]:
    """For each English word of ``text`` the glossary (else the word list) knows, its Norwegian words
    (plural -s tried too, and -es after s, x, z, ch, sh: "sites" is not "sit")."""
    groups: list[list[str]] = []
    for word in _WORD.findall(text.lower()):
        forms = [f for f in (word, word[:-1] if word.endswith("s") else None,
                             word[:-2] if _SIBILANT_ES.search(word) else None) if f]
        found = next((table[f] for table in (_TABLE, _lexicon()) for f in forms if f in table), None)
        if found:
            groups.append(found)
    return groups


_SYNONYMS = _table(_NORWEGIAN)
_NB_WORD = re.compile(r"[a-zæøå][a-zæøå-]*")


def synonym_groups(text: str, knows: Callable[[str], bool]) -> list[list[str]]:
    """For each word of a Norwegian ``text`` that the documents never use (``knows`` reads a stem), the
    documents' words for it, with the word itself ("ringe" → ringe, telefon, telefonnummeret)."""
    groups: list[list[str]] = []
    for word in _NB_WORD.findall(text.lower()):
        stems = terms(word)
        if word in _SYNONYMS and not any(knows(t) for t in stems):
            groups.append([word, *_SYNONYMS[word]])
    return groups


def norwegian_for(text: str) -> list[str]:
    """The Norwegian words an English text means, by the glossary."""
    return list(dict.fromkeys(w for group in norwegian_groups(text) for w in group))


def read_terms(question: str, lang: str | None = None, knows: Callable[[str], bool] = lambda _: False) -> list[str]:
    """The question's own terms, with the glossary's Norwegian words for an English question and the
    documents' words for everyday Norwegian ones they never use ("ringe" → telefon); ``knows`` reads a
    stem (a word the documents use keeps its own reading). Without ``lang`` both readings apply."""
    own = terms(question)
    if lang in (None, "en"):
        own += terms(" ".join(norwegian_for(question)))
    if lang in (None, "nb"):
        own += terms(" ".join(w for words in synonym_groups(question, knows) for w in words[1:]))
    return own
