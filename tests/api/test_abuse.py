"""Abuse limits from the adversarial probe of issue 11, over real HTTP.

Cost per request (finding 1), request heads and slow requests on the server `assistant serve`
runs (finding 4), budgets of authenticated callers and failed tokens (finding 5), and the
endpoints and votes that had no limit (finding 8).
"""

from __future__ import annotations

import secrets
import socket
import threading
import time

import httpx
import pytest
import uvicorn

from api.main import create_app
from assistant import cli
from assistant.budget import clamp_history
from assistant.config import EmbeddingSettings, Settings
from assistant.embeddings import clip_to_tokens
from assistant.service import Turn
from tests.api.test_limits import assistant, serve  # noqa: F401 - fixtures: a tiny store, a server per test

CASEWORKER = secrets.token_urlsafe(24)
QUESTION = "Hvor ble dialogkonferansen holdt?"
# The dearest chat request within the published limits: the longest question, and as much history
# as fits in a 64 KiB body (the probe's request plus six more turns).
WORST = {"question": "og " + "ø" * 1997, "history": [{"role": "user", "content": "ø" * 4000}] * 7}


# --- finding 1: bounded work per request ----------------------------------------------------------


def test_a_query_is_cut_to_its_token_budget():
    clipped = clip_to_tokens("ø" * 6000, 64, len)  # one token per character, as for the probe's "øøø…"
    assert 56 <= len(clipped) <= 64 and set(clipped) == {"ø"}
    assert clip_to_tokens("kort spørsmål", 64, len) == "kort spørsmål"
    two_per_word = clip_to_tokens("ord " * 500, 64, lambda t: len(t.split()) * 2)
    assert 28 <= len(two_per_word.split()) <= 32


def test_history_is_clamped_to_the_last_turns_and_a_length():
    history = [Turn("user", f"spørsmål {i} " + "ø" * 4000) for i in range(20)]
    kept = clamp_history(history, 300)
    assert len(kept) == 6 and kept[0].content.startswith("spørsmål 14 ")
    assert all(len(t.content) <= 300 for t in kept)
    assert clamp_history([Turn("user", "Når var konferansen?")], 300)[0].content == "Når var konferansen?"


def test_a_long_question_with_history_is_charged_as_several_requests(serve):  # noqa: F811
    client = serve(rate_limit_per_minute=10)
    assert client.post("/api/chat", json=WORST).status_code == 200  # 8 of the 10 units
    refused = client.post("/api/chat", json=WORST)
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 30
    assert client.post("/api/chat", json={"question": QUESTION}).status_code == 200  # a normal one still goes
    assert client.get("/api/search", params={"q": "ø" * 2000}).status_code == 429  # 5 units; one is left


# --- finding 5: fair budgets ----------------------------------------------------------------------


def _as(address: str, token: str | None = None) -> dict:
    headers = {"X-Forwarded-For": address}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def test_anonymous_crowds_do_not_lock_out_case_workers(serve):  # noqa: F811
    client = serve(rate_limit_per_minute=3, rate_limit_global_per_minute=6, trust_forwarded_for=True,
                   caseworker_tokens=[CASEWORKER])
    statuses = [client.get("/api/search", params={"q": "dialog"}, headers=_as(f"203.0.113.{i}")).status_code
                for i in range(8)]
    assert statuses == [200] * 6 + [429, 429]  # the overall anonymous budget is spent
    worker = client.get("/api/search", params={"q": "dialog"}, headers=_as("203.0.113.99", CASEWORKER))
    assert worker.status_code == 200


def test_an_address_that_spent_its_budget_does_not_block_tokens_from_it(serve):  # noqa: F811
    client = serve(rate_limit_per_minute=2, trust_forwarded_for=True, caseworker_tokens=[CASEWORKER])
    anon = [client.get("/api/search", params={"q": "dialog"}, headers=_as("198.51.100.7")) for _ in range(3)]
    assert [r.status_code for r in anon] == [200, 200, 429]
    for _ in range(5):
        assert client.get("/api/search", params={"q": "dialog"}, headers=_as("198.51.100.7", CASEWORKER)).status_code \
            == 200


def test_wrong_tokens_are_throttled_per_address(serve):  # noqa: F811
    client = serve(auth_failures_per_minute=3, trust_forwarded_for=True, caseworker_tokens=[CASEWORKER])
    guesses = [client.get("/api/questions", headers=_as("192.0.2.1", secrets.token_urlsafe(24))) for _ in range(5)]
    assert [r.status_code for r in guesses] == [401, 401, 401, 429, 429]
    assert int(guesses[-1].headers["retry-after"]) >= 1
    # the right token from that address waits too (a guess that succeeds must not be told apart) ...
    assert client.get("/api/questions", headers=_as("192.0.2.1", CASEWORKER)).status_code == 429
    # ... while other addresses and anonymous callers there are not affected
    assert client.get("/api/questions", headers=_as("192.0.2.2", CASEWORKER)).status_code == 200
    assert client.get("/api/search", params={"q": "dialog"}, headers=_as("192.0.2.1")).status_code == 200


