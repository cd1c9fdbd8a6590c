"""GET /api/me: the caller's role, so a signed-in page shows only what the role may do."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from api.auth import Caller, require_caseworker
from api.schemas import ErrorBody

router = APIRouter(prefix="/api", tags=["session"], responses={401: {"model": ErrorBody}})


class Me(BaseModel):
    role: str = Field(description="caseworker or admin.", examples=["caseworker"])
    document_management: bool = Field(description="Whether admins may change documents over HTTP here.")


@router.get("/me", response_model=Me)
def me(request: Request, caller: Caller = Depends(require_caseworker)) -> Me:
    """Who the bearer token belongs to (never the token itself)."""
    return Me(role=caller.role.name, document_management=request.app.state.settings.document_management)
