"""Extractive, grounded answers: the sentences that answer the question, each with its citation.

Sentences come only from retrieved chunks, each is quoted exactly, and each gets a marker
``[n]``. When the evidence is weak, or the question needs a clarification that only the
official channel may give (equal treatment), the answer is ``answered: false`` with a
pointer to that channel, quoted from the corpus's own contact document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.config import AnswerSettings
from assistant.cues import holds_kind, wanted_kind
from assistant.index import Snapshot, terms
from assistant.lang import detect_language
from assistant.models import Answer, Chunk, Citation, Scope
from assistant.policy import restricted_intent, settles
from assistant.retrieve import Retrieval
from assistant.text import sentence_spans

_MESSAGES = {
    ("nb", "no_evidence"): "Jeg finner ikke svar på dette i de publiserte dokumentene om anskaffelsen.",
    ("en", "no_evidence"): "I cannot find the answer to this in the published documents about the procurement.",
    ("nb", "equal_treatment"): (
        "Dette er ikke avklart i de publiserte dokumentene. Av hensyn til likebehandling av leverandørene "
        "gir assistenten ingen egne avklaringer; svar gis skriftlig og samtidig til alle."
    ),
    ("en", "equal_treatment"): (
        "This is not settled in the published documents. To treat all suppliers equally, the assistant gives "
        "no clarifications of its own; answers are given in writing to all suppliers at the same time."
    ),
    ("nb", "channel"): "Slik stiller du spørsmål:",
    ("en", "channel"): "How to ask (quoted in Norwegian):",
    ("nb", "fallback"): "Still spørsmålet skriftlig til kommunen.",
    ("en", "fallback"): "Please send your question in writing to the municipality.",
    ("en", "lead"): "The published documents say (in Norwegian):",
}
_CHANNEL_TERMS = terms("skriftlige spørsmål sendes kanalen konkurransedokumentene kunngjort")
_CONTACT_TERMS = terms("kontaktpersoner for prosjektet")


@dataclass
class Candidate:
    chunk: Chunk
    start: int
    end: int
    score: float
    similarity: float
    coverage: float

    @property
    def text(self) -> str:
        return self.chunk.text[self.start : self.end]


class ExtractiveAnswerer:
    """Ranks the sentences of the best hits by meaning and by weighted word overlap."""

    overlap_weight = 0.10
    rank_weight = 0.04
    kind_weight = 0.02

    def __init__(self, settings: AnswerSettings) -> None:
        self._settings = settings

    def answer(self, question: str, found: Retrieval, scope: Scope, context: str | None = None) -> Answer:
        """Answer ``question`` from ``found``; ``context`` is the text retrieval used (a follow-up with
        the question before it), which the equal-treatment rule reads too."""
        lang = detect_language(question)
        candidates = self.rank(found, question)
        strong = bool(candidates) and self.evidence(candidates[0], found) >= self._threshold(found.lang)
        chosen = self._select(candidates) if strong else []
        # Equal treatment first: a budget or deadline question is refused for that reason, with or
        # without evidence, unless a published sentence or answer settles it.
        intent = restricted_intent(f"{context or ''} {question}") if scope.audiences == ("public",) else None
        if intent and not any(settles(intent, c.text, c.chunk.meta.doc_type) for c in chosen):
            return self.refuse(lang, "equal_treatment", found.snapshot)
        if not strong:
            return self.refuse(lang, "no_evidence", found.snapshot)
        return self._compose(chosen, lang)

    def rank(self, found: Retrieval, question: str = "") -> list[Candidate]:
        """Every sentence of the top hits, best first: meaning, weighted word overlap, hit rank, answer type.

        Word overlap counts the question's words in the sentence *and in what it stands in*: its
        document title and headings and the sentence before it. An answer often names its subject
        only there ("Han ble født i Pella ...", "Bandet ble dannet i 1981"); on NorQuAD this moves
        about three questions in a hundred to the right sentence.
        """
        query = np.asarray(found.query_vector, dtype=np.float32)
        kind = wanted_kind(question)
        weights = {t: found.snapshot.idf(t) for t in set(found.query_terms)}
        total = sum(weights.values()) or 1.0
        out: list[Candidate] = []
        for hit in found.hits[: self._settings.evidence_chunks]:
            heading = set(terms(" ".join([hit.chunk.meta.title, *hit.chunk.heading_path])))
            before: set[str] = set()
            for start, end, similarity in self._sentences(found.snapshot, hit.chunk, query):
                sentence = hit.chunk.text[start:end]
                own = set(terms(sentence))
                seen = own | heading | before
                coverage = sum(w for t, w in weights.items() if t in seen) / total
                score = similarity + self.overlap_weight * coverage + self.rank_weight / hit.rank
                score += self.kind_weight * holds_kind(kind, sentence, question)
                out.append(Candidate(hit.chunk, start, end, score, similarity, coverage))
                before = own
        return sorted(out, key=lambda c: -c.score)

    def _sentences(self, snapshot: Snapshot, chunk: Chunk, query: np.ndarray):
        rows = snapshot.sentences.get(chunk.chunk_id)
        if rows:
            sims = snapshot.vectors[[i for _, _, i in rows]] @ query
            return [(s, e, float(sim)) for (s, e, _), sim in zip(rows, sims, strict=False)]
        return [(s, e, 0.0) for s, e in sentence_spans(chunk.text)]

    def evidence(self, best: Candidate, found: Retrieval) -> float:
        """How clearly the best sentence stands out from the corpus as a whole.

        Raw similarity is no test: e5 rates any sentence about Lørenskog close to "the weather in
        Lørenskog". What sets an answer apart is a sentence far above the median sentence.
        """
        background = found.snapshot.median_similarity(np.asarray(found.query_vector, dtype=np.float32))
        return best.similarity - background + self._settings.coverage_weight * best.coverage

    def _threshold(self, lang: str) -> float:
        return self._settings.min_evidence_en if lang == "en" else self._settings.min_evidence

    def _select(self, candidates: list[Candidate]) -> list[Candidate]:
        """The best sentence, then others while they score close to it (or the answer is still short).

        A clear winner makes a one-sentence answer; when several sentences are about as good,
        the answer carries them (up to ``max_sentences`` and ``max_chars``).
        """
        settings = self._settings
        chosen: list[Candidate] = [candidates[0]]
        used = len(candidates[0].text)
        seen = {_norm(candidates[0].text)}
        for cand in candidates[1:]:
            if len(chosen) >= settings.max_sentences:
                break
            close = cand.score >= candidates[0].score - settings.close_margin or used < settings.min_chars
            if not close or _norm(cand.text) in seen or used + len(cand.text) > settings.max_chars:
                continue
            chosen.append(cand)
            used += len(cand.text)
            seen.add(_norm(cand.text))
        return chosen

    def _compose(self, chosen: list[Candidate], lang: str) -> Answer:
        parts, citations = [], []
        for n, cand in enumerate(chosen, start=1):
            parts.append(_with_marker(cand.text, n))
            citations.append(_citation(n, cand.chunk, cand.text))
        lead = [_MESSAGES[("en", "lead")]] if lang == "en" else []
        return Answer(answer=" ".join(lead + parts), answered=True, lang=lang, citations=citations)

    def refuse(self, lang: str, reason: str, snapshot: Snapshot) -> Answer:
        """``answered: false`` with the official channel quoted from the corpus's contact document."""
        quotes = _channel_quotes(snapshot)
        text = [_MESSAGES[(lang, reason)]]
        citations = []
        if quotes:
            text.append(_MESSAGES[(lang, "channel")])
            for n, (chunk, sentence) in enumerate(quotes, start=1):
                text.append(_with_marker(sentence, n))
                citations.append(_citation(n, chunk, sentence))
        else:
            text.append(_MESSAGES[(lang, "fallback")])
        return Answer(answer=" ".join(text), answered=False, lang=lang, citations=citations, reason=reason)


def _channel_quotes(snapshot: Snapshot) -> list[tuple[Chunk, str]]:
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


def _with_marker(sentence: str, n: int) -> str:
    match = re.search(r"[.!?…]+[\"»”')\]]*$", sentence)
    if match:
        return f"{sentence[: match.start()]} [{n}]{sentence[match.start():]}"
    return f"{sentence} [{n}]"


def _citation(n: int, chunk: Chunk, quote: str) -> Citation:
    meta = chunk.meta
    return Citation(
        n=n, doc_id=meta.doc_id, title=meta.title, url=meta.url, source=meta.source, page=chunk.page,
        quote=quote, chunk_id=chunk.chunk_id, audience=meta.audience,
    )


def _norm(text: str) -> str:
    return " ".join(text.lower().split())
