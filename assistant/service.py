"""The assistant as one object: ask, search and list documents, always within a scope.

The API, the CLI and the evaluation all call this, so they answer the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from langchain_core.embeddings import Embeddings

from assistant.answer.channel import with_channel
from assistant.answer.generative import build_answerer
from assistant.config import Settings
from assistant.cues import STREET
from assistant.embeddings import make_embeddings
from assistant.errors import InvalidInput, NotFound
from assistant.glossary import read_terms
from assistant.index import SnapshotCache, terms
from assistant.models import Answer, Chunk, DocumentMeta, Hit, Scope
from assistant.relevance import relevant_hits
from assistant.retrieve import Filters, HybridSearch
from assistant.spelling import Reading
from assistant.store import ChunkStore
from assistant.text import STOPWORDS, words
from assistant.topics import topic_answer

_FOLLOW_UP_WORDS = set(
    "den dette der dit denne disse dem han hun hennes hans dens deres it that there this they them those its her "
    "his hers their theirs he she".split()
)
# Names and subjects in an answer: capitalised runs ("Gørill Horrigmoe", "Lørenskog Hus", "HENT AS").
_SUBJECT = re.compile(r"\b[A-ZÆØÅ][\wæøåÆØÅ-]+(?:\s+[A-ZÆØÅ][\wæøåÆØÅ-]+)+|\b[A-ZÆØÅ]{3,}\b")

# A reference to one item of the answer before: "the second one", "the latter", "den første av dem", "sistnevnte".
_ORDINAL = re.compile(
    r"\bthe (?P<en>first|second|third|fourth|last) (?:one\b|of (?:them|those|these)\b)"
    r"|\bthe (?P<en2>latter|former)\b(?=\s*(?:[?.!,]|$|(?:one|do|does|did|is|was|are|were|have|has|mean|cost)\b))"
    r"|\bden (?P<nb>første|andre|tredje|fjerde|siste)(?= av (?:dem|disse|de)\b|\s*[?.!]|$)"
    r"|\b(?P<nb2>førstnevnte|sistnevnte)\b", re.IGNORECASE)
_PLACE = {"first": 0, "former": 0, "første": 0, "førstnevnte": 0, "second": 1, "andre": 1, "third": 2,
          "tredje": 2, "fourth": 3, "fjerde": 3, "last": -1, "latter": -1, "siste": -1, "sistnevnte": -1}
_NUMBERED = re.compile(r"\b([^\W\d_]{3,})\s+(\d{1,2})\b")  # "byggetrinn 2", "stage 1"
_ADDRESS_WORD = re.compile(rf"{STREET}$", re.IGNORECASE)
_ELLIPSIS = {"what", "about", "hva", "med", "og", "and", "then", "så", "enn", "i", "for", "the", "du", "you"}
_LIST_SPLIT = re.compile(r",\s+|\s+(?:og|and|eller|or)\s+")  # "2,5 dekar" is one number
_NOT_QUOTED = re.compile(r"\[\d+\]|[«»\"]|^.*\(in Norwegian\):|^(?:Søkte etter|Searched for):[^.]*\.")


@dataclass
class Turn:
    role: str  # "user" or "assistant"
    content: str


@dataclass
class Response:
    answer: Answer
    hits: list[Hit]


def with_reading(answer: Answer, reading: Reading) -> Answer:
    """Say what was searched for when the question was read with corrections ("Søkte etter: …")."""
    if not reading.corrected:
        return answer
    fixed = ", ".join(dict.fromkeys(better for _, better in reading.corrections))
    label = "Searched for" if answer.lang == "en" else "Søkte etter"
    return answer.model_copy(update={"answer": f"{label}: {fixed}. {answer.answer}", "searched_for": reading.text})


class Assistant:
    """Retrieval + answering over one store."""

    def __init__(self, settings: Settings, embeddings: Embeddings | None = None, store: ChunkStore | None = None):
        self.settings = settings
        self.embeddings = embeddings or make_embeddings(settings.embedding)
        self.store = store or ChunkStore(settings, self.embeddings)
        self.cache = SnapshotCache(self.store)
        self.search_engine = HybridSearch(self.store, self.cache, self.embeddings, settings.retrieval)
        # answer.mode: extractive (default) or generative (a chat model, every sentence verified; see answer/)
        self.answerer = build_answerer(settings, self.embeddings, self.search_engine.search)

    def ask(self, question: str, history: list[Turn] | None = None, scope: Scope | None = None) -> Answer:
        return self.respond(question, history, scope).answer

    def respond(self, question: str, history: list[Turn] | None = None, scope: Scope | None = None) -> Response:
        """Answer ``question``: greetings and other municipal matters first, then the question read
        against the corpus vocabulary (typos), a follow-up read with the turn before it, retrieval, answer."""
        scope = scope or Scope.public()
        question = self.check_question(question)
        if (topical := topic_answer(question, public=scope.is_public)) is not None:
            if topical.reason == "no_evidence":  # like every no-evidence refusal, it quotes the written channel
                topical = with_channel(topical, self.cache.get(scope))
            return Response(topical, [])
        reading = self.cache.get(scope).speller.read(question)
        query = retrieval_query(reading.text, history or [])
        found = self.search_engine.search(query, scope)
        answer = self.answerer.answer(standalone(reading.text, history or []), found, scope, context=query,
                                      said=previous_answer(reading.text, history or []))
        return Response(with_reading(answer, reading), found.hits)

    def search(self, query: str, scope: Scope | None = None, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        query = self.check_question(query)
        filters = filters or Filters()
        narrowed = filters.narrow(scope or Scope.public())
        if not narrowed.audiences:
            return []
        return relevant_hits(self.search_engine.search(query, narrowed, k, filters))  # no hits for nonsense

    def documents(self, scope: Scope | None = None) -> list[DocumentMeta]:
        return self.store.documents(scope or Scope.public())

    def document(self, doc_id: str, scope: Scope | None = None) -> tuple[DocumentMeta, list[Chunk]]:
        """A document's metadata and chunks; a document outside the scope does not exist."""
        chunks = self.store.chunks(scope or Scope.public(), doc_id=doc_id)
        if not chunks:
            raise NotFound(f"No document with id {doc_id!r}.")
        return chunks[0].meta, chunks

    def check_question(self, question: str) -> str:
        question = (question or "").strip()
        if not question:
            raise InvalidInput("The question is empty.")
        if len(question) > self.settings.max_question_chars:
            raise InvalidInput(f"The question is longer than {self.settings.max_question_chars} characters.")
        return question


