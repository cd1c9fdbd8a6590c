"""Hybrid search keeps to its scope even if the vector store hands back more than it should."""

from __future__ import annotations

from assistant.models import Scope
from assistant.service import Assistant
from tests.test_store_contract import two_documents


def test_dense_ids_outside_the_scope_or_unknown_never_become_hits(fake_settings, monkeypatch):
    assistant = Assistant(fake_settings)
    public, internal = two_documents()
    assistant.store.add_document(public)
    assistant.store.add_document(internal)
    # A store that ignored the audience filter, and an id the snapshot has not seen (a stale snapshot).
    leaky = [(internal[0].chunk_id, 0.99), ("ukjent-id", 0.98), (public[0].chunk_id, 0.5)]
    monkeypatch.setattr(assistant.store, "nearest", lambda *args, **kwargs: leaky)

    public_hits = assistant.search_engine.search("snøugle", Scope.public()).hits
    assert public_hits and {h.chunk.meta.audience for h in public_hits} == {"public"}
    assert {h.chunk.chunk_id for h in public_hits if h.dense_rank} == {public[0].chunk_id}

    everyone = assistant.search_engine.search("snøugle", Scope.everything()).hits
    assert {h.chunk.chunk_id for h in everyone if h.dense_rank} == {internal[0].chunk_id, public[0].chunk_id}


def test_an_everyday_norwegian_word_finds_the_documents_word(fake_settings):
    from assistant.models import DocumentMeta
    from ingest.chunking import chunk_document
    from ingest.loaders import document_from_text

    assistant = Assistant(fake_settings)
    for doc_id, text in (("kontakt", "Telefon til prosjektet: 906 72 754."), ("plan", "Boligplanen gjelder 2019–2026."),
                         ("bygg", "Byggetrinn 1 ble bygget i 2018.")):
        meta = DocumentMeta(doc_id=doc_id, title=doc_id, source=f"{doc_id}.md", audience="public")
        assistant.store.add_document(chunk_document(document_from_text(text, meta)))
    found = assistant.search_engine.search("Hvem kan jeg ringe?", Scope.public())
    assert "telefon" in found.query_terms
    assert next(h for h in found.hits if h.lexical_rank == 1).chunk.doc_id == "kontakt"
