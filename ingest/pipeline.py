"""Incremental, idempotent ingest: unchanged documents are skipped, changed ones replaced,
removed ones deleted; a bad file is reported with its reason and the rest goes in.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from assistant.errors import LoadError
from assistant.models import Document
from assistant.store import ChunkStore
from ingest.chunking import chunk_document
from ingest.loaders import SUPPORTED_SUFFIXES, load_file

log = logging.getLogger(__name__)

# Bump when chunking changes, so every document is re-chunked on the next run.
PIPELINE_VERSION = "1"
# Load failures that make a file's audience unknown: its stored version is withdrawn rather than kept.
FAIL_CLOSED = {"bad_audience", "bad_front_matter"}


@dataclass
class Skipped:
    source: str
    reason: str
    message: str


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    chunks: int = 0

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed, {len(self.skipped)} skipped ({self.chunks} chunks written)"
        )


def discover(paths: Iterable[Path]) -> list[Path]:
    """Supported files under the given files and folders, sorted; sidecars and hidden files left out."""
    found: set[Path] = set()
    for path in paths:
        candidates = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for p in candidates:
            hidden = any(part.startswith(".") for part in p.parts if part not in (".", ".."))
            if p.suffix.lower() in SUPPORTED_SUFFIXES and not hidden:
                found.add(p)
    return sorted(found)


def source_of(path: Path) -> str:
    """The path recorded for a document: relative to the working folder when inside it."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def ingest_paths(
    paths: list[Path], store: ChunkStore, *, default_audience: str | None = None,
    max_bytes: int = 20 * 1024 * 1024, progress: bool = True,
) -> IngestReport:
    """Bring the store in line with the files under ``paths``; see the module docstring."""
    missing = [p for p in paths if not p.exists()]
    report = IngestReport(skipped=[Skipped(str(p), "missing", f"{p}: no such file or folder") for p in missing])
    stored = {m.source: m for m in store.documents()}
    seen: set[str] = set()
    # Only documents whose file is still there count as originals: a renamed file is not a duplicate.
    texts: dict[str, str] = {m.text_hash: m.source for m in stored.values() if m.text_hash and Path(m.source).exists()}
    files = discover(p for p in paths if p.exists())
    for path in tqdm(files, desc="ingest", unit="file", disable=not progress):
        source = source_of(path)
        seen.add(source)
        _ingest_one(path, source, store, stored, texts, report, default_audience, max_bytes)
    _remove_missing(paths, stored, seen, store, report)
    log.info("ingest finished", extra={"event": "ingest", "summary": report.summary()})
    return report


def _ingest_one(path, source, store, stored, texts, report, default_audience, max_bytes) -> None:
    try:
        doc = load_file(path, source=source, default_audience=default_audience, max_bytes=max_bytes)
    except LoadError as err:
        report.skipped.append(Skipped(source, err.reason, str(err)))
        log.warning("file skipped", extra={"event": "skip", "source": source, "reason": err.reason})
        if err.reason in FAIL_CLOSED and source in stored:
            # Its metadata can no longer be trusted (was it reclassified as internal?): withdraw the old version.
            store.delete_document(stored[source].doc_id)
            report.removed.append(source)
        return
    text_hash = hashlib.sha256(doc.text.encode()).hexdigest()
    if texts.get(text_hash, source) != source:
        report.skipped.append(Skipped(source, "duplicate", f"{source}: same text as {texts[text_hash]}; skipped"))
        return
    texts[text_hash] = source
    doc.meta.text_hash = text_hash
    doc.meta.content_hash = fingerprint(doc)
    previous = stored.get(source)
    if previous and previous.content_hash == doc.meta.content_hash:
        report.unchanged.append(source)
        return
    report.chunks += write_document(doc, store)
    (report.updated if previous else report.added).append(source)


def write_document(doc: Document, store: ChunkStore) -> int:
    """Chunk and store one document, replacing any earlier version; returns the chunk count."""
    chunks = chunk_document(doc)
    store.add_document(chunks)
    return len(chunks)


def fingerprint(doc: Document) -> str:
    """What decides "unchanged": the file's bytes, its resulting metadata and the pipeline version."""
    meta = doc.meta.model_dump(exclude={"content_hash", "text_hash"})
    raw = f"{doc.meta.content_hash}|{sorted(meta.items())}|{PIPELINE_VERSION}"
    return hashlib.sha256(raw.encode()).hexdigest()


def _remove_missing(paths, stored, seen, store, report) -> None:
    """Delete stored documents that came from one of the given folders and are no longer there."""
    roots = [source_of(p) for p in paths if p.is_dir()]
    for source, meta in stored.items():
        if source not in seen and any(_inside(source, root) for root in roots):
            store.delete_document(meta.doc_id)
            report.removed.append(source)


def _inside(source: str, folder: str) -> bool:
    """Whether a recorded source lies in a folder; the working folder itself is recorded as "."."""
    if folder == ".":
        return not Path(source).is_absolute()
    return source.startswith(folder.rstrip("/") + "/")
