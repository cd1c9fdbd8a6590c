"""How much of a request the assistant works on: earlier turns are clamped before retrieval.

A question is capped by ``max_question_chars`` and its embedding by ``max_query_tokens``; the
history of a conversation is clamped here, so a follow-up costs about what its question does
whatever the client sends (finding 1 of issue 11: 20 turns of 4,000 characters each).
"""

from __future__ import annotations

import dataclasses
from typing import Protocol, TypeVar

MAX_TURNS = 6


class _Turn(Protocol):
    @property
    def role(self) -> str: ...

    @property
    def content(self) -> str: ...


T = TypeVar("T", bound=_Turn)


def clamp_history(history: list[T], max_chars: int, max_turns: int = MAX_TURNS) -> list[T]:
    """The last ``max_turns`` turns, each cut to ``max_chars`` characters at a word boundary."""
    kept = history[-max_turns:] if max_turns else []
    return [_cut(turn, max_chars) for turn in kept]


def _cut(turn: T, max_chars: int) -> T:
    if len(turn.content) <= max_chars:
        return turn
    head = turn.content[:max_chars]
    space = head.rfind(" ")
    clipped = head[:space] if space > max_chars // 2 else head
    if hasattr(turn, "model_copy"):  # a pydantic turn (the API's schema)
        return turn.model_copy(update={"content": clipped})
    return dataclasses.replace(turn, content=clipped)  # type: ignore[type-var]
