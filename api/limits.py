"""Abuse limits for public endpoints: token-bucket rate limits and a request body size cap."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict

from fastapi import HTTPException, Request, status
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class TokenBucket:
    """``rate_per_minute`` requests a minute with bursts up to the same number."""

    def __init__(self, rate_per_minute: int, clock=time.monotonic) -> None:
        self.capacity = float(rate_per_minute)
        self.rate = rate_per_minute / 60.0
        self.tokens = self.capacity
        self.clock = clock
        self.stamp = clock()

    def take(self) -> float:
        """0 if a request may go now, else the seconds to wait."""
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate

    def give_back(self) -> None:
        """Return the token of a request that was refused after all (by another limit)."""
        self.tokens = min(self.capacity, self.tokens + 1)


class RateLimiter:
    """One bucket per client (bounded LRU) and one for everybody."""

    def __init__(self, per_client: int, overall: int, max_clients: int = 10_000, clock=time.monotonic) -> None:
        self._per_client, self._clock, self._max = per_client, clock, max_clients
        self._overall = TokenBucket(overall, clock)
        self._clients: OrderedDict[str, TokenBucket] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, client: str) -> float:
        with self._lock:
            bucket = self._clients.pop(client, None) or TokenBucket(self._per_client, self._clock)
            self._clients[client] = bucket
            while len(self._clients) > self._max:
                self._clients.popitem(last=False)
            wait = bucket.take()
            if wait:
                return wait
            wait = self._overall.take()
            if wait:  # refused for everybody's sake: the client's own allowance stays untouched
                bucket.give_back()
            return wait


def client_address(request: Request) -> str:
    settings = request.app.state.settings
    forwarded = request.headers.get("x-forwarded-for") if settings.trust_forwarded_for else None
    if forwarded:
        # The last entry is the one our proxy appended; entries before it come from the client and
        # could be anything, so taking the first would give every request a fresh bucket.
        return forwarded.split(",")[-1].strip()
    return request.client.host if request.client else "unknown"


def rate_limited(request: Request) -> None:
    """Dependency for public endpoints: 429 with ``Retry-After`` when a limit is reached."""
    wait = request.app.state.rate_limiter.check(client_address(request))
    if wait > 0:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS, "Too many requests; try again shortly.",
            headers={"Retry-After": str(max(1, math.ceil(wait)))},
        )


class BodySizeLimit:
    """ASGI middleware: 413 for bodies over the limit, whether or not Content-Length is sent."""

    def __init__(self, app: ASGIApp, default: int, uploads: int, upload_prefix: str = "/api/admin/") -> None:
        self.app, self.default, self.uploads, self.prefix = app, default, uploads, upload_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.uploads + 64 * 1024 if scope["path"].startswith(self.prefix) else self.default
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await _too_large(send, limit)
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:  # a chunked body that grew past the limit while being read
                raise HTTPException(
                    status.HTTP_413_CONTENT_TOO_LARGE, f"The request body is larger than {limit} bytes."
                )
            return message

        await self.app(scope, counted, send)


async def _too_large(send: Send, limit: int) -> None:
    body = f'{{"error": "TooLarge", "detail": "The request body is larger than {limit} bytes."}}'.encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
