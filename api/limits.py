"""Abuse limits: token-bucket rate limits that charge by cost, and a request body size cap.

Anonymous callers share an overall budget and each address has its own; a request is charged
by what it costs (``request_cost``: a long question with history costs up to ``MAX_COST`` of an
ordinary one). Authenticated callers (case workers, admins) get a budget per token, apart from
the anonymous traffic, so a crowd of anonymous addresses never locks them out. Failed tokens are
throttled per address in ``api.auth``.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Depends, HTTPException, Request, status
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth import Caller, Role, client_address, current_caller
from assistant.errors import LimitReached

__all__ = ["BodySizeLimit", "HeavyLane", "RateLimiter", "TokenBucket", "client_address", "rate_limited",
           "request_cost", "spend"]
# Characters of question and history text that cost as much as one ordinary request (measured with
# benchmarks/abuse.py: the longest question with a full history costs a few ordinary ones).
CHARS_PER_UNIT = 500
MAX_COST = 8
HEAVY_COST = 3  # a request of this many units or more is answered in the heavy lane


class TokenBucket:
    """``rate_per_minute`` units a minute with bursts up to the same number."""

    def __init__(self, rate_per_minute: int, clock=time.monotonic) -> None:
        self.capacity = float(rate_per_minute)
        self.rate = rate_per_minute / 60.0
        self.tokens = self.capacity
        self.clock = clock
        self.stamp = clock()

    def take(self, cost: float = 1.0) -> float:
        """0 if a request of ``cost`` units may go now (and pay), else the seconds to wait."""
        self._refill()
        cost = min(cost, self.capacity)  # a request dearer than the whole bucket still goes when it is full
        if self.tokens >= cost:
            self.tokens -= cost
            return 0.0
        return (cost - self.tokens) / self.rate

    def waiting(self) -> float:
        """Seconds until one unit is there; 0 if it is there now (nothing is taken)."""
        self._refill()
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def give_back(self, cost: float = 1.0) -> None:
        """Return what a request paid that was refused after all (by another limit)."""
        self.tokens = min(self.capacity, self.tokens + cost)

    def _refill(self) -> None:
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now


class RateLimiter:
    """One bucket per client (bounded LRU) and, if ``overall`` is given, one for everybody."""

    def __init__(self, per_client: int, overall: int | None, max_clients: int = 10_000, clock=time.monotonic) -> None:
        self._per_client, self._clock, self._max = per_client, clock, max_clients
        self._overall = TokenBucket(overall, clock) if overall else None
        self._clients: OrderedDict[str, TokenBucket] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, client: str, cost: float = 1.0) -> float:
        """Charge ``cost`` to ``client`` (and to everybody); 0 if it may go, else the seconds to wait."""
        with self._lock:
            bucket = self._bucket(client)
            wait = bucket.take(cost)
            if wait or self._overall is None:
                return wait
            wait = self._overall.take(cost)
            if wait:  # refused for everybody's sake: the client's own allowance stays untouched
                bucket.give_back(min(cost, bucket.capacity))
            return wait

    def waiting(self, client: str) -> float:
        """Seconds until ``client`` has one unit again, without spending it."""
        with self._lock:
            return self._bucket(client).waiting()

    def _bucket(self, client: str) -> TokenBucket:
        bucket = self._clients.pop(client, None) or TokenBucket(self._per_client, self._clock)
        self._clients[client] = bucket
        while len(self._clients) > self._max:
            self._clients.popitem(last=False)
        return bucket


class HeavyLane:
    """At most ``slots`` dear requests answered at once, so ordinary questions always keep a core.

    A dear request waits up to ``wait_s`` for a slot, then gets 429 (``LimitReached``).
    """

    def __init__(self, slots: int, wait_s: float = 15.0) -> None:
        self._slots, self._wait = threading.BoundedSemaphore(slots), wait_s

    @contextmanager
    def enter(self) -> Iterator[None]:
        if not self._slots.acquire(timeout=self._wait):
            raise LimitReached("The assistant is busy with long questions; try a shorter one or again shortly.")
        try:
            yield
        finally:
            self._slots.release()


def request_cost(*texts: str) -> int:
    """What answering these texts costs, in ordinary requests: 1, plus 1 per ``CHARS_PER_UNIT`` characters."""
    return min(MAX_COST, 1 + sum(len(t) for t in texts) // CHARS_PER_UNIT)


def spend(request: Request, caller: Caller, cost: float = 1.0) -> None:
    """Charge the caller's budget; 429 with ``Retry-After`` when it cannot pay.

    Anonymous callers pay from their address's bucket and the overall one; a token pays from its own.
    """
    state = request.app.state
    if caller.role == Role.anonymous:
        wait = state.rate_limiter.check(client_address(request), cost)
    else:
        wait = state.member_limiter.check(caller.actor, cost)
    if wait > 0:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS, "Too many requests; try again shortly.",
            headers={"Retry-After": str(max(1, math.ceil(wait)))},
        )


def rate_limited(request: Request, caller: Caller = Depends(current_caller)) -> None:
    """Dependency for public endpoints: one unit per request (handlers charge more for dear ones)."""
    spend(request, caller)


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
