"""GET /api/questions, /api/questions/frequent, /groups and /export.csv: what the public asked (case workers only)."""

from __future__ import annotations

import io
from datetime import date

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from api.auth import require_caseworker
from api.deps import get_log
from api.schemas import ErrorBody, LoggedQuestion, QuestionGroup, QuestionGroupDetail
from assistant.questionlog import QuestionLog
from assistant.questions import QuestionFilter, group, select

router = APIRouter(
    prefix="/api/questions", tags=["question log"], dependencies=[Depends(require_caseworker)],
    responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}},
)
SCAN = 5000  # rows filtered in memory; the log is bounded by its retention


def question_filter(
    answered: bool | None = Query(default=None, description="false: only the questions the assistant refused."),
    reason: list[str] = Query(default=[], description="Only these refusal reasons (no_evidence, equal_treatment, "
                              "out_of_scope, …)."),
    date_from: date | None = Query(default=None, description="Asked on or after this day (UTC)."),
    date_to: date | None = Query(default=None, description="Asked on or before this day (UTC)."),
    feedback: str | None = Query(default=None, pattern="^(up|down|any|none)$",
                                 description="up / down: got that vote; any: some vote or comment; none: no feedback."),
) -> QuestionFilter:
    return QuestionFilter(answered=answered, reasons=reason, date_from=date_from.isoformat() if date_from else None,
                          date_to=date_to.isoformat() if date_to else None, feedback=feedback)


@router.get("", response_model=list[LoggedQuestion])
def list_questions(
    wanted: QuestionFilter = Depends(question_filter),
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0),
    log: QuestionLog = Depends(get_log),
) -> list[dict]:
    """Public questions, newest first, personal data masked, with the feedback each answer got."""
    if wanted == QuestionFilter(answered=wanted.answered):
        return log.recent(answered=wanted.answered, limit=limit, offset=offset)
    return select(log.recent(answered=wanted.answered, limit=SCAN), wanted)[offset : offset + limit]


@router.get("/frequent", response_model=list[QuestionGroup])
def frequent_questions(
    answered: bool | None = Query(default=None, description="false: the most frequent unanswered questions."),
    limit: int = Query(default=20, ge=1, le=100),
    log: QuestionLog = Depends(get_log),
) -> list[dict]:
    """The most asked questions, near-duplicates grouped: candidates for a published answer (doc_type qa)."""
    return log.frequent(answered=answered, limit=limit)


@router.get("/groups", response_model=list[QuestionGroupDetail])
def question_groups(
    wanted: QuestionFilter = Depends(question_filter),
    limit: int = Query(default=50, ge=1, le=200),
    log: QuestionLog = Depends(get_log),
) -> list[dict]:
    """Near-duplicates grouped within the filters, with counts, reasons and votes, most asked first."""
    return group(select(log.recent(answered=wanted.answered, limit=SCAN), wanted), limit)


@router.get("/export.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}, "description": "The question log as CSV."}})
def export_csv(
    answered: bool | None = Query(default=None, description="false: only the refused questions."),
    log: QuestionLog = Depends(get_log),
) -> Response:
    """The same CSV as ``assistant questions export`` (cells neutralised against formula injection)."""
    out = io.StringIO()
    log.export_csv(out, answered=answered)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": 'attachment; filename="sporsmal.csv"', "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff"})
