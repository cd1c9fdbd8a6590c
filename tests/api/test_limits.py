"""Abuse limits on public endpoints over real HTTP: rate limits (429 + Retry-After), body size (413), CORS."""

from __future__ import annotations

import json
import secrets

import httpx
import pytest

from api.limits import RateLimiter, TokenBucket
from api.main import create_app
from assistant.config import EmbeddingSettings, Settings
from assistant.service import Assistant
from ingest.pipeline import ingest_paths
from tests.conftest import LiveServer

ALLOWED = "https://www.lorenskog.kommune.no"
FOREIGN = "https://evil.example.net"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# --- the buckets, with a fake clock ---------------------------------------------------------------


def test_bucket_allows_a_burst_then_says_how_long_to_wait():
    clock = Clock()
    bucket = TokenBucket(3, clock)
    assert [bucket.take() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.take() == pytest.approx(20.0)  # 3 a minute: one every 20 s
    clock.now += 5
    assert bucket.take() == pytest.approx(15.0)


def test_bucket_refills_with_time_but_never_beyond_its_capacity():
    clock = Clock()
    bucket = TokenBucket(3, clock)
    for _ in range(3):
        bucket.take()
    clock.now += 20
    assert bucket.take() == 0.0
    assert bucket.take() > 0
    clock.now += 3600  # an hour idle buys a burst of 3, not 180
    assert [bucket.take() == 0.0 for _ in range(4)] == [True, True, True, False]


def test_limiter_keeps_one_bucket_per_client_and_one_for_all():
    clock = Clock()
    limiter = RateLimiter(per_client=2, overall=5, clock=clock)
    assert [limiter.check("a") for _ in range(2)] == [0.0, 0.0]
    assert limiter.check("a") == pytest.approx(30.0)
    assert [limiter.check("b") for _ in range(2)] == [0.0, 0.0]  # b has its own bucket
    assert limiter.check("c") == 0.0  # the fifth request overall
    assert limiter.check("d") == pytest.approx(12.0)  # overall limit: 5 a minute, one every 12 s
    clock.now += 30
    assert limiter.check("a") == 0.0


def test_a_request_refused_by_the_overall_limit_costs_the_client_nothing():
    clock = Clock()
    limiter = RateLimiter(per_client=2, overall=6, clock=clock)  # overall: one every 10 s
    assert [limiter.check(f"c{n}") for n in range(6)] == [0.0] * 6
    assert limiter.check("b") > 0 and limiter.check("b") > 0  # both refused by the overall limit
    clock.now += 10
    assert limiter.check("b") == 0.0  # b still has its own two requests


def test_limiter_forgets_the_least_recently_seen_client_first():
    clock = Clock()
    limiter = RateLimiter(per_client=1, overall=1000, max_clients=2, clock=clock)
    limiter.check("a")
    limiter.check("b")
    assert limiter.check("a") > 0  # a is now the most recent
    limiter.check("c")  # evicts b, not a
    assert limiter.check("a") > 0
    assert limiter.check("b") == 0.0  # b starts over with a fresh bucket


# --- over HTTP ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def assistant(tmp_path_factory) -> Assistant:
    """A tiny store with fake embeddings: the limits sit in front of retrieval, not in it."""
    root = tmp_path_factory.mktemp("limits")
    doc = root / "docs" / "frister.md"
    doc.parent.mkdir()
    doc.write_text(
        "---\ntitle: Frister\naudience: public\n---\n\n# Frister\n\nDialogkonferansen ble holdt i Lørenskog Hus.\n",
        "utf-8",
    )
    settings = Settings(data_dir=root / "data", embedding=EmbeddingSettings(backend="fake"), corpus_paths=[])
    built = Assistant(settings)
    assert not ingest_paths([doc.parent], built.store, progress=False).skipped
    return built


@pytest.fixture
def serve(assistant, tmp_path):
    """``serve(**settings)`` starts the app on a free port and returns an httpx client for it."""
    with_stack = []

    def start(**overrides) -> httpx.Client:
        settings = Settings(data_dir=tmp_path / "data", embedding=EmbeddingSettings(backend="fake"), **overrides)
        live = LiveServer(create_app(settings, assistant))
        live.server.config.proxy_headers = False  # as `assistant serve` runs it: only our setting reads the header
        server = live.__enter__()
        client = httpx.Client(base_url=server.url, timeout=30)
        with_stack.append((server, client))
        return client

    yield start
    for server, client in with_stack:
        client.close()
        server.__exit__(None, None, None)


def _search(client: httpx.Client, headers: dict | None = None) -> httpx.Response:
    return client.get("/api/search", params={"q": "dialogkonferansen"}, headers=headers)


def _assert_429(response: httpx.Response) -> None:
    assert response.status_code == 429
    retry = response.headers["retry-after"]
    assert retry.isdigit() and 1 <= int(retry) <= 60
    assert response.json()["error"] == "TooManyRequests"


def test_the_fourth_chat_request_of_a_minute_is_429_with_retry_after(serve):
    client = serve(rate_limit_per_minute=3)
    for _ in range(3):
        response = client.post("/api/chat", json={"question": "Hvor ble dialogkonferansen holdt?"})
        assert response.status_code == 200, response.text
    response = client.post("/api/chat", json={"question": "Hvor ble dialogkonferansen holdt?"})
    _assert_429(response)
    assert int(response.headers["retry-after"]) == 20  # one request every 20 s at 3 a minute
    assert _search(client).status_code == 429  # the same client's bucket covers search too


def test_the_overall_limit_stops_many_clients(serve):
    client = serve(rate_limit_per_minute=100, rate_limit_global_per_minute=2, trust_forwarded_for=True)
    assert _search(client, {"X-Forwarded-For": "203.0.113.1"}).status_code == 200
    assert _search(client, {"X-Forwarded-For": "203.0.113.2"}).status_code == 200
    _assert_429(_search(client, {"X-Forwarded-For": "203.0.113.3"}))


def test_forwarded_for_is_ignored_unless_trusted(serve):
    client = serve(rate_limit_per_minute=2)
    spoofed = [{"X-Forwarded-For": f"198.51.100.{i}"} for i in range(3)]
    assert [_search(client, h).status_code for h in spoofed] == [200, 200, 429]


def test_trusted_forwarded_for_gives_each_client_a_bucket(serve):
    client = serve(rate_limit_per_minute=2, trust_forwarded_for=True)
    a, b = {"X-Forwarded-For": "203.0.113.10"}, {"X-Forwarded-For": "203.0.113.20"}
    assert [_search(client, a).status_code for _ in range(3)] == [200, 200, 429]
    assert _search(client, b).status_code == 200


def test_a_client_cannot_buy_a_bucket_by_prepending_to_forwarded_for(serve):
    """Behind a proxy the client controls every entry but the last, which the proxy appends."""
    client = serve(rate_limit_per_minute=2, trust_forwarded_for=True)
    statuses = [_search(client, {"X-Forwarded-For": f"10.0.0.{i}, 203.0.113.30"}).status_code for i in range(3)]
    assert statuses == [200, 200, 429]


def test_assistant_serve_leaves_forwarded_for_to_the_setting(monkeypatch):
    """uvicorn's own proxy handling would trust X-Forwarded-For from any local peer, whatever the setting."""
    import uvicorn

    from assistant import cli

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: calls.append(kwargs))
    monkeypatch.setattr(cli, "get_settings", lambda: Settings(embedding=EmbeddingSettings(backend="fake")))
    assert cli.main(["serve", "--port", "8123"]) == 0
    assert calls and calls[0]["proxy_headers"] is False and calls[0]["port"] == 8123


