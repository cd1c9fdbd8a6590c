"""POST /api/chat/stream: the same answer as /api/chat, sent as Server-Sent Events.

Events, in order: ``delta`` ``{"text": ...}`` (a few words each; together they are the
answer text), ``answer`` (the whole Answer: citations, ``answered``, ``reason``, ...), and
``done`` ``{}``. A failure after the stream has started arrives as ``error``
``{"error", "detail"}`` followed by ``done``, so a client never waits on a half-open stream.
Validation errors, 401 and 429 are ordinary JSON responses before the stream starts.
In generative mode a ``delta`` is one whole sentence, sent as soon as its citations are verified
(never raw model tokens); an answer that falls back to the extractive one comes as before.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse

from api.auth import Caller, current_caller
from api.deps import get_assistant, get_log
from api.limits import rate_limited
from api.routes.chat import answer_and_log, charge_for_length
from api.schemas import ChatRequest, ErrorBody
from assistant.answer.streaming import verified_stream
from assistant.errors import AssistantError
from assistant.questionlog import QuestionLog
from assistant.service import Assistant

router = APIRouter(prefix="/api", tags=["chat"])
log = logging.getLogger(__name__)
WORDS_PER_DELTA = 4
_WORD = re.compile(r"\S+\s*|\s+")

_SSE_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "A stream of `delta`, then `answer`, then `done` events (or `error` then `done`).",
        "content": {"text/event-stream": {"example": 'event: delta\ndata: {"text": "Kommunen skal skaffe "}\n\n'
                                          'event: answer\ndata: {"answered": true, ...}\n\nevent: done\ndata: {}\n\n'}},
    },
    401: {"model": ErrorBody}, 422: {"model": ErrorBody}, 429: {"model": ErrorBody},
}


@router.post("/chat/stream", dependencies=[Depends(rate_limited)], responses=_SSE_DOC, response_class=StreamingResponse)
def chat_stream(
    body: ChatRequest,
    request: Request,
    assistant: Assistant = Depends(get_assistant),
    log_: QuestionLog = Depends(get_log),
    caller: Caller = Depends(current_caller),
) -> StreamingResponse:
    """The /api/chat answer as Server-Sent Events, for the chat widget (same scope, limits and logging)."""
    lane = charge_for_length(request, body, caller)  # 429 before the stream starts; the heavy lane if dear
    return StreamingResponse(
        events(body, assistant, log_, caller, lane), media_type="text/event-stream",
        headers={"Cache-Control": "no-cache, no-store", "X-Accel-Buffering": "no"},
    )


def events(
    body: ChatRequest, assistant: Assistant, log_: QuestionLog, caller: Caller,
    lane: AbstractContextManager | None = None,
) -> Iterator[str]:
    """Answer (a dear question in ``lane``, held only while answering), then send it in pieces; any failure
    becomes an ``error`` event, and ``done`` always ends it."""

    def answered():
        with lane or nullcontext():
            return answer_and_log(body, assistant, log_, caller)

    try:
        # Generative mode: each sentence goes out once it is verified; then the rest (an extractive answer).
        sent, answer = "", None
        for item in verified_stream(answered):
            if isinstance(item, str):
                sent += item
                yield sse("delta", {"text": item})
            else:
                answer = item
        if answer is None:
            raise RuntimeError("the answer did not arrive")
        # The rest of the text; if the assistant put a note before the sentences already sent (a spelling
        # correction), the ``answer`` event's text, which clients show in the end, carries it.
        rest = answer.answer.removeprefix(sent) if answer.answer.startswith(sent) else ""
        for piece in pieces(rest):
            yield sse("delta", {"text": piece})
        yield sse("answer", answer.model_dump(mode="json"))
    except AssistantError as err:
        yield sse("error", {"error": type(err).__name__, "detail": str(err)})
    except Exception as err:  # the stream has started: report it as an event, never as a cut connection
        log.error("stream failed", exc_info=err, extra={"path": "/api/chat/stream"})
        yield sse("error", {"error": "InternalError", "detail": "Something went wrong on our side."})
    yield sse("done", {})


def pieces(text: str, size: int = WORDS_PER_DELTA) -> list[str]:
    """Split ``text`` into runs of ``size`` words that join back to exactly ``text``."""
    words = _WORD.findall(text)
    return ["".join(words[i : i + size]) for i in range(0, len(words), size)]


def sse(event: str, data: dict) -> str:
    """One Server-Sent Event; JSON keeps the data on one line."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
