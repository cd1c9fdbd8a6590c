"""Verified sentences as they pass, for a streaming client: never raw model tokens.

``verified_stream(ask)`` runs ``ask()`` (which answers as usual) in a worker thread and yields
each sentence the generative answerer has verified, as soon as it has, then the whole
:class:`~assistant.models.Answer`. An extractive answer (the default, or a fallback) yields no
sentences before it; the client then shows the answer's text as it is.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator

from assistant.answer.generative import on_verified_sentence
from assistant.models import Answer

_END = object()


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
