"""Errors the assistant raises on purpose, each mapped to one HTTP status and one CLI message.

    AssistantError              base: a clear message for the user, never a stack trace
    ├── InvalidInput            a question, parameter or upload is malformed      → 422
    ├── NotFound                a document or resource does not exist (or is hidden) → 404
    ├── ConfigurationError      settings are unsafe or inconsistent                → 500 / exit 2
    ├── EmbeddingMismatch       the store was built with another embedding model   → 409 / exit 2
    ├── StoreUnavailable        the vector store cannot be reached                 → 503
    ├── LimitReached            a per-item limit is used up (votes on one answer)  → 429
    └── LoadError               one file cannot be ingested (corrupt, empty, ...)  → reported, skipped
"""


class AssistantError(Exception):
    """Base class: ``str(err)`` is a message fit to show a user."""

    status_code = 500


class InvalidInput(AssistantError):
    status_code = 422


class NotFound(AssistantError):
    status_code = 404


class ConfigurationError(AssistantError):
    status_code = 500


class EmbeddingMismatch(AssistantError):
    status_code = 409


class StoreUnavailable(AssistantError):
    status_code = 503


class LimitReached(AssistantError):
    status_code = 429


class LoadError(AssistantError):
    """A file could not be loaded; ``reason`` is a short machine-readable code."""

    status_code = 422

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
