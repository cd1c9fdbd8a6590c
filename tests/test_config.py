"""Settings from the environment and a secrets file, and the refusal of unsafe values."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.config import Settings, is_placeholder
from assistant.embeddings import make_embeddings
from assistant.errors import ConfigurationError


def token() -> str:
    return secrets.token_urlsafe(24)


@pytest.fixture(autouse=True)
def env(monkeypatch, tmp_path):
    """A clean environment: no ASSISTANT_* variables and no .env file in the working folder."""
    import os

    for name in list(os.environ):
        if name.startswith("ASSISTANT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


def test_comma_separated_tokens_and_origins_from_the_environment(env):
    a, b, c = token(), token(), token()
    env.setenv("ASSISTANT_CASEWORKER_TOKENS", f"{a}, {b} ,")
    env.setenv("ASSISTANT_ADMIN_TOKENS", c)
    env.setenv("ASSISTANT_CORS_ORIGINS", "https://www.lorenskog.kommune.no,http://localhost:5173")
    settings = Settings()
    assert settings.caseworker_tokens == [a, b]
    assert settings.admin_tokens == [c]
    assert settings.cors_origins == ["https://www.lorenskog.kommune.no", "http://localhost:5173"]
    settings.check_tokens()


def test_other_settings_from_the_environment(env, tmp_path):
    env.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "state"))
    env.setenv("ASSISTANT_RETENTION_DAYS", "30")
    env.setenv("ASSISTANT_RATE_LIMIT_PER_MINUTE", "7")
    env.setenv("ASSISTANT_DOCUMENT_MANAGEMENT", "true")
    env.setenv("ASSISTANT_EMBEDDING__BACKEND", "fake")
    settings = Settings()
    assert settings.retention_days == 30 and settings.rate_limit_per_minute == 7
    assert settings.document_management is True
    assert settings.embedding.backend == "fake"
    assert settings.db_url == f"sqlite:///{(tmp_path / 'state' / 'assistant.db').as_posix()}"


def test_defaults_are_closed(env):
    settings = Settings()
    assert settings.caseworker_tokens == [] and settings.admin_tokens == [] and settings.cors_origins == []
    assert settings.document_management is False
    assert settings.retention_days == 90
    assert settings.trust_forwarded_for is False
    settings.check_tokens()  # nothing configured is safe: the API is public-only


def test_database_url_overrides_the_sqlite_default(env):
    env.setenv("ASSISTANT_DATABASE_URL", "postgresql+psycopg://log@db/assistant")
    assert Settings().db_url == "postgresql+psycopg://log@db/assistant"


def test_retention_must_be_positive(env):
    with pytest.raises(ValidationError):
        Settings(retention_days=0)


def test_secrets_file_adds_its_tokens(env, tmp_path):
    from_env, listed, comma_a, comma_b = token(), token(), token(), token()
    env.setenv("ASSISTANT_CASEWORKER_TOKENS", from_env)
    secrets_file = tmp_path / "tokens.yaml"
    secrets_file.write_text(f"caseworker_tokens:\n  - {listed}\nadmin_tokens: '{comma_a},{comma_b}'\n", "utf-8")
    env.setenv("ASSISTANT_SECRETS_FILE", str(secrets_file))
    settings = Settings()
    assert settings.caseworker_tokens == [from_env, listed]
    assert settings.admin_tokens == [comma_a, comma_b]
    settings.check_tokens()


@pytest.mark.parametrize("content", [None, "caseworker_tokens: [unclosed\n"])
def test_an_unreadable_secrets_file_is_refused(env, tmp_path, content):
    path = tmp_path / "tokens.yaml"
    if content is not None:
        path.write_text(content, "utf-8")
    with pytest.raises(ValidationError) as caught:
        Settings(secrets_file=path)
    assert "cannot read the secrets file" in str(caught.value)


@pytest.mark.parametrize(
    "weak",
    [
        "changeme",
        "changeme-changeme-changeme",
        "PLACEHOLDER-0123456789abc",
        "my-admin-token-123456789",
        "password1234567890",
        "Xq3vT9pL0aZ",
    ],  # the last: random but shorter than 16
)
@pytest.mark.parametrize("field", ["caseworker_tokens", "admin_tokens"])
def test_placeholder_or_short_tokens_are_refused_without_echoing_them(weak, field):
    settings = Settings(**{field: [token(), weak]})
    with pytest.raises(ConfigurationError) as caught:
        settings.check_tokens()
    assert weak not in str(caught.value)
    assert "placeholder or shorter than 16" in str(caught.value)


def test_document_management_needs_an_admin_token():
    with pytest.raises(ConfigurationError, match="ASSISTANT_ADMIN_TOKENS"):
        Settings(document_management=True, caseworker_tokens=[token()]).check_tokens()
    Settings(document_management=True, admin_tokens=[token()]).check_tokens()


def test_is_placeholder():
    assert not is_placeholder(token())
    assert not is_placeholder("q7Rb2LmX9vTz4KpW")  # exactly 16, random
    assert is_placeholder("q7Rb2LmX9vTz4Kp")  # 15
    assert is_placeholder("SuperSecret-9f8e7d6c5b4a")


def test_chroma_url_needs_a_scheme():
    with pytest.raises(ValidationError, match="http://"):
        Settings(chroma_url="localhost:8000")


def test_an_unknown_embedding_backend_from_the_environment_lists_the_known_ones(env):
    env.setenv("ASSISTANT_EMBEDDING__BACKEND", "word2vec")
    settings = Settings()
    with pytest.raises(ConfigurationError) as caught:
        make_embeddings(settings.embedding)
    message = str(caught.value)
    assert "'word2vec'" in message
    assert "known: e5, fake, huggingface" in message


def test_settings_read_a_dotenv_file_in_the_working_folder(env, tmp_path: Path):
    a = token()
    (tmp_path / ".env").write_text(f"ASSISTANT_CASEWORKER_TOKENS={a}\nASSISTANT_RETENTION_DAYS=14\n", "utf-8")
    settings = Settings()
    assert settings.caseworker_tokens == [a]
    assert settings.retention_days == 14
