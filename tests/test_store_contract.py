"""Contract of the Chroma adapter (``ChunkStore``), run against the embedded store and a real Chroma server.

The contract is written as mixins (as haystack's ``testing/document_store.py``): each mixin checks one
promise of the store through the ``store`` and ``store_settings`` fixtures, and ``TestChunkStore`` runs
them all once per backend.
"""

from __future__ import annotations

from uuid import uuid4

import pytest

from assistant.config import Settings
from assistant.embeddings import FakeEmbeddings
from assistant.errors import EmbeddingMismatch
from assistant.models import Chunk, DocumentMeta, Scope
from assistant.store import ChunkStore, drop_collections, make_client
from assistant.text import sentence_spans
from ingest.chunking import chunk_document
from ingest.loaders import document_from_text

EVERYONE = Scope.everything()
PUBLIC = Scope.public()


class OtherFakeEmbeddings(FakeEmbeddings):
    """The same vectors under another model id: what a configuration change looks like to the store."""

    model_id = "fake/other-model"


def meta(doc_id: str, audience: str, **extra) -> DocumentMeta:
    return DocumentMeta(
        doc_id=doc_id,
        title=f"Tittel {doc_id}",
        source=f"docs/{doc_id}.md",
        audience=audience,
        content_hash=f"hash-{doc_id}",
        **extra,
    )


def text_chunks(doc_id: str, audience: str, text: str) -> list[Chunk]:
    """Chunks the way ingest makes them (one paragraph block per line)."""
    return chunk_document(document_from_text(text, meta(doc_id, audience)), target_chars=40, max_chars=200)


def hand_chunks() -> list[Chunk]:
    """Two chunks of one public document with headings, pages, a URL and non-ASCII text."""
    m = meta(
        "handbok",
        "public",
        url="https://example.org/handbok",
        doc_type="qa",
        date="2020-02-19",
        lang="nb",
        organisation="Lørenskog kommune",
    )
    first = "Tilbudsfristen er 1. april kl. 12.00. Tilbud leveres i Mercell."
    second = "Kontrakten gjelder oppføring av 24 boliger.\n\nByggestart er planlagt høsten 2021."
    return [
        Chunk(
            chunk_id="handbok:0000:aaaa",
            doc_id="handbok",
            text=first,
            start=0,
            end=len(first),
            index=0,
            heading_path=["Frister", "Levering"],
            page=2,
            meta=m,
        ),
        Chunk(
            chunk_id="handbok:0001:bbbb",
            doc_id="handbok",
            text=second,
            start=len(first) + 2,
            end=len(first) + 2 + len(second),
            index=1,
            heading_path=["Økonomi › budsjett"],
            page=3,
            meta=m,
        ),
    ]


PUBLIC_TEXT = "Offentlig dokument om snøugle kvitfugl.\nAndre linje om solsikkefrø i parken."
INTERNAL_TEXT = "Intern merknad om blåskjell havørn.\nInterne priser for rødvinseddik er hemmelige."


def two_documents() -> tuple[list[Chunk], list[Chunk]]:
    """A public and an internal document, two chunks each, with their own marker words."""
    return text_chunks("snougle", "public", PUBLIC_TEXT), text_chunks("intern", "internal", INTERNAL_TEXT)


