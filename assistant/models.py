"""Typed data at every boundary: documents, chunks, hits, citations and answers."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit
from uuid import uuid4

from pydantic import BaseModel, Field, field_validator

Audience = Literal["public", "internal"]
AUDIENCES: tuple[str, ...] = ("public", "internal")


class Scope(BaseModel, frozen=True):
    """Who is asking: decides which audiences retrieval may ever see.

    The scope is applied inside retrieval (Chroma ``where`` and the BM25 index alike),
    so no caller can forget it. Anonymous callers get ``Scope.public()``.
    """

    audiences: tuple[str, ...] = ("public",)

    @classmethod
    def public(cls) -> Scope:
        return cls(audiences=("public",))

    @classmethod
    def everything(cls) -> Scope:
        return cls(audiences=AUDIENCES)

    @property
    def is_public(self) -> bool:
        """Only the public audience: what the equal-treatment and widget rules guard."""
        return self.audiences == ("public",)

    @property
    def key(self) -> str:
        return "+".join(sorted(self.audiences))


class DocumentMeta(BaseModel):
    """What we know about a document besides its text (front matter + provenance)."""

    doc_id: str
    title: str
    source: str = Field(description="The file the document came from, relative to the folder it was ingested from "
                        "(or its name): never a path on the server.")
    url: str | None = None
    location: str = Field(default="", description="Where the file lies on the server (ingest and admin only; no "
                          "API schema carries it).")
    audience: Audience = "internal"
    doc_type: str = "document"
    date: str | None = None
    lang: str = "nb"
    organisation: str | None = None
    content_hash: str = ""
    text_hash: str = ""

    @field_validator("url")
    @classmethod
    def _web_address_only(cls, value: str | None) -> str | None:
        """Only http(s) addresses are shown as links; anything else (``javascript:``, ``data:``) is dropped."""
        return value if value is None or is_web_url(value) else None


def is_web_url(value: str) -> bool:
    """An absolute http or https address with a host (what a citation may link to)."""
    parts = urlsplit(value.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and value == value.strip()


class Block(BaseModel):
    """A structural piece of a document: a heading or a paragraph, with its place in ``Document.text``."""

    kind: Literal["heading", "paragraph"]
    text: str
    start: int
    end: int
    level: int = 0
    page: int | None = None


class Document(BaseModel):
    """A loaded document: normalised text plus blocks whose offsets index into that text."""

    meta: DocumentMeta
    text: str
    blocks: list[Block]


class Chunk(BaseModel):
    """A retrievable piece of a document; ``text == document.text[start:end]``."""

    chunk_id: str
    doc_id: str
    text: str
    start: int
    end: int
    index: int
    heading_path: list[str] = Field(default_factory=list)
    page: int | None = None
    meta: DocumentMeta

    def context_text(self) -> str:
        """The text that is embedded and indexed: title and headings give the chunk its context."""
        trail = " › ".join([self.meta.title, *self.heading_path])
        return f"{trail}\n{self.text}"


class Hit(BaseModel):
    """A chunk found by retrieval, with its fused score and rank (1-based)."""

    chunk: Chunk
    score: float
    rank: int
    dense_rank: int | None = None
    lexical_rank: int | None = None


class Citation(BaseModel):
    n: int = Field(description="The marker number used in the answer text, e.g. 1 for [1].")
    doc_id: str = Field(description="Id of the cited document (see GET /api/documents).")
    title: str = Field(description="Title of the cited document.")
    url: str | None = Field(default=None, description="Public address of the source, if it has one.")
    source: str = Field(description="Path of the source file in the corpus.")
    page: int | None = Field(default=None, description="Page number in the source PDF, if any.")
    quote: str = Field(description="The exact sentence from the document that supports the answer.")
    chunk_id: str = Field(description="Id of the chunk the quote was taken from.")
    audience: Audience = Field(default="public", description="Who may see the cited document.")


class Answer(BaseModel):
    answer_id: str = Field(
        default_factory=lambda: uuid4().hex, description="Id of this answer, for POST /api/feedback."
    )
    answer: str = Field(description="The answer text, each sentence followed by citation markers [n].")
    answered: bool = Field(description="False when the published documents do not hold the answer.")
    lang: str = Field(description="Language of the question and the message: 'nb' or 'en'.")
    citations: list[Citation] = Field(default_factory=list, description="Sources, numbered as in the text.")
    reason: str | None = Field(
        default=None,
        description="Why the question was not answered: 'no_evidence' (not in the documents), 'equal_treatment' "
        "(only the official written channel may settle it), 'out_of_scope' (another municipal matter) or "
        "'greeting'; null when answered.",
    )
    searched_for: str | None = Field(
        default=None, description="The question as searched, when words were read with spelling corrections."
    )
    mode: Literal["extractive", "generative"] = Field(
        default="extractive",
        description="How the text was made: quoted sentences (extractive) or written by a language model with "
        "every sentence's citations verified against the sources (generative).",
    )
