"""Loaders: every format gives exact text, blocks, pages and metadata; every bad file a clear LoadError."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from fpdf import FPDF

from assistant.errors import LoadError
from assistant.models import Document, DocumentMeta
from ingest.loaders import SUPPORTED_SUFFIXES, document_from_text, load_file, make_doc_id

MARKDOWN = """---
title: "Markdown-test MD-4411"
source_url: https://example.org/md
audience: public
doc_type: project_description
date: 2020-03-01
lang: nb
organisation: Lørenskog kommune
---

# Prosjektet

Første avsnitt med **fet** og *kursiv* tekst,
en [lenke](https://example.org) og `kode`.

## Mål

- Punkt én
- Punkt to

### Detaljer

Siste avsnitt.
"""

TEXT = """---
title: Tekst-test
---

Om tjenesten

Dette er første avsnitt
som går over to linjer.

Andre avsnitt   med\tekstra mellomrom.
"""

HTML = """<!DOCTYPE html><html lang="nb"><head><title>HTML-tittel</title>
<meta name="audience" content="public"><meta name="doc_type" content="background">
<meta name="source_url" content="https://example.org/html"><meta name="date" content="2020-03-02">
<script>var hidden = "SCRIPT-MARKER";</script><style>p {color: red}</style></head>
<body><header><nav><ul><li>Meny-lenke</li></ul></nav></header>
<main><h1>Bakgrunn</h1><p>Kommunen &amp; Husbanken&nbsp;samarbeider.<br>Ny linje.</p>
<h2>Grupper</h2><ul><li>eldre</li><li><p>unge</p></li></ul>
<table><tr><th>Navn</th><td>Verdi 42</td></tr></table></main>
<aside>Sidefelt</aside><footer>Bunntekst</footer></body></html>
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def make_pdf(tmp_path: Path, name: str = "rapport.pdf", title: str | None = "Innebygd PDF-tittel") -> Path:
    """A real two-page PDF with a hyphenated line break and a page-number footer."""
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    first_page = "Første side om boligsosiale utfor-\ndringer i kommunen.\n\nAndre avsnitt på side én.\nSide 1 av 2"
    pdf.multi_cell(0, 8, first_page)
    pdf.add_page()
    pdf.multi_cell(0, 8, "Side to handler om blåbær.\nSide 2 av 2")
    return write(tmp_path, name, bytes(pdf.output()))


def make_docx(tmp_path: Path, name: str = "notat.docx", title: str = "Kjernetittel") -> Path:
    """A real DOCX with Title, Heading and Overskrift styles, an empty paragraph and a table."""
    document = docx.Document()
    document.core_properties.title = title
    document.add_paragraph("Notatets tittel", style="Title")
    document.add_heading("Innledning", level=1)
    document.add_paragraph("Første avsnitt i notatet.")
    document.add_paragraph("")
    document.styles.add_style("Overskrift 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Norsk overskrift", style="Overskrift 2")
    document.add_paragraph("Avsnitt under norsk overskrift.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Celle A"
    table.cell(0, 1).text = "Celle B"
    buffer = io.BytesIO()
    document.save(buffer)
    return write(tmp_path, name, buffer.getvalue())


def sample_files(tmp_path: Path) -> list[Path]:
    """One valid file of every supported format (used by the chunking tests too)."""
    return [
        write(tmp_path, "a.md", MARKDOWN),
        write(tmp_path, "b.txt", TEXT),
        write(tmp_path, "c.html", HTML),
        make_pdf(tmp_path),
        make_docx(tmp_path),
    ]


def assert_offsets_exact(doc: Document) -> None:
    assert doc.text == "\n\n".join(b.text for b in doc.blocks)
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text
        assert block.text == block.text.strip() and "\n" not in block.text


def blocks(doc: Document) -> list[tuple[str, str, int]]:
    return [(b.kind, b.text, b.level) for b in doc.blocks]


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == {".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx"}


def test_markdown_blocks_and_metadata(tmp_path) -> None:
    doc = load_file(write(tmp_path, "prosjekt.md", MARKDOWN), source="corpus/public/prosjekt.md")
    assert blocks(doc) == [
        ("heading", "Prosjektet", 1),
        ("paragraph", "Første avsnitt med fet og kursiv tekst, en lenke og kode.", 0),
        ("heading", "Mål", 2),
        ("paragraph", "Punkt én", 0),
        ("paragraph", "Punkt to", 0),
        ("heading", "Detaljer", 3),
        ("paragraph", "Siste avsnitt.", 0),
    ]
    assert_offsets_exact(doc)
    meta = doc.meta
    assert (meta.title, meta.url, meta.audience) == ("Markdown-test MD-4411", "https://example.org/md", "public")
    assert (meta.doc_type, meta.date, meta.lang) == ("project_description", "2020-03-01", "nb")
    assert meta.organisation == "Lørenskog kommune"
    assert meta.source == "corpus/public/prosjekt.md"
    assert meta.doc_id == make_doc_id("corpus/public/prosjekt.md")
    assert len(meta.content_hash) == 64


def test_markdown_with_bom_and_no_front_matter(tmp_path) -> None:
    path = write(tmp_path, "x.markdown", b"\xef\xbb\xbf# Tittel fra overskrift\n\nTekst.\n")
    doc = load_file(path, source="x.markdown")
    assert doc.text == "Tittel fra overskrift\n\nTekst."
    assert doc.meta.title == "Tittel fra overskrift"


def test_text_paragraphs_and_headings(tmp_path) -> None:
    doc = load_file(write(tmp_path, "om.txt", TEXT), source="om.txt")
    assert blocks(doc) == [
        ("heading", "Om tjenesten", 1),
        ("paragraph", "Dette er første avsnitt som går over to linjer.", 0),
        ("paragraph", "Andre avsnitt med ekstra mellomrom.", 0),
    ]
    assert doc.meta.title == "Tekst-test"
    assert_offsets_exact(doc)


def test_html_main_content_and_metadata(tmp_path) -> None:
    doc = load_file(write(tmp_path, "side.html", HTML), source="side.html")
    assert blocks(doc) == [
        ("heading", "Bakgrunn", 1),
        ("paragraph", "Kommunen & Husbanken samarbeider. Ny linje.", 0),
        ("heading", "Grupper", 2),
        ("paragraph", "eldre", 0),
        ("paragraph", "unge", 0),
        ("paragraph", "Navn: Verdi 42", 0),  # a table row stays one quotable line
    ]
    for hidden in ("SCRIPT-MARKER", "Meny-lenke", "Sidefelt", "Bunntekst", "color"):
        assert hidden not in doc.text
    meta = doc.meta
    assert (meta.title, meta.lang, meta.audience, meta.doc_type) == ("HTML-tittel", "nb", "public", "background")
    assert (meta.url, meta.date) == ("https://example.org/html", "2020-03-02")
    assert_offsets_exact(doc)


def test_html_without_main_uses_body(tmp_path) -> None:
    path = write(tmp_path, "enkel.htm", "<html><body><nav>Meny</nav><p>Brødtekst her.</p></body></html>")
    doc = load_file(path, source="enkel.htm")
    assert doc.text == "Brødtekst her."
    assert doc.meta.title == "enkel"


def test_pdf_pages_dehyphenation_and_title(tmp_path) -> None:
    doc = load_file(make_pdf(tmp_path), source="corpus/public/rapport.pdf")
    assert [(b.text, b.page) for b in doc.blocks] == [
        ("Første side om boligsosiale utfordringer i kommunen.", 1),
        ("Andre avsnitt på side én.", 1),
        ("Side to handler om blåbær.", 2),
    ]
    assert doc.meta.title == "Innebygd PDF-tittel"
    assert doc.meta.audience == "internal"
    assert_offsets_exact(doc)


def test_pdf_title_falls_back_to_stem(tmp_path) -> None:
    doc = load_file(make_pdf(tmp_path, name="uten-tittel.pdf", title=None), source="uten-tittel.pdf")
    assert doc.meta.title == "uten-tittel"


def test_sidecar_overrides_and_enters_hash(tmp_path) -> None:
    path = make_pdf(tmp_path)
    before = load_file(path, source="rapport.pdf").meta.content_hash
    write(tmp_path, "rapport.pdf.meta.yaml", "title: Sidecar-tittel\naudience: public\ndate: 2020-02-19\n")
    meta = load_file(path, source="rapport.pdf").meta
    assert (meta.title, meta.audience, meta.date) == ("Sidecar-tittel", "public", "2020-02-19")
    assert meta.content_hash != before


def test_docx_styles_tables_and_title(tmp_path) -> None:
    doc = load_file(make_docx(tmp_path), source="notat.docx")
    assert blocks(doc) == [
        ("heading", "Notatets tittel", 1),
        ("heading", "Innledning", 1),
        ("paragraph", "Første avsnitt i notatet.", 0),
        ("heading", "Norsk overskrift", 2),
        ("paragraph", "Avsnitt under norsk overskrift.", 0),
        ("paragraph", "Celle A: Celle B", 0),  # a table row stays one quotable line
    ]
    assert doc.meta.title == "Kjernetittel"
    assert_offsets_exact(doc)


def test_audience_fails_closed(tmp_path) -> None:
    path = write(tmp_path, "uten.md", "# Uten metadata\n\nTekst.\n")
    assert load_file(path, source="uten.md").meta.audience == "internal"
    assert load_file(path, source="uten.md", default_audience="public").meta.audience == "public"
    labelled = write(tmp_path, "intern.md", "---\naudience: internal\n---\nTekst.\n")
    assert load_file(labelled, source="intern.md", default_audience="public").meta.audience == "internal"


@pytest.mark.parametrize(
    ("content", "default"), [("---\naudience: secret\n---\nTekst.\n", None), ("Tekst.\n", "everyone")]
)
def test_bad_audience(tmp_path, content: str, default: str | None) -> None:
    with pytest.raises(LoadError) as err:
        load_file(write(tmp_path, "x.md", content), source="x.md", default_audience=default)
    assert err.value.reason == "bad_audience"


def test_doc_id_is_stable_slug_plus_source_hash() -> None:
    doc_id = make_doc_id("corpus/public/Blåbær Søknad.md")
    assert doc_id.startswith("blabaer-soknad-") and len(doc_id) == len("blabaer-soknad-") + 10
    assert doc_id == make_doc_id("corpus/public/Blåbær Søknad.md")
    assert doc_id != make_doc_id("corpus/internal/Blåbær Søknad.md")


def test_document_from_text_keeps_text_exactly() -> None:
    raw = "  Første linje.  \n\n\tAndre  linje\r\n"
    meta = DocumentMeta(doc_id="eval-1", title="Eval", source="eval")
    doc = document_from_text(raw, meta)
    assert doc.text == raw
    assert [(b.text, b.start, b.end) for b in doc.blocks] == [("Første linje.", 2, 15), ("Andre  linje", 20, 32)]
    assert all(raw[b.start : b.end] == b.text for b in doc.blocks)


def bad_file(tmp_path: Path, kind: str) -> Path:
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("hello.txt", "not a docx")
    content = {
        "empty": ("tom.md", b""),
        "not_utf8": ("latin.txt", "blåbær".encode("latin-1")),
        "corrupt_pdf": ("skadet.pdf", b"%PDF-1.4 garbage"),
        "corrupt_docx_zip": ("skadet.docx", zipped.getvalue()),
        "corrupt_docx_bytes": ("tilfeldig.docx", bytes(range(256)) * 4),
        "unsupported": ("regneark.xlsx", b"data"),
        "no_text": ("bare-metadata.md", b"---\ntitle: Ingen tekst\n---\n\n"),
        "bad_front_matter": ("ugyldig.md", b"---\ntitle: [oops\n---\nTekst"),
    }[kind]
    return write(tmp_path, *content)


@pytest.mark.parametrize(
    ("kind", "reason", "says"),
    [
        ("empty", "empty", "empty"),
        ("not_utf8", "not_utf8", "offset 2"),
        ("corrupt_pdf", "corrupt", "PDF"),
        ("corrupt_docx_zip", "corrupt", "DOCX"),
        ("corrupt_docx_bytes", "corrupt", "DOCX"),
        ("unsupported", "unsupported", ".docx"),
        ("no_text", "no_text", "no text"),
        ("bad_front_matter", "bad_front_matter", "YAML"),
    ],
)
def test_bad_files_raise_load_error(tmp_path, kind: str, reason: str, says: str) -> None:
    path = bad_file(tmp_path, kind)
    with pytest.raises(LoadError) as err:
        load_file(path, source=path.name)
    assert err.value.reason == reason
    message = str(err.value)
    assert path.name in message and says in message and "\n" not in message


def test_too_large(tmp_path) -> None:
    path = write(tmp_path, "stor.txt", "x" * 2000)
    with pytest.raises(LoadError) as err:
        load_file(path, source="stor.txt", max_bytes=1000)
    assert err.value.reason == "too_large"
    assert "1000" in str(err.value)


def test_scanned_pdf_has_no_text(tmp_path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    path = write(tmp_path, "skannet.pdf", bytes(pdf.output()))
    with pytest.raises(LoadError) as err:
        load_file(path, source="skannet.pdf")
    assert err.value.reason == "no_text"


def test_pdf_keeps_numbers_inside_the_page(tmp_path) -> None:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, "Antall omsorgsboliger\n30\nSlutt på tabellen.\n7")
    doc = load_file(write(tmp_path, "tall.pdf", bytes(pdf.output())), source="tall.pdf")
    assert [b.text for b in doc.blocks] == ["Antall omsorgsboliger", "30", "Slutt på tabellen."]


def test_markdown_quotes_tables_rules_and_ordered_lists(tmp_path) -> None:
    content = "> Sitat over\n> to linjer.\n\n---\n\n| Navn | Verdi |\n|---|---|\n\n1. Første\n2) Andre\n"
    doc = load_file(write(tmp_path, "ekstra.md", content), source="ekstra.md")
    assert [b.text for b in doc.blocks] == ["Sitat over to linjer.", "Navn: Verdi", "Første", "Andre"]


def test_wide_tables_name_each_cell_by_its_column(tmp_path) -> None:
    content = (
        "| Navn | E-post | Telefon |\n| --- | --- | --- |\n"
        "| Kari | kari@x.no | 906 72 754 |\n| Ola | ola@x.no | 977 47 082 |\n"
    )
    doc = load_file(write(tmp_path, "kontakt.md", content), source="kontakt.md")
    assert [b.text for b in doc.blocks] == [
        "Navn: Kari; E-post: kari@x.no; Telefon: 906 72 754",
        "Navn: Ola; E-post: ola@x.no; Telefon: 977 47 082",
    ]


def test_pdf_headings_by_font_and_table_rows_by_column_gaps() -> None:
    """The corpus PDF: bold larger lines are headings, a two-column table keeps each row whole."""
    pdf = Path(__file__).resolve().parents[2] / "corpus" / "public" / "byggetrinn-1.pdf"
    doc = load_file(pdf, source="byggetrinn-1.pdf")
    kinds = {(b.kind, b.text) for b in doc.blocks}
    assert ("heading", "Hva som ble bygget") in kinds and ("heading", "Nøkkeltall for byggetrinn 1") in kinds
    assert ("paragraph", "Hovedentreprenør: HENT AS") in kinds and ("paragraph", "Omsorgsboliger: 30") in kinds
    assert not any(b.text.startswith("Side ") for b in doc.blocks)
    assert_offsets_exact(doc)
