"""``assistant eval``: retrieval and answer metrics through the same pipeline as the API.

NorQuAD: every distinct context becomes one public document in a throwaway store, every
question is asked. jsonl: questions about this procurement, asked against the project corpus.
Metric definitions: ``../shared/eval/README.md``. This module composes ``ingest`` and the core,
like the CLI does.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from assistant.config import Settings
from assistant.models import Answer, DocumentMeta, Hit, Scope
from assistant.service import Assistant, Turn
from ingest.chunking import chunk_document
from ingest.loaders import document_from_text, load_file
from ingest.pipeline import discover, ingest_paths, source_of

KS = (1, 3, 5, 10)


@dataclass
class Question:
    question: str
    gold: list[str] = field(default_factory=list)
    doc_id: str | None = None
    span: tuple[int, int] | None = None
    answerable: bool = True
    lang: str | None = None
    qid: str = ""
    gold_all: list[str] = field(default_factory=list)
    history: list[Turn] = field(default_factory=list)
    reason: str | None = None  # the refusal reason expected for an unanswerable question
    category: str = ""


@dataclass
class Outcome:
    question: Question
    answer: Answer
    rank: int | None
    contains: bool
    citations_ok: bool


def load_norquad(path: Path) -> tuple[dict[str, str], list[Question]]:
    """Distinct contexts as documents (id = hash of the text) and the questions over them."""
    data = json.loads(path.read_text(encoding="utf-8"))
    docs: dict[str, str] = {}
    questions = []
    for article in data["data"]:
        for para in article["paragraphs"]:
            doc_id = "nq-" + hashlib.sha1(para["context"].encode()).hexdigest()[:12]
            docs[doc_id] = para["context"]
            for qa in para["qas"]:
                ans = qa["answers"][0]
                span = (ans["answer_start"], ans["answer_start"] + len(ans["text"]))
                questions.append(Question(qa["question"], [ans["text"]], doc_id, span))
    return docs, questions


def load_jsonl(path: Path, folds: int = 0, fold: int | None = None) -> list[Question]:
    """Procurement questions; with ``folds`` and ``fold``, only that fold (by a hash of the id)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = [
        Question(
            r["question"], r.get("expect_any", []), answerable=r["answerable"], lang=r.get("lang"),
            qid=r.get("id", str(i)), gold_all=r.get("expect_all", []), reason=r.get("expect_reason"),
            history=[Turn(t["role"], t["content"]) for t in r.get("history", [])], category=r.get("category", ""),
        )
        for i, r in enumerate(rows)
    ]
    if folds and fold is not None:
        questions = [q for q in questions if fold_of(q.qid, folds) == fold]
    return questions


def fold_of(qid: str, folds: int) -> int:
    """A question's fold: a stable hash of its id, so folds never depend on file order."""
    return int(hashlib.sha1(qid.encode()).hexdigest(), 16) % folds


def build_norquad_store(assistant: Assistant, docs: dict[str, str], progress: bool) -> None:
    """Write each context as one public document; ones already stored with the same text are kept."""
    stored = {m.doc_id for m in assistant.store.documents(Scope.everything())}
    for doc_id, text in tqdm(docs.items(), desc="index", unit="doc", disable=not progress):
        if doc_id in stored:
            continue
        title = text.split("\n", 1)[0][:120]
        meta = DocumentMeta(
            doc_id=doc_id, title=title, source=f"norquad/{doc_id}", audience="public", doc_type="dataset"
        )
        assistant.store.add_document(chunk_document(document_from_text(text, meta)))


def run(dataset: Path, fmt: str, settings: Settings, corpus: list[Path], work_dir: Path | None = None,
        progress: bool = True, folds: int = 0, fold: int | None = None) -> dict:
    """Build the store, ask every question, return the metrics."""
    owned = work_dir is None
    work = Path(tempfile.mkdtemp(prefix="assistant-eval-")) if work_dir is None else work_dir
    try:
        eval_settings = settings.model_copy(update={"data_dir": work, "chroma_url": None})
        eval_settings.retrieval = eval_settings.retrieval.model_copy(update={"top_k": max(KS)})
        assistant = Assistant(eval_settings)
        if fmt == "norquad":
            texts, questions = load_norquad(dataset)
            build_norquad_store(assistant, texts, progress)
        else:
            questions = load_jsonl(dataset, folds, fold)
            ingest_paths(corpus, assistant.store, progress=progress)
            texts = corpus_texts(corpus)
        outcomes = [
            _ask(assistant, q, texts) for q in tqdm(questions, desc="ask", unit="q", disable=not progress)
        ]
        return metrics(outcomes, fmt)
    finally:
        if owned:
            shutil.rmtree(work, ignore_errors=True)


