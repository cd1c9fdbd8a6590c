"""Request and response bodies; every field is described so the OpenAPI page documents itself."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from assistant.models import Answer, Citation  # noqa: F401 - re-exported as API schemas

MAX_QUESTION = 2000


class Turn(BaseModel):
    role: Literal["user", "assistant"] = Field(description="Who said it.")
    content: str = Field(max_length=4000, description="What was said.")


class ChatRequest(BaseModel):
    question: str = Field(
        min_length=1, max_length=MAX_QUESTION, description="The question, in Norwegian or English.",
        examples=["Når ble dialogkonferansen holdt?"],
    )
    history: list[Turn] = Field(
        default_factory=list, max_length=20,
        description="Earlier turns of the conversation, oldest first; a follow-up uses them to retrieve.",
    )

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the question is empty")
        return value.strip()


class SearchHit(BaseModel):
    rank: int = Field(description="1-based rank after fusion.")
    score: float = Field(description="Fused relevance score (higher is better).")
    chunk_id: str
    doc_id: str
    title: str
    url: str | None = Field(default=None, description="Public address of the source, if any.")
    source: str = Field(description="Path of the source file.")
    page: int | None = Field(default=None, description="PDF page, if any.")
    heading_path: list[str] = Field(default_factory=list, description="Headings above the chunk.")
    audience: str = Field(description="public or internal.")
    doc_type: str
    text: str = Field(description="The chunk text.")


class SearchResponse(BaseModel):
    query: str
    hits: list[SearchHit]


class DocumentInfo(BaseModel):
    doc_id: str
    title: str
    source: str
    url: str | None = None
    audience: str
    doc_type: str
    date: str | None = None
    lang: str
    organisation: str | None = None


class DocumentList(BaseModel):
    documents: list[DocumentInfo]


class DocumentView(DocumentInfo):
    text: str = Field(description="The document's text as indexed, chunk by chunk.")
    chunks: list[dict] = Field(description="Chunk ids with their page and headings, in order.")


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    documents: int = Field(description="Public documents in the store.")
    embedding_model: str
    store: Literal["embedded", "server"]


class ErrorBody(BaseModel):
    error: str = Field(description="Kind of error.")
    detail: str | list = Field(description="What was wrong, readable.")
