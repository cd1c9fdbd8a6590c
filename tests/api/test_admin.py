"""Document management over real HTTP on the real e5 pipeline: upload, type checks, replace, delete,
re-index, the audit log, roles, refusing unsafe settings, and published answers (doc_type qa).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets

import docx
import httpx
import pytest
from fpdf import FPDF

from api.main import create_app
from assistant.config import Settings
from assistant.errors import ConfigurationError
from assistant.service import Assistant
from ingest.pipeline import ingest_paths
from tests.conftest import ROOT, LiveServer

pytestmark = pytest.mark.slow

ADMIN = secrets.token_urlsafe(24)
CASEWORKER = secrets.token_urlsafe(24)
MAX_FILE = 100_000  # python-docx's template alone is ~37 kB
CONTACT = (ROOT / "tests" / "data" / "contact.md").read_text(encoding="utf-8")  # the channel text


def marker() -> str:
    """A word that occurs in no other document (one BM25 term)."""
    return f"MERKE{secrets.token_hex(5).upper()}"


def markdown(mark: str, topic: str = "parkering ved Løkenåsveien 45") -> bytes:
    return f"# Notat om {topic}\n\nDette notatet handler om {topic}. Kjennemerket er {mark}.\n".encode()


def pdf_bytes(mark: str) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, "Forside om uteomradet ved boligene.")
    pdf.add_page()
    pdf.multi_cell(0, 8, f"Side to beskriver lekeplassen. Kjennemerket er {mark}.")
    return bytes(pdf.output())


def docx_bytes(mark: str) -> bytes:
    document = docx.Document()
    document.add_heading("Notat om sykkelparkering", level=1)
    document.add_paragraph(f"Sykkelparkeringen skal ha tak. Kjennemerket er {mark}.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """One Assistant (real e5, embedded Chroma) with a contact document, served with document management on."""
    root = tmp_path_factory.mktemp("admin")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "kontakt.md").write_text(CONTACT, "utf-8")
    settings = Settings(
        data_dir=root / "data",
        corpus_paths=[corpus],
        document_management=True,
        admin_tokens=[ADMIN],
        caseworker_tokens=[CASEWORKER],
        max_file_bytes=MAX_FILE,
        rate_limit_per_minute=1000,
        auth_failures_per_minute=1000,  # the refusals below are many wrong tokens from one address
    )
    assistant = Assistant(settings)
    assert not ingest_paths([corpus], assistant.store, progress=False).skipped
    with LiveServer(create_app(settings, assistant)) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        yield client, settings, assistant


@pytest.fixture(scope="module")
def client(env) -> httpx.Client:
    return env[0]


def upload(client: httpx.Client, name: str, data: bytes, token: str = ADMIN, **form: str) -> httpx.Response:
    return client.post("/api/admin/documents", files={"file": (name, data)}, data=form, headers=bearer(token))


def uploaded(client: httpx.Client, name: str, data: bytes, **form: str) -> dict:
    response = upload(client, name, data, **form)
    assert response.status_code == 201, response.text
    return response.json()


def search(client: httpx.Client, q: str, token: str | None = None) -> list[dict]:
    response = client.get("/api/search", params={"q": q}, headers=bearer(token) if token else None)
    assert response.status_code == 200, response.text
    return response.json()["hits"]


def hits_with(client: httpx.Client, mark: str, token: str | None = None) -> list[dict]:
    return [h for h in search(client, mark, token) if mark in h["text"]]


def public_doc_ids(client: httpx.Client) -> set[str]:
    return {d["doc_id"] for d in client.get("/api/documents").json()["documents"]}


# --- upload and search ----------------------------------------------------------------------------


def test_public_upload_is_201_and_anonymous_search_finds_it(client, env):
    settings = env[1]
    mark = marker()
    info = uploaded(
        client,
        f"parkering-{mark}.md",
        markdown(mark),
        audience="public",
        title="Parkering",
        organisation="Lørenskog kommune",
        date="2024-05-02",
    )
    assert info["audience"] == "public" and info["title"] == "Parkering" and info["doc_type"] == "document"
    assert info["organisation"] == "Lørenskog kommune" and info["date"] == "2024-05-02"
    assert (settings.uploads_dir / f"parkering-{mark}.md").is_file()
    [hit] = hits_with(client, mark)
    assert hit["doc_id"] == info["doc_id"] and hit["audience"] == "public" and hit["rank"] == 1
    assert info["doc_id"] in public_doc_ids(client)


def test_internal_upload_is_seen_by_caseworkers_only(client):
    mark = marker()
    info = uploaded(
        client,
        f"innspill-{mark}.md",
        markdown(mark, "leiemodellen til en leverandør"),
        organisation="Eksempel Bolig AS",
    )
    assert info["audience"] == "internal"  # the default: nothing is public by accident
    assert not any(h["doc_id"] == info["doc_id"] for h in search(client, mark))
    assert hits_with(client, mark) == []
    assert client.get(f"/api/documents/{info['doc_id']}").status_code == 404
    [hit] = hits_with(client, mark, CASEWORKER)
    assert hit["doc_id"] == info["doc_id"] and hit["audience"] == "internal"
    assert hit["organisation"] == "Eksempel Bolig AS"


def test_real_pdf_upload_is_searchable_with_its_page(client):
    mark = marker()
    info = uploaded(client, f"uteomrade-{mark}.pdf", pdf_bytes(mark), audience="public", title="Uteområdet")
    assert info["source"].endswith(".pdf")
    [hit] = hits_with(client, mark)
    assert hit["doc_id"] == info["doc_id"] and hit["page"] == 2 and hit["title"] == "Uteområdet"


def test_real_docx_upload_is_searchable(client):
    mark = marker()
    info = uploaded(client, f"sykkel-{mark}.docx", docx_bytes(mark), audience="public")
    [hit] = hits_with(client, mark)
    assert hit["doc_id"] == info["doc_id"] and hit["heading_path"] == ["Notat om sykkelparkering"]


def test_html_upload_is_searchable_as_text(client):
    mark = marker()
    page = f"<!DOCTYPE html><html><body><h1>Lekeplass</h1><p>Lekeplassen får gynger. Kjennemerket er {mark}.</p>"
    info = uploaded(client, f"lekeplass-{mark}.html", page.encode(), audience="public")
    [hit] = hits_with(client, mark)
    assert hit["doc_id"] == info["doc_id"] and "<p>" not in hit["text"]


# --- refused uploads ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, status, fragment",
    [
        ("rapport.docx", pdf_bytes("X"), 415, "content is PDF but the file is named .docx"),
        ("notat.pdf", docx_bytes("X"), 415, "content is DOCX but the file is named .pdf"),
        ("data.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(256), 415, "not UTF-8"),
        ("gammel.md", "Frister for leverandører på Lørenskog".encode("latin-1"), 415, "not UTF-8"),
        ("arkiv.docx", b"PK\x03\x04" + os.urandom(64), 415, "damaged zip"),
        ("tom.md", b"", 422, "empty"),
    ],
)
def test_uploads_are_typed_by_content(client, env, name, data, status, fragment):
    settings = env[1]
    before = set(settings.uploads_dir.iterdir()) if settings.uploads_dir.exists() else set()
    response = upload(client, name, data, audience="public")
    assert response.status_code == status, response.text
    assert fragment in response.json()["detail"]
    assert response.json()["error"] == {415: "UnsupportedMediaType", 422: "InvalidInput"}[status]
    assert (set(settings.uploads_dir.iterdir()) if settings.uploads_dir.exists() else set()) == before


def test_a_file_over_the_limit_is_413_and_not_stored(client, env):
    settings = env[1]
    mark = marker()
    data = markdown(mark) + b"a " * (MAX_FILE // 2)
    response = upload(client, f"stor-{mark}.md", data, audience="public")
    assert response.status_code == 413
    assert response.json() == {"error": "TooLarge", "detail": f"The file is larger than {MAX_FILE} bytes."}
    assert not (settings.uploads_dir / f"stor-{mark}.md").exists()
    huge = upload(client, f"enorm-{mark}.md", b"a " * MAX_FILE, audience="public")  # past the body limit too
    assert huge.status_code == 413 and huge.json()["error"] == "TooLarge"
    assert hits_with(client, mark) == []


def test_the_same_name_twice_is_409_and_the_first_stays(client):
    first, second = marker(), marker()
    uploaded(client, f"dobbel-{first}.md", markdown(first), audience="public")
    response = upload(client, f"dobbel-{first}.md", markdown(second, "noe annet"), audience="public")
    assert response.status_code == 409 and "replace it with PUT" in response.json()["detail"]
    assert response.json()["error"] == "Conflict"
    assert len(hits_with(client, first)) == 1
    assert hits_with(client, second) == []


@pytest.mark.parametrize(
    "form, fragment",
    [({"audience": "secret"}, "audience"), ({"doc_type": "Qa; drop"}, "doc_type"), ({"date": "2. mars"}, "date")],
)
def test_bad_metadata_is_422(client, form, fragment):
    response = upload(client, f"meta-{marker()}.md", markdown(marker()), **form)
    assert response.status_code == 422
    assert response.json()["error"] == "InvalidInput" and fragment in " ".join(response.json()["detail"])


# --- replace, delete, re-index, audit -------------------------------------------------------------


def test_replace_swaps_the_text_and_keeps_id_and_metadata(client):
    old, new = marker(), marker()
    info = uploaded(client, f"erstatt-{old}.md", markdown(old), audience="public", title="Første versjon")
    response = client.put(
        f"/api/admin/documents/{info['doc_id']}",
        files={"file": ("ny.md", markdown(new, "sykler"))},
        headers=bearer(ADMIN),
    )
    assert response.status_code == 200, response.text
    replaced = response.json()
    assert replaced["doc_id"] == info["doc_id"] and replaced["source"] == info["source"]
    assert replaced["audience"] == "public" and replaced["title"] == "Første versjon"
    assert hits_with(client, old) == []
    [hit] = hits_with(client, new)
    assert hit["doc_id"] == info["doc_id"]
    text = client.get(f"/api/documents/{info['doc_id']}").json()["text"]
    assert new in text and old not in text


def test_replace_refuses_another_type_an_unknown_id_and_corpus_files(client, env):
    mark = marker()
    info = uploaded(client, f"type-{mark}.md", markdown(mark), audience="public")
    response = client.put(
        f"/api/admin/documents/{info['doc_id']}", files={"file": ("x.pdf", pdf_bytes(mark))}, headers=bearer(ADMIN)
    )
    assert response.status_code == 422 and "must be .md" in response.json()["detail"]
    missing = client.put(
        "/api/admin/documents/finnes-ikke-0000", files={"file": ("x.md", b"tekst")}, headers=bearer(ADMIN)
    )
    assert missing.status_code == 404 and missing.json()["error"] == "NotFound"
    contact = next(d for d in env[2].documents() if d.doc_type == "contact")
    corpus = client.put(
        f"/api/admin/documents/{contact.doc_id}", files={"file": ("k.md", b"Ny tekst.")}, headers=bearer(ADMIN)
    )
    assert corpus.status_code == 409


def test_delete_is_204_and_removes_document_hits_and_file(client, env):
    settings = env[1]
    mark = marker()
    info = uploaded(client, f"slett-{mark}.md", markdown(mark), audience="public")
    path = settings.uploads_dir / f"slett-{mark}.md"
    assert path.is_file() and path.with_name(path.name + ".meta.yaml").is_file()
    assert len(hits_with(client, mark)) == 1
    response = client.delete(f"/api/admin/documents/{info['doc_id']}", headers=bearer(ADMIN))
    assert response.status_code == 204 and response.content == b""
    assert hits_with(client, mark) == [] and hits_with(client, mark, CASEWORKER) == []
    assert info["doc_id"] not in public_doc_ids(client)
    listed = client.get("/api/admin/documents", headers=bearer(ADMIN)).json()["documents"]
    assert info["doc_id"] not in {d["doc_id"] for d in listed}
    assert client.get(f"/api/documents/{info['doc_id']}").status_code == 404
    assert not path.exists() and not path.with_name(path.name + ".meta.yaml").exists()
    again = client.delete(f"/api/admin/documents/{info['doc_id']}", headers=bearer(ADMIN))
    assert again.status_code == 404


def test_reindex_brings_the_store_in_line_with_the_folders(client, env):
    settings = env[1]
    mark = marker()
    dropped = settings.corpus_paths[0] / f"lagt-inn-{mark}.md"
    dropped.write_text("---\naudience: public\n---\n\n" + markdown(mark).decode(), "utf-8")
    response = client.post("/api/admin/reindex", headers=bearer(ADMIN))
    assert response.status_code == 200
    report = response.json()
    assert report["added"] == [dropped.as_posix()] and report["removed"] == [] and report["skipped"] == []
    assert report["summary"].startswith("1 added, 0 updated, ")
    assert len(hits_with(client, mark)) == 1
    dropped.unlink()
    report = client.post("/api/admin/reindex", headers=bearer(ADMIN)).json()
    assert report["removed"] == [dropped.as_posix()] and report["added"] == []
    assert hits_with(client, mark) == []


def test_the_audit_log_names_the_admin_by_fingerprint_never_by_token(client):
    mark = marker()
    info = uploaded(client, f"revisjon-{mark}.md", markdown(mark), audience="public")
    client.put(
        f"/api/admin/documents/{info['doc_id']}", files={"file": ("r.md", markdown(marker()))}, headers=bearer(ADMIN)
    ).raise_for_status()
    client.delete(f"/api/admin/documents/{info['doc_id']}", headers=bearer(ADMIN)).raise_for_status()
    client.post("/api/admin/reindex", headers=bearer(ADMIN)).raise_for_status()
    response = client.get("/api/admin/audit", headers=bearer(ADMIN))
    assert response.status_code == 200
    entries = response.json()
    assert [e["action"] for e in entries[:4]] == ["reindex", "delete", "replace", "upload"]  # newest first
    actor = f"admin:{hashlib.sha256(ADMIN.encode()).hexdigest()[:10]}"
    assert all(re.fullmatch(r"admin:[0-9a-f]{10}", e["actor"]) for e in entries)
    assert {e["actor"] for e in entries[:4]} == {actor}
    assert [e["doc_id"] for e in entries[1:4]] == [info["doc_id"]] * 3
    assert entries[3]["source"] == info["source"] and entries[3]["detail"] == "audience=public"
    assert re.match(r"\d+ added, \d+ updated", entries[0]["detail"])
    assert ADMIN not in response.text and CASEWORKER not in response.text


# --- who may do it --------------------------------------------------------------------------------

ADMIN_CALLS = [
    ("GET", "/api/admin/documents"),
    ("POST", "/api/admin/documents"),
    ("PUT", "/api/admin/documents/any-doc"),
    ("DELETE", "/api/admin/documents/any-doc"),
    ("POST", "/api/admin/reindex"),
    ("GET", "/api/admin/audit"),
]


def _call(client: httpx.Client, method: str, path: str, headers: dict) -> httpx.Response:
    files = {"file": ("rolle.md", markdown(marker()))} if method in ("POST", "PUT") and "documents" in path else None
    return client.request(method, path, files=files, data={"audience": "public"} if files else None, headers=headers)


@pytest.mark.parametrize("method, path", ADMIN_CALLS)
def test_admin_endpoints_refuse_other_callers(client, method, path):
    assert _call(client, method, path, bearer(CASEWORKER)).status_code == 403
    anonymous = _call(client, method, path, {})
    assert anonymous.status_code == 401 and anonymous.headers["www-authenticate"] == "Bearer"
    assert _call(client, method, path, bearer(secrets.token_urlsafe(24))).status_code == 401
    assert _call(client, method, path, {"Authorization": f"Basic {ADMIN}"}).status_code == 401


def test_admin_lists_public_and_internal_documents(client):
    public, internal = marker(), marker()
    a = uploaded(client, f"liste-{public}.md", markdown(public), audience="public")
    b = uploaded(client, f"liste-{internal}.md", markdown(internal, "kostnader"), audience="internal")
    listed = {
        d["doc_id"]: d["audience"]
        for d in client.get("/api/admin/documents", headers=bearer(ADMIN)).json()["documents"]
    }
    assert listed[a["doc_id"]] == "public" and listed[b["doc_id"]] == "internal"
    assert b["doc_id"] not in public_doc_ids(client)


def test_document_management_off_refuses_changes_even_for_admins(env, tmp_path):
    _, _, assistant = env
    settings = Settings(data_dir=tmp_path / "data", document_management=False, admin_tokens=[ADMIN])
    with LiveServer(create_app(settings, assistant)) as server, httpx.Client(base_url=server.url, timeout=60) as off:
        response = upload(off, "av.md", markdown(marker()), audience="public")
        assert response.status_code == 403 and "switched off" in response.json()["detail"]
        assert off.post("/api/admin/reindex", headers=bearer(ADMIN)).status_code == 403
        assert off.delete("/api/admin/documents/any-doc", headers=bearer(ADMIN)).status_code == 403
        assert off.get("/api/admin/documents", headers=bearer(ADMIN)).status_code == 200
    assert not settings.uploads_dir.exists()


@pytest.mark.parametrize(
    "tokens",
    [[], ["changeme"], ["changeme-changeme-changeme"], ["Kq3vT9pL0aZ"], [secrets.token_urlsafe(24), "admin"]],
)
def test_create_app_refuses_document_management_without_a_real_admin_token(tmp_path, tokens):
    settings = Settings(data_dir=tmp_path / "data", document_management=True, admin_tokens=tokens)
    with pytest.raises(ConfigurationError) as caught:
        create_app(settings)
    for token in tokens:
        assert token not in str(caught.value)


# --- published answers ----------------------------------------------------------------------------


def test_a_published_qa_answer_turns_a_refusal_into_a_cited_answer(client):
    question = "Når er tilbudsfristen?"
    uploaded(
        client,
        "frister.md",
        (
            "# Frister i konkurransen\n\nFrister for innlevering av tilbud blir oppgitt i konkurransedokumentene. "
            "Leverandørene får god tid til å forberede tilbudene sine.\n"
        ).encode(),
        audience="public",
        title="Frister",
    )
    before = client.post("/api/chat", json={"question": question}).json()
    assert before["answered"] is False and before["reason"] in ("equal_treatment", "no_evidence")
    assert "1. mars 2027" not in before["answer"]

    qa = uploaded(
        client,
        "svar-tilbudsfrist.md",
        (
            "# Publisert svar\n\nSpørsmål: Når er tilbudsfristen? Svar: Tilbudsfristen er 1. mars 2027 klokken 12.00.\n"
        ).encode(),
        audience="public",
        doc_type="qa",
        title="Svar på spørsmål om tilbudsfristen",
    )
    assert qa["doc_type"] == "qa"
    after = client.post("/api/chat", json={"question": question}).json()
    assert after["answered"] is True and after["reason"] is None
    assert "1. mars 2027" in after["answer"]
    cited = [c for c in after["citations"] if "1. mars 2027" in c["quote"]]
    assert cited and all(c["doc_id"] == qa["doc_id"] and c["audience"] == "public" for c in cited)
    assert f"[{cited[0]['n']}]" in after["answer"]
