"""Generative mode over real HTTP: /api/chat/stream sends a sentence only once it is verified, as soon as it
is, and /healthz tells the mode and whether the model answers."""

from __future__ import annotations

import json
import threading
from typing import Any

import httpx
import pytest

from api.main import create_app
from tests.answer.conftest import RecordingModel, model_replying, reply, sentence
from tests.conftest import LiveServer

QUESTION = "Når var dialogkonferansen og hvor mange miljøer ga innspill?"


@pytest.fixture
def api(small_assistant):
    settings = small_assistant.settings.model_copy(update={"rate_limit_per_minute": 10_000})
    with LiveServer(create_app(settings, small_assistant)) as server:
        yield server.url


def read_events(lines) -> list[tuple[str, Any]]:
    events, name = [], None
    for line in lines:
        if line.startswith("event: "):
            name = line[7:]
        elif line.startswith("data: "):
            events.append((name, json.loads(line[6:])))
    return events


def source_numbers(small_assistant, generative) -> dict[str, int]:
    import re

    probe = model_replying(reply(answered=False))
    generative(probe)
    small_assistant.ask(QUESTION)
    return {t: int(n) for n, t in re.findall(r'<source n="(\d+)" title="([^"]+)"', probe.prompt_text)}


class Gated(RecordingModel):
    """Streams its reply, but stops after the second sentence has begun until the client lets it go on."""

    gate: Any = None
    released_by_client: bool | None = None

    def _stream(self, *args, **kwargs):
        seen = ""
        for chunk in super()._stream(*args, **kwargs):
            yield chunk
            seen += str(chunk.message.content)
            if seen.count('"text"') == 2 and self.released_by_client is None and self.gate is not None:
                self.released_by_client = self.gate.wait(timeout=20)


def test_a_verified_sentence_is_sent_before_the_model_has_finished(small_assistant, generative, api):
    n = source_numbers(small_assistant, generative)["Dialogkonferansen"]
    text = json.dumps(reply(
        sentence("Dialogkonferansen ble holdt 19. februar 2020.", (n, "ble holdt onsdag 19. februar 2020")),
        sentence("Tilbudsfristen er 1. april 2021.", (n, "Kommunen fikk innspill fra sju ulike miljøer")),
        sentence("Kommunen fikk innspill fra sju ulike miljøer.", (n, "Kommunen fikk innspill fra sju ulike miljøer")),
    ), ensure_ascii=False)
    gate = threading.Event()
    model = Gated(messages=iter([model_replying(text).messages.__next__()]), prompts=[], gate=gate)
    generative(model)
    lines = []
    with httpx.Client(base_url=api, timeout=60) as client, \
            client.stream("POST", "/api/chat/stream", json={"question": QUESTION}) as res:
        for line in res.iter_lines():
            lines.append(line)
            if line.startswith("data: ") and "19. februar" in line:
                gate.set()  # the first sentence arrived while the model was still held
    assert model.released_by_client is True
    events = read_events(lines)
    deltas = [d["text"] for name, d in events if name == "delta"]
    answer = next(d for name, d in events if name == "answer")
    assert deltas == ["Dialogkonferansen ble holdt 19. februar 2020 [1].",
                      " Kommunen fikk innspill fra sju ulike miljøer [2]."]
    assert "".join(deltas) == answer["answer"] and answer["mode"] == "generative"
    assert "2021" not in "\n".join(lines)  # the dropped sentence never went out, not even in pieces
    assert [name for name, _ in events][-2:] == ["answer", "done"]


def test_a_fallback_streams_the_extractive_answer(small_assistant, generative, api):
    generative(model_replying("not json at all"))
    with httpx.Client(base_url=api, timeout=60) as client:
        res = client.post("/api/chat/stream", json={"question": QUESTION})
    events = read_events(res.text.splitlines())
    answer = next(d for name, d in events if name == "answer")
    assert answer["mode"] == "extractive"
    assert "".join(d["text"] for name, d in events if name == "delta") == answer["answer"]


def test_chat_reports_the_mode(small_assistant, generative, api):
    n = source_numbers(small_assistant, generative)["Dialogkonferansen"]
    generative(model_replying(reply(sentence("Dialogkonferansen ble holdt 19. februar 2020.",
                                             (n, "ble holdt onsdag 19. februar 2020")))))
    body = httpx.post(f"{api}/api/chat", json={"question": QUESTION}, timeout=60).json()
    assert body["mode"] == "generative" and body["citations"][0]["quote"] == "ble holdt onsdag 19. februar 2020"


def test_health_tells_the_mode_and_whether_the_model_answers(small_assistant, generative, api):
    assert httpx.get(f"{api}/healthz").json()["answer_mode"] == "extractive"
    generative(model_replying("OK"))
    health = httpx.get(f"{api}/healthz").json()
    assert health["answer_mode"] == "generative" and "llm_model" in health
    assert health["llm_answers"] is True
    generative(model_replying("OK", error=ConnectionError("refused")))
    assert httpx.get(f"{api}/healthz").json()["llm_answers"] is False
