"""``assistant eval --mode generative``: the generative answerer beside the extractive one, in one run.

Every question is answered both ways over the same store, so the answer figures and the latency
per answer (p50/p95) compare like with like. Generative figures:

    model_calls             questions that reached the model
    policy_reached_model    questions refused for policy that reached it anyway (must be 0)
    sentences_verified_share  verified sentences / sentences the model proposed
    fallback_share          share of model calls that ended in the extractive answer
    unsupported_shown       shown sentences with a hard fact (digits, e-mail, URL, capitalised name,
                            month or weekday) that is not in the cited chunk — an independent check
                            written apart from the verifier (assistant/answer/verify.py), not its code
    citation_recall/_precision  ALCE-style (Gao et al., 2023), with multilingual e5 similarity at the
                            verifier's threshold standing in for the NLI model ALCE uses: a sentence is
                            supported when its cited quotes together reach the threshold; a citation is
                            irrelevant when its sentence is unsupported, or when it alone does not reach
                            the threshold and the others without it do.
"""

from __future__ import annotations

import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from tqdm import tqdm

from assistant import evaluate
from assistant.answer.generative import POLICY_REASONS, GenerativeAnswerer
from assistant.answer.verify import Verifier
from assistant.config import Settings
from assistant.models import Answer, Scope
from assistant.service import Assistant
from ingest.pipeline import ingest_paths

_SENTENCE = re.compile(r"(.+?) ((?:\[\d+\])+)[.!?…]*(?:\s+|$)", re.S)
_DIGITS = re.compile(r"\d+")
_EMAIL_OR_URL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|https?://\S+|www\.\S+")
_CAPITALISED = re.compile(r"(?<=[\s(,;])([A-ZÆØÅ][\wæøåÆØÅ-]{2,})")
_EN_TO_NB = dict(zip(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split(),
    "januar februar mars april mai juni juli august september oktober november desember "
    "mandag tirsdag onsdag torsdag fredag lørdag søndag".split(), strict=True))
_NOT_NAMES = {"the", "this", "that", "there", "they", "these", "those", "english", "norwegian"}


def run(dataset: Path, fmt: str, settings: Settings, corpus: list[Path], work_dir: Path | None = None,
        progress: bool = True, limit: int | None = None) -> dict:
    """Build the store, answer every question both ways, return both sets of figures."""
    owned = work_dir is None
    work = Path(tempfile.mkdtemp(prefix="assistant-eval-gen-")) if work_dir is None else work_dir
    try:
        eval_settings = settings.model_copy(update={
            "data_dir": work, "chroma_url": None,
            "answer": settings.answer.model_copy(update={"mode": "generative"}),
            "retrieval": settings.retrieval.model_copy(update={"top_k": max(evaluate.KS)}),
        })
        assistant = Assistant(eval_settings)
        questions, texts = _questions(assistant, dataset, fmt, corpus, limit, progress)
        return _compare(assistant, questions, texts, fmt, progress)
    finally:
        if owned:
            shutil.rmtree(work, ignore_errors=True)


def _questions(assistant: Assistant, dataset: Path, fmt: str, corpus: list[Path], limit: int | None,
               progress: bool) -> tuple[list[evaluate.Question], dict[str, str]]:
    if fmt == "norquad":
        texts, questions = evaluate.load_norquad(dataset)
        questions = questions[:limit] if limit else questions
        texts = {q.doc_id: texts[q.doc_id] for q in questions if q.doc_id} if limit else texts
        evaluate.build_norquad_store(assistant, texts, progress)
        return questions, texts
    ingest_paths(corpus, assistant.store, progress=progress)
    questions = evaluate.load_jsonl(dataset)
    return (questions[:limit] if limit else questions), evaluate.corpus_texts(corpus)


