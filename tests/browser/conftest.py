"""A real Chromium (Debian's /usr/bin/chromium, driven by Playwright) against the real API over the corpus.

No browser is ever downloaded: CI installs Chromium with apt. One browser per test module;
every test gets a fresh context, so sessionStorage starts empty.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from api.main import create_app
from assistant.config import Settings
from assistant.service import Assistant
from ingest.pipeline import ingest_paths
from tests.conftest import ROOT, LiveServer, free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "tests" / "artifacts"
CASEWORKER = secrets.token_urlsafe(24)
ADMIN = secrets.token_urlsafe(24)
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


class Embedder:
    """Another website on its own port that embeds the widget: ``allowed`` (http://127.0.0.1:port) is in the API's
    CORS origins, ``foreign`` (http://localhost:port, the same server under another origin) is not."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = pages.get(self.path, "").encode()
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.port = free_port()
        self.allowed = f"http://127.0.0.1:{self.port}"
        self.foreign = f"http://localhost:{self.port}"
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="session")
def embedder() -> Iterator[Embedder]:
    site = Embedder()
    yield site
    site.server.shutdown()
    site.server.server_close()


@pytest.fixture(scope="session")
def site(corpus_assistant, embedder) -> Iterator[str]:
    """The API over the real corpus (e5 + Chroma + uvicorn) with a case-worker token, one embedding origin
    allowed by CORS, and rate limits high enough for a browser session."""
    settings = corpus_assistant.settings.model_copy(update={
        "caseworker_tokens": [CASEWORKER], "cors_origins": [embedder.allowed],
        "rate_limit_per_minute": 10_000, "rate_limit_global_per_minute": 100_000,
    })
    with LiveServer(create_app(settings, corpus_assistant)) as server:
        yield server.url


@pytest.fixture(scope="session")
def casework_site(corpus_assistant, tmp_path_factory) -> Iterator[str]:
    """A server of its own over a fresh copy of the corpus (the same e5 model), where admins may change documents
    and publish answers without touching the store the other tests share. Case-worker and admin tokens."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("casework-data"), caseworker_tokens=[CASEWORKER],
                        admin_tokens=[ADMIN], document_management=True, rate_limit_per_minute=10_000,
                        rate_limit_global_per_minute=100_000)
    assistant = Assistant(settings, embeddings=corpus_assistant.embeddings)
    report = ingest_paths([ROOT / "corpus"], assistant.store, progress=False)
    assert not report.skipped, report.skipped
    with LiveServer(create_app(settings, assistant)) as server:
        yield server.url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium (the browser tests never download one)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """``new_page(width=1280, height=800, **context_options)``: a page in a fresh context, closed afterwards."""
    contexts = []

    def make(width: int = 1280, height: int = 800, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        return page

    yield make
    for context in contexts:
        context.close()


def assert_no_violations(page, context=None) -> None:
    """axe-core, WCAG 2.0/2.1 A and AA rules, zero violations; a readable report otherwise."""
    from axe_playwright_python.sync_playwright import Axe

    # Colours are judged at rest: a dialog fading in is briefly pale (Designsystemet animates its dialog).
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')", timeout=5000)
    results = Axe().run(page, context=context, options=WCAG)
    violations = results.response["violations"]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(f"    {n['target']}: {n['failureSummary']}" for n in v["nodes"])
        for v in violations
    )
    assert not violations, f"axe found {len(violations)} WCAG violations:\n{report}"
    passes = len(results.response["passes"])
    print(f"axe: 0 violations, {passes} rules passed on {page.url}")
