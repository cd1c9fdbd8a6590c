"""Does the equal-treatment model carry from one writer to the next? Leave one writer out.

Helpers wrote equal-treatment sets blind, each with its own leaning (``EQUAL_TREATMENT`` in the
Makefile: 340 questions, then sets of 150 with 90 look-alikes each). For each writer: fit the intent
model as ``make calibrate`` does (the twenty-six dev sets, the general questions and look-alikes of
``NEGATIVES``, the other writers' sets), then count how many of the left-out writer's
equal-treatment questions it refuses, alone and together with the rules (which were read from the
first three writers, so "with the rules" is held-in for them), and how many of its answerable
look-alikes it would refuse. The price is counted on the dev sets' answerable questions, 5-fold (each
fold by a model fitted without it, the rules not refusing it), and on NorQuAD's 472 questions (a model
fitted on everything). Once with the embedding alone, once with the words too (``intent.WORDED``).
No retrieval: the question is read as the answerer reads it (with the turn it follows), unspelled.

    .venv/bin/python scripts/equal_treatment_writers.py [--threshold 0.7]
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, replace
from pathlib import Path

from tqdm import tqdm

from assistant import intent
from assistant.answer.extractive import with_context
from assistant.calibrate import Example, Row, fit_intents, load_negatives
from assistant.config import Settings
from assistant.embeddings import make_embeddings, model_id
from assistant.evaluate import Question, fold_of, load_jsonl, load_norquad
from assistant.models import Answer
from assistant.policy import restricted_intent
from assistant.service import retrieval_query, standalone

ROOT = Path(__file__).resolve().parent.parent
FOLDS = 5


def _listed(name: str) -> list[Path]:
    """A file list of the Makefile (``NAME = a b \\ c``)."""
    found = re.search(rf"^{name} = (.*?)\n\n", (ROOT / "Makefile").read_text(encoding="utf-8"), re.S | re.M)
    if found is None:
        raise SystemExit(f"no {name} in the Makefile")
    return [ROOT / p for p in found.group(1).replace("\\", " ").split()]


def _row(q: Question, embed) -> Row:
    query = retrieval_query(q.question, q.history)
    return Row(q, fold_of(q.qid, FOLDS), None, Answer(answer="", answered=False, lang=q.lang or "nb"), False,
               embed(query), with_context(standalone(q.question, q.history), query))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=0.7)
    args = parser.parse_args()
    embeddings = make_embeddings(Settings().embedding)
    model = model_id(embeddings)
    cache: dict[str, list[float]] = {}

    def embed(text: str) -> list[float]:
        if text not in cache:
            cache[text] = embeddings.embed_query(text)
        return cache[text]

    def rows_of(paths: list[Path], desc: str) -> list[Row]:
        questions = [q for path in paths for q in load_jsonl(path)]
        return [_row(q, embed) for q in tqdm(questions, desc=desc, unit="q")]

    dev = [r for r in rows_of(_listed("DEV_SETS"), "dev sets") if r.teaches_intent]
    writers = {path.stem.removeprefix("equal-treatment-"): rows_of([path], path.stem)
               for path in _listed("EQUAL_TREATMENT")}
    general = [(embed(q), q, why, unanswered) for q, why, unanswered in
               tqdm(load_negatives(_listed("NEGATIVES")), desc="negatives", unit="q")]
    _, norquad = load_norquad(ROOT.parent / "shared" / "eval" / "norquad" / "validation.json")
    norquad_rows = [_row(q, embed) for q in tqdm(norquad, desc="NorQuAD", unit="q")]

    for label, worded in (("embedding alone", ()), ("embedding and words", intent.WORDED)):
        print(f"\n{label} (threshold {args.threshold}):")
        report(Fit(dev, general, model, worded, args.threshold), writers, norquad_rows)


def _examples(rows: list[Row]) -> list[Example]:
    """Rows as the intent sets teach: their reason if the model learns one, else ordinary; never the prior's."""
    return [(r.vector, r.wording, r.question.reason if r.question.reason in intent.REASONS else None, None)
            for r in rows]


@dataclass
class Fit:
    dev: list[Row]
    general: list[Example]
    model: str
    worded: tuple[str, ...]
    threshold: float

    def __call__(self, train: list[Row], extra: list[Row]) -> intent.IntentModel:
        fitted = fit_intents(train, self.general + _examples(extra), self.model, worded=self.worded)
        return replace(fitted, threshold=self.threshold)


def _learned(m: intent.IntentModel, r: Row) -> bool:
    return m.reason(r.vector, r.wording) == "equal_treatment"


def report(fit: Fit, writers: dict[str, list[Row]], norquad: list[Row]) -> None:
    caught = ruled = look = looks = total = 0
    for name, held in writers.items():
        m = fit(fit.dev, [r for other, rows in writers.items() if other != name for r in rows])
        asks = [r for r in held if r.question.reason == "equal_treatment"]
        alike = [r for r in held if r.question.answerable]
        n_learned = sum(_learned(m, r) for r in asks)
        n_either = sum(_learned(m, r) or restricted_intent(r.wording) is not None for r in asks)
        n_look = sum(_learned(m, r) and restricted_intent(r.wording) is None for r in alike)
        print(f"  {name} left out: {n_learned}/{len(asks)} equal-treatment questions refused by the model,"
              f" {n_either} with the rules; {n_look}/{len(alike)} answerable look-alikes refused by it")
        caught, ruled, total = caught + n_learned, ruled + n_either, total + len(asks)
        look, looks = look + n_look, looks + len(alike)
    print(f"  all writers: {caught}/{total} by the model, {ruled}/{total} with the rules; look-alikes {look}/{looks}")
    everyone = [r for rows in writers.values() for r in rows]
    wrong = asked = 0
    for k in range(FOLDS):
        m = fit([r for r in fit.dev if r.fold != k], everyone)
        held = [r for r in fit.dev if r.fold == k and r.question.answerable and restricted_intent(r.wording) is None]
        wrong, asked = wrong + sum(_learned(m, r) for r in held), asked + len(held)
    m = fit(fit.dev, everyone)
    print(f"  dev sets' answerable questions the rules let through, refused by it (5-fold): {wrong}/{asked};"
          f" NorQuAD: {sum(_learned(m, r) for r in norquad)}/{len(norquad)}")


if __name__ == "__main__":
    main()