def _compare(assistant: Assistant, questions: list[evaluate.Question], texts: dict[str, str], fmt: str,
             progress: bool) -> dict:
    generative = assistant.answerer
    if not isinstance(generative, GenerativeAnswerer):
        raise TypeError("generative evaluation needs the generative answerer")
    outcomes: dict[str, list[evaluate.Outcome]] = {"extractive": [], "generative": []}
    latency: dict[str, list[float]] = {"extractive": [], "generative": []}
    reached: list[bool] = []
    for q in tqdm(questions, desc="ask (both modes)", unit="q", disable=not progress):
        for mode, answerer in (("extractive", generative.extractive), ("generative", generative)):
            assistant.answerer = answerer
            calls = generative.stats.calls
            started = time.perf_counter()
            outcomes[mode].append(evaluate._ask(assistant, q, texts))
            latency[mode].append((time.perf_counter() - started) * 1000)
        reached.append(generative.stats.calls > calls)
    assistant.answerer = generative
    result: dict = {"n": len(questions)}
    for mode in outcomes:
        result[mode] = evaluate.metrics(outcomes[mode], fmt) | _latency(latency[mode])
    result["generative"] |= _generative_figures(assistant, generative, outcomes["generative"], reached)
    return result


def _generative_figures(assistant: Assistant, generative: GenerativeAnswerer, outcomes: list[evaluate.Outcome],
                        reached: list[bool]) -> dict:
    stats = generative.stats
    answers = [o.answer for o in outcomes]
    called = [a for a, r in zip(answers, reached, strict=True) if r]
    policy_reached = sum(1 for a in called if a.reason in POLICY_REASONS)
    shown = [s for a in answers if a.mode == "generative" for s in shown_sentences(a)]
    chunks = {c.chunk_id: c.text for c in assistant.cache.get(Scope.everything()).chunks}
    verifier = Verifier(assistant.embeddings, assistant.settings.llm.verify_similarity)
    recall, precision = _alce(verifier, shown, assistant.settings.llm.verify_similarity)
    return {
        "model_calls": len(called),
        "policy_reached_model": policy_reached,
        "generative_answers": sum(1 for a in answers if a.mode == "generative"),
        "sentences_proposed": stats.proposed,
        "sentences_verified": stats.verified,
        "sentences_verified_share": round(stats.verified / stats.proposed, 4) if stats.proposed else 0.0,
        "fallback_share": round(sum(1 for a in called if a.mode != "generative") / len(called), 4) if called else 0.0,
        "model_errors": stats.errors,
        "dropped_by_reason": dict(stats.dropped),
        "unsupported_shown": sum(1 for text, cites in shown if unsupported(text, [chunks.get(c.chunk_id, "")
                                                                                  for c in cites])),
        "citation_recall": recall,
        "citation_precision": precision,
    }


def shown_sentences(answer: Answer) -> list[tuple[str, list]]:
    """Each sentence of a generative answer with the citations its markers name."""
    by_n = {c.n: c for c in answer.citations}
    return [(m[1].strip(), [by_n[int(n)] for n in re.findall(r"\d+", m[2]) if int(n) in by_n])
            for m in _SENTENCE.finditer(answer.answer)]


def unsupported(sentence: str, cited_chunks: list[str]) -> bool:
    """The independent check: a digit run, e-mail/URL, month/weekday or capitalised word of the sentence
    that the cited chunks do not contain (lower-cased; a name may be inflected there)."""
    source = " ".join(cited_chunks).lower()
    digits = set(_DIGITS.findall(source))
    if any(d not in digits for d in _DIGITS.findall(sentence)):
        return True
    if any(x.lower().rstrip(".,") not in source for x in _EMAIL_OR_URL.findall(sentence)):
        return True
    for word in _CAPITALISED.findall(sentence):
        lower = word.lower()
        if lower in _NOT_NAMES:
            continue
        if _EN_TO_NB.get(lower, lower[:5]) not in source:
            return True
    return False


def _alce(verifier: Verifier, shown: list[tuple[str, list]], threshold: float) -> tuple[float, float]:
    def supports(sentence: str, cites: list) -> bool:
        return bool(cites) and verifier.similarity(sentence, " ".join(c.quote for c in cites)) >= threshold

    if not shown:
        return 0.0, 0.0
    supported = [supports(text, cites) for text, cites in shown]
    total = relevant = 0
    for (text, cites), ok in zip(shown, supported, strict=True):
        total += len(cites)
        if ok:  # as in ALCE, the citations of an unsupported sentence count as irrelevant
            relevant += sum(1 for c in cites
                            if len(cites) == 1 or supports(text, [c])
                            or not supports(text, [o for o in cites if o is not c]))
    return round(sum(supported) / len(shown), 4), round(relevant / total, 4) if total else 0.0


def _latency(values: list[float]) -> dict:
    if not values:
        return {}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"latency_ms_p50": round(statistics.median(ordered), 1), "latency_ms_p95": round(p95, 1)}
