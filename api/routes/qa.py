"""Official answers over HTTP: case workers save drafts; admins publish, edit and withdraw.

Publishing writes the answer as a public ``qa`` Markdown document in the data dir's ``qa``
folder and ingests it at once with the ordinary pipeline, so the widget answers from it for
everyone; every change is written to the audit log. The public list is the page ``/qa``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field

from api.auth import Caller, Role, require_admin, require_caseworker
from api.deps import get_assistant, get_log
from api.schemas import ErrorBody
from assistant.models import Scope
from assistant.qa import MAX_ANSWER, MAX_QUESTION, QaBook, render
from assistant.questionlog import QuestionLog
from assistant.service import Assistant
from ingest.pipeline import ingest_paths

router = APIRouter(
    prefix="/api/qa", tags=["official answers"],
    responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 404: {"model": ErrorBody},
               422: {"model": ErrorBody}},
)


class QaText(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_QUESTION, description="The question as it will be published "
                          "(no supplier's identity).", examples=["Når er fristen for å levere tilbud?"])
    answer: str = Field(min_length=1, max_length=MAX_ANSWER, description="The municipality's answer.")


class QaAnswer(BaseModel):
    id: int
    status: str = Field(description="draft, published or withdrawn.")
    number: int | None = Field(description="«Spørsmål og svar nr. N» once published.")
    question: str
    answer: str
    created_at: str
    updated_at: str
    published_on: str | None = Field(description="Date of publication (ISO).")


def get_book(request: Request) -> QaBook:
    return request.app.state.qa_book


@router.get("/answers", response_model=list[QaAnswer])
def list_answers(caller: Caller = Depends(require_caseworker), book: QaBook = Depends(get_book)) -> list[dict]:
    """Drafts, published and withdrawn answers, newest number first."""
    return book.list()


@router.post("/answers", status_code=201, response_model=QaAnswer)
def save_draft(body: QaText, caller: Caller = Depends(require_caseworker), book: QaBook = Depends(get_book),
               log: QuestionLog = Depends(get_log)) -> dict:
    """Save a new draft (case workers and admins)."""
    row = book.save_draft(body.question, body.answer)
    log.audit(caller.actor, "qa_draft", detail=f"answer {row['id']}")
    return row


@router.put("/answers/{qa_id}", response_model=QaAnswer)
def change(qa_id: int, body: QaText, caller: Caller = Depends(require_caseworker), book: QaBook = Depends(get_book),
           assistant: Assistant = Depends(get_assistant), log: QuestionLog = Depends(get_log)) -> dict:
    """Change a draft (case workers), or a published answer (admins; re-ingested at once)."""
    if book.get(qa_id)["status"] != "published":
        row = book.save_draft(body.question, body.answer, qa_id)
        log.audit(caller.actor, "qa_draft", detail=f"answer {qa_id}")
        return row
    _admin(caller)
    row = book.edit(qa_id, body.question, body.answer)
    doc_id = _write_and_ingest(book, row, assistant)
    log.audit(caller.actor, "qa_edit", doc_id, book.path(row).name, f"nr. {row['number']}")
    return row


@router.post("/answers/{qa_id}/publish", response_model=QaAnswer)
def publish(qa_id: int, body: QaText | None = None, caller: Caller = Depends(require_admin),
            book: QaBook = Depends(get_book), assistant: Assistant = Depends(get_assistant),
            log: QuestionLog = Depends(get_log)) -> dict:
    """Publish a draft to everyone: numbered, dated, ingested as a public ``qa`` document (admins)."""
    row = book.publish(qa_id, body.question if body else None, body.answer if body else None)
    try:
        doc_id = _write_and_ingest(book, row, assistant)
    except HTTPException:
        book.back_to_draft(qa_id)
        raise
    log.audit(caller.actor, "qa_publish", doc_id, book.path(row).name, f"nr. {row['number']}")
    return row


@router.post("/answers/{qa_id}/withdraw", response_model=QaAnswer)
def withdraw(qa_id: int, caller: Caller = Depends(require_admin), book: QaBook = Depends(get_book),
             assistant: Assistant = Depends(get_assistant), log: QuestionLog = Depends(get_log)) -> dict:
    """Take a published answer back: its document leaves the store; its number is not reused (admins)."""
    row = book.withdraw(qa_id)
    path = book.path(row)
    doc_id = _document_of(path, assistant)
    if doc_id:
        assistant.store.delete_document(doc_id)
        assistant.cache.invalidate()
    path.unlink(missing_ok=True)
    log.audit(caller.actor, "qa_withdraw", doc_id, path.name, f"nr. {row['number']}")
    return row


def _admin(caller: Caller) -> None:
    if caller.role < Role.admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Publishing, editing and withdrawing need the admin role.")


def _write_and_ingest(book: QaBook, row: dict, assistant: Assistant) -> str:
    """Write the answer's document and ingest it now; returns its doc_id."""
    path = book.path(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(row), encoding="utf-8")
    report = ingest_paths([path], assistant.store, progress=False, base=book.folder.parent)  # shown as qa/<file>
    assistant.cache.invalidate()  # answered from at once, not after the next revision check
    doc_id = _document_of(path, assistant)
    if report.skipped or not doc_id:
        path.unlink(missing_ok=True)
        reason = report.skipped[0].message if report.skipped else "not found after ingest"
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"The answer could not be published: {reason}")
    return doc_id


def _document_of(path: Path, assistant: Assistant) -> str | None:
    found = [m for m in assistant.documents(Scope.public()) if m.doc_type == "qa" and Path(m.source).name == path.name]
    return found[0].doc_id if found else None
