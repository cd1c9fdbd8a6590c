"""Official answers over real HTTP on the real e5 pipeline, in a store of their own: drafts, roles, publishing
(numbered, dated, ingested, preferred by the chat), editing, withdrawing, /qa, and the question log's filters,
groups and CSV download."""

from __future__ import annotations

import csv
import io
import re
import secrets
from datetime import UTC, datetime

import httpx
import pytest

from api.main import create_app
from assistant.config import Settings
from assistant.models import Scope
from assistant.service import Assistant
from ingest.pipeline import ingest_paths
from tests.conftest import CORPUS, LiveServer

pytestmark = pytest.mark.slow

ADMIN = secrets.token_urlsafe(24)
CASEWORKER = secrets.token_urlsafe(24)
DEADLINE = "Når er fristen for å levere tilbud?"
ANSWER = "Fristen for å levere tilbud er 15. januar 2027 klokken 12.00. Tilbud leveres elektronisk."


@pytest.fixture(scope="module")
def app_parts(corpus_assistant, tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("qa-data"), caseworker_tokens=[CASEWORKER],
                        admin_tokens=[ADMIN], rate_limit_per_minute=10_000, rate_limit_global_per_minute=100_000)
    assistant = Assistant(settings, embeddings=corpus_assistant.embeddings)
    assert not ingest_paths([CORPUS], assistant.store, progress=False).skipped
    with LiveServer(create_app(settings, assistant)) as server:
        yield server.url, assistant


@pytest.fixture(scope="module")
def clients(app_parts):
    url, _ = app_parts
    made = {name: httpx.Client(base_url=url, timeout=60, headers={"Authorization": f"Bearer {token}"} if token else {})
            for name, token in (("anon", None), ("caseworker", CASEWORKER), ("admin", ADMIN))}
    yield made
    for client in made.values():
        client.close()


def chat(client: httpx.Client, question: str) -> dict:
    response = client.post("/api/chat", json={"question": question})
    assert response.status_code == 200, response.text
    return response.json()


def test_the_whole_loop_refused_then_published_then_answered_and_listed(clients, app_parts):
    anon, caseworker, admin = clients["anon"], clients["caseworker"], clients["admin"]
    before = chat(anon, DEADLINE)
    assert before["answered"] is False and before["reason"] == "equal_treatment"
    refused = caseworker.get("/api/questions", params={"answered": "false", "reason": "equal_treatment"}).json()
    assert DEADLINE in [q["question"] for q in refused]

    draft = caseworker.post("/api/qa/answers", json={"question": DEADLINE, "answer": ANSWER})
    assert draft.status_code == 201 and draft.json()["status"] == "draft" and draft.json()["number"] is None
    qa_id = draft.json()["id"]
    assert caseworker.post(f"/api/qa/answers/{qa_id}/publish").status_code == 403
    assert anon.post(f"/api/qa/answers/{qa_id}/publish").status_code == 401
    assert anon.get("/api/qa/answers").status_code == 401

    published = admin.post(f"/api/qa/answers/{qa_id}/publish")
    assert published.status_code == 200, published.text
    row = published.json()
    today = datetime.now(UTC).date()
    assert row["status"] == "published" and row["number"] == 1 and row["published_on"] == today.isoformat()

    after = chat(anon, DEADLINE)
    assert after["answered"] is True and "15. januar 2027" in after["answer"]
    cited = [c for c in after["citations"] if c["title"] == "Spørsmål og svar nr. 1"]
    assert cited and all(c["audience"] == "public" for c in after["citations"])
    assert {c["source"] for c in cited} == {"qa/sporsmal-og-svar-001.md"}, "never a path on the server"

    page = anon.get("/qa").text
    assert "Spørsmål og svar nr. 1" in page and f"Publisert {today:%d.%m.%Y}" in page
    assert DEADLINE in page and "15. januar 2027" in page and 'id="nr-1"' in page
    assert '<a href="/qa" aria-current="page">' in page
    actions = [e["action"] for e in admin.get("/api/admin/audit").json()]
    assert "qa_publish" in actions and "qa_draft" in actions


def test_editing_a_published_answer_needs_an_admin_and_reaches_the_chat(clients):
    caseworker, admin, anon = clients["caseworker"], clients["admin"], clients["anon"]
    qa_id = admin.post("/api/qa/answers", json={"question": "Hvor leveres tilbudet?", "answer": "Tilbud leveres i "
                       "KGV-portalen MERKEPORTAL."}).json()["id"]
    number = admin.post(f"/api/qa/answers/{qa_id}/publish").json()["number"]
    body = {"question": "Hvor leveres tilbudet?", "answer": "Tilbud leveres i portalen NYPORTALMERKE."}
    assert caseworker.put(f"/api/qa/answers/{qa_id}", json=body).status_code == 403
    edited = admin.put(f"/api/qa/answers/{qa_id}", json=body)
    assert edited.status_code == 200 and edited.json()["number"] == number
    page = anon.get("/qa").text
    assert "NYPORTALMERKE" in page and "MERKEPORTAL" not in page