class ReadWriteContract:
    def test_a_new_store_is_empty(self, store):
        assert store.chunks() == []
        assert store.documents() == []
        assert store.sentences(EVERYONE) == []
        assert store.revision() == 0

    def test_add_document_then_chunks_returns_exactly_those_chunks(self, store):
        chunks = hand_chunks()
        store.add_document(chunks)
        assert store.chunks() == chunks  # text, offsets, heading_path, page and every meta field intact
        assert store.chunks(EVERYONE, doc_id="handbok") == chunks
        assert store.chunks(EVERYONE, doc_id="no-such-doc") == []

    def test_ingest_made_chunks_round_trip(self, store):
        chunks = text_chunks("snougle", "public", PUBLIC_TEXT)
        assert len(chunks) == 2  # the test is only meaningful with more than one chunk
        store.add_document(chunks)
        got = store.chunks()
        assert got == chunks
        assert [c.text for c in got] == PUBLIC_TEXT.split("\n")

    def test_documents_lists_one_entry_per_document(self, store):
        public, internal = two_documents()
        store.add_document(public)
        store.add_document(internal)
        assert store.documents() == [internal[0].meta, public[0].meta]  # sorted by source
        assert store.documents(EVERYONE) == [internal[0].meta, public[0].meta]

    def test_sentences_are_the_sentences_of_the_stored_chunks(self, store):
        chunks = hand_chunks()
        store.add_document(chunks)
        rows = store.sentences(EVERYONE)
        got = {(r.chunk_id, r.start, r.end) for r in rows}
        assert got == {(c.chunk_id, s, e) for c in chunks for s, e in sentence_spans(c.text)}
        assert len(rows) == len(got) == 4
        assert all(len(r.vector) == FakeEmbeddings.dim for r in rows)


class ScopeContract:
    @pytest.fixture
    def mixed(self, store) -> tuple[list[Chunk], list[Chunk]]:
        public, internal = two_documents()
        store.add_document(public)
        store.add_document(internal)
        return public, internal

    def test_public_scope_never_returns_internal_chunks(self, store, mixed):
        public, internal = mixed
        assert store.chunks(PUBLIC) == public
        assert store.chunks(PUBLIC, doc_id="intern") == []
        assert store.chunks(EVERYONE) == internal + public

    def test_public_scope_never_lists_internal_documents(self, store, mixed):
        public, internal = mixed
        assert store.documents(PUBLIC) == [public[0].meta]
        assert store.documents(Scope(audiences=("internal",))) == [internal[0].meta]

    def test_public_scope_never_finds_internal_chunks_by_vector(self, store, mixed):
        public, internal = mixed
        for chunk in internal:
            vector = FakeEmbeddings().embed_query(chunk.context_text())
            found = store.nearest(vector, 10, PUBLIC)
            assert {cid for cid, _ in found} == {c.chunk_id for c in public}
            assert store.nearest(vector, 1, EVERYONE)[0][0] == chunk.chunk_id

    def test_public_scope_never_returns_internal_sentences(self, store, mixed):
        public, internal = mixed
        assert {r.chunk_id for r in store.sentences(PUBLIC)} == {c.chunk_id for c in public}
        assert {r.chunk_id for r in store.sentences(EVERYONE)} == {c.chunk_id for c in public + internal}


class DenseSearchContract:
    def test_a_chunk_is_its_own_nearest_neighbour(self, store):
        chunks = hand_chunks() + text_chunks("snougle", "public", PUBLIC_TEXT)
        store.add_document(chunks[:2])
        store.add_document(chunks[2:])
        for chunk in chunks:
            found = store.nearest(FakeEmbeddings().embed_query(chunk.context_text()), 3, EVERYONE)
            assert found[0][0] == chunk.chunk_id
            assert found[0][1] == pytest.approx(1.0, abs=1e-4)
            assert all(-1.0 - 1e-5 <= score <= 1.0 + 1e-5 for _, score in found)  # float32 cosine distance
            assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)

    def test_extra_where_narrows_the_search(self, store):
        store.add_document(hand_chunks())  # doc_type qa
        store.add_document(text_chunks("snougle", "public", PUBLIC_TEXT))  # doc_type document
        vector = FakeEmbeddings().embed_query(PUBLIC_TEXT)
        found = store.nearest(vector, 10, PUBLIC, where={"doc_type": "qa"})
        assert {cid for cid, _ in found} == {c.chunk_id for c in hand_chunks()}


