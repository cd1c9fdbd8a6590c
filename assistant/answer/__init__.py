"""Answering: one concept, several ways of working.

``extractive`` quotes the sentences of the retrieved chunks (the default, no model needed).
Other ways (a generative answer whose citations are verified) live beside it and return the
same :class:`~assistant.models.Answer`.
"""

from assistant.answer.extractive import ExtractiveAnswerer

__all__ = ["ExtractiveAnswerer"]
