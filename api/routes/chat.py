"""POST /api/chat: a cited answer to one question."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.deps import get_assistant, public_scope
from api.schemas import Answer, ChatRequest, ErrorBody
from assistant.models import Scope
from assistant.service import Assistant, Turn

router = APIRouter(prefix="/api", tags=["chat"])


@router.post("/chat", response_model=Answer, responses={422: {"model": ErrorBody}})
def chat(body: ChatRequest, assistant: Assistant = Depends(get_assistant), scope: Scope = Depends(public_scope)) -> Answer:
    """Answer from the published documents, each sentence with its citation, or say it is not there."""
    history = [Turn(t.role, t.content) for t in body.history]
    return assistant.ask(body.question, history, scope)