def test_a_json_body_over_the_limit_is_413_with_content_length(serve):
    client = serve(max_request_bytes=1000)
    small = {"question": "Hvor ble dialogkonferansen holdt? " + "x" * 800}
    assert client.post("/api/chat", json=small).status_code == 200
    big = json.dumps({"question": "Hvor ble dialogkonferansen holdt? " + "x" * 1500}).encode()
    response = client.post("/api/chat", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json() == {"error": "TooLarge", "detail": "The request body is larger than 1000 bytes."}


def test_a_chunked_body_over_the_limit_is_413_too(serve):
    client = serve(max_request_bytes=1000)
    body = json.dumps({"question": "Hvor ble dialogkonferansen holdt? " + "x" * 1500}).encode()

    def chunks():
        for i in range(0, len(body), 200):
            yield body[i : i + 200]

    request = client.build_request("POST", "/api/chat", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in request.headers and request.headers["transfer-encoding"] == "chunked"
    response = client.send(request)
    assert response.status_code == 413
    assert response.json()["error"] == "TooLarge"
    assert "1000 bytes" in response.json()["detail"]


def test_a_small_chunked_body_goes_through(serve):
    client = serve(max_request_bytes=1000)
    body = json.dumps({"question": "Hvor ble dialogkonferansen holdt?"}).encode()
    response = client.post(
        "/api/chat", content=iter([body[:10], body[10:]]), headers={"content-type": "application/json"}
    )
    assert response.status_code == 200
    assert response.json()["answer"]


def test_cors_echoes_an_allowed_origin_on_preflight_and_get(serve):
    client = serve(cors_origins=[ALLOWED])
    preflight = client.options(
        "/api/chat",
        headers={
            "Origin": ALLOWED,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ALLOWED
    assert "POST" in preflight.headers["access-control-allow-methods"]
    response = _search(client, {"Origin": ALLOWED})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_cors_lets_an_allowed_origin_replace_and_delete_documents(serve, method):
    """An admin tool on an allowed origin may call PUT and DELETE; the bearer token still decides."""
    client = serve(cors_origins=[ALLOWED], document_management=True, admin_tokens=[secrets.token_urlsafe(24)])
    preflight = client.options(
        "/api/admin/documents/some-id",
        headers={"Origin": ALLOWED, "Access-Control-Request-Method": method,
                 "Access-Control-Request-Headers": "authorization"},
    )
    assert preflight.status_code == 200
    assert method in preflight.headers["access-control-allow-methods"]
    assert client.request(method, "/api/admin/documents/some-id", headers={"Origin": ALLOWED}).status_code == 401


def test_cors_gives_a_foreign_origin_nothing(serve):
    client = serve(cors_origins=[ALLOWED])
    preflight = client.options("/api/chat", headers={"Origin": FOREIGN, "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    response = _search(client, {"Origin": FOREIGN})
    assert response.status_code == 200  # the server answers; the browser withholds it from the foreign page
    assert "access-control-allow-origin" not in response.headers


def test_cors_allows_no_origin_by_default(serve):
    client = serve()
    response = _search(client, {"Origin": ALLOWED})
    assert "access-control-allow-origin" not in response.headers
