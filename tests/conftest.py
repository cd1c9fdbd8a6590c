"""Shared fixtures. Fast tests use fake embeddings; the corpus fixtures use the real e5 model."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant.config import EmbeddingSettings, Settings
from assistant.service import Assistant
from ingest.pipeline import ingest_paths

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def corpus_assistant(tmp_path_factory) -> Assistant:
    """The real pipeline (e5 + embedded Chroma) over the project corpus, built once per session."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("corpus-data"))
    assistant = Assistant(settings)
    report = ingest_paths([CORPUS], assistant.store, progress=False)
    assert not report.skipped, report.skipped
    return assistant


class LiveServer:
    """A real uvicorn server in a thread, for tests that speak real HTTP."""

    def __init__(self, app) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_api(corpus_assistant) -> Iterator[str]:
    """The API over the real corpus pipeline, served on a free local port."""
    from api.main import create_app

    # Many tests share this server and this client address: lift the per-client limit (tested in test_limits).
    settings = corpus_assistant.settings.model_copy(
        update={"rate_limit_per_minute": 10_000, "rate_limit_global_per_minute": 100_000}
    )
    app = create_app(settings, corpus_assistant)
    with LiveServer(app) as server:
        yield server.url


@pytest.fixture
def fake_settings(tmp_path) -> Settings:
    """Settings for fast unit tests: deterministic hashed embeddings, all state under ``tmp_path``."""
    return Settings(data_dir=tmp_path / "data", embedding=EmbeddingSettings(backend="fake"))


def _heartbeat(url: str) -> bool:
    no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # a local server, whatever HTTP_PROXY says
    try:
        with no_proxy.open(f"{url}/api/v2/heartbeat", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def running_chroma(data: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """A real Chroma server (``chroma run``) over ``data`` on a free port: its URL and its process."""
    chroma = Path(sys.executable).parent / "chroma"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as stderr:
        proc = subprocess.Popen(
            [str(chroma), "run", "--path", data, "--host", "127.0.0.1", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            deadline = time.monotonic() + 60
            while not _heartbeat(url):
                if proc.poll() is not None or time.monotonic() > deadline:
                    stderr.seek(0)
                    log = stderr.read().decode(errors="replace")[-4000:]
                    pytest.fail(f"chroma server did not start at {url} (exit code {proc.poll()}):\n{log}")
                time.sleep(0.3)
            yield url, proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="session")
def chroma_server() -> Iterator[str]:
    """A real Chroma server shared by the session; yields its URL.

    Tests on it use their own collection name, so they never see each other's data.
    """
    with tempfile.TemporaryDirectory(prefix="chroma-server-") as data, running_chroma(data) as (url, _):
        yield url
