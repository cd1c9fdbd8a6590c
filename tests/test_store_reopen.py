"""A store that another process dropped and rebuilt (``ingest --reindex``) keeps working."""

from assistant.config import EmbeddingSettings, Settings
from assistant.embeddings import FakeEmbeddings
from assistant.models import DocumentMeta, Scope
from assistant.store import ChunkStore, drop_collections
from ingest.chunking import chunk_document
from ingest.loaders import document_from_text


def _chunks(doc_id: str, text: str):
    meta = DocumentMeta(doc_id=doc_id, title=doc_id, source=f"t/{doc_id}.txt", audience="public")
    return chunk_document(document_from_text(text, meta))


def test_open_store_sees_a_rebuilt_store_after_a_drop(tmp_path):
    settings = Settings(data_dir=tmp_path, embedding=EmbeddingSettings(backend="fake"))
    serving = ChunkStore(settings, FakeEmbeddings())
    serving.add_document(_chunks("old", "Gammel tekst om GAMMELMARKØR."))
    before = serving.revision()

    drop_collections(settings)
    rebuilt = ChunkStore(settings, FakeEmbeddings())
    new = _chunks("new", "Ny tekst om NYMARKØR.")
    rebuilt.add_document(new)

    assert serving.revision() != before
    texts = [c.text for c in serving.chunks(Scope.public())]
    assert texts == ["Ny tekst om NYMARKØR."]
    hits = serving.nearest(FakeEmbeddings().embed_query("NYMARKØR"), 3, Scope.public())
    assert [cid for cid, _ in hits] == [c.chunk_id for c in new]
