"""Extractive, grounded answers: the sentences that answer the question, each with its citation.

Sentences come only from retrieved chunks, each is quoted exactly, and each gets a marker
``[n]``. Whether to answer at all is decided by a small calibrated model over the signals of
retrieval and ranking (:mod:`assistant.answer.confidence`). When the evidence is weak, or the
question needs a clarification that only the official channel may give (equal treatment), the
answer is ``answered: false`` with a pointer to that channel, quoted from the contact document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from assistant.answer.channel import citation, with_channel, with_marker
from assistant.answer.confidence import ConfidenceModel, shipped_model
from assistant.answer.lists import display, with_list
from assistant.answer.memory import AnswerMemory
from assistant.config import AnswerSettings
from assistant.cues import (
    COUNT_WORDS,
    STREET,
    asking_part,
    asks_next_event,
    counted_word,
    dates_what_is_to_come,
    holds_kind,
    is_meta,
    misses_who_is_asked,
    wanted_kind,
    wants_list,
)
from assistant.glossary import norwegian_for, norwegian_groups, read_terms, synonym_groups
from assistant.index import Snapshot, sentence_key, terms
from assistant.lang import detect_language
from assistant.models import Answer, Chunk, Hit, Scope
from assistant.policy import LEARNED, restricted_intent, settles
from assistant.retrieve import Retrieval
from assistant.text import sentence_spans
from assistant.topics import out_of_scope

if TYPE_CHECKING:
    from assistant.intent import IntentModel

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
    ("en", "lead"): "The published documents say (in Norwegian):",
}
_DIGITS = re.compile(r"\b\d+\b")
_MARKER = re.compile(r"\[\d+\]")
_ADDRESS = re.compile(rf"\b\w+{STREET}\s+\d+\b", re.IGNORECASE)
_ASKED = re.compile(r"(?:Spørsmål|Question|Q):\s*([^?\n]{3,300}\?)", re.IGNORECASE)
_NUMBER = re.compile(rf"\b(?:\d+|{COUNT_WORDS})\b", re.IGNORECASE)
_FIELD = re.compile(r"^\s*([^\W\d_][^\W\d]*(?: [^\W\d]+){0,3}):\s+\S")  # a table row: "Arrangører: …"


@dataclass
class Candidate:
    chunk: Chunk
    start: int
    end: int
    score: float
    similarity: float
    coverage: float
    kind: bool = False
    remembered: float | None = None  # the answer memory's support (None: no memory for this corpus)

    @property
    def text(self) -> str:
        return self.chunk.text[self.start : self.end]


class ExtractiveAnswerer:
    """Ranks the sentences of the best hits by meaning, weighted word overlap and the kind of fact asked for."""

    overlap_weight = 0.10
    rank_weight = 0.04
    kind_weight = 0.05
    field_weight = 0.05
    meta_penalty = 0.10
    question_boost = 2.0  # a follow-up's own words weigh more than the context it borrowed
    memory_weight = 0.10
    recall_support = 0.5  # a remembered sentence this well supported is read even when retrieval missed it

    def __init__(self, settings: AnswerSettings, confidence: ConfidenceModel | None = None,
                 intents: IntentModel | None = None, memory: AnswerMemory | None = None) -> None:
        self._settings = settings
        self._confidence = confidence
        self._intents = intents
        self._memory = memory

    def answer(self, question: str, found: Retrieval, scope: Scope, context: str | None = None,
               said: str = "") -> Answer:
        """Answer ``question`` from ``found``; ``context`` is the text retrieval used (a follow-up with
        the question before it), which the equal-treatment rule reads too; ``said`` is the answer the
        follow-up follows, whose sentences are not quoted again."""
        lang = detect_language(question)
        candidates = self.rank(found, question, said)
        strong = bool(candidates) and self.confident(candidates, found, question)
        chosen = self._select(candidates, question) if strong else []
        if misses_who_is_asked(question, [c.text for c in chosen]):  # LUP's contacts, not the municipality's
            strong, chosen = False, []
        if asks_next_event(question) and not any(dates_what_is_to_come(c.text) for c in chosen):  # only past ones
            strong, chosen = False, []
        # Equal treatment first: a budget or deadline question is refused for that reason, with or
        # without evidence, unless a published sentence or answer settles it. The rules read the
        # wording; the intent model (public scope only) the meaning, and for equal treatment the words too.
        read = with_context(question, context)
        intent = restricted_intent(read) if scope.is_public else None
        learned = self._intents.reason(found.query_vector, read) if self._intents and scope.is_public else None
        if intent is None and learned == "out_of_scope":
            return out_of_scope(lang)
        intent = intent or (LEARNED if learned == "equal_treatment" else None)
        if intent and not any(settles(intent, c.text, c.chunk.meta.doc_type, published, question)
                              for c in chosen for published in _published_questions(c.chunk)):
            return self.refuse(lang, "equal_treatment", found.snapshot)
        if not strong:  # refused anyway: for the reason the intent model leans to, if it leans to one
            leaning = self._intents.leaning(found.query_vector, read) if self._intents and scope.is_public else None
            if leaning == "out_of_scope":
                return out_of_scope(lang)
            return self.refuse(lang, leaning or "no_evidence", found.snapshot)
        return self._compose(chosen, lang)

    def rank(self, found: Retrieval, question: str = "", said: str = "") -> list[Candidate]:
        """Every sentence of the top hits, best first: meaning, weighted word overlap, hit rank, answer type.

        Word overlap counts the question's words in the sentence *and in what it stands in*: its
        document title and headings and the sentence before it. An answer often names its subject
        only there ("Han ble født i Pella ...", "Bandet ble dannet i 1981"). A sentence the previous
        answer (``said``) already quoted is left out — "Who built it?" after the environmental
        standard wants the contractor, not the standard again — unless every sentence was quoted.
        """
        query = np.asarray(found.query_vector, dtype=np.float32)
        kind = wanted_kind(question)
        counted = _counted_family(question, found) if kind == "number" else None  # "425 boliger", not "45 skal"
        weights = self._term_weights(found, question)
        total = sum(weights.values()) or 1.0
        remembered = self._memory.support(query, found.snapshot.fingerprint, kind or "") if self._memory else None
        out: list[Candidate] = []
        for hit in self._evidence(found, remembered):
            heading = set(terms(" ".join([hit.chunk.meta.title, *hit.chunk.heading_path])))
            before: set[str] = set()
            for start, end, similarity in self._sentences(found.snapshot, hit.chunk, query):
                sentence = hit.chunk.text[start:end]
                own = set(terms(sentence))
                seen = own | heading | before
                coverage = sum(w for group, w in weights.items() if not group.isdisjoint(seen)) / total
                holds = _counts(counted, sentence) if counted else holds_kind(kind, sentence, question)
                score = similarity + self.overlap_weight * coverage + self.rank_weight / hit.rank
                score += self.kind_weight * holds - self.meta_penalty * is_meta(sentence, question)
                score += self.field_weight * (holds and _names_field(sentence, weights))
                support = None if remembered is None else remembered.get(sentence_key(sentence), 0.0)
                score += self.memory_weight * (support or 0.0)
                out.append(Candidate(hit.chunk, start, end, score, similarity, coverage, holds, support))
                before = own
        out.sort(key=lambda c: -c.score)
        quoted = _norm(_MARKER.sub(" ", said))
        fresh = [c for c in out if sentence_key(c.text) not in quoted] if quoted else out
        return fresh or out

    def _evidence(self, found: Retrieval, remembered: dict[str, float] | None) -> list[Hit]:
        """The top hits, and the chunk of each sentence the memory supports strongly that they miss
        (retrieval ranks by the question's words and meaning; the memory knows where its answer is)."""
        hits = found.hits[: self._settings.evidence_chunks]
        have = {h.chunk.chunk_id for h in hits}
        for k, support in sorted((remembered or {}).items(), key=lambda kv: -kv[1]):
            chunk = found.snapshot.sentence_chunks.get(k)
            if support >= self.recall_support and chunk is not None and chunk.chunk_id not in have:
                hits = [*hits, Hit(chunk=chunk, score=0.0, rank=len(hits) + 1)]
                have.add(chunk.chunk_id)
        return hits

    def _term_weights(self, found: Retrieval, question: str) -> dict[frozenset[str], float]:
        """Each question word's weight (its IDF; a follow-up's own words count double).

        An English word is one group of its glossary translations ("goal" → mål, formål): a
        sentence that holds any of them covers it, so synonyms do not dilute the overlap. A group
        also holds its word families ("arrangerte" is covered by "Arrangører").
        """
        snapshot = found.snapshot
        own = set(read_terms(question, found.lang, snapshot.knows))
        boost = len(own) < len(set(found.query_terms))
        groups: list[frozenset[str]] = []
        read = norwegian_groups(question) if found.lang == "en" else synonym_groups(question, snapshot.knows)
        for words in read:
            group = frozenset(t for t in terms(" ".join(words)) if snapshot.knows(t))
            if group:
                groups.append(group)
        grouped = set().union(*groups) if groups else set()
        # Words the corpus never uses can't overlap: English ones, and Norwegian ones read through synonyms
        unknown = set(terms(" ".join(words[0] for words in read))) if found.lang != "en" else set()
        groups += [frozenset([t]) for t in set(found.query_terms) - grouped - unknown
                   if found.lang != "en" or snapshot.knows(t)]
        weights: dict[frozenset[str], float] = {}
        for g in dict.fromkeys(groups):
            family = frozenset().union(*(snapshot.family(t) for t in g))
            weight = max(snapshot.idf(t) for t in g) * (self.question_boost if boost and not g.isdisjoint(own) else 1.0)
            weights[family] = max(weight, weights.get(family, 0.0))
        return weights

    def _sentences(self, snapshot: Snapshot, chunk: Chunk, query: np.ndarray):
        rows = snapshot.sentences.get(chunk.chunk_id)
        if rows:
            sims = snapshot.vectors[[i for _, _, i in rows]] @ query
            return [(s, e, float(sim)) for (s, e, _), sim in zip(rows, sims, strict=False)]
        return [(s, e, 0.0) for s, e in sentence_spans(chunk.text)]

    def features(self, candidates: list[Candidate], found: Retrieval, question: str) -> dict[str, float | None]:
        """The signals the confidence model reads (see :mod:`assistant.answer.confidence`)."""
        best = candidates[0]
        query = np.asarray(found.query_vector, dtype=np.float32)
        margin = best.similarity - found.snapshot.median_similarity(query)
        own = read_terms(question, found.lang, found.snapshot.knows) or found.query_terms
        idf = {t: found.snapshot.idf(t) for t in own}
        known = sum(w for t, w in idf.items() if _known(found.snapshot, t)) / (sum(idf.values()) or 1.0)
        en = 1.0 if found.lang == "en" else 0.0
        kind = wanted_kind(question)
        top = found.hits[0] if found.hits else None
        agree = bool(top and (top.dense_rank or 99) <= 3 and (top.lexical_rank or 99) <= 3)
        return {
            "margin": margin, "coverage": best.coverage, "known": known, "en": en, "en_margin": en * margin,
            "kind": 0.0 if kind is None else (1.0 if best.kind else -1.0), "agree": float(agree),
            "fused": top.score if top else 0.0, "counted": _counted(question, found, candidates),
            "number_missing": _number_missing(question, best), "remembered": best.remembered,
            "unanswered": self._intents.unanswered(found.query_vector, found.snapshot.fingerprint)
            if self._intents else None,
            "unlike": self._memory.unlike(query, found.snapshot.fingerprint, kind or "") if self._memory else None,
        }

    def confident(self, candidates: list[Candidate], found: Retrieval, question: str) -> bool:
        model = self._confidence or shipped_model()
        threshold = model.threshold if self._confidence or self._settings.min_confidence is None \
            else self._settings.min_confidence
        return model.probability(self.features(candidates, found, question)) >= threshold

    def _select(self, candidates: list[Candidate], question: str) -> list[Candidate]:
        """The best sentence, then others while they score close to it (or the answer is still short).

        A list question takes a wider margin; a sentence that introduces a list ("…disse gruppene:")
        or a list item or table row brings the whole list with it.
        """
        settings = self._settings
        margin = settings.close_margin * (2 if wants_list(question) else 1)
        chosen: list[Candidate] = [with_list(candidates[0], question)]
        used = len(chosen[0].text)
        for cand in candidates[1:]:
            if len(chosen) >= settings.max_sentences:
                break
            close = cand.score >= candidates[0].score - margin or used < settings.min_chars
            inside = any(c.chunk.chunk_id == cand.chunk.chunk_id and c.start <= cand.start < c.end for c in chosen)
            if not close or inside or is_meta(cand.text, question) or _norm(cand.text) in map(_norm_c, chosen):
                continue
            cand = with_list(cand, question)
            if used + len(cand.text) > settings.max_chars:
                continue
            chosen.append(cand)
            used += len(cand.text)
        return chosen

    def _compose(self, chosen: list[Candidate], lang: str) -> Answer:
        parts, citations = [], []
        for n, cand in enumerate(chosen, start=1):
            parts.append(with_marker(display(cand.text), n))
            citations.append(citation(n, cand.chunk, cand.text))
        lead = [_MESSAGES[("en", "lead")]] if lang == "en" else []
        return Answer(answer=" ".join(lead + parts), answered=True, lang=lang, citations=citations)

    def refuse(self, lang: str, reason: str, snapshot: Snapshot) -> Answer:
        """``answered: false`` with the official channel quoted from the corpus's contact document."""
        return with_channel(Answer(answer=_MESSAGES[(lang, reason)], answered=False, lang=lang, reason=reason),
                            snapshot)


def with_context(question: str, context: str | None) -> str:
    """The question with the text retrieval read it with. That text already holds the question (after the
    previous turn, or as the previous question asked of stage 2), and for a question that stands alone it
    is the question itself: written twice, one sentence would read as two to the rules ("… about the
    deadline, how do I ask it?")."""
    if not context or question.strip() in context:
        return context or question
    return f"{context} {question}"


def _names_field(sentence: str, weights: dict[frozenset[str], float]) -> bool:
    """Whether the sentence is a table row whose field is a word the question asks with ("Hvem arrangerte …?"
    and "Arrangører: …"): the row's value is then the answer, not a sentence that merely mentions the subject."""
    field = _FIELD.match(sentence)
    named = set(terms(field.group(1))) if field else set()
    return bool(named) and any(not group.isdisjoint(named) for group in weights)


def _published_questions(chunk: Chunk) -> list[str]:
    """Where a published answer (``qa``) states the question it answers: the heading over it (the case
    workers' answers), its title, or a "Spørsmål: …?" line in its text (one uploaded as a document)."""
    if chunk.meta.doc_type != "qa":
        return [""]
    asked = _ASKED.findall(chunk.text)
    return [(chunk.heading_path or [""])[-1], chunk.meta.title, *asked]


def _counted(question: str, found: Retrieval, candidates: list[Candidate]) -> float:
    """For a "how many" question: 1 if one of the best three sentences puts a number on what is
    counted, -1 if none does (the number counts something else, or an English word the glossary can't
    put in Norwegian), 0 for other questions."""
    family = _counted_family(question, found)
    if family is None:
        return 0.0
    return 1.0 if any(_counts(family, c.text) for c in candidates[:3]) else -1.0


def _counted_family(question: str, found: Retrieval) -> frozenset[str] | None:
    """The stems of what a "how many" question counts, with their word families; None for other
    questions, empty for an English word the glossary can't put in Norwegian."""
    word = counted_word(question)
    if word is None:
        return None
    stems = terms(" ".join(norwegian_for(word))) if found.lang == "en" else terms(word)
    return frozenset().union(*(found.snapshot.family(t) for t in stems))


def _counts(family: frozenset[str], sentence: str) -> bool:
    """Whether a number in the sentence counts a word of the family: "425 boliger", "30 omsorgsboliger",
    or a label and its value, "Boliger kommunen skal skaffe: 425" ("boliger på Løkenåsveien 45" does not)."""
    for match in _NUMBER.finditer(sentence):
        after = sentence[match.end() :].split()[:2]  # "425 boliger", "syv ulike miljøer"
        label = sentence[: match.start()].rstrip()
        year = re.fullmatch(r"(?:19|20)\d\d", match.group(0))
        label = label[:-1].split(";")[-1] if label.endswith(":") and not year else ""
        if not family.isdisjoint(terms(" ".join(after))) or not family.isdisjoint(terms(label)):
            return True
    return False


def _known(snapshot: Snapshot, term: str) -> bool:
    """Whether the corpus holds the term or a word of its family ("arrangerte" is known from "Arrangører")."""
    return snapshot.knows(term) or len(snapshot.family(term)) > 1


def _number_missing(question: str, best: Candidate) -> float:
    """1 when the question names a number ("byggetrinn 2", "2026") that neither the sentence nor its
    title and headings hold: an answer about stage 1 to a question about stage 2. A house number
    ("Løkenåsveien 45") is part of a name and does not count, nor does a number in a sentence that
    tells of the asker ("Jeg er 24 og har ikke mye penger. Er dette boliger for meg?")."""
    asked = set(_DIGITS.findall(_ADDRESS.sub(" ", asking_part(question))))
    context = " ".join([best.chunk.meta.title, *best.chunk.heading_path, best.text])
    return float(bool(asked - set(_DIGITS.findall(context))))


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _norm_c(cand: Candidate) -> str:
    return _norm(cand.text)
