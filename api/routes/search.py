"""GET /api/search: ranked chunks for a query."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from api.deps import get_assistant, public_scope
from api.schemas import MAX_QUESTION, ErrorBody, SearchHit, SearchResponse
from assistant.models import Hit, Scope
from assistant.service import Assistant

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=SearchResponse, responses={422: {"model": ErrorBody}})
def search(
    q: str = Query(min_length=1, max_length=MAX_QUESTION, description="What to search for."),
    k: int = Query(default=10, ge=1, le=50, description="How many hits."),
    assistant: Assistant = Depends(get_assistant),
    scope: Scope = Depends(public_scope),
) -> SearchResponse:
    """Hybrid search (BM25 + embeddings) over the documents the caller may see."""
    hits = assistant.search(q, scope, k)
    return SearchResponse(query=q, hits=[to_schema(h) for h in hits])


def to_schema(hit: Hit) -> SearchHit:
    c = hit.chunk
    return SearchHit(
        rank=hit.rank, score=round(hit.score, 6), chunk_id=c.chunk_id, doc_id=c.doc_id, title=c.meta.title,
        url=c.meta.url, source=c.meta.source, page=c.page, heading_path=c.heading_path,
        audience=c.meta.audience, doc_type=c.meta.doc_type, text=c.text,
    )
