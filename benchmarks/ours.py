"""The "ours" phase: ``ingest_paths`` into a fresh embedded store, then ``Assistant.ask`` latency.

Runs in its own process (``bench.py --phase ours``) so its peak RSS is its own. The store
is left in ``work/ours`` for the HTTP phase to serve.
"""

from __future__ import annotations

import time
from pathlib import Path

from langchain_core.embeddings import Embeddings
from workload import input_paths, load_questions, peak_rss_mib, percentiles, progress, time_ms

from assistant.config import Settings
from assistant.embeddings import E5Embeddings, model_id
from assistant.models import Scope
from assistant.service import Assistant
from assistant.store import ChunkStore
from assistant.text import sentence_spans
from ingest.loaders import load_file
from ingest.pipeline import discover, ingest_paths, source_of

WARM_UP = 3


class StageTimer(Embeddings):
    """Passes calls through and remembers how long the last query embedding took."""

    def __init__(self, inner: Embeddings) -> None:
        self.inner, self.model_id, self.last_ms = inner, model_id(inner), 0.0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        start = time.perf_counter()
        vector = self.inner.embed_query(text)
        self.last_ms = (time.perf_counter() - start) * 1000
        return vector


def run(work: Path) -> dict:
    embeddings = E5Embeddings()
    embeddings.embed_query("oppvarming")  # model load and first-call costs stay out of the figures
    settings = Settings(data_dir=work / "ours")
    store = ChunkStore(settings, embeddings)
    result = ingest(store, work)
    result["load_s"] = load_seconds(work)
    assistant = Assistant(settings, embeddings=StageTimer(embeddings), store=store)
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
    timer = assistant.embeddings
    assert isinstance(timer, StageTimer)
    for question in questions[:WARM_UP]:
        assistant.ask(question)
    samples: dict[str, list[float]] = {"ask_ms": [], "floor_ms": [], "embed_ms": [], "retrieve_ms": [], "answer_ms": []}
    for question in questions:
        samples["floor_ms"].append(time_ms(timer.inner.embed_query, question))
        samples["ask_ms"].append(time_ms(assistant.ask, question))
        for stage, ms in stages(assistant, timer, question).items():
            samples[stage].append(ms)
    progress("ours: queries done")
    return {name: percentiles(values) for name, values in samples.items()}


def stages(assistant: Assistant, timer: StageTimer, question: str) -> dict[str, float]:
    """One ``respond`` taken apart: query embedding, the rest of retrieval, answering."""
    scope = Scope.public()
    start = time.perf_counter()
    found = assistant.search_engine.search(question, scope)
    search_ms = (time.perf_counter() - start) * 1000
    answer_ms = time_ms(assistant.answerer.answer, question, found, scope)
    return {"embed_ms": timer.last_ms, "retrieve_ms": search_ms - timer.last_ms, "answer_ms": answer_ms}
