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
    """Where a file lies (its ``location``): relative to the working folder when inside it, else absolute."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def public_source(path: Path, root: Path, base: Path | None = None) -> str:
    """The name users see for a file: relative to ``base`` or the working folder when inside one, else
    relative to the folder it was ingested from (named by that folder), else its file name.

    Never a path on the server: ``/srv/data/uploads/svar.md`` is shown as ``uploads/svar.md``.
    """
    resolved = path.resolve()
    for anchor in ([base.resolve()] if base else []) + [Path.cwd().resolve()]:
        if resolved.is_relative_to(anchor) and anchor != Path(anchor.anchor):
            return resolved.relative_to(anchor).as_posix()
    top = root.resolve()
    if top.is_dir() and resolved.is_relative_to(top):
        return (Path(top.name) / resolved.relative_to(top)).as_posix()
    return resolved.name


def ingest_paths(
    paths: list[Path], store: ChunkStore, *, default_audience: str | None = None,
    max_bytes: int = 20 * 1024 * 1024, progress: bool = True, base: Path | None = None,
) -> IngestReport:
    """Bring the store in line with the files under ``paths``; see the module docstring.

    Documents are told apart by where their file lies; users see it as :func:`public_source` names it.
    """
    missing = [p for p in paths if not p.exists()]
    report = IngestReport(skipped=[Skipped(str(p), "missing", f"{p}: no such file or folder") for p in missing])
    stored = {_where(m): m for m in store.documents()}
    seen: set[str] = set()
    # Only documents whose file is still there count as originals: a renamed file is not a duplicate.
    texts: dict[str, str] = {
        m.text_hash: _where(m) for m in stored.values() if m.text_hash and Path(_where(m)).exists()
    }
    for root in (p for p in paths if p.exists()):
        for path in tqdm(discover([root]), desc="ingest", unit="file", disable=not progress):
            location = source_of(path)
            if location in seen:
                continue
            seen.add(location)
            shown = public_source(path, root, base)
            _ingest_one(path, (location, shown), store, stored, texts, report, default_audience, max_bytes)
    _remove_missing(paths, stored, seen, store, report)
    log.info("ingest finished", extra={"event": "ingest", "summary": report.summary()})
    return report


def _where(meta) -> str:
    """Where a stored document's file lies (documents stored before ``location`` existed kept it in ``source``)."""
    return meta.location or meta.source


def _ingest_one(path, names, store, stored, texts, report, default_audience, max_bytes) -> None:
    source, shown = names
    try:
        doc = load_file(path, source=shown, location=source, default_audience=default_audience, max_bytes=max_bytes)
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
