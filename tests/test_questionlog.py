"""The question log: masking, filtering, near-duplicate groups, feedback, retention, CSV export, the CLI,
and the same over real HTTP (the public asks, case workers read).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import secrets
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

from assistant.config import Settings
from assistant.errors import InvalidInput, NotFound
from assistant.models import Answer, Citation
from assistant.questionlog import QuestionLog, feedback, questions
from tests.conftest import ROOT

PERSONAL = "kari.nordmann@firma.no, tlf 912 34 567 eller +47 41234567, fnr 01019012345, konto 123456789012"
PERSONAL_MASKED = "[e-post], tlf [telefon] eller [telefon], fnr [fødselsnummer], konto [tall]"
RAW_PIECES = ("kari.nordmann@firma.no", "912 34 567", "41234567", "01019012345", "123456789012")
CSV_HEADER = "created_at,question,lang,answered,reason,citations,latency_ms,up,down,comments,answer_id"


def make_answer(answered: bool = True, doc_id: str = "prosjektbeskrivelse-1a2b3c") -> Answer:
    citation = Citation(
        n=1, doc_id=doc_id, title="Tittel", source="corpus/x.md", quote="Sitat.", chunk_id=f"{doc_id}:0"
    )
    return Answer(
        answer="Svar [1].",
        answered=answered,
        lang="nb",
        citations=[citation],
        reason=None if answered else "no_evidence",
    )


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "log.db"


@pytest.fixture
def qlog(db) -> QuestionLog:
    return QuestionLog(f"sqlite:///{db}")


def ask(qlog: QuestionLog, question: str, answered: bool = True, latency: float = 12.5) -> str:
    answer = make_answer(answered)
    qlog.record(question, answer, latency)
    return answer.answer_id


def age(qlog: QuestionLog, table, key, value, days: float) -> None:
    """Move a row ``days`` into the past, as if it had been written then."""
    then = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    with qlog.engine.begin() as conn:
        conn.execute(update(table).where(key == value).values(created_at=then))


# --- recording and masking ------------------------------------------------------------------------


def test_record_masks_personal_data_and_keeps_the_rest(qlog, db):
    answer_id = ask(qlog, f"Jeg er {PERSONAL}. Gjelder det 425 boliger i 2019–2026?", latency=41.7)
    [row] = qlog.recent()
    assert row["question"] == f"Jeg er {PERSONAL_MASKED}. Gjelder det 425 boliger i 2019–2026?"
    assert row["answer_id"] == answer_id and row["answered"] is True and row["reason"] is None
    assert row["lang"] == "nb" and row["latency_ms"] == 41.7
    assert row["citations"] == [
        {"n": 1, "doc_id": "prosjektbeskrivelse-1a2b3c", "chunk_id": "prosjektbeskrivelse-1a2b3c:0"}
    ]
    assert row["created_at"].endswith("+00:00")
    assert (row["up"], row["down"]) == (0, 0)
    stored = db.read_bytes()
    assert not any(piece.encode() in stored for piece in RAW_PIECES)


def test_feedback_comments_are_masked(qlog, db):
    answer_id = ask(qlog, "Hvor ble dialogkonferansen holdt?")
    qlog.add_feedback(answer_id, "down", f"Feil svar, kontakt meg: {PERSONAL}")
    with qlog.engine.connect() as conn:
        [comment] = conn.execute(select(feedback.c.comment)).scalars()
    assert comment == f"Feil svar, kontakt meg: {PERSONAL_MASKED}"
    assert not any(piece.encode() in db.read_bytes() for piece in RAW_PIECES)


def test_the_list_carries_each_answers_comments_masked_oldest_first(qlog):
    first, second = ask(qlog, "Hvor ble dialogkonferansen holdt?"), ask(qlog, "Hvor mange boliger?")
    qlog.add_feedback(first, "down", f"Feil svar, kontakt meg: {PERSONAL}")
    qlog.add_feedback(first, "up", None)
    qlog.add_feedback(first, "up", "Nå stemmer det.")
    comments = {r["answer_id"]: r["comments"] for r in qlog.recent()}
    assert comments == {first: [f"Feil svar, kontakt meg: {PERSONAL_MASKED}", "Nå stemmer det."], second: []}
    assert [r["comments"] for r in qlog.recent(limit=1, offset=1)] == [comments[first]]


def test_feedback_votes_are_counted_per_answer(qlog):
    first, second = ask(qlog, "Hvor ble dialogkonferansen holdt?"), ask(qlog, "Hvor mange boliger?")
    for vote in ("up", "up", "down"):
        qlog.add_feedback(first, vote, None)
    qlog.add_feedback(second, "down", "")
    votes = {r["answer_id"]: (r["up"], r["down"]) for r in qlog.recent()}
    assert votes == {first: (2, 1), second: (0, 1)}


def test_feedback_for_an_unknown_answer_is_not_found(qlog):
    with pytest.raises(NotFound, match="deadbeef"):
        qlog.add_feedback("deadbeef" * 4, "up", None)


@pytest.mark.parametrize("vote", ["sideways", "UP", "", "1"])
def test_feedback_vote_must_be_up_or_down(qlog, vote):
    answer_id = ask(qlog, "Hvor ble dialogkonferansen holdt?")
    with pytest.raises(InvalidInput, match="'up' or 'down'"):
        qlog.add_feedback(answer_id, vote, None)
    assert qlog.recent()[0]["up"] == qlog.recent()[0]["down"] == 0


# --- reading --------------------------------------------------------------------------------------


def test_list_filters_on_answered_newest_first_with_paging(qlog):
    ids = [ask(qlog, f"Spørsmål nummer {n}", answered=n % 2 == 0) for n in range(5)]  # 0, 2, 4 answered
    assert [r["answer_id"] for r in qlog.recent()] == ids[::-1]
    assert [r["answer_id"] for r in qlog.recent(answered=False)] == [ids[3], ids[1]]
    assert [r["answer_id"] for r in qlog.recent(answered=True)] == [ids[4], ids[2], ids[0]]
    assert [r["answer_id"] for r in qlog.recent(limit=2, offset=1)] == [ids[3], ids[2]]


def test_frequent_groups_near_duplicates_and_ranks_by_count(qlog):
    budget = ["Hva er budsjettet?", "hva er budsjettet for prosjektet?", "Hva er budsjettet", "HVA ER BUDSJETTET??"]
    for question in budget:
        ask(qlog, question, answered=False)
    ask(qlog, "Når er tilbudsfristen?", answered=False)
    ask(qlog, "Når er tilbudsfristen", answered=True)
    ask(qlog, "Hva er budsjettet for byggetrinn 2?", answered=False)  # another question: two more terms
    ask(qlog, "Hvor ble dialogkonferansen holdt?", answered=True)
    groups = qlog.frequent()
    assert [g["count"] for g in groups] == [4, 2, 1, 1]
    assert set(groups[0]["examples"]) == set(budget) and groups[0]["question"] in budget
    assert groups[0]["answered"] == 0
    assert set(groups[1]["examples"]) == {"Når er tilbudsfristen?", "Når er tilbudsfristen"}
    assert groups[1]["answered"] == 1
    assert {g["question"] for g in groups[2:]} == {
        "Hva er budsjettet for byggetrinn 2?",
        "Hvor ble dialogkonferansen holdt?",
    }
    assert set(groups[0]) == {"question", "count", "answered", "examples"}


def test_frequent_keeps_five_examples_and_honours_filters_and_limit(qlog):
    wordings = [
        "Hva er budsjettet?",
        "hva er budsjettet",
        "Hva er budsjettet??",
        "HVA ER BUDSJETTET?",
        "Hva er budsjettet for prosjektet?",
        "Hva er budsjettet, egentlig?",
        "Hva er budsjettet ?",
    ]
    for question in wordings:
        ask(qlog, question, answered=False)
    ask(qlog, "Hvor ble dialogkonferansen holdt?", answered=True)
    [group] = qlog.frequent(answered=False)
    assert group["count"] == len(wordings) and len(group["examples"]) == 5
    assert [g["question"] for g in qlog.frequent(answered=True)] == ["Hvor ble dialogkonferansen holdt?"]
    assert len(qlog.frequent(limit=1)) == 1


# --- retention and export -------------------------------------------------------------------------


def test_purge_deletes_what_is_older_than_the_retention_and_keeps_the_rest(qlog):
    old, edge, new = ask(qlog, "Gammelt spørsmål"), ask(qlog, "Nesten gammelt"), ask(qlog, "Nytt spørsmål")
    qlog.add_feedback(old, "up", None)
    qlog.add_feedback(new, "down", None)
    age(qlog, questions, questions.c.answer_id, old, days=91)
    age(qlog, feedback, feedback.c.answer_id, old, days=91)
    age(qlog, questions, questions.c.answer_id, edge, days=89)
    assert qlog.purge(90) == 2  # the old question and its feedback
    assert [r["answer_id"] for r in qlog.recent()] == [new, edge]
    assert qlog.recent()[0]["down"] == 1
    assert qlog.purge(90) == 0
    assert qlog.purge(1) == 1  # the 89-day-old one goes with a shorter retention


def test_export_csv_writes_a_header_and_masked_rows(qlog):
    refused = ask(qlog, f"Budsjett? Svar til {PERSONAL}", answered=False)
    answered = ask(qlog, "Hvor ble dialogkonferansen holdt?")
    qlog.add_feedback(answered, "up", None)
    out = io.StringIO()
    assert qlog.export_csv(out) == 2
    text = out.getvalue()
    assert text.splitlines()[0] == CSV_HEADER
    assert not any(piece in text for piece in RAW_PIECES)
    rows = {r["answer_id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert rows[refused]["question"] == f"Budsjett? Svar til {PERSONAL_MASKED}"
    assert rows[refused]["answered"] == "False" and rows[refused]["reason"] == "no_evidence"
    assert rows[answered]["up"] == "1" and '"doc_id": "prosjektbeskrivelse-1a2b3c"' in rows[answered]["citations"]
    assert rows[answered]["comments"] == "[]"
    only_refused = io.StringIO()
    assert qlog.export_csv(only_refused, answered=False) == 1
    assert refused in only_refused.getvalue() and answered not in only_refused.getvalue()


def _cli(args: list[str], data_dir: Path, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean, "ASSISTANT_DATA_DIR": str(data_dir), **env},
    )


def test_cli_exports_csv_and_purges(tmp_path):
    data = tmp_path / "data"
    qlog = QuestionLog(Settings(data_dir=data).db_url)
    old = ask(qlog, "Gammelt spørsmål fra ola@example.com", answered=False)
    new = ask(qlog, f"Nytt spørsmål, ring {PERSONAL}")
    age(qlog, questions, questions.c.answer_id, old, days=40)

    out = tmp_path / "f.csv"
    done = _cli(["questions", "export", "--out", str(out)], data, tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"2 questions written to {out}" in done.stderr
    text = out.read_text("utf-8")
    assert text.splitlines()[0] == CSV_HEADER
    assert "Gammelt spørsmål fra [e-post]" in text and f"Nytt spørsmål, ring {PERSONAL_MASKED}" in text
    assert "ola@example.com" not in text and not any(piece in text for piece in RAW_PIECES)

    done = _cli(["questions", "purge"], data, tmp_path, ASSISTANT_RETENTION_DAYS="30")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1 rows older than 30 days deleted"
    assert [r["answer_id"] for r in qlog.recent()] == [new]


# --- over HTTP ------------------------------------------------------------------------------------

CASEWORKER = secrets.token_urlsafe(24)
ADMIN = secrets.token_urlsafe(24)
CONTACT = (ROOT / "tests" / "data" / "contact.md").read_text(encoding="utf-8")  # the channel text
PROJECT = """---
title: Dialogkonferansen
audience: public
doc_type: project_description
---

