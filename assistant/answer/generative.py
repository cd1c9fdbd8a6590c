"""Generative answers: a chat model writes the answer, and no sentence is shown unless it is verified.

Order of work: the extractive answerer runs first (cheap); a question it refuses for policy
(equal treatment, out of scope) or a greeting is returned as it is and never reaches the
model. Otherwise the model gets the retrieved hits as numbered sources and returns
``{answered, sentences: [{text, citations: [{n, quote}]}]}``; each sentence is checked by
:mod:`assistant.answer.verify` as soon as it is complete. If the first sentence (the one that
answers the question) fails, or nothing passes, or the model fails in any way (timeout,
provider error, unparsable output), the extractive answer is returned instead.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from langchain_core.output_parsers import JsonOutputParser, StrOutputParser
from pydantic import BaseModel, ValidationError

from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.memory import shipped_memory
from assistant.answer.prompt import ANSWER_SCHEMA, MAX_SENTENCES, build_messages, rewrite_messages
from assistant.answer.streaming import current_listener, within
from assistant.answer.verify import Claim, Verdict, Verifier
from assistant.config import LLMSettings, Settings
from assistant.embeddings import model_id
from assistant.intent import shipped_intents
from assistant.models import Answer, Chunk, Citation, Scope
from assistant.retrieve import Retrieval

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage
    from langchain_core.runnables import Runnable

log = logging.getLogger(__name__)
POLICY_REASONS = frozenset({"equal_treatment", "out_of_scope", "greeting"})
Search = Callable[[str, Scope], Retrieval]


class _Cite(BaseModel):
    n: int
    quote: str


class _Sentence(BaseModel):
    text: str
    citations: list[_Cite]


@dataclass
class Stats:
    """Running counts, for the evaluation and the logs."""

    calls: int = 0
    proposed: int = 0
    verified: int = 0
    fallbacks: int = 0
    errors: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, **counts: int) -> None:
        with self.lock:
            for name, n in counts.items():
                setattr(self, name, getattr(self, name) + n)

    def drop(self, reason: str) -> None:
        with self.lock:
            kind = reason.split(":", 1)[0]
            self.dropped[kind] = self.dropped.get(kind, 0) + 1


def build_answerer(settings: Settings, embeddings: Embeddings, search: Search | None = None) -> Answerer:
    """The answerer ``settings.answer.mode`` asks for; generative without a model is a ConfigurationError."""
    model = model_id(embeddings)
    extractive = ExtractiveAnswerer(settings.answer, intents=shipped_intents(model), memory=shipped_memory(model))
    if settings.answer.mode != "generative":
        return extractive
    from assistant.llm import build_chat_model  # the provider packages are an extra

    # /healthz asks a copy of the model for a few tokens only, within a few seconds.
    probe = build_chat_model(settings.llm.model_copy(update={"max_tokens": 16, "timeout_s": 5.0}))
    return GenerativeAnswerer(extractive, build_chat_model(settings.llm), settings.llm, embeddings, search, probe)


class GenerativeAnswerer:
    """Same ``answer(...)`` as :class:`ExtractiveAnswerer`, which it runs first and falls back to."""

    health_ttl_s = 30.0

    def __init__(self, extractive: ExtractiveAnswerer, model: BaseChatModel, settings: LLMSettings,
                 embeddings: Embeddings, search: Search | None = None, probe: BaseChatModel | None = None) -> None:
        self.extractive = extractive
        self.model = model
        self._probe = probe or model
        self._settings = settings
        self._verifier = Verifier(embeddings, settings.verify_similarity)
        self._search = search
        self._structured = _structured(model, settings.output)
        self.stats = Stats()
        self._health: tuple[float, bool] | None = None

    def __getattr__(self, name: str) -> Any:
        # Anything else (refuse, rank, ...) is the extractive answerer's.
        return getattr(self.__dict__["extractive"], name)

    def answer(self, question: str, found: Retrieval, scope: Scope, context: str | None = None,
               said: str = "") -> Answer:
        fallback = self.extractive.answer(question, found, scope, context, said)
        if fallback.reason in POLICY_REASONS or not found.hits:
            return fallback  # policy first: the model never sees this question
        previous = _previous(question, context)
        if previous and self._search is not None:
            found = self._rewritten(previous, question, scope) or found
        sources = {n: hit.chunk for n, hit in enumerate(found.hits[: self._settings.max_sources], start=1)}
        composer = _Composer(fallback.lang, current_listener())
        self.stats.add(calls=1)
        try:
            for claim in self._claims(build_messages(question, sources, fallback.lang, previous)):
                if not self._accept(claim, sources, composer):
                    break
        except Exception as err:  # provider error, timeout, bad output: logged, then the extractive answer
            self.stats.add(errors=1)
            log.warning("generative answer failed", extra={"event": "llm_error", "error": type(err).__name__})
        if not composer.parts:
            self.stats.add(fallbacks=1)
            return fallback
        return composer.answer()

    def _accept(self, claim: Claim, sources: dict[int, Chunk], composer: _Composer) -> bool:
        """Verify one sentence and show it; False stops reading (the answering sentence failed, or enough)."""
        self.stats.add(proposed=1)
        verdict = self._verifier.check(claim, sources)
        if not verdict.ok:
            self.stats.drop(verdict.reason or "")
            log.info("sentence dropped", extra={"event": "sentence_dropped", "reason": verdict.reason})
            return bool(composer.parts)
        if composer.add(verdict):
            self.stats.add(verified=1)
        return len(composer.parts) < MAX_SENTENCES

    def _claims(self, messages: list[BaseMessage]) -> Iterator[Claim]:
        """Sentences as the model completes them: a sentence is complete once the next one has begun."""
        done, last = 0, None
        for partial in within(self._structured.stream(messages), self._settings.timeout_s):
            if not isinstance(partial, dict) or partial.get("answered") is not True:
                continue
            last = partial.get("sentences") or []
            while done < len(last) - 1:
                yield _claim(last[done])
                done += 1
        for item in (last or [])[done:]:
            yield _claim(item)

    def _rewritten(self, previous: str, question: str, scope: Scope) -> Retrieval | None:
        """Retrieval with the follow-up rewritten by the model as a standalone question (None: keep the rule's)."""
        try:
            rewritten = (self.model | StrOutputParser()).invoke(rewrite_messages(previous, question)).strip()
        except Exception as err:  # the rule-based rewrite stays
            log.warning("follow-up rewrite failed", extra={"event": "llm_error", "error": type(err).__name__})
            return None
        if not rewritten or len(rewritten) > 400 or self._search is None:
            return None
        return self._search(rewritten, scope)

    def model_answers(self) -> bool:
        """Whether the model answers a tiny request now (cached for ``health_ttl_s``; for /healthz)."""
        now = time.monotonic()
        if self._health and now - self._health[0] < self.health_ttl_s:
            return self._health[1]
        try:
            reply = self._probe.invoke("Reply with the word OK.")
            ok = bool(getattr(reply, "content", ""))
        except Exception as err:
            log.warning("model health check failed", extra={"event": "llm_error", "error": type(err).__name__})
            ok = False
        self._health = (now, ok)
        return ok


Answerer = ExtractiveAnswerer | GenerativeAnswerer


class _Composer:
    """Numbers the quotes as verified sentences arrive, so every streamed piece is final."""

    def __init__(self, lang: str, listener: Callable[[str], None] | None) -> None:
        self.lang = lang
        self.parts: list[str] = []
        self.citations: list[Citation] = []
        self._listener = listener
        self._seen: set[str] = set()

    def add(self, verdict: Verdict) -> bool:
        key = " ".join(verdict.text.lower().split())
        if key in self._seen:
            return False
        self._seen.add(key)
        numbers = [self._number(chunk, quote) for chunk, quote in verdict.quotes]
        part = _with_markers(verdict.text, numbers)
        self.parts.append(part)
        if self._listener:
            self._listener(part if len(self.parts) == 1 else f" {part}")
        return True

    def _number(self, chunk: Chunk, quote: str) -> int:
        for cite in self.citations:
            if cite.chunk_id == chunk.chunk_id and cite.quote == quote:
                return cite.n
        meta = chunk.meta
        self.citations.append(Citation(
            n=len(self.citations) + 1, doc_id=meta.doc_id, title=meta.title, url=meta.url, source=meta.source,
            page=chunk.page, quote=quote, chunk_id=chunk.chunk_id, audience=meta.audience,
        ))
        return len(self.citations)

    def answer(self) -> Answer:
        return Answer(answer=" ".join(self.parts), answered=True, lang=self.lang, citations=self.citations,
                      mode="generative")


def _structured(model: BaseChatModel, output: str) -> Runnable:
    """JSON-schema structured output where the provider has it; otherwise JSON text parsed by us.

    Either way the result streams as ever more complete dicts, validated sentence by sentence.
    """
    if output == "json_object":  # llama.cpp's server: json_object plus a schema it turns into a grammar
        return model.bind(response_format={"type": "json_object", "schema": ANSWER_SCHEMA}) | JsonOutputParser()
    if output == "json_schema":
        try:
            return model.with_structured_output(ANSWER_SCHEMA, method="json_schema")
        except (NotImplementedError, ValueError):  # e.g. no structured output in this chat model class
            pass
    return model | JsonOutputParser()


def _claim(item: Any) -> Claim:
    try:
        sentence = _Sentence.model_validate(item)
    except ValidationError:
        return Claim(text=str(item.get("text", "")) if isinstance(item, dict) else "", citations=[])
    return Claim(sentence.text, [(c.n, c.quote) for c in sentence.citations])


def _previous(question: str, context: str | None) -> str | None:
    """The earlier question a follow-up was read with (retrieval's context is ``previous + question``)."""
    if context and context != question and context.endswith(question):
        return context[: -len(question)].strip() or None
    return None


def _with_markers(sentence: str, numbers: list[int]) -> str:
    markers = "".join(f"[{n}]" for n in dict.fromkeys(numbers))
    end = len(sentence.rstrip(".!?…"))
    return f"{sentence[:end]} {markers}{sentence[end:]}"
