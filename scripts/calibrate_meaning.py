"""Calibrate the meaning check of generative answers: e5 similarity between a sentence and its quote.

Reads hand-written (quote, sentence, supports) pairs — Norwegian quotes from the corpus, Norwegian and
English sentences that do or do not follow from them — prints each similarity and the threshold that
separates the most pairs. Usage: .venv/bin/python scripts/calibrate_meaning.py [pairs.jsonl]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant.answer.verify import Verifier
from assistant.embeddings import E5Embeddings

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "answer" / "data" / "meaning_pairs.jsonl"


def main(path: Path = PAIRS) -> None:
    verifier = Verifier(E5Embeddings(), 0.0)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    scored = sorted((verifier.similarity(r["sentence"], r["quote"]), r["supports"], r["sentence"]) for r in rows)
    for similarity, supports, sentence in scored:
        print(f"{similarity:.3f}  {'supports ' if supports else 'unrelated'}  {sentence}")
    right, threshold = max((sum((s >= t) == y for s, y, _ in scored), t) for t, _, _ in scored)
    kept = sum(1 for s, y, _ in scored if y and s >= threshold)
    dropped = sum(1 for s, y, _ in scored if not y and s < threshold)
    print(f"\nbest threshold {threshold:.3f}: {right}/{len(scored)} pairs right "
          f"({kept}/{sum(y for _, y, _ in scored)} supported kept, {dropped}/{sum(not y for _, y, _ in scored)} "
          "unsupported dropped)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else PAIRS)
