"""The baseline phase: plain LangChain over the same files and the same embedding model.

Text comes from our ``load_file`` (untimed), so extraction is equal; what is timed is
``RecursiveCharacterTextSplitter`` + ``E5Embeddings`` + ``Chroma.from_texts`` into a fresh
``PersistentClient``. Queries are ``similarity_search(q, k=5)``: retrieval only, no answer.
"""

from __future__ import annotations

import time
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_text_splitters import RecursiveCharacterTextSplitter
from workload import input_paths, load_questions, peak_rss_mib, percentiles, progress, time_ms

from assistant.embeddings import E5Embeddings
from ingest.loaders import load_file
from ingest.pipeline import discover, source_of

WARM_UP = 3


def run(work: Path) -> dict:
    embeddings = E5Embeddings()
    embeddings.embed_query("oppvarming")
    texts = [load_file(p, source=source_of(p)) for p in discover(input_paths(work))]
    client = chromadb.PersistentClient(path=str(work / "baseline"), settings=ChromaSettings(anonymized_telemetry=False))
    progress("baseline: ingest started")
    start = time.perf_counter()
    store, chunks = build(texts, embeddings, client)
    seconds = time.perf_counter() - start
    progress(f"baseline: ingest done, {len(texts)} documents, {chunks} chunks in {seconds:.1f} s")
    result = {"ingest_s": seconds, "documents": len(texts), "chunks": chunks}
    result.update(query_latency(store, embeddings, load_questions(work)))
    result["peak_rss_mib"] = peak_rss_mib()
    return result


def build(docs: list, embeddings: E5Embeddings, client: chromadb.ClientAPI) -> tuple[Chroma, int]:
    """Split, embed and store: the whole of a plain LangChain ingest."""
    splitter = RecursiveCharacterTextSplitter(chunk_size=800, chunk_overlap=100)
    texts, metadatas = [], []
    for doc in docs:
        for piece in splitter.split_text(doc.text):
            texts.append(piece)
            metadatas.append({"source": doc.meta.source, "title": doc.meta.title, "audience": doc.meta.audience})
    store = Chroma.from_texts(texts, embeddings, metadatas=metadatas, client=client, collection_name="baseline")
    return store, len(texts)


def query_latency(store: Chroma, embeddings: E5Embeddings, questions: list[str]) -> dict:
    progress(f"baseline: {len(questions)} questions in process")
    for question in questions[:WARM_UP]:
        store.similarity_search(question, k=5)
    search, floor = [], []
    for question in questions:
        floor.append(time_ms(embeddings.embed_query, question))
        search.append(time_ms(store.similarity_search, question, k=5))
    progress("baseline: queries done")
    return {"search_ms": percentiles(search), "floor_ms": percentiles(floor)}
