"""Settings and the chat model's construction, and the real provider path (langchain-openai over HTTP)
against a stub OpenAI-compatible server: structured output, errors and what is sent."""

from __future__ import annotations

import json

import pytest

from assistant.answer.generative import GenerativeAnswerer, build_answerer
from assistant.config import LLMSettings, Settings
from assistant.errors import ConfigurationError
from assistant.llm import build_chat_model, chat_model_kwargs
from assistant.service import Assistant
from tests.answer.conftest import reply, sentence
from tests.answer.stub_openai import StubOpenAI

STUB_PORT = 8210  # this loopback range is 8200-8299
KEY = "sk-test-DO-NOT-LOG-4711"


def test_generative_without_a_model_refuses_to_start(fake_settings):
    answer = fake_settings.answer.model_copy(update={"mode": "generative"})
    settings = fake_settings.model_copy(update={"answer": answer})
    with pytest.raises(ConfigurationError, match="ASSISTANT_LLM__MODEL"):
        Assistant(settings)


def test_extractive_is_the_default_and_needs_no_model(fake_settings):
    assert not isinstance(build_answerer(fake_settings, embeddings=None), GenerativeAnswerer)  # type: ignore[arg-type]


def test_settings_come_from_the_environment_and_the_key_is_never_shown(monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_ANSWER__MODE", "generative")
    monkeypatch.setenv("ASSISTANT_LLM__MODEL", "openai:gemma")
    monkeypatch.setenv("ASSISTANT_LLM__BASE_URL", "http://127.0.0.1:8201/v1")
    monkeypatch.setenv("ASSISTANT_LLM__API_KEY", KEY)
    monkeypatch.setenv("ASSISTANT_LLM__TIMEOUT_S", "12.5")
    settings = Settings(data_dir=tmp_path)
    assert settings.answer.mode == "generative" and settings.llm.timeout_s == 12.5
    assert settings.llm.api_key is not None and settings.llm.api_key.get_secret_value() == KEY
    assert KEY not in repr(settings) and KEY not in settings.model_dump_json()


def test_the_key_can_come_from_the_secrets_file(tmp_path):
    secrets = tmp_path / "secrets.yaml"
    secrets.write_text(f"llm_api_key: {KEY}\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path, secrets_file=secrets)
    assert settings.llm.api_key is not None and settings.llm.api_key.get_secret_value() == KEY


def test_the_model_is_built_with_temperature_zero_the_timeout_and_the_address():
    settings = LLMSettings(model="openai:gemma", base_url="http://127.0.0.1:8201/v1", timeout_s=7, max_tokens=300)
    assert chat_model_kwargs(settings) == {
        "temperature": 0, "max_tokens": 300, "timeout": 7, "max_retries": 0,
        "base_url": "http://127.0.0.1:8201/v1", "api_key": "not-needed", "extra_body": {"max_tokens": 300},
    }
    model = build_chat_model(settings)
    assert type(model).__name__ == "ChatOpenAI" and model.temperature == 0 and model.max_tokens == 300
    assert chat_model_kwargs(LLMSettings(model="azure_openai:gpt-4o", base_url="https://x.openai.azure.com"))[
        "azure_endpoint"] == "https://x.openai.azure.com"


def test_an_unknown_provider_is_a_clear_error():
    with pytest.raises(ConfigurationError, match="nosuchprovider"):
        build_chat_model(LLMSettings(model="nosuchprovider:model"))


@pytest.fixture
def stub():
    with StubOpenAI(STUB_PORT) as server:
        yield server


def _through_stub(small_assistant, stub, generative, **llm):
    model = build_chat_model(LLMSettings(model="openai:stub", base_url=stub.url, api_key=KEY, **llm))
    return generative(model, **llm)


def test_a_real_provider_client_reaches_the_server_with_a_json_schema_and_the_answer_is_verified(
    small_assistant, stub, generative
):
    _through_stub(small_assistant, stub, generative)
    stub.replies = ['{"answered": false, "sentences": []}']
    small_assistant.ask("Når var dialogkonferansen?")
    sent = stub.requests[-1]
    assert sent["temperature"] == 0 and sent["stream"] is True
    assert sent["max_tokens"] == sent["max_completion_tokens"] == 700  # llama.cpp's server reads only max_tokens
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["schema"]["required"] == ["answered", "sentences"]
    prompt = sent["messages"][1]["content"]
    number = int(prompt.split('title="Dialogkonferansen"')[0].rsplit('<source n="', 1)[1].split('"')[0])
    stub.replies = [json.dumps(reply(sentence("Dialogkonferansen ble holdt 19. februar 2020.",
                                              (number, "holdt onsdag 19. februar 2020"))))]
    answer = small_assistant.ask("Når var dialogkonferansen?")
    assert answer.mode == "generative" and answer.citations[0].quote == "holdt onsdag 19. februar 2020"


@pytest.mark.parametrize("failure", [500, 503, "{not json", '{"answered": true, "sentences": "no"}'])
def test_a_provider_error_or_bad_output_gives_the_extractive_answer(small_assistant, stub, generative, failure):
    answerer = _through_stub(small_assistant, stub, generative)
    stub.replies = [failure]
    answer = small_assistant.ask("Når var dialogkonferansen?")
    assert stub.requests and answer.mode == "extractive"
    assert answerer.stats.fallbacks == 1


def test_a_model_slower_than_the_timeout_gives_the_extractive_answer(small_assistant, stub, generative):
    import time

    original = stub.server.RequestHandlerClass.do_POST

    def slow(handler):
        time.sleep(1.5)
        original(handler)

    stub.server.RequestHandlerClass.do_POST = slow
    answerer = _through_stub(small_assistant, stub, generative, timeout_s=0.5)
    started = time.monotonic()
    answer = small_assistant.ask("Når var dialogkonferansen?")
    assert answer.mode == "extractive" and answerer.stats.errors == 1 and time.monotonic() - started < 1.4
