"""The chat model for generative answers, built from settings with LangChain's ``init_chat_model``.

Any provider LangChain knows works (``openai:``, ``azure_openai:``, ``ollama:``, ...); an
OpenAI-compatible server (vLLM, llama.cpp, Ollama's ``/v1``) is ``openai:<name>`` plus a base URL.
LangChain's provider packages are an extra (``pip install -e '.[llm]'``), imported only here and
only when generative mode is switched on, so the default install does not need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.config import LLMSettings
from assistant.errors import ConfigurationError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

# Where each provider takes the server's address (init_chat_model passes keywords to the class).
_BASE_URL_KEYWORD = {"azure_openai": "azure_endpoint", "ollama": "base_url", "openai": "base_url"}


def provider_of(model: str) -> str:
    """``openai:gpt-4o-mini`` -> ``openai``; a bare model name is OpenAI's, as ``init_chat_model`` guesses."""
    return model.split(":", 1)[0] if ":" in model else "openai"


def chat_model_kwargs(settings: LLMSettings) -> dict[str, Any]:
    """The keywords for ``init_chat_model``: temperature 0, the timeout, the token cap, key and address."""
    if not settings.model:
        raise ConfigurationError(
            "ASSISTANT_ANSWER__MODE=generative needs a chat model: set ASSISTANT_LLM__MODEL "
            "(e.g. openai:gpt-4o-mini, or openai:<name> with ASSISTANT_LLM__BASE_URL for an OpenAI-compatible server)."
        )
    provider = provider_of(settings.model)
    kwargs: dict[str, Any] = {"temperature": 0, "max_tokens": settings.max_tokens, "timeout": settings.timeout_s}
    if provider in ("openai", "azure_openai"):
        kwargs["max_retries"] = 0  # a failure falls back to the extractive answer at once
    if settings.base_url:
        kwargs[_BASE_URL_KEYWORD.get(provider, "base_url")] = settings.base_url
    if provider == "openai" and settings.base_url:
        # langchain-openai sends only OpenAI's newer max_completion_tokens, which llama.cpp's server ignores
        # (it would write until its context is full); compatible servers read max_tokens.
        kwargs["extra_body"] = {"max_tokens": settings.max_tokens}
    if settings.api_key is not None:
        kwargs["api_key"] = settings.api_key.get_secret_value()
    elif provider == "openai" and settings.base_url:
        kwargs["api_key"] = "not-needed"  # local OpenAI-compatible servers take any key
    return kwargs


def build_chat_model(settings: LLMSettings) -> BaseChatModel:
    """The configured chat model; a missing extra or an unknown provider is a ConfigurationError."""
    kwargs = chat_model_kwargs(settings)
    try:
        from langchain.chat_models import init_chat_model
    except ImportError as exc:
        raise ConfigurationError("Generative answers need the extra 'llm': pip install -e '.[llm]'") from exc
    try:
        return init_chat_model(settings.model, **kwargs)
    except ImportError as exc:
        raise ConfigurationError(
            f"The provider of {settings.model!r} is not installed ({exc}); install its LangChain package, "
            "e.g. langchain-openai or langchain-ollama."
        ) from exc
    except ValueError as exc:
        raise ConfigurationError(f"Cannot build the chat model {settings.model!r}: {exc}") from exc