# --- finding 8: endpoints and votes without a limit -----------------------------------------------


def test_health_and_the_document_page_are_rate_limited(serve, assistant):  # noqa: F811
    client = serve(rate_limit_per_minute=3)
    doc_id = assistant.documents()[0].doc_id
    statuses = [client.get("/healthz").status_code, client.get(f"/documents/{doc_id}").status_code,
                client.get("/healthz").status_code, client.get(f"/documents/{doc_id}").status_code]
    assert statuses == [200, 200, 200, 429]
    assert client.get("/healthz").status_code == 429


def test_one_answer_takes_three_votes_not_more(serve):  # noqa: F811
    client = serve()
    answer_id = client.post("/api/chat", json={"question": QUESTION}).json()["answer_id"]
    votes = [client.post("/api/feedback", json={"answer_id": answer_id, "vote": "up"}) for _ in range(5)]
    assert [v.status_code for v in votes] == [204, 204, 204, 429, 429]
    assert votes[-1].json()["error"] == "LimitReached"


# --- finding 4: request heads and slow requests on the server `assistant serve` runs -------------


def _port() -> int:
    """A free loopback port in this issue's range (8400-8499), else any free one."""
    for port in range(8400, 8500):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def served(assistant, tmp_path, monkeypatch):  # noqa: F811
    """The app under uvicorn with exactly the options of `assistant serve` (short timeouts)."""
    import api.server

    settings = Settings(data_dir=tmp_path / "data", embedding=EmbeddingSettings(backend="fake"),
                        header_timeout_s=1.0, body_timeout_s=1.5)
    monkeypatch.setattr(api.server, "get_settings", lambda: settings)
    port = _port()
    config = uvicorn.Config(create_app(settings, assistant), host="127.0.0.1", port=port, log_level="warning",
                            **cli._server_options(settings))
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)


def _talk(port: int, data: bytes, wait: float = 5.0) -> tuple[bytes, float]:
    """Send ``data`` (as far as the server reads it), then read until the server closes: (reply, seconds)."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        try:
            sock.sendall(data)
        except OSError:  # the server answered and closed while we were still sending
            pass
        reply = b""
        try:
            while chunk := sock.recv(65536):
                reply += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    return reply, time.monotonic() - started


def test_a_huge_request_head_is_refused(served):
    head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 2_000_000 + b"\r\n\r\n"
    reply, _ = _talk(served, head)
    assert reply.startswith(b"HTTP/1.1 400"), reply[:100]
    small = httpx.get(f"http://127.0.0.1:{served}/healthz", headers={"X-Fine": "a" * 8000})
    assert small.status_code == 200


def test_a_half_sent_request_head_is_timed_out(served):
    reply, took = _talk(served, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ", wait=10)
    assert reply.startswith(b"HTTP/1.1 408"), reply[:100]
    assert 0.8 < took < 5


def test_a_half_sent_body_is_timed_out(served):
    head = b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
    reply, took = _talk(served, head + b'{"question": "Hvor', wait=10)
    assert reply.startswith(b"HTTP/1.1 408"), reply[:100]
    assert 1.2 < took < 6


def test_a_kept_alive_connection_that_stalls_mid_request_is_timed_out(served):
    whole = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
    reply, took = _talk(served, whole + b"GET /healthz HTTP/1.1\r\nHo", wait=10)
    assert reply.startswith(b"HTTP/1.1 200") and b"HTTP/1.1 408" in reply
    assert took < 5


@pytest.mark.slow
def test_the_probes_request_embeds_one_short_window(corpus_assistant, monkeypatch):
    """The real e5 model: the probe's 2,000-character question after a 4,000-character turn embeds ≤ 64 tokens."""
    embeddings = corpus_assistant.embeddings
    model = embeddings._model
    embedded: list[int] = []

    class Counting:
        def query(self, text):
            embedded.append(model.token_count(text, True))
            return model.query(text)

        def __getattr__(self, name):
            return getattr(model, name)

    monkeypatch.setattr(embeddings, "_model", Counting())
    history = clamp_history([Turn("user", "ø" * 4000)] * 7, corpus_assistant.settings.max_history_chars)
    corpus_assistant.respond("og " + "ø" * 1997, history)
    assert embedded and max(embedded) <= corpus_assistant.settings.embedding.max_query_tokens


# --- finding 7: links are http(s) only, at ingest and when shown ----------------------------------

ADMIN = secrets.token_urlsafe(24)
PAGE = ("---\ntitle: {title}\naudience: public\nsource_url: {url}\n---\n\n"
        "# Frister\n\nDialogkonferansen var i Lørenskog Hus.\n")