def retrieval_query(question: str, history: list[Turn]) -> str:
    """The text to retrieve with: a follow-up is read with the previous question and the names and
    subjects of the previous answer ("og telefonnummeret hennes?" after an answer about Gørill Horrigmoe)."""
    previous = _last(history, "user")
    if not previous or not is_follow_up(question):
        return question
    said = _last(history, "assistant")
    item = listed_item(question, said)
    if item:  # "what does the second one do?": that one, not every name the answer gave
        return " ".join([previous.strip(), item, question])
    other = asked_of_another(question, previous)
    if other:  # "what about stage 2?": the previous question about stage 2; the answer was about stage 1
        return " ".join([other, question])
    if names_one_said(question, said):  # "and the state bank – what is its role?": that one, not the others
        return " ".join([previous.strip(), question])
    subjects = [s for s in dict.fromkeys(_SUBJECT.findall(said)) if s.lower() not in previous.lower()]
    return " ".join([previous.strip(), *subjects[:4], question])


_NAME_IN_TEXT = re.compile(r"(?<=[\w,:;)] )[A-ZÆØÅ][\wæøå-]+")  # a capitalised word that does not open a sentence


def names_one_said(question: str, said: str) -> bool:
    """Whether a follow-up names one of the names of the previous answer itself, in its words or through
    the glossary ("the state bank", "banken" → Husbanken): it is about that one, and the answer's other
    subjects ("LUP") would pull retrieval away from it."""
    asked = set(read_terms(question))
    return any(not asked.isdisjoint(terms(name)) for name in _NAME_IN_TEXT.findall(_NOT_QUOTED.sub(" ", said)))


