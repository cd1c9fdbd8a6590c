"""POST /api/feedback: thumbs up or down for an answer."""

from __future__ import annotations

from fastapi import APIRouter, Depends, status

from api.deps import get_log
from api.limits import rate_limited
from api.schemas import ErrorBody, FeedbackRequest
from assistant.questionlog import QuestionLog

router = APIRouter(prefix="/api", tags=["feedback"])


@router.post(
    "/feedback", status_code=status.HTTP_204_NO_CONTENT, dependencies=[Depends(rate_limited)],
    responses={404: {"model": ErrorBody}, 422: {"model": ErrorBody}, 429: {"model": ErrorBody}},
)
def feedback(body: FeedbackRequest, log: QuestionLog = Depends(get_log)) -> None:
    """Record a vote (and an optional comment, masked) for an answer given by /api/chat."""
    log.add_feedback(body.answer_id, body.vote, body.comment)
