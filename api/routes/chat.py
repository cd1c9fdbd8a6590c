"""POST /api/chat: a cited answer to one question."""

from __future__ import annotations

import time

from fastapi import APIRouter, Depends, Request

from api.auth import Caller, Role, current_caller
from api.deps import get_assistant, get_log
from api.limits import rate_limited, request_cost, spend
from api.schemas import Answer, ChatRequest, ErrorBody
from assistant.budget import MAX_TURNS, clamp_history
from assistant.questionlog import QuestionLog
from assistant.service import Assistant, Turn

router = APIRouter(prefix="/api", tags=["chat"])


@router.post(
    "/chat", response_model=Answer, dependencies=[Depends(rate_limited)],
    responses={401: {"model": ErrorBody}, 422: {"model": ErrorBody}, 429: {"model": ErrorBody}},
)
def chat(
    body: ChatRequest,
    request: Request,
    assistant: Assistant = Depends(get_assistant),
    log: QuestionLog = Depends(get_log),
    caller: Caller = Depends(current_caller),
) -> Answer:
    """Answer from the documents the caller may see, each sentence with its citation, or say it is not there.

    Anonymous callers get published documents only; a case-worker token adds internal supplier input.
    A long question or history is charged as several requests (see the README's limits).
    """
    charge_for_length(request, body, caller, assistant.settings.max_history_chars)
    return answer_and_log(body, assistant, log, caller)


def charge_for_length(request: Request, body: ChatRequest, caller: Caller, max_history_chars: int) -> None:
    """Charge what the request costs beyond the one unit ``rate_limited`` took (429 if it cannot pay)."""
    used = [t.content[:max_history_chars] for t in body.history[-MAX_TURNS:]]
    extra = request_cost(body.question, *used) - 1
    if extra > 0:
        spend(request, caller, extra)


def answer_and_log(body: ChatRequest, assistant: Assistant, log: QuestionLog, caller: Caller) -> Answer:
    """Answer within the caller's scope; public questions go to the question log (masked)."""
    started = time.perf_counter()
    history = clamp_history([Turn(t.role, t.content) for t in body.history], assistant.settings.max_history_chars)
    answer = assistant.ask(body.question, history, caller.scope)
    if caller.role == Role.anonymous:
        log.record(body.question, answer, (time.perf_counter() - started) * 1000)
    return answer