def listed_item(question: str, said: str) -> str | None:
    """The item of a list in ``said`` that the question points to by its place ("the second one" of
    "Lørenskog kommune, Husbanken og LUP"), or None. A list after a colon is read as it stands; in a
    sentence ("Det ble bygget en barnehage og omsorgsboliger") the first item is the name or the two
    words before the first comma or "og"."""
    match = _ORDINAL.search(question)
    if not match or not said:
        return None
    place = _PLACE[next(g for g in match.groups() if g).lower()]
    sentences = re.split(r"(?<=[.!?])\s+", _NOT_QUOTED.sub(" ", said).strip())
    for sentence in sorted(sentences, key=lambda t: not re.search(r":\s", t)):  # a list after a colon first
        listed = re.split(r":\s", sentence)[-1].strip(" .")
        items = [i.strip(" .;") for i in _LIST_SPLIT.split(listed) if i.strip(" .;")]
        if len(items) < 2:
            continue
        if not -len(items) <= place < len(items):
            return None  # "the third one" of two
        first = items[0].split()
        if len(first) > 4:  # the clause the list starts in: its trailing name, else its last two words
            names = _SUBJECT.findall(items[0]) or re.findall(r"\b[A-ZÆØÅ][\wæøå-]+$", items[0])
            items[0] = names[-1] if names and items[0].endswith(names[-1]) else " ".join(first[-2:])
        return items[place]
    return None


def standalone(question: str, history: list[Turn]) -> str:
    """The question as the answer reads it: a follow-up asked of another numbered thing is the
    previous question about that one (the kind of fact it asks for is the previous question's)."""
    previous = _last(history, "user")
    other = asked_of_another(question, previous) if previous and is_follow_up(question) else None
    return other or question


def asked_of_another(question: str, previous: str) -> str | None:
    """The previous question asked of the numbered thing the follow-up names instead ("og byggetrinn 2?"
    after "Hva ble bygget i byggetrinn 1?" → "Hva ble bygget i byggetrinn 2?"), or None. Only for a
    follow-up that is little more than that name ("what about stage 2?"): one with words of its own
    ("How many homes are there in stage 2?") asks its own question."""
    named = _NUMBERED.findall(question)
    rest = set(words(question)) - {w.lower() for pair in named for w in pair} - _ELLIPSIS - STOPWORDS
    if len(named) != 1 or rest or _ADDRESS_WORD.search(named[0][0]):  # a question of its own, or a street
        return None
    word, number = named[0]
    other = re.compile(rf"\b{re.escape(word)}\s+(?!{number}\b)\d{{1,2}}\b", re.IGNORECASE)
    return other.sub(f"{word} {number}", previous.strip(), count=1) if other.search(previous) else None


def previous_answer(question: str, history: list[Turn]) -> str:
    """The answer a follow-up follows ("" for a question that stands alone)."""
    return _last(history, "assistant") if is_follow_up(question) else ""


def _last(history: list[Turn], role: str) -> str:
    """The latest non-empty turn of ``role`` ("" if none)."""
    return next((t.content for t in reversed(history) if t.role == role and t.content.strip()), "")


def is_follow_up(question: str) -> bool:
    """Short, pronoun-led or "and …"/"what about …" questions lean on the turn before them."""
    tokens = words(question)
    return (
        len(tokens) <= 3
        or tokens[0] in {"og", "men", "and", "but", "also", "også", "then", "så"}
        or bool(_FOLLOW_UP_WORDS & set(tokens))
        or bool(re.match(r"\W*(?:what|how) about\b|\W*hva med\b", question, re.IGNORECASE))
        or bool(_ORDINAL.search(question))
    )
