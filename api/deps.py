"""Dependencies shared by routes: the assistant object and the caller's scope."""

from __future__ import annotations

from fastapi import Request

from assistant.models import Scope
from assistant.service import Assistant


def get_assistant(request: Request) -> Assistant:
    return request.app.state.assistant


def public_scope() -> Scope:
    """Anonymous callers: public documents only."""
    return Scope.public()
