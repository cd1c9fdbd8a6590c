"""The assistant as one object: ask, search and list documents, always within a scope.

The API, the CLI and the evaluation all call this, so they answer the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from langchain_core.embeddings import Embeddings

from assistant.answer.generative import build_answerer
from assistant.config import Settings
from assistant.embeddings import make_embeddings
from assistant.errors import InvalidInput, NotFound
from assistant.index import SnapshotCache
from assistant.models import Answer, Chunk, DocumentMeta, Hit, Scope
from assistant.relevance import relevant_hits
from assistant.retrieve import Filters, HybridSearch
from assistant.store import ChunkStore
from assistant.text import words

_FOLLOW_UP_WORDS = set(
    "den dette der dit denne disse dem han hun hennes hans it that there this they them those its".split()
)


@dataclass
class Turn:
    role: str  # "user" or "assistant"
    content: str


@dataclass
class Response:
    answer: Answer
    hits: list[Hit]


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
        """Answer ``question`` (a follow-up borrows the previous question for retrieval)."""
        scope = scope or Scope.public()
        question = self.check_question(question)
        query = retrieval_query(question, history or [])
        found = self.search_engine.search(query, scope)
        return Response(self.answerer.answer(question, found, scope, context=query), found.hits)

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
    """The text to retrieve with: a short or pronoun-led follow-up is read with the previous question."""
    previous = next((t.content for t in reversed(history) if t.role == "user" and t.content.strip()), None)
    if not previous:
        return question
    tokens = words(question)
    if len(tokens) <= 3 or tokens[0] in {"og", "men", "and", "but"} or _FOLLOW_UP_WORDS & set(tokens):
        return f"{previous.strip()} {question}"
    return question
