"""Verified sentences as they pass, for a streaming client: never raw model tokens.

``verified_stream(ask)`` runs ``ask()`` (which answers as usual) in a worker thread and yields
each sentence the generative answerer has verified, as soon as it has, then the whole
:class:`~assistant.models.Answer`. An extractive answer (the default, or a fallback) yields no
sentences before it; the client then shows the answer's text as it is. ``within`` bounds the model's
own stream in wall time.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from assistant.models import Answer

_END = object()
_listener: ContextVar[Callable[[str], None] | None] = ContextVar("verified_sentence_listener", default=None)


@contextmanager
def on_verified_sentence(callback: Callable[[str], None]) -> Iterator[None]:
    """Call ``callback(piece)`` with each verified sentence as it passes (for streaming); the pieces join
    to the answer text. Nothing is called when the answer falls back to the extractive one."""
    token = _listener.set(callback)
    try:
        yield
    finally:
        _listener.reset(token)


def current_listener() -> Callable[[str], None] | None:
    """Who wants verified sentences in this context (set by :func:`on_verified_sentence`), if anyone."""
    return _listener.get()


def verified_stream(ask: Callable[[], Answer]) -> Iterator[str | Answer]:
    """Yield verified sentence pieces (``str``) as they pass, then the Answer; ``ask``'s error is re-raised."""
    events: queue.Queue[object] = queue.Queue()

    def work() -> None:
        try:
            with on_verified_sentence(events.put):
                events.put(ask())
        except BaseException as err:  # handed to the consumer, which raises it in its own thread
            events.put(err)
        finally:
            events.put(_END)

    threading.Thread(target=work, name="verified-stream", daemon=True).start()
    while (item := events.get()) is not _END:
        if isinstance(item, BaseException):
            raise item
        if isinstance(item, str | Answer):
            yield item


def within(items: Iterator[Any], seconds: float) -> Iterator[Any]:
    """``items`` read in a worker thread, so the whole answer is bounded in wall time, not only each read
    (a provider's timeout restarts with every streamed chunk). Given up on, or no longer wanted, the stream
    is closed at its next chunk, which ends the HTTP response, so the model's server stops writing."""
    box: queue.Queue[tuple[str, Any]] = queue.Queue()
    stop = threading.Event()

    def pull() -> None:
        try:
            for item in items:
                if stop.is_set():
                    break
                box.put(("item", item))
            box.put(("end", None))
        except BaseException as err:  # handed over and raised in the caller's thread
            box.put(("error", err))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    threading.Thread(target=pull, name="llm-stream", daemon=True).start()
    deadline = time.monotonic() + seconds
    try:
        while True:
            try:
                kind, value = box.get(timeout=max(deadline - time.monotonic(), 0.001))
            except queue.Empty:
                raise TimeoutError(f"no complete answer within {seconds} s") from None
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()
