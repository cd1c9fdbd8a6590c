"""Official answers to the public: drafts, publishing, withdrawing (the equal-treatment loop).

A case worker turns a question from the log into a draft; an admin publishes it. Publishing
gives the answer the next number ("Spørsmål og svar nr. N") and the day's date and renders it
as a Markdown document with front matter (``doc_type: qa``, ``audience: public``), which the
API then ingests like any other document, so retrieval finds and prefers it. Numbers are never
reused, also after a withdrawal. Nothing here knows about HTTP or the ingest pipeline.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, func, insert, select, update
from sqlalchemy.engine import Engine

from assistant.errors import InvalidInput, NotFound
from assistant.pii import mask

metadata = MetaData()
answers = Table(
    "qa_answers", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("status", String(16), nullable=False),  # draft, published, withdrawn
    Column("number", Integer, unique=True),
    Column("question", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("published_on", String(10)),
)
MAX_QUESTION, MAX_ANSWER = 2000, 8000


class QaBook:
    """The official answers, in the question log's database."""

    def __init__(self, engine: Engine, folder: Path) -> None:
        self.engine, self.folder = engine, folder
        metadata.create_all(engine)

    def list(self, status: str | None = None) -> list[dict]:
        query = select(answers).order_by(answers.c.number.desc().nulls_first(), answers.c.id.desc())
        if status:
            query = query.where(answers.c.status == status)
        with self.engine.connect() as conn:
            return [_row(r) for r in conn.execute(query).mappings()]

    def get(self, qa_id: int) -> dict:
        with self.engine.connect() as conn:
            row = conn.execute(select(answers).where(answers.c.id == qa_id)).mappings().first()
        if row is None:
            raise NotFound(f"No answer with id {qa_id}.")
        return _row(row)

    def save_draft(self, question: str, answer: str, qa_id: int | None = None) -> dict:
        """Create a draft, or change the text of one; a published answer is changed with :meth:`edit`."""
        question, answer = _checked(question, answer)
        now = _now()
        with self.engine.begin() as conn:
            if qa_id is None:
                qa_id = conn.execute(insert(answers).values(
                    status="draft", question=question, answer=answer, created_at=now, updated_at=now,
                ).returning(answers.c.id)).scalar_one()
            elif self.get(qa_id)["status"] != "draft":
                raise InvalidInput("Only a draft can be saved as a draft; edit a published answer instead.")
            else:
                conn.execute(update(answers).where(answers.c.id == qa_id).values(
                    question=question, answer=answer, updated_at=now))
        return self.get(qa_id)

    def publish(self, qa_id: int, question: str | None = None, answer: str | None = None) -> dict:
        """Give a draft the next number and today's date; returns the published row."""
        row = self.get(qa_id)
        if row["status"] == "published":
            raise InvalidInput(f"Answer {qa_id} is published already (nr. {row['number']}).")
        question, answer = _checked(question or row["question"], answer or row["answer"])
        if mask(question) != question:
            raise InvalidInput("The question still holds personal data (an e-mail address, phone or ID number); "
                               "write it without them before it is published to everyone.")
        with self.engine.begin() as conn:
            number = (conn.execute(select(func.max(answers.c.number))).scalar() or 0) + 1
            conn.execute(update(answers).where(answers.c.id == qa_id).values(
                status="published", number=number, question=question, answer=answer, updated_at=_now(),
                published_on=_now().date().isoformat()))
        return self.get(qa_id)

    def edit(self, qa_id: int, question: str, answer: str) -> dict:
        """Change a published answer's text, keeping its number and date."""
        if self.get(qa_id)["status"] != "published":
            raise InvalidInput("Only a published answer can be edited; save a draft instead.")
        question, answer = _checked(question, answer)
        with self.engine.begin() as conn:
            conn.execute(update(answers).where(answers.c.id == qa_id).values(
                question=question, answer=answer, updated_at=_now()))
        return self.get(qa_id)

    def back_to_draft(self, qa_id: int) -> dict:
        """Undo a publication whose document could not be ingested (its number is freed again)."""
        with self.engine.begin() as conn:
            conn.execute(update(answers).where(answers.c.id == qa_id).values(
                status="draft", number=None, published_on=None, updated_at=_now()))
        return self.get(qa_id)

    def withdraw(self, qa_id: int) -> dict:
        if self.get(qa_id)["status"] != "published":
            raise InvalidInput("Only a published answer can be withdrawn.")
        with self.engine.begin() as conn:
            conn.execute(update(answers).where(answers.c.id == qa_id).values(status="withdrawn", updated_at=_now()))
        return self.get(qa_id)

    def path(self, row: dict) -> Path:
        """Where a published answer's document lives (one file per number)."""
        return self.folder / f"sporsmal-og-svar-{row['number']:03d}.md"


def title(number: int) -> str:
    return f"Spørsmål og svar nr. {number}"


def render(row: dict) -> str:
    """The published answer as a Markdown document with front matter, ready for ingest."""
    meta = {"title": title(row["number"]), "audience": "public", "doc_type": "qa", "date": row["published_on"],
            "lang": "nb", "organisation": "Lørenskog kommune"}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    # The question is the heading over the answer: retrieval counts heading words for the sentences below it,
    # and the answer quotes the municipality's sentences, not the question back to the asker.
    question = " ".join(_plain(row["question"]).split())
    return f"---\n{front}---\n\n# {title(row['number'])}\n\n## {question}\n\n{_plain(row['answer'])}\n"


def _plain(text: str) -> str:
    """Text as plain paragraphs: a line cannot become a heading, a fence or front matter."""
    lines = [re.sub(r"^\s*(#+|-{3,}|`{3,}|>)\s*", "", line) for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def _checked(question: str, answer: str) -> tuple[str, str]:
    question, answer = (question or "").strip(), (answer or "").strip()
    if not question or not answer:
        raise InvalidInput("Both the question and the answer must be written.")
    if len(question) > MAX_QUESTION or len(answer) > MAX_ANSWER:
        raise InvalidInput(f"The question may have at most {MAX_QUESTION} characters, the answer {MAX_ANSWER}.")
    return question, answer


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _row(r) -> dict:
    return {**dict(r), "created_at": r["created_at"].isoformat(), "updated_at": r["updated_at"].isoformat()}
