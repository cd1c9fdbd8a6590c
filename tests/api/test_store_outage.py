"""A Chroma server that goes away after start: the API says 503 with a readable message."""

from __future__ import annotations

import httpx
import pytest

from api.main import create_app
from assistant.errors import StoreUnavailable
from assistant.models import Scope
from assistant.service import Assistant
from tests.conftest import LiveServer, running_chroma
from tests.test_store_contract import PUBLIC_TEXT, text_chunks

pytestmark = pytest.mark.server


def test_a_lost_chroma_server_is_503_not_500(fake_settings, tmp_path):
    with running_chroma(str(tmp_path / "chroma")) as (url, chroma):
        assistant = Assistant(fake_settings.model_copy(update={"chroma_url": url}))
        assistant.store.add_document(text_chunks("snougle", "public", PUBLIC_TEXT))
        with LiveServer(create_app(assistant.settings, assistant)) as api, httpx.Client(base_url=api.url) as client:
            assert client.get("/api/documents").status_code == 200

            chroma.terminate()
            chroma.wait(timeout=10)

            for response in (
                client.post("/api/chat", json={"question": "Hva er en snøugle?"}),
                client.get("/api/search", params={"q": "snøugle"}),
                client.get("/api/documents"),
            ):
                assert response.status_code == 503, response.text
                body = response.json()
                assert body["error"] == "StoreUnavailable"
                assert "cannot be reached" in body["detail"]

    with pytest.raises(StoreUnavailable):
        assistant.store.add_document(text_chunks("other", "public", PUBLIC_TEXT))
    with pytest.raises(StoreUnavailable):
        assistant.store.delete_document("snougle")
    with pytest.raises(StoreUnavailable):
        assistant.store.nearest([0.1] * 8, 3, Scope.public())
    with pytest.raises(StoreUnavailable):
        assistant.store.reset()
