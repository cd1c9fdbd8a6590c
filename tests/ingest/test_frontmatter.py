"""Front matter and sidecar metadata: what is parsed, what is left as body, what is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.errors import LoadError
from ingest.frontmatter import read_sidecar, split_front_matter


def test_front_matter_fields_body_and_offset() -> None:
    text = '---\ntitle: "Marker FM-7731"\naudience: public\ndate: 2020-03-01\n---\n# Heading\n\nBody.\n'
    fields, body, offset = split_front_matter(text)
    assert fields == {"title": "Marker FM-7731", "audience": "public", "date": dt.date(2020, 3, 1)}
    assert body == "# Heading\n\nBody.\n"
    assert text[offset:] == body


def test_no_front_matter_returns_text_whole() -> None:
    text = "# Just a heading\n\n---\nnot: front matter\n---\n"
    assert split_front_matter(text) == ({}, text, 0)


def test_empty_front_matter_block_gives_no_fields() -> None:
    fields, body, offset = split_front_matter("---\n---\nBody")
    assert (fields, body, offset) == ({}, "Body", 8)


def test_crlf_front_matter() -> None:
    fields, body, _ = split_front_matter("---\r\ntitle: Crlf\r\n---\r\nBody\r\n")
    assert fields == {"title": "Crlf"}
    assert body == "Body\r\n"


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: [unclosed\n---\nBody",  # invalid YAML
        "---\n- a list\n- not a mapping\n---\nBody",  # not a mapping
        "---\ntitle: never closed\nBody",  # no closing fence
    ],
)
def test_malformed_front_matter_is_refused(text: str) -> None:
    with pytest.raises(LoadError) as err:
        split_front_matter(text, name="corpus/x.md")
    assert err.value.reason == "bad_front_matter"
    assert "corpus/x.md" in str(err.value)


def test_read_sidecar(tmp_path) -> None:
    doc = tmp_path / "report.pdf"
    doc.write_bytes(b"%PDF")
    assert read_sidecar(doc) == ({}, b"")
    raw = "title: Blåbær-tittel\naudience: public\n".encode()
    (tmp_path / "report.pdf.meta.yaml").write_bytes(raw)
    assert read_sidecar(doc) == ({"title": "Blåbær-tittel", "audience": "public"}, raw)


def test_malformed_sidecar_is_refused(tmp_path) -> None:
    doc = tmp_path / "report.pdf"
    (tmp_path / "report.pdf.meta.yaml").write_text("just a string\n")
    with pytest.raises(LoadError) as err:
        read_sidecar(doc)
    assert err.value.reason == "bad_front_matter"