def _ask(assistant: Assistant, q: Question, texts: dict[str, str]) -> Outcome:
    response = assistant.respond(q.question, q.history, scope=Scope.public())
    answer = response.answer
    return Outcome(q, answer, _gold_rank(response.hits, q), holds_facts(q, answer), citations_valid(answer, texts))


def holds_facts(q: Question, answer: Answer) -> bool:
    """The answer holds one of ``expect_any`` (if given) and every one of ``expect_all``."""
    some = _contains(answer.answer, q.gold) if q.gold else True
    return some and all(_contains(answer.answer, [g]) for g in q.gold_all)


def citations_valid(answer: Answer, texts: dict[str, str]) -> bool:
    """Every citation's quote occurs in the document it names."""
    return all(c.quote in texts.get(c.doc_id, "") for c in answer.citations)


def _gold_rank(hits: list[Hit], q: Question) -> int | None:
    if q.span is None:
        return None
    start, end = q.span
    for hit in hits:
        c = hit.chunk
        if c.doc_id == q.doc_id and c.start <= start and c.end >= end:
            return hit.rank
    return None


def _contains(answer: str, gold: list[str]) -> bool:
    folded = " ".join(answer.lower().split())
    return any(" ".join(g.lower().split()) in folded for g in gold)


def corpus_texts(corpus: list[Path]) -> dict[str, str]:
    texts = {}
    for path in discover(corpus):
        try:
            doc = load_file(path, source=source_of(path))
        except Exception:  # noqa: BLE001 - a file the ingest skipped cannot be cited either
            continue
        texts[doc.meta.doc_id] = doc.text
    return texts


def metrics(outcomes: list[Outcome], fmt: str) -> dict:
    """The figures ``assistant eval`` prints (see the shared eval README for definitions)."""
    n = len(outcomes)
    answerable = [o for o in outcomes if o.question.answerable]
    result: dict = {"n": n}
    if fmt == "norquad":
        for k in KS:
            result[f"recall@{k}"] = _share(answerable, lambda o, k=k: o.rank is not None and o.rank <= k)
        reciprocal_rank_sum = sum(1 / o.rank for o in answerable if o.rank and o.rank <= 10)
        result["mrr@10"] = round(reciprocal_rank_sum / max(len(answerable), 1), 4)
    result["answer_contains"] = _share(answerable, lambda o: o.contains)
    answered = [o for o in outcomes if o.answer.answered]
    result["answer_chars_median"] = statistics.median(len(o.answer.answer) for o in answered) if answered else 0
    result["citation_valid"] = _share(outcomes, lambda o: o.citations_ok)
    result["answered_share"] = _share(outcomes, lambda o: o.answer.answered)
    if fmt == "jsonl":
        result |= _procurement_metrics(outcomes)
    return result


def _procurement_metrics(outcomes: list[Outcome]) -> dict:
    """Right answers and right refusals, apart by language; false refusals and false answers apart."""
    answerable = [o for o in outcomes if o.question.answerable]
    unanswerable = [o for o in outcomes if not o.question.answerable]
    result: dict = {
        "answerable_correct": _share(answerable, _correct),
        "unanswerable_correct": _share(unanswerable, _correct),
        "false_refusals": sum(1 for o in answerable if not o.answer.answered),
        "wrong_answers": sum(1 for o in answerable if o.answer.answered and not _correct(o)),
        "false_answers": sum(1 for o in unanswerable if o.answer.answered),
    }
    for lang in ("nb", "en"):
        result[f"answerable_correct_{lang}"] = _share([o for o in answerable if o.question.lang == lang], _correct)
        result[f"unanswerable_correct_{lang}"] = _share([o for o in unanswerable if o.question.lang == lang], _correct)
    for reason in ("equal_treatment", "out_of_scope", "greeting", "no_evidence"):
        expected = [o for o in unanswerable if o.question.reason == reason]
        if expected:
            result[f"{reason}_correct"] = _share(expected, lambda o, r=reason: o.answer.reason == r)
    internal = [o for o in unanswerable if o.question.category in ("internal", "injection")]
    if internal:
        result["internal_correct"] = _share(internal, _correct)
    result["failures"] = [f"{o.question.qid}: {o.question.question}" for o in outcomes if not _correct(o)]
    return result


def _correct(o: Outcome) -> bool:
    if o.question.answerable:
        return o.answer.answered and o.contains and o.citations_ok
    return not o.answer.answered


def _share(items: list, predicate) -> float:
    return round(sum(1 for i in items if predicate(i)) / len(items), 4) if items else 0.0
