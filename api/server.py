"""How ``assistant serve`` runs uvicorn: bounded request heads, timeouts on slow requests.

uvicorn's default HTTP parser (httptools) reads a request head of any size, and no uvicorn
parser times out a request that arrives slowly: an adversarial probe sent a 60 MB header and
held connections open with half-sent requests. So ``serve`` uses h11 with a cap on the request
head (``max_header_bytes``; more is 400) and this protocol, which closes a connection whose
request head has not arrived within ``header_timeout_s`` or whose body has not within
``body_timeout_s`` (with a 408 when nothing has been answered yet). Keep-alive idling between
requests stays uvicorn's own ``timeout_keep_alive``.
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from assistant.config import get_settings

_TIMEOUT_RESPONSE = b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"


class GuardedH11Protocol(H11Protocol):
    """h11 with a deadline for each request's head and body."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._deadline: asyncio.TimerHandle | None = None
        self._phase: str | None = None
        self._follow()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._follow()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._follow()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel()
        super().connection_lost(exc)

    def _follow(self) -> None:
        """Move the deadline along with the request: its head, then its body, then none while answering."""
        state = self.conn.their_state
        phase = "head" if state is h11.IDLE else "body" if state is h11.SEND_BODY else None
        if phase == self._phase:
            return
        self._phase = phase
        if phase is None:
            self._cancel()
        else:
            header_timeout, body_timeout = self._limits()
            self._arm(header_timeout if phase == "head" else body_timeout)

    def _arm(self, seconds: float) -> None:
        self._cancel()
        self._deadline = self.loop.call_later(seconds, self._expired)

    def _cancel(self) -> None:
        if getattr(self, "_deadline", None) is not None:
            self._deadline.cancel()  # type: ignore[union-attr]
            self._deadline = None

    def _expired(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        answering = self.cycle is not None and self.cycle.response_started and not self.cycle.response_complete
        if not answering:
            self.transport.write(_TIMEOUT_RESPONSE)
        self.transport.close()

    def _limits(self) -> tuple[float, float]:
        settings = get_settings()  # the process's settings: uvicorn builds this class by name in each worker
        return settings.header_timeout_s, settings.body_timeout_s
