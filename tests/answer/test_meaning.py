"""The meaning check (d) with the real multilingual e5 model: cross-lingual sentences that follow from
their quote pass, sentences about something else do not, at the shipped threshold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.answer.verify import Claim, Verifier
from assistant.config import LLMSettings
from assistant.embeddings import E5Embeddings
from assistant.models import Chunk, DocumentMeta

PAIRS = Path(__file__).parent / "data" / "meaning_pairs.jsonl"
CONFERENCE = "Dialogkonferansen ble holdt onsdag 19. februar 2020 kl. 12.00–16.00 på Lørenskog Hus."

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier(E5Embeddings(), LLMSettings().verify_similarity)


def source(text: str) -> dict[int, Chunk]:
    meta = DocumentMeta(doc_id="d", title="Dialogkonferansen", source="d.md", audience="public")
    return {1: Chunk(chunk_id="d-0", doc_id="d", text=text, start=0, end=len(text), index=0, meta=meta)}


def test_the_shipped_threshold_separates_the_calibration_pairs(verifier):
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    right = sum((verifier.similarity(r["sentence"], r["quote"]) >= LLMSettings().verify_similarity) == r["supports"]
                for r in rows)
    assert right >= len(rows) - 2  # 30 of 32 when calibrated (README)


def test_an_english_sentence_with_a_translated_date_passes_every_check(verifier):
    claim = Claim("The dialogue conference was held on 19 February 2020 at Lørenskog Hus.", [(1, CONFERENCE)])
    verdict = verifier.check(claim, source(CONFERENCE))
    assert verdict.ok, verdict.reason
    assert verdict.quotes[0][1] == CONFERENCE.rstrip(".")  # the exact source text, end punctuation aside


def test_a_sentence_about_something_else_fails_on_meaning(verifier):
    claim = Claim("Suppliers must submit their offers by e-mail.", [(1, CONFERENCE)])
    assert verifier.check(claim, source(CONFERENCE)).reason == "meaning"
