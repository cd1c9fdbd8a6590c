"""GET /healthz: liveness plus what the assistant is serving."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.deps import get_assistant
from api.schemas import Health
from assistant.embeddings import model_id
from assistant.models import Scope
from assistant.service import Assistant

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
def healthz(assistant: Assistant = Depends(get_assistant)) -> Health:
    return Health(
        documents=len(assistant.documents(Scope.public())),
        embedding_model=model_id(assistant.embeddings),
        store="server" if assistant.settings.chroma_url else "embedded",
    )
