"""The question log, feedback and the audit trail, in SQL through SQLAlchemy (SQLite by default).

Questions are stored with personal data masked and nothing that ties them to a person; rows
older than the retention period are purged. Case workers use the log to see what went
unanswered, so the municipality can publish answers to all suppliers at once.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    case,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Engine

from assistant.csvsafe import safe_cell
from assistant.errors import InvalidInput, LimitReached, NotFound
from assistant.index import terms
from assistant.logs import mask
from assistant.models import Answer

metadata = MetaData()
MAX_FEEDBACK_PER_ANSWER = 3

questions = Table(
    "questions", metadata,
    Column("answer_id", String(32), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    Column("question", Text, nullable=False),
    Column("lang", String(8)),
    Column("answered", Boolean, nullable=False, index=True),
    Column("reason", String(32)),
    Column("citations", Text, nullable=False),
    Column("latency_ms", Float, nullable=False),
)
feedback = Table(
    "feedback", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("answer_id", String(32), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    Column("vote", String(8), nullable=False),
    Column("comment", Text),
)
audit = Table(
    "audit", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("doc_id", String(128)),
    Column("source", Text),
    Column("detail", Text),
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class QuestionLog:
    """Write and read the log; every text that came from a user is masked on the way in."""

    def __init__(self, url: str, retention_days: int | None = None) -> None:
        self._retention = retention_days
        self._purged_at: dt.datetime | None = None
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url, future=True)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        metadata.create_all(self.engine)

    def record(self, question: str, answer: Answer, latency_ms: float) -> None:
        cited = [{"n": c.n, "doc_id": c.doc_id, "chunk_id": c.chunk_id} for c in answer.citations]
        row = dict(
            answer_id=answer.answer_id, created_at=_now(), question=mask(question), lang=answer.lang,
            answered=answer.answered, reason=answer.reason, citations=json.dumps(cited), latency_ms=latency_ms,
        )
        with self.engine.begin() as conn:
            conn.execute(insert(questions).values(**row))
        self._purge_daily()

    def _purge_daily(self) -> None:
        """Enforce retention at least once a day on a server that runs for months."""
        if self._retention is None:
            return
        if self._purged_at is None or _now() - self._purged_at > dt.timedelta(days=1):
            self._purged_at = _now()
            self.purge(self._retention)

    def add_feedback(self, answer_id: str, vote: str, comment: str | None) -> None:
        if vote not in ("up", "down"):
            raise InvalidInput("vote must be 'up' or 'down'.")
        with self.engine.begin() as conn:
            if conn.execute(select(questions.c.answer_id).where(questions.c.answer_id == answer_id)).first() is None:
                raise NotFound(f"No answer with id {answer_id!r}.")
            given = conn.execute(select(func.count()).where(feedback.c.answer_id == answer_id)).scalar_one()
            if given >= MAX_FEEDBACK_PER_ANSWER:  # one asker sees an answer: a few changes of mind, no stuffing
                raise LimitReached(f"This answer has had its {MAX_FEEDBACK_PER_ANSWER} votes.")
            conn.execute(insert(feedback).values(
                answer_id=answer_id, created_at=_now(), vote=vote, comment=mask(comment) if comment else None,
            ))

    def recent(self, answered: bool | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        """Newest first, with the feedback votes and (masked) comments each answer got."""
        votes = (
            select(feedback.c.answer_id,
                   func.sum(case((feedback.c.vote == "up", 1), else_=0)).label("up"),
                   func.sum(case((feedback.c.vote == "down", 1), else_=0)).label("down"))
            .group_by(feedback.c.answer_id).subquery()
        )
        query = (
            select(questions, func.coalesce(votes.c.up, 0).label("up"), func.coalesce(votes.c.down, 0).label("down"))
            .outerjoin(votes, votes.c.answer_id == questions.c.answer_id)
            .order_by(questions.c.created_at.desc(), questions.c.answer_id).limit(limit).offset(offset)
        )
        if answered is not None:
            query = query.where(questions.c.answered == answered)
        with self.engine.connect() as conn:
            rows = [_row(r) for r in conn.execute(query).mappings()]
            comments: dict[str, list[str]] = {}
            said = (
                select(feedback.c.answer_id, feedback.c.comment)
                .where(feedback.c.answer_id.in_(select(query.subquery().c.answer_id)), feedback.c.comment.is_not(None))
                .order_by(feedback.c.created_at)
            )
            for answer_id, comment in conn.execute(said):
                comments.setdefault(answer_id, []).append(comment)
        return [{**r, "comments": comments.get(r["answer_id"], [])} for r in rows]

    def frequent(self, answered: bool | None = None, limit: int = 20, similarity: float = 0.6) -> list[dict]:
        """The most asked questions, near-duplicates grouped (see :func:`_near`)."""
        groups: list[dict] = []
        for row in self.recent(answered=answered, limit=5000):
            stems = set(terms(row["question"]))
            group = next((g for g in groups if _near(stems, g["stems"], similarity)), None)
            if group is None:
                groups.append({"question": row["question"], "stems": stems, "count": 0, "answered": 0, "examples": []})
                group = groups[-1]
            group["count"] += 1
            group["answered"] += int(row["answered"])
            if len(group["examples"]) < 5 and row["question"] not in group["examples"]:
                group["examples"].append(row["question"])
        ranked = sorted(groups, key=lambda g: -g["count"])[:limit]
        return [{k: v for k, v in g.items() if k != "stems"} for g in ranked]

    def purge(self, retention_days: int) -> int:
        """Delete questions and feedback older than the retention period; returns rows deleted."""
        cutoff = _now() - dt.timedelta(days=retention_days)
        with self.engine.begin() as conn:
            gone = conn.execute(delete(feedback).where(feedback.c.created_at < cutoff)).rowcount
            gone += conn.execute(delete(questions).where(questions.c.created_at < cutoff)).rowcount
        return gone

    def export_csv(self, out: IO[str], answered: bool | None = None) -> int:
        rows = self.recent(answered=answered, limit=1_000_000)
        fields = ["created_at", "question", "lang", "answered", "reason", "citations", "latency_ms", "up", "down",
                  "comments", "answer_id"]
        writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(
            {k: safe_cell(v) for k, v in {**r, "citations": json.dumps(r["citations"]),
                                          "comments": json.dumps(r["comments"], ensure_ascii=False)}.items()}
            for r in rows
        )
        return len(rows)

    def audit(self, actor: str, action: str, doc_id: str | None = None, source: str | None = None,
              detail: str | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(audit).values(at=_now(), actor=actor, action=action, doc_id=doc_id, source=source,
                                              detail=detail))

    def audit_entries(self, limit: int = 200) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(audit).order_by(audit.c.id.desc()).limit(limit)).mappings()
            return [{**r, "at": r["at"].isoformat()} for r in rows]


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL with normal sync: a logged question costs a write, not an fsync, on the answer's path."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _row(r) -> dict:
    created = r["created_at"]
    if created.tzinfo is None:  # SQLite drops the zone; everything is stored in UTC
        created = created.replace(tzinfo=dt.UTC)
    return {**{k: r[k] for k in r.keys() if k != "created_at"}, "created_at": created.isoformat(),
            "citations": json.loads(r["citations"])}


def _near(a: set[str], b: set[str], similarity: float) -> bool:
    """Near-duplicates: stems overlap by Jaccard ≥ ``similarity``, or one question is the other plus one term.

    Short questions need the second rule: "Hva er budsjettet?" and "Hva er budsjettet for prosjektet?"
    share one of two stems (Jaccard 0.5) yet ask the same thing.
    """
    if _jaccard(a, b) >= similarity:
        return True
    small, large = sorted((a, b), key=len)
    return bool(small) and small <= large and len(large - small) <= 1


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a | b else 1.0
