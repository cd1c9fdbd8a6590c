"""GET /api/questions and /api/questions/frequent: what the public asked (case workers only)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from api.auth import require_caseworker
from api.deps import get_log
from api.schemas import ErrorBody, LoggedQuestion, QuestionGroup
from assistant.questionlog import QuestionLog

router = APIRouter(
    prefix="/api/questions", tags=["question log"], dependencies=[Depends(require_caseworker)],
    responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}},
)


@router.get("", response_model=list[LoggedQuestion])
def list_questions(
    answered: bool | None = Query(default=None, description="false: only the questions the assistant refused."),
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0),
    log: QuestionLog = Depends(get_log),
) -> list[dict]:
    """Public questions, newest first, personal data masked, with the feedback each answer got."""
    return log.recent(answered=answered, limit=limit, offset=offset)


@router.get("/frequent", response_model=list[QuestionGroup])
def frequent_questions(
    answered: bool | None = Query(default=None, description="false: the most frequent unanswered questions."),
    limit: int = Query(default=20, ge=1, le=100),
    log: QuestionLog = Depends(get_log),
) -> list[dict]:
    """The most asked questions, near-duplicates grouped: candidates for a published answer (doc_type qa)."""
    return log.frequent(answered=answered, limit=limit)
