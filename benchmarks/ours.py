"""The "ours" phase: ``ingest_paths`` into a fresh embedded store, then ``Assistant.ask`` latency.

Runs in its own process (``bench.py --phase ours``) so its peak RSS is its own. The store
is left in ``work/ours`` for the HTTP phase to serve.
"""

from __future__ import annotations

import time
from pathlib import Path

from workload import input_paths, load_questions, peak_rss_mib, percentiles, progress, time_ms

from assistant.config import Settings
from assistant.embeddings import E5Embeddings
from assistant.models import Scope
from assistant.service import Assistant
from assistant.store import ChunkStore
from assistant.text import sentence_spans
from ingest.loaders import load_file
from ingest.pipeline import discover, ingest_paths, source_of

WARM_UP = 3


def run(work: Path) -> dict:
    embeddings = E5Embeddings()
    embeddings.embed_query("oppvarming")  # model load and first-call costs stay out of the figures
    settings = Settings(data_dir=work / "ours")
    store = ChunkStore(settings, embeddings)
    result = ingest(store, work)
    result["load_s"] = load_seconds(work)
    assistant = Assistant(settings, embeddings=embeddings, store=store)
    result.update(query_latency(assistant, load_questions(work)))
    result["peak_rss_mib"] = peak_rss_mib()
    return result


def ingest(store: ChunkStore, work: Path) -> dict:
    progress("ours: ingest started")
    start = time.perf_counter()
    report = ingest_paths(input_paths(work), store, progress=False)
    seconds = time.perf_counter() - start
    chunks = store.chunks(None)
    sentences = sum(len(sentence_spans(c.text)) for c in chunks)
    progress(f"ours: ingest done, {report.summary()} in {seconds:.1f} s")
    return {"ingest_s": seconds, "documents": len(report.added), "chunks": report.chunks,
            "sentences": sentences, "skipped": len(report.skipped)}


def load_seconds(work: Path) -> float:
    """Time spent on text extraction alone (part of our ingest figure, outside the baseline's)."""
    start = time.perf_counter()
    for path in discover(input_paths(work)):
        load_file(path, source=source_of(path))
    return time.perf_counter() - start


def query_latency(assistant: Assistant, questions: list[str]) -> dict:
    """``ask``, its stages and the bare query embedding, interleaved per question so load drift hits all alike."""
    progress(f"ours: {len(questions)} questions in process")
    scope = Scope.public()
    for question in questions[:WARM_UP]:
        assistant.ask(question)
    ask, floor, search, answer = [], [], [], []
    for question in questions:
        floor.append(time_ms(assistant.embeddings.embed_query, question))
        ask.append(time_ms(assistant.ask, question))
        start = time.perf_counter()
        found = assistant.search_engine.search(question, scope)
        search.append((time.perf_counter() - start) * 1000)
        answer.append(time_ms(assistant.answerer.answer, question, found, scope))
    progress("ours: queries done")
    return {"ask_ms": percentiles(ask), "floor_ms": percentiles(floor),
            "search_ms": percentiles(search), "answer_ms": percentiles(answer)}
