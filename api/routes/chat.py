"""POST /api/chat: a cited answer to one question."""

from __future__ import annotations

import time
from contextlib import AbstractContextManager, nullcontext

from fastapi import APIRouter, Depends, Request

from api.auth import Caller, Role, current_caller
from api.deps import get_assistant, get_log
from api.limits import HEAVY_COST, rate_limited, request_cost, spend
from api.schemas import Answer, ChatRequest, ErrorBody
from assistant.budget import clamp_history
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
    with charge_for_length(request, body, caller):
        return answer_and_log(body, assistant, log, caller)


def charge_for_length(request: Request, body: ChatRequest, caller: Caller) -> AbstractContextManager:
    """Clamp the history (``max_history_chars`` of the last turns), charge what the request then costs
    beyond the one unit ``rate_limited`` took (429 if it cannot pay), and return where to answer it:
    the heavy lane for a dear request, else anywhere."""
    body.history = clamp_history(body.history, request.app.state.settings.max_history_chars)
    cost = request_cost(body.question, *(t.content for t in body.history))
    if cost > 1:
        spend(request, caller, cost - 1)
    return request.app.state.heavy_lane.enter() if cost >= HEAVY_COST else nullcontext()


def answer_and_log(body: ChatRequest, assistant: Assistant, log: QuestionLog, caller: Caller) -> Answer:
    """Answer within the caller's scope; public questions go to the question log (masked)."""
    started = time.perf_counter()
    history = [Turn(t.role, t.content) for t in body.history]  # clamped by charge_for_length
    answer = assistant.ask(body.question, history, caller.scope)
    if caller.role == Role.anonymous:
        log.record(body.question, answer, (time.perf_counter() - started) * 1000)
    return answer
