"""GET /healthz: liveness plus what the assistant is serving."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.deps import get_assistant
from api.limits import rate_limited
from api.schemas import Health
from assistant.answer.generative import GenerativeAnswerer
from assistant.embeddings import model_id
from assistant.models import Scope
from assistant.service import Assistant

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, dependencies=[Depends(rate_limited)])
def healthz(assistant: Assistant = Depends(get_assistant)) -> Health:
    return Health(
        documents=len(assistant.documents(Scope.public())),
        embedding_model=model_id(assistant.embeddings),
        store="server" if assistant.settings.chroma_url else "embedded",
        answer_mode="generative" if isinstance(assistant.answerer, GenerativeAnswerer) else "extractive",
        **_llm_health(assistant),
    )


def _llm_health(assistant: Assistant) -> dict:
    """The chat model's name (never its key) and whether it answers; nothing in extractive mode."""
    answerer = assistant.answerer
    if not isinstance(answerer, GenerativeAnswerer):
        return {}
    return {"llm_model": assistant.settings.llm.model, "llm_answers": answerer.model_answers()}
