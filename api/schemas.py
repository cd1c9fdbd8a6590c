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
    doc_type: str = Field(description="Kind of document, e.g. project_description, supplier_input, qa.")
    organisation: str | None = Field(default=None, description="Supplier or organisation behind the document.")
    date: str | None = Field(default=None, description="Date of the document (ISO).")
    text: str = Field(description="The chunk text.")
    snippet: str = Field(description="The part of the chunk richest in query words.")
    highlights: list[list[int]] = Field(description="[start, end] offsets into snippet of words matching the query.")


class SearchResponse(BaseModel):
    query: str = Field(description="The query as received.")
    page: int = Field(description="This page (1-based).")
    per_page: int = Field(description="Hits per page.")
    total: int = Field(description="Hits found, up to 100.")
    hits: list[SearchHit]


class FeedbackRequest(BaseModel):
    answer_id: str = Field(min_length=8, max_length=64, description="answer_id of the answer being rated.")
    vote: Literal["up", "down"] = Field(description="Thumbs up or down.")
    comment: str | None = Field(
        default=None, max_length=1000, description="Optional comment (personal data is masked)."
    )


class LoggedQuestion(BaseModel):
    answer_id: str
    created_at: str = Field(description="When it was asked (UTC, ISO 8601).")
    question: str = Field(description="The question with personal data masked.")
    lang: str | None
    answered: bool
    reason: str | None
    citations: list[dict] = Field(description="What the answer cited (n, doc_id, chunk_id).")
    latency_ms: float
    up: int = Field(description="Thumbs up received.")
    down: int = Field(description="Thumbs down received.")
    comments: list[str] = Field(description="Feedback comments, oldest first, personal data masked.")


class QuestionGroup(BaseModel):
    question: str = Field(description="A representative wording.")
    count: int = Field(description="How many times questions of this group were asked.")
    answered: int = Field(description="How many of them were answered.")
    examples: list[str] = Field(description="Up to five wordings in the group.")


class QuestionGroupDetail(QuestionGroup):
    up: int = Field(description="Thumbs up over the group's answers.")
    down: int = Field(description="Thumbs down over the group's answers.")
    last_asked: str = Field(description="When a question of the group was last asked (UTC, ISO 8601).")
    reasons: list[str] = Field(description="Why the assistant refused questions of this group, if it did.")
    answer_ids: list[str] = Field(description="The answers in the group, newest first.")


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
    chunk_count: int | None = Field(default=None, description="How many chunks it was indexed as (admin list only).")


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
    answer_mode: Literal["extractive", "generative"] = Field(
        default="extractive", description="extractive: quoted sentences; generative: a chat model, sentences verified."
    )
    llm_model: str | None = Field(default=None, description="The chat model (generative mode): openai:gpt-4o-mini.")
    llm_answers: bool | None = Field(
        default=None,
        description="Whether the chat model answered a tiny request (checked at most every 30 s); null if extractive.",
    )


class ErrorBody(BaseModel):
    error: str = Field(description="Kind of error.")
    detail: str | list = Field(description="What was wrong, readable.")
