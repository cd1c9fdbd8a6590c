"""GET /api/search: ranked, highlighted chunks for a query, with filters and pages."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Query, Request

from api.auth import Caller, current_caller
from api.deps import caller_scope, get_assistant
from api.limits import rate_limited, request_cost, spend
from api.schemas import MAX_QUESTION, ErrorBody, SearchHit, SearchResponse
from assistant.index import terms
from assistant.models import Hit, Scope
from assistant.retrieve import Filters
from assistant.service import Assistant
from assistant.snippets import snippet

router = APIRouter(prefix="/api", tags=["search"])
MAX_DEPTH = 100


@router.get(
    "/search", response_model=SearchResponse, dependencies=[Depends(rate_limited)],
    responses={401: {"model": ErrorBody}, 422: {"model": ErrorBody}, 429: {"model": ErrorBody}},
)
def search(
    request: Request,
    q: str = Query(min_length=1, max_length=MAX_QUESTION, description="What to search for."),
    k: int = Query(default=10, ge=1, le=50, description="Hits per page."),
    page: int = Query(default=1, ge=1, le=50, description="1-based page number."),
    audience: list[str] = Query(default=[], description="Only these audiences (public, internal), within your role."),
    doc_type: list[str] = Query(default=[], description="Only these document types."),
    organisation: list[str] = Query(default=[], description="Only documents from these organisations (suppliers)."),
    date_from: date | None = Query(default=None, description="Only documents dated on or after this day."),
    date_to: date | None = Query(default=None, description="Only documents dated on or before this day."),
    assistant: Assistant = Depends(get_assistant),
    scope: Scope = Depends(caller_scope),
    caller: Caller = Depends(current_caller),
) -> SearchResponse:
    """Hybrid search (BM25 + embeddings) over the documents the caller may see.

    Anonymous callers search published documents; a case-worker token adds internal supplier input.
    """
    if (extra := request_cost(q) - 1) > 0:  # a long query is charged as several requests
        spend(request, caller, extra)
    filters = Filters(
        audiences=audience, doc_types=doc_type, organisations=organisation,
        date_from=date_from.isoformat() if date_from else None, date_to=date_to.isoformat() if date_to else None,
    )
    hits = assistant.search(q, scope, MAX_DEPTH, filters)
    query_terms = terms(q)
    shown = hits[(page - 1) * k : page * k]
    return SearchResponse(
        query=q, page=page, per_page=k, total=len(hits), hits=[to_schema(h, query_terms) for h in shown]
    )


def to_schema(hit: Hit, query_terms: list[str]) -> SearchHit:
    c = hit.chunk
    text, marks = snippet(c.text, query_terms)
    return SearchHit(
        rank=hit.rank, score=round(hit.score, 6), chunk_id=c.chunk_id, doc_id=c.doc_id, title=c.meta.title,
        url=c.meta.url, source=c.meta.source, page=c.page, heading_path=c.heading_path,
        audience=c.meta.audience, doc_type=c.meta.doc_type, organisation=c.meta.organisation, date=c.meta.date,
        text=c.text, snippet=text, highlights=[list(m) for m in marks],
    )
