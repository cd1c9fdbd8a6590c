"""Document management for admins: upload, replace, delete, list, re-index, audit log.

Routes are plain ``def``: embedding a file runs in the thread pool, so chat keeps answering.
Deleting a document that came from ``corpus/`` lasts until the file is ingested again.

Uploads go through the same incremental pipeline as ``assistant ingest``. Every change is
written to the audit log with the admin's token fingerprint (never the token).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Literal

import yaml
from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile, status

from api.auth import Caller, require_admin
from api.deps import get_assistant, get_log
from api.schemas import DocumentInfo, DocumentList, ErrorBody
from assistant.errors import LoadError, NotFound
from assistant.models import Scope
from assistant.questionlog import QuestionLog
from assistant.service import Assistant
from ingest.pipeline import IngestReport, ingest_paths
from ingest.sniff import check_suffix

router = APIRouter(
    prefix="/api/admin", tags=["admin"],
    responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 413: {"model": ErrorBody}},
)


def _enabled(request: Request) -> None:
    if not request.app.state.settings.document_management:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Document management over HTTP is switched off.")


@router.get("/documents", response_model=DocumentList, dependencies=[Depends(require_admin)])
def list_all(assistant: Assistant = Depends(get_assistant)) -> DocumentList:
    """Every document, public and internal, with its chunk count."""
    counts = Counter(c.doc_id for c in assistant.cache.get(Scope.everything()).chunks)
    return DocumentList(documents=[DocumentInfo(**m.model_dump(), chunk_count=counts[m.doc_id])
                                   for m in assistant.documents(Scope.everything())])


@router.post("/documents", status_code=201, response_model=DocumentInfo, dependencies=[Depends(_enabled)])
def upload(
    request: Request,
    file: UploadFile = File(description="md, txt, html, pdf or docx; the type is checked by content."),
    audience: Literal["public", "internal"] = Form(
        default="internal", description="Who may see it (default internal)."
    ),
    title: str | None = Form(default=None, max_length=300),
    doc_type: str = Form(default="document", max_length=50, pattern=r"^[a-z_]+$"),
    organisation: str | None = Form(default=None, max_length=200),
    date: str | None = Form(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
    source_url: str | None = Form(default=None, max_length=500),
    caller: Caller = Depends(require_admin),
    assistant: Assistant = Depends(get_assistant),
    log: QuestionLog = Depends(get_log),
) -> DocumentInfo:
    """Add a document (409 if one with the same file name exists; use PUT to replace it)."""
    data, suffix = _read(request, file)
    target = request.app.state.settings.uploads_dir / f"{_safe_stem(file.filename)}{suffix}"
    if target.exists():
        raise HTTPException(status.HTTP_409_CONFLICT, f"{target.name} exists; replace it with PUT.")
    meta = {"audience": audience, "title": title, "doc_type": doc_type, "organisation": organisation, "date": date,
            "source_url": source_url}
    info = _store(target, data, meta, assistant)
    log.audit(caller.actor, "upload", info.doc_id, info.source, f"audience={audience}")
    return info


@router.put("/documents/{doc_id}", response_model=DocumentInfo, dependencies=[Depends(_enabled)])
def replace(
    doc_id: str, request: Request, file: UploadFile = File(description="The new content."),
    caller: Caller = Depends(require_admin), assistant: Assistant = Depends(get_assistant),
    log: QuestionLog = Depends(get_log),
) -> DocumentInfo:
    """Replace an uploaded document's content, keeping its metadata and id."""
    target = _uploaded_path(doc_id, request, assistant)
    data, suffix = _read(request, file)
    if suffix != target.suffix:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, f"The new file must be {target.suffix} like the old one."
        )
    sidecar = Path(f"{target}.meta.yaml")
    meta = yaml.safe_load(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
    info = _store(target, data, meta, assistant, replace=True)
    log.audit(caller.actor, "replace", info.doc_id, info.source)
    return info


@router.delete("/documents/{doc_id}", status_code=204, dependencies=[Depends(_enabled)])
def remove(doc_id: str, request: Request, caller: Caller = Depends(require_admin),
           assistant: Assistant = Depends(get_assistant), log: QuestionLog = Depends(get_log)) -> None:
    """Delete a document from the store (and its file, if it was uploaded)."""
    meta, _ = assistant.document(doc_id, Scope.everything())
    assistant.store.delete_document(doc_id)
    assistant.cache.invalidate()
    path = Path(meta.location or meta.source)  # where the file lies; `source` is its public name
    if _is_upload(path, request):
        path.unlink(missing_ok=True)
        Path(f"{path}.meta.yaml").unlink(missing_ok=True)
    log.audit(caller.actor, "delete", doc_id, meta.source)


@router.post("/reindex", dependencies=[Depends(_enabled)])
def reindex(request: Request, caller: Caller = Depends(require_admin), assistant: Assistant = Depends(get_assistant),
            log: QuestionLog = Depends(get_log)) -> dict:
    """Bring the store in line with the corpus folders and the uploads (incremental)."""
    settings = request.app.state.settings
    folders = [*settings.corpus_paths, settings.uploads_dir, request.app.state.qa_book.folder]  # qa: published answers
    for folder in folders[-2:]:
        folder.mkdir(parents=True, exist_ok=True)
    report = ingest_paths(folders, assistant.store, progress=False,
                          max_bytes=settings.max_file_bytes, base=settings.data_dir)
    assistant.cache.invalidate()
    log.audit(caller.actor, "reindex", detail=report.summary())
    return _report(report)


@router.get("/audit", dependencies=[Depends(require_admin)])
def audit_log(log: QuestionLog = Depends(get_log)) -> list[dict]:
    """Who changed which document, and when (newest first)."""
    return log.audit_entries()


def _read(request: Request, file: UploadFile) -> tuple[bytes, str]:
    limit = request.app.state.settings.max_file_bytes
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, f"The file is larger than {limit} bytes.")
    if not data:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "The file is empty.")
    try:
        return data, check_suffix(Path(file.filename or "").suffix, data)
    except LoadError as err:
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, f"{file.filename}: {err}") from err


