"""Uploads are typed by their bytes, not their names: ``sniff`` and ``check_suffix``."""

from __future__ import annotations

import io
import os
import zipfile

import docx
import pytest
from fpdf import FPDF

from assistant.errors import LoadError
from ingest.sniff import check_suffix, sniff


def pdf_bytes() -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, "Tilbudsfrist og krav.")
    return bytes(pdf.output())


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Notat om boligsosiale tiltak.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bytes(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "innhold")
    return buffer.getvalue()


PDF = pdf_bytes()
DOCX = docx_bytes()
HTML = b"\n  <!DOCTYPE html><html><body><p>Boligplan</p></body></html>"
TEXT = "# Overskrift\n\nFørste avsnitt om leverandører.\n".encode()


@pytest.mark.parametrize(
    "data, kind",
    [
        (PDF, "pdf"),
        (DOCX, "docx"),
        (HTML, "html"),
        (b"<html><p>uten doctype</p></html>", "html"),
        ("\ufeff<html lang='nb'><p>BOM først</p></html>".encode(), "html"),
        (TEXT, "text"),
        ("\ufeffTekst med BOM og æøå".encode(), "text"),
        (b"<p>a fragment is not a page</p>", "text"),
    ],
)
def test_sniff_tells_the_kind_from_the_bytes(data, kind):
    assert sniff(data) == kind


@pytest.mark.parametrize(
    "data, reason, fragment",
    [
        (zip_bytes(["data.csv", "word/other.xml"]), "unsupported", "not a Word document"),
        (b"PK\x03\x04" + b"\x00" * 40, "corrupt", "damaged zip"),
        ("Tilbudsfrist for leverandører".encode("latin-1"), "unsupported", "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n" + os.urandom(64), "unsupported", "not UTF-8"),
        (b"ELF\x00\x01\x02 plain ascii with a nul", "unsupported", "binary content"),
    ],
)
def test_sniff_refuses_what_it_cannot_load(data, reason, fragment):
    with pytest.raises(LoadError) as caught:
        sniff(data)
    assert caught.value.reason == reason
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    "suffix, data, stored_as",
    [
        (".pdf", PDF, ".pdf"),
        (".PDF", PDF, ".pdf"),
        ("", PDF, ".pdf"),
        (".docx", DOCX, ".docx"),
        ("", DOCX, ".docx"),
        (".md", TEXT, ".md"),
        (".markdown", TEXT, ".markdown"),
        (".TXT", TEXT, ".txt"),
        (".html", HTML, ".html"),
        (".htm", HTML, ".htm"),
        (".md", HTML, ".md"),  # markdown may start with HTML; the name decides within the text family
        ("", HTML, ".html"),
        ("", TEXT, ".txt"),
        (".csv", TEXT, ".txt"),  # an unknown name for text is stored as text, never run as something else
        (".exe", HTML, ".html"),
    ],
)
def test_check_suffix_gives_the_name_to_store_under(suffix, data, stored_as):
    assert check_suffix(suffix, data) == stored_as


@pytest.mark.parametrize(
    "suffix, data, fragment",
    [
        (".docx", PDF, "content is PDF but the file is named .docx"),
        (".txt", PDF, "content is PDF but the file is named .txt"),
        (".pdf", DOCX, "content is DOCX but the file is named .pdf"),
        (".md", DOCX, "content is DOCX but the file is named .md"),
        (".pdf", TEXT, "named .pdf but its content is text"),
        (".docx", HTML, "named .docx but its content is html"),
    ],
)
def test_check_suffix_refuses_a_name_that_contradicts_the_content(suffix, data, fragment):
    with pytest.raises(LoadError) as caught:
        check_suffix(suffix, data)
    assert caught.value.reason == "type_mismatch"
    assert fragment in str(caught.value)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".pdf", ""])
def test_check_suffix_refuses_binary_and_latin1_whatever_the_name(suffix):
    for data in (b"\xff\xfe\x00\x01" + os.urandom(32), "Søknad om tomt".encode("latin-1")):
        with pytest.raises(LoadError) as caught:
            check_suffix(suffix, data)
        assert caught.value.reason == "unsupported"
