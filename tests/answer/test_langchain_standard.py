"""LangChain's own standard tests (``langchain-tests``) against every LangChain face the project offers:
the e5 embeddings (unit and integration) and :class:`~assistant.retrieve.CorpusRetriever` over a real
store holding the project corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from langchain_tests.integration_tests import EmbeddingsIntegrationTests, RetrieversIntegrationTests
from langchain_tests.unit_tests import EmbeddingsUnitTests

from assistant.config import Settings
from assistant.embeddings import E5Embeddings
from assistant.models import Scope
from assistant.retrieve import CorpusRetriever
from assistant.service import Assistant
from ingest.pipeline import ingest_paths
from tests.conftest import CORPUS

# The async standard tests need pytest-asyncio (a dependency of langchain-tests) to run them; the mark is
# module-wide because the standard tests may not be overridden, so the sync ones' notice about it is silenced.
pytestmark = [pytest.mark.slow, pytest.mark.asyncio, pytest.mark.filterwarnings("ignore:The test <Function")]


class TestE5EmbeddingsUnit(EmbeddingsUnitTests):
    @property
    def embeddings_class(self) -> type[Embeddings]:
        return E5Embeddings

    @property
    def embedding_model_params(self) -> dict[str, Any]:
        return {"batch_size": 8}


class TestE5EmbeddingsIntegration(EmbeddingsIntegrationTests):
    @property
    def embeddings_class(self) -> type[Embeddings]:
        return E5Embeddings

    @property
    def embedding_model_params(self) -> dict[str, Any]:
        return {"batch_size": 8}


_ASSISTANT: list[Assistant] = []


def corpus_search(tmp: Path):
    """One real store over the project corpus for the class (the standard tests build their own retrievers)."""
    if not _ASSISTANT:
        assistant = Assistant(Settings(data_dir=tmp))
        ingest_paths([CORPUS], assistant.store, progress=False)
        _ASSISTANT.append(assistant)
    return _ASSISTANT[0].search_engine


class TestCorpusRetriever(RetrieversIntegrationTests):
    @pytest.fixture(autouse=True, scope="class")
    def _store(self, tmp_path_factory) -> None:
        corpus_search(tmp_path_factory.mktemp("standard-retriever"))

    @property
    def retriever_constructor(self) -> type[BaseRetriever]:
        return CorpusRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        return {"search": _ASSISTANT[0].search_engine, "scope": Scope.public()}

    @property
    def retriever_query_example(self) -> str:
        return "Hvor mange boliger skal kommunen skaffe?"
