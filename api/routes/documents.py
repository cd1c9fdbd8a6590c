"""GET /api/documents and /api/documents/{doc_id}: what the caller may read."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.deps import caller_scope, get_assistant
from api.limits import rate_limited
from api.schemas import DocumentInfo, DocumentList, DocumentView, ErrorBody
from assistant.models import Scope
from assistant.service import Assistant

router = APIRouter(prefix="/api", tags=["documents"])


@router.get("/documents", response_model=DocumentList, dependencies=[Depends(rate_limited)])
def list_documents(assistant: Assistant = Depends(get_assistant), scope: Scope = Depends(caller_scope)) -> DocumentList:
    """The documents the caller may see (anonymous: published documents only)."""
    return DocumentList(documents=[DocumentInfo(**m.model_dump()) for m in assistant.documents(scope)])


@router.get(
    "/documents/{doc_id}", response_model=DocumentView, dependencies=[Depends(rate_limited)],
    responses={404: {"model": ErrorBody}, 429: {"model": ErrorBody}},
)
def get_document(
    doc_id: str, assistant: Assistant = Depends(get_assistant), scope: Scope = Depends(caller_scope)
) -> DocumentView:
    """One document's text and metadata; a document the caller may not see is reported as missing."""
    meta, chunks = assistant.document(doc_id, scope)
    return DocumentView(
        **meta.model_dump(),
        text="\n\n".join(c.text for c in chunks),
        chunks=[{"chunk_id": c.chunk_id, "page": c.page, "heading_path": c.heading_path} for c in chunks],
    )