@pytest.fixture
def docs_app(tmp_path):
    """A fresh store with one document ingested from a folder outside the working folder, served with uploads on."""
    from assistant.service import Assistant
    from ingest.pipeline import ingest_paths
    from tests.conftest import LiveServer

    folder = tmp_path / "leverandor-innspill"
    folder.mkdir()
    (folder / "frister.md").write_text(PAGE.format(title="Frister", url="https://www.lorenskog.kommune.no/x"), "utf-8")
    settings = Settings(data_dir=tmp_path / "data", embedding=EmbeddingSettings(backend="fake"), corpus_paths=[folder],
                        document_management=True, admin_tokens=[ADMIN], rate_limit_per_minute=1000)
    built = Assistant(settings)
    assert not ingest_paths([folder], built.store, progress=False).skipped
    with LiveServer(create_app(settings, built)) as live, httpx.Client(base_url=live.url, timeout=30) as client:
        yield client, built, folder


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>",
                                 "JaVaScRiPt:alert(1)", " javascript:alert(1)", "vbscript:x", "//evil.example/x"])
def test_a_source_url_that_is_not_http_is_refused_at_ingest(docs_app, tmp_path, url):
    client, built, folder = docs_app
    from ingest.pipeline import ingest_paths

    (folder / "lenke.md").write_text(PAGE.format(title="Lenke", url=url), "utf-8")
    report = ingest_paths([folder], built.store, progress=False)
    assert [(s.reason, s.source.rsplit("/", 1)[-1]) for s in report.skipped] == [("bad_source_url", "lenke.md")]
    response = client.post("/api/admin/documents", files={"file": ("svar.md", b"# Svar\n\nTekst om frister.\n")},
                           data={"audience": "public", "source_url": url}, headers={"Authorization": f"Bearer {ADMIN}"})
    assert response.status_code == 422 and "source_url" in response.json()["detail"]


def test_a_stored_javascript_link_is_never_shown(docs_app):
    """A store written before the check: the link is dropped when the metadata is read, so no page shows it."""
    client, built, _ = docs_app
    [meta] = built.documents()
    chunks = built.store.chunks(doc_id=meta.doc_id)
    chunk = chunks[0]
    bad_meta = meta.model_construct(**{**meta.model_dump(), "url": "javascript:alert(1)"})
    built.store.add_document([chunk.model_copy(update={"meta": bad_meta}) for chunk in chunks])
    built.cache.invalidate()
    for text in (client.get("/api/documents").text, client.get(f"/api/documents/{chunk.doc_id}").text,
                 client.get(f"/documents/{chunk.doc_id}").text,
                 client.post("/api/chat", json={"question": "Hvor var dialogkonferansen?"}).text,
                 client.get("/api/search", params={"q": "dialogkonferansen"}).text):
        assert "javascript:" not in text


# --- finding 8: no server paths in public answers -------------------------------------------------


def test_public_sources_are_relative_to_the_ingested_folder_and_uploads(docs_app, tmp_path):
    client, built, folder = docs_app
    response = client.post("/api/admin/documents", files={"file": ("svar-1.md", b"# Svar\n\nFristen er 1. mars.\n")},
                           data={"audience": "public"}, headers={"Authorization": f"Bearer {ADMIN}"})
    assert response.status_code == 201, response.text
    assert response.json()["source"] == "uploads/svar-1.md"
    listing = client.get("/api/documents").json()["documents"]
    assert sorted(d["source"] for d in listing) == ["leverandor-innspill/frister.md", "uploads/svar-1.md"]
    chat = client.post("/api/chat", json={"question": "Hvor var dialogkonferansen?"}).json()
    search = client.get("/api/search", params={"q": "frister dialogkonferansen"}).json()
    shown = [c["source"] for c in chat["citations"]] + [h["source"] for h in search["hits"]]
    assert shown and all(s in ("leverandor-innspill/frister.md", "uploads/svar-1.md") for s in shown)
    for text in (client.get("/api/documents").text, str(chat), str(search)):
        assert str(tmp_path) not in text and "/data/" not in text
    # the admin can still replace and delete it: the server knows where the file lies
    doc_id = response.json()["doc_id"]
    assert client.delete(f"/api/admin/documents/{doc_id}", headers={"Authorization": f"Bearer {ADMIN}"}).status_code \
        == 204
    assert not (tmp_path / "data" / "uploads" / "svar-1.md").exists()


def test_dear_requests_take_turns_in_the_heavy_lane():
    from api.limits import HeavyLane
    from assistant.errors import LimitReached

    lane = HeavyLane(1, wait_s=0.2)
    with lane.enter():
        started = time.monotonic()
        with pytest.raises(LimitReached):
            with lane.enter():
                pass
        assert time.monotonic() - started >= 0.2
    with lane.enter():  # free again
        pass


def test_the_typo_reading_looks_up_at_most_24_words(monkeypatch):
    """2,000 characters of unknown words were the dearest request (a lookup costs up to ~7 ms each)."""
    from assistant.spelling import MAX_LOOKUPS, Speller

    speller = Speller(["Dialogkonferansen ble holdt på Lørenskog Hus."], set())
    looked_up: list[str] = []
    monkeypatch.setattr(speller, "_closest", lambda word: looked_up.append(word))
    reading = speller.read(" ".join(f"ukjentord{i}" for i in range(200)))
    assert len(looked_up) == MAX_LOOKUPS == 24
    assert reading.text.startswith("ukjentord0 ukjentord1")
