"""Dependencies shared by routes: the assistant, the question log, the caller and their scope."""

from __future__ import annotations

from fastapi import Depends, Request

from api.auth import Caller, current_caller
from assistant.models import Scope
from assistant.questionlog import QuestionLog
from assistant.service import Assistant


def get_assistant(request: Request) -> Assistant:
    return request.app.state.assistant


def get_log(request: Request) -> QuestionLog:
    return request.app.state.question_log


def caller_scope(caller: Caller = Depends(current_caller)) -> Scope:
    """Anonymous callers see public documents; case workers and admins see internal input too."""
    return caller.scope


def public_scope() -> Scope:
    """Public documents only, whoever asks (the widget's endpoints)."""
    return Scope.public()