# Dialogkonferansen

Dialogkonferansen ble holdt 19. februar 2020 på Lørenskog Hus.

Kommunen skal skaffe 425 boliger i perioden 2019–2026.

Prosjektet gjelder tomten i Løkenåsveien 45, der det skal bygges boliger for vanskeligstilte.

Husbanken og LUP støtter prosjektet med veiledning.
"""
ANSWERED = "Hvor ble dialogkonferansen holdt?"
PERSONAL_Q = "Hvordan blir været i morgen? Fødselsnummeret mitt er 01019012345, e-post kari.nordmann@firma.no"
PERSONAL_Q_MASKED = "Hvordan blir været i morgen? Fødselsnummeret mitt er [fødselsnummer], e-post [e-post]"
BUDGET = ["Hva er budsjettet?", "Hva er budsjettet for prosjektet?", "hva er budsjettet"]
CASEWORKER_Q = "Hvor mange boliger skal kommunen skaffe?"


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    """A tiny public corpus on the real e5 pipeline, served over HTTP with its own question log."""
    from api.main import create_app
    from assistant.service import Assistant
    from ingest.pipeline import ingest_paths
    from tests.conftest import LiveServer

    root = tmp_path_factory.mktemp("questionlog-api")
    docs = root / "docs"
    docs.mkdir()
    (docs / "kontakt.md").write_text(CONTACT, "utf-8")
    (docs / "dialog.md").write_text(PROJECT, "utf-8")
    settings = Settings(
        data_dir=root / "data",
        corpus_paths=[docs],
        caseworker_tokens=[CASEWORKER],
        admin_tokens=[ADMIN],
        rate_limit_per_minute=1000,
    )
    assistant = Assistant(settings)
    assert not ingest_paths([docs], assistant.store, progress=False).skipped
    with LiveServer(create_app(settings, assistant)) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        yield client, root / "data" / "assistant.db"


@pytest.fixture(scope="module")
def asked(api) -> dict[str, dict]:
    """The public asks its questions once; a case worker asks one too. Answers by question."""
    client, _ = api
    answers = {}
    for question in [ANSWERED, PERSONAL_Q, *BUDGET]:
        response = client.post("/api/chat", json={"question": question})
        assert response.status_code == 200, response.text
        answers[question] = response.json()
    response = client.post("/api/chat", json={"question": CASEWORKER_Q}, headers=_bearer(CASEWORKER))
    assert response.status_code == 200
    answers[CASEWORKER_Q] = response.json()
    assert answers[ANSWERED]["answered"] is True
    assert all(answers[q]["answered"] is False for q in [PERSONAL_Q, *BUDGET])
    return answers


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _logged(client: httpx.Client, **params) -> dict[str, dict]:
    response = client.get("/api/questions", params=params, headers=_bearer(CASEWORKER))
    assert response.status_code == 200
    return {row["answer_id"]: row for row in response.json()}


@pytest.mark.slow
def test_public_questions_are_logged_masked_with_outcome_citations_and_latency(api, asked):
    client, db = api
    rows = _logged(client)
    personal = rows[asked[PERSONAL_Q]["answer_id"]]
    assert personal["question"] == PERSONAL_Q_MASKED
    assert personal["answered"] is False and personal["reason"] == asked[PERSONAL_Q]["reason"]
    answered = rows[asked[ANSWERED]["answer_id"]]
    assert answered["question"] == ANSWERED and answered["answered"] is True and answered["reason"] is None
    expected = [{"n": c["n"], "doc_id": c["doc_id"], "chunk_id": c["chunk_id"]} for c in asked[ANSWERED]["citations"]]
    assert answered["citations"] == expected and expected[0]["doc_id"].startswith("dialog-")
    assert all(row["latency_ms"] > 0 for row in rows.values())
    assert b"01019012345" not in db.read_bytes() and b"kari.nordmann@firma.no" not in db.read_bytes()


@pytest.mark.slow
def test_unanswered_filter_lists_only_refused_questions(api, asked):
    client, _ = api
    rows = _logged(client, answered="false")
    refused = {asked[q]["answer_id"] for q in [PERSONAL_Q, *BUDGET]}
    assert set(rows) == refused
    assert all(row["answered"] is False for row in rows.values())


@pytest.mark.slow
def test_frequent_questions_group_the_budget_wordings(api, asked):
    client, _ = api
    response = client.get("/api/questions/frequent", params={"answered": "false"}, headers=_bearer(CASEWORKER))
    assert response.status_code == 200
    groups = response.json()
    assert groups[0]["count"] == 3 and set(groups[0]["examples"]) == set(BUDGET)
    assert groups[0]["answered"] == 0
    assert [g["count"] for g in groups] == [3, 1]


@pytest.mark.slow
def test_feedback_is_204_and_shows_in_the_list(api, asked):
    client, _ = api
    answer_id = asked[ANSWERED]["answer_id"]
    for vote, comment in (("up", None), ("up", "Bra!"), ("down", "Ring meg på 912 34 567")):
        response = client.post("/api/feedback", json={"answer_id": answer_id, "vote": vote, "comment": comment})
        assert response.status_code == 204 and response.content == b""
    row = _logged(client)[answer_id]
    assert (row["up"], row["down"]) == (2, 1)
    assert row["comments"] == ["Bra!", "Ring meg på [telefon]"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "body, status, error",
    [
        ({"answer_id": "0" * 32, "vote": "up"}, 404, "NotFound"),
        ({"answer_id": "0" * 32, "vote": "sideways"}, 422, "InvalidInput"),
        ({"answer_id": "short", "vote": "up"}, 422, "InvalidInput"),
        ({"vote": "up"}, 422, "InvalidInput"),
    ],
)
def test_bad_feedback_is_refused(api, body, status, error):
    client, _ = api
    response = client.post("/api/feedback", json=body)
    assert response.status_code == status
    assert response.json()["error"] == error


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/api/questions", "/api/questions/frequent"])
def test_the_log_needs_a_caseworker_token(api, path):
    client, _ = api
    response = client.get(path)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert client.get(path, headers=_bearer(secrets.token_urlsafe(24))).status_code == 401
    assert client.get(path, headers=_bearer(ADMIN)).status_code == 200


@pytest.mark.slow
def test_caseworker_questions_are_not_logged(api, asked):
    client, _ = api
    answer_id = asked[CASEWORKER_Q]["answer_id"]
    rows = _logged(client, limit=500)
    assert answer_id not in rows
    assert all(row["question"] != CASEWORKER_Q for row in rows.values())
    response = client.post("/api/feedback", json={"answer_id": answer_id, "vote": "up"})
    assert response.status_code == 404