def test_withdrawn_answers_leave_the_chat_and_qa_and_numbers_are_not_reused(clients, app_parts):
    admin, anon = clients["admin"], clients["anon"]
    question = "Kan flere leverandører levere felles tilbud?"
    qa_id = admin.post("/api/qa/answers", json={"question": question, "answer": "Ja, leverandører kan gå sammen om "
                       "et felles tilbud (FELLESMERKE)."}).json()["id"]
    number = admin.post(f"/api/qa/answers/{qa_id}/publish").json()["number"]
    assert "FELLESMERKE" in anon.get("/qa").text
    withdrawn = admin.post(f"/api/qa/answers/{qa_id}/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert "FELLESMERKE" not in anon.get("/qa").text
    assert "FELLESMERKE" not in chat(anon, question)["answer"]
    _, assistant = app_parts
    assert not [m for m in assistant.documents(Scope.everything()) if m.title == f"Spørsmål og svar nr. {number}"]
    again = admin.post("/api/qa/answers", json={"question": question, "answer": "Se konkurransegrunnlaget."}).json()
    assert admin.post(f"/api/qa/answers/{again['id']}/publish").json()["number"] == number + 1


def test_bad_input_gets_a_clear_error(clients):
    admin = clients["admin"]
    empty = admin.post("/api/qa/answers", json={"question": "Hva?", "answer": "   "})
    assert empty.status_code == 422 and "answer" in str(empty.json()["detail"]).lower()
    assert admin.post("/api/qa/answers/99999/publish").status_code == 404
    assert admin.post("/api/qa/answers", json={"question": "x" * 2001, "answer": "y"}).status_code == 422
    personal = admin.post("/api/qa/answers", json={"question": "Ring meg på 41234567 om fristen", "answer": "Ja."})
    refused = admin.post(f"/api/qa/answers/{personal.json()['id']}/publish")
    assert refused.status_code == 422 and "personal data" in refused.json()["detail"]
    assert admin.get("/api/qa/answers").json()[0]["status"] == "draft"


def test_an_internal_qa_document_never_reaches_the_public_page(clients, app_parts, tmp_path):
    _, assistant = app_parts
    secret = tmp_path / "intern-avklaring.md"
    secret.write_text("---\ntitle: Spørsmål og svar nr. 99\naudience: internal\ndoc_type: qa\ndate: 2026-01-01\n---\n\n"
                      "# Intern avklaring\n\nINTERNMARKØR-QA-5150 er et internt utkast.\n", encoding="utf-8")
    assert not ingest_paths([secret], assistant.store, progress=False).skipped
    assistant.cache.invalidate()
    page = clients["anon"].get("/qa").text
    assert "INTERNMARKØR" not in page and "nr. 99" not in page
    assert "INTERNMARKØR-QA-5150" in str(clients["caseworker"].get("/api/search", params={"q": "INTERNMARKØR-QA-5150"})
                                         .json())


def test_questions_filter_group_and_download(clients):
    anon, caseworker = clients["anon"], clients["caseworker"]
    formula = '=HYPERLINK("http://evil.example","klikk")'
    for question in ("Hva er budsjettet for prosjektet?", "Hva er budsjettet?", formula):
        chat(anon, question)
    answered = chat(anon, "Når var dialogkonferansen?")
    assert anon.post("/api/feedback", json={"answer_id": answered["answer_id"], "vote": "down",
                                            "comment": "mangler klokkeslett"}).status_code in (200, 201, 204)
    down = caseworker.get("/api/questions", params={"feedback": "down"}).json()
    assert [q["question"] for q in down] == ["Når var dialogkonferansen?"] and down[0]["comments"]
    assert all(q["up"] == 0 and q["down"] == 0 for q in caseworker.get("/api/questions",
                                                                      params={"feedback": "none"}).json())
    today = datetime.now(UTC).date().isoformat()
    assert caseworker.get("/api/questions", params={"date_from": "2099-01-01"}).json() == []
    assert len(caseworker.get("/api/questions", params={"date_from": today, "date_to": today}).json()) >= 4
    groups = caseworker.get("/api/questions/groups", params={"answered": "false"}).json()
    budget = next(g for g in groups if "budsjettet" in g["question"])
    assert budget["count"] == 2 and budget["answered"] == 0 and budget["reasons"] == ["equal_treatment"]
    assert anon.get("/api/questions/groups").status_code == 401
    assert caseworker.get("/api/questions", params={"feedback": "sideways"}).status_code == 422

    download = caseworker.get("/api/questions/export.csv")
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    assert "attachment" in download.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert {"Hva er budsjettet?", "Når var dialogkonferansen?"} <= {r["question"] for r in rows}
    cells = [cell for r in rows for cell in r.values()]
    assert not [c for c in cells if re.match(r"\s*[=+\-@]", c)], "a cell a spreadsheet would run as a formula"
    assert "'" + formula in cells
    assert anon.get("/api/questions/export.csv").status_code == 401
