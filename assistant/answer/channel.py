"""Quoting: a sentence with its marker and citation, and the official written channel quoted from the
contact document after a refusal (every refusal points to where the question can be asked)."""

from __future__ import annotations

import re

from assistant.index import Snapshot, terms
from assistant.models import Answer, Chunk, Citation
from assistant.text import sentence_spans

_MESSAGES = {
    ("nb", "channel"): "Slik stiller du spørsmål:",
    ("en", "channel"): "How to ask (quoted in Norwegian):",
    ("nb", "fallback"): "Still spørsmålet skriftlig til kommunen.",
    ("en", "fallback"): "Please send your question in writing to the municipality.",
}
_CHANNEL_TERMS = terms("skriftlige spørsmål sendes kanalen konkurransedokumentene kunngjort")
_CONTACT_TERMS = terms("kontaktpersoner for prosjektet")


def with_channel(answer: Answer, snapshot: Snapshot) -> Answer:
    """A refusal followed by the official written channel, quoted and cited from the contact document."""
    lang = "en" if answer.lang == "en" else "nb"
    quotes = _channel_quotes(snapshot)
    text = [answer.answer]
    citations = []
    if quotes:
        text.append(_MESSAGES[(lang, "channel")])
        for n, (chunk, sentence) in enumerate(quotes, start=1):
            text.append(with_marker(sentence, n))
            citations.append(citation(n, chunk, sentence))
    else:
        text.append(_MESSAGES[(lang, "fallback")])
    return answer.model_copy(update={"answer": " ".join(text), "citations": citations})


def _channel_quotes(snapshot: Snapshot) -> list[tuple[Chunk, str]]:
    """The contact document's sentences on how to ask in writing and who the contacts are."""
    contact = [c for c in snapshot.chunks if c.meta.doc_type == "contact"]
    quotes: list[tuple[Chunk, str]] = []
    for wanted in (_CHANNEL_TERMS, _CONTACT_TERMS):
        best = max(
            (
                (len(set(wanted) & set(terms(c.text[s:e]))), c, c.text[s:e])
                for c in contact
                for s, e in sentence_spans(c.text)
            ),
            key=lambda t: t[0], default=None,
        )
        if best and best[0] >= 2 and all(best[2] != q for _, q in quotes):
            quotes.append((best[1], best[2]))
    return quotes


def with_marker(sentence: str, n: int) -> str:
    """The sentence with its citation marker before the final punctuation ("… HENT AS [1].")."""
    match = re.search(r"[.!?…]+[\"»”')\]]*$", sentence)
    if match:
        return f"{sentence[: match.start()]} [{n}]{sentence[match.start():]}"
    return f"{sentence} [{n}]"


def citation(n: int, chunk: Chunk, quote: str) -> Citation:
    """Citation ``n``: the quote, where it stands (document, page, chunk) and its audience."""
    meta = chunk.meta
    return Citation(
        n=n, doc_id=meta.doc_id, title=meta.title, url=meta.url, source=meta.source, page=chunk.page,
        quote=quote, chunk_id=chunk.chunk_id, audience=meta.audience,
    )