class ReplaceDeleteContract:
    def test_re_adding_a_document_replaces_it(self, store):
        chunks = text_chunks("snougle", "public", PUBLIC_TEXT)
        store.add_document(chunks)
        store.add_document(chunks)
        assert store.chunks() == chunks
        assert len(store.sentences(EVERYONE)) == 2

        changed = text_chunks("snougle", "public", "Ny versjon nevner bare tranebær.")
        store.add_document(changed)
        assert store.chunks() == changed
        assert store.documents() == [changed[0].meta]
        rows = store.sentences(EVERYONE)
        assert [(r.chunk_id, r.start, r.end) for r in rows] == [(changed[0].chunk_id, 0, len(changed[0].text))]

    def test_delete_document_removes_its_chunks_and_sentences(self, store):
        public, internal = two_documents()
        store.add_document(public)
        store.add_document(internal)
        store.delete_document("intern")
        assert store.chunks() == public
        assert {r.chunk_id for r in store.sentences(EVERYONE)} == {c.chunk_id for c in public}
        vector = FakeEmbeddings().embed_query(internal[0].context_text())
        assert {cid for cid, _ in store.nearest(vector, 10, EVERYONE)} == {c.chunk_id for c in public}

    def test_revision_increases_on_every_write(self, store):
        revisions = [store.revision()]
        store.add_document(text_chunks("snougle", "public", PUBLIC_TEXT))
        revisions.append(store.revision())
        store.add_document(text_chunks("snougle", "public", PUBLIC_TEXT))
        revisions.append(store.revision())
        store.add_document(text_chunks("intern", "internal", INTERNAL_TEXT))
        revisions.append(store.revision())
        store.delete_document("intern")
        revisions.append(store.revision())
        store.reset()
        revisions.append(store.revision())
        assert revisions == sorted(set(revisions)), revisions
        assert store.chunks() == []

    def test_an_open_store_notices_another_clients_writes(self, store, store_settings):
        other = ChunkStore(store_settings, FakeEmbeddings(), client=make_client(store_settings))  # another worker
        before = other.revision()
        store.add_document(hand_chunks())
        assert other.revision() == store.revision() > before  # what tells its snapshot cache to rebuild
        assert other.chunks() == hand_chunks()


class ModelContract:
    def test_opening_with_another_embedding_model_is_refused(self, store, store_settings):
        store.add_document(hand_chunks())
        with pytest.raises(EmbeddingMismatch) as err:
            ChunkStore(store_settings, OtherFakeEmbeddings())
        message = str(err.value)
        assert "--reindex" in message
        assert FakeEmbeddings.model_id in message and OtherFakeEmbeddings.model_id in message

    def test_drop_collections_lets_a_new_model_build_the_store(self, store, store_settings):
        store.add_document(hand_chunks())
        drop_collections(store_settings)
        fresh = ChunkStore(store_settings, OtherFakeEmbeddings())
        assert fresh.chunks() == []
        chunks = text_chunks("snougle", "public", PUBLIC_TEXT)
        fresh.add_document(chunks)
        assert fresh.chunks() == chunks
        with pytest.raises(EmbeddingMismatch):  # the store now belongs to the new model
            ChunkStore(store_settings, FakeEmbeddings())

    def test_drop_collections_of_a_missing_store_is_harmless(self, store_settings):
        drop_collections(store_settings)
        assert ChunkStore(store_settings, FakeEmbeddings()).chunks() == []


@pytest.fixture(params=["embedded", pytest.param("server", marks=pytest.mark.server)])
def store_settings(request, tmp_path) -> Settings:
    collection = f"t{uuid4().hex[:8]}"
    if request.param == "server":
        url = request.getfixturevalue("chroma_server")
        return Settings(data_dir=tmp_path, chroma_url=url, collection=collection)
    return Settings(data_dir=tmp_path, collection=collection)


@pytest.fixture
def store(store_settings) -> ChunkStore:
    return ChunkStore(store_settings, FakeEmbeddings())


class TestChunkStore(ReadWriteContract, ScopeContract, DenseSearchContract, ReplaceDeleteContract, ModelContract):
    """Every contract above, against the embedded store and against the server."""