def _store(target: Path, data: bytes, meta: dict, assistant: Assistant, replace: bool = False) -> DocumentInfo:
    """Write the file and its sidecar, ingest it; on failure leave no trace of the new file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    sidecar = Path(f"{target}.meta.yaml")
    backup = target.read_bytes() if replace else None
    target.write_bytes(data)
    sidecar.write_text(yaml.safe_dump({k: v for k, v in meta.items() if v is not None}, allow_unicode=True), "utf-8")
    report = ingest_paths([target], assistant.store, progress=False, base=target.parent.parent)  # uploads/x.md
    assistant.cache.invalidate()  # searched next, not after the cache's next revision check (up to 2 s)
    if report.skipped:
        if backup is not None:
            target.write_bytes(backup)
        else:
            target.unlink(missing_ok=True)
            sidecar.unlink(missing_ok=True)
        skipped = report.skipped[0]
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"{skipped.reason}: {skipped.message}")
    found = [m for m in assistant.documents(Scope.everything())
             if Path(m.location or m.source).resolve() == target.resolve()]
    return DocumentInfo(**found[0].model_dump())


def _uploaded_path(doc_id: str, request: Request, assistant: Assistant) -> Path:
    try:
        meta, _ = assistant.document(doc_id, Scope.everything())
    except NotFound:
        raise
    path = Path(meta.location or meta.source)  # where the file lies; `source` is its public name
    if not _is_upload(path, request):
        raise HTTPException(status.HTTP_409_CONFLICT, "Only uploaded documents can be replaced over HTTP; "
                            "change corpus files in the repository and re-index.")
    return path


def _is_upload(path: Path, request: Request) -> bool:
    uploads = request.app.state.settings.uploads_dir.resolve()
    return path.resolve().is_relative_to(uploads)


def _safe_stem(filename: str | None) -> str:
    stem = Path(filename or "document").stem
    return re.sub(r"[^A-Za-z0-9æøåÆØÅ_-]+", "-", stem).strip("-")[:80] or "document"


def _report(report: IngestReport) -> dict:
    return {"summary": report.summary(), "added": report.added, "updated": report.updated,
            "removed": report.removed, "skipped": [s.__dict__ for s in report.skipped]}
