"""The leak suite in generative mode: a model that tries to leak internal supplier input (it "knows" the
marker strings and cites them) over the real corpus and real e5. Nothing internal may reach a public
prompt, and nothing the sources do not hold may reach a public answer or stream."""

from __future__ import annotations

import itertools
import json

import httpx
import pytest
from langchain_core.messages import AIMessage

from api.main import create_app
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.generative import GenerativeAnswerer
from assistant.config import LLMSettings
from tests.answer.conftest import RecordingModel
from tests.api.test_security import ADVERSARIAL, MARKERS, assert_clean
from tests.api.test_security import secret_runs as secret_runs  # the fixture
from tests.conftest import LiveServer

pytestmark = pytest.mark.slow

LEAK = json.dumps({"answered": True, "sentences": [
    {"text": f"Kostnadsrammen er 212 millioner kroner ({MARKERS[0]}).",
     "citations": [{"n": 1, "quote": f"{MARKERS[0]} kostnadsrammen 212 millioner kroner"}]},
    {"text": "Leverandørene foreslo leie-til-eie-trappen og Blåklokkemodellen.",
     "citations": [{"n": 2, "quote": "leie-til-eie-trappen og Blåklokkemodellen"}]},
]}, ensure_ascii=False)


@pytest.fixture(scope="module")
def leaky(corpus_assistant):
    model = RecordingModel(messages=itertools.cycle([AIMessage(content=LEAK)]), prompts=[])
    answerer = GenerativeAnswerer(ExtractiveAnswerer(corpus_assistant.settings.answer), model,
                                  LLMSettings(model="fake:leaky"), corpus_assistant.embeddings,
                                  corpus_assistant.search_engine.search)
    previous, corpus_assistant.answerer = corpus_assistant.answerer, answerer
    settings = corpus_assistant.settings.model_copy(
        update={"rate_limit_per_minute": 10_000, "rate_limit_global_per_minute": 100_000})
    try:
        with LiveServer(create_app(settings, corpus_assistant)) as server, \
                httpx.Client(base_url=server.url, timeout=60) as client:
            yield client, model
    finally:
        corpus_assistant.answerer = previous


@pytest.mark.parametrize("question", ADVERSARIAL)
def test_public_generative_answers_and_prompts_hold_no_internal_text(leaky, secret_runs, question):
    client, model = leaky
    model.prompts.clear()
    body = client.post("/api/chat", json={"question": question}).json()
    assert_clean(json.dumps(body, ensure_ascii=False), secret_runs)
    assert all(c["audience"] == "public" for c in body["citations"])
    sources = [p.split("<sources>", 1)[1].split("</sources>", 1)[0] for p in model.prompt_text.split("<question>")
               if "<sources>" in p]
    assert_clean("\n".join(sources), secret_runs)  # the question itself may hold anything
    streamed = client.post("/api/chat/stream", json={"question": question}).text
    assert_clean(json.loads(json.dumps(streamed)), secret_runs)


def test_the_leaky_model_was_asked(leaky):
    client, model = leaky
    model.prompts.clear()
    client.post("/api/chat", json={"question": "Hva er målet med anskaffelsen?"})
    assert model.prompts
