#!/usr/bin/env python3
"""Generate the binary documents of the sample corpus.

The sample corpus in ``corpus/public/`` is mostly Markdown, HTML and plain text,
which are kept in the repository as they are. Two documents exist to exercise the
PDF and DOCX loaders, and those are generated from the text held in this script:

* ``corpus/public/byggetrinn-1.pdf``       (fpdf2, two pages, title in PDF metadata)
* ``corpus/public/dialogkonferansen.docx`` (python-docx, Heading 1/Heading 2 styles)

Each gets a sidecar ``<filename>.meta.yaml`` with the same front-matter keys that the
Markdown documents carry (title, source_url, audience, doc_type, date, lang).

The output is deterministic: fixed creation dates in the PDF, fixed core properties
and fixed ZIP entry timestamps in the DOCX, so re-running the script does not change
the files unless the text below changes.

Usage (from the repository root)::

    python scripts/make_corpus_formats.py

The text is written in Norwegian bokmål from the facts in PRODUCT.md. The core PDF
font (Helvetica) only covers Latin-1, which includes æ, ø, å, «, » and §; other
characters (such as the en dash) are replaced before writing.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx import Document
from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = ROOT / "corpus" / "public"

# Fixed timestamp used for every generated file, so the output is reproducible.
FIXED_DATETIME = datetime(2020, 3, 1, 12, 0, 0, tzinfo=UTC)
ZIP_DATE_TIME = (2020, 3, 1, 12, 0, 0)

MUNICIPALITY_URL = "https://www.lorenskog.kommune.no/"
CONFERENCE_URL = "https://innovativeanskaffelser.no/arrangement/"

# ---------------------------------------------------------------------------
# Document text
# ---------------------------------------------------------------------------
# A document is a list of blocks: ("h1" | "h2" | "p", text), ("table", rows of cells) and
# ("pagebreak", "") for the PDF.

STAGE1_META = {
    "title": "Byggetrinn 1 på Løkenåsveien 45: barnehage og omsorgsboliger",
    "source_url": MUNICIPALITY_URL,
    "audience": "public",
    "doc_type": "stage1",
    "date": "2020-03-01",
    "lang": "nb",
}

STAGE1_BLOCKS: list[tuple[str, Any]] = [
    ("h1", "Byggetrinn 1 på Løkenåsveien 45"),
    ("p", "Dette dokumentet beskriver det første byggetrinnet på tomten "
          "Løkenåsveien 45 i Lørenskog kommune. Det nye prosjektet, byggetrinn 2, "
          "skal bygges på den samme tomten."),
    ("h2", "Hva som ble bygget"),
    ("p", "I byggetrinn 1 ble det bygget en barnehage og omsorgsboliger."),
    ("p", "Barnehagen i byggetrinn 1 har seks avdelinger."),
    ("p", "Byggetrinn 1 har 30 omsorgsboliger."),
    ("p", "Barnehagen og de 30 omsorgsboligene ligger på tomten "
          "Løkenåsveien 45."),
    ("h2", "Byggeperiode og entreprenør"),
    ("p", "Byggetrinn 1 ble bygget i årene 2018 og 2019."),
    ("p", "Hovedentreprenør for byggetrinn 1 var HENT AS."),
    ("h2", "Konstruksjon"),
    ("p", "Bygget i byggetrinn 1 er oppført i massivtre."),
    ("h2", "Nøkkeltall for byggetrinn 1"),
    ("table", [["Barnehage", "seks avdelinger"], ["Omsorgsboliger", "30"], ["Byggeår", "2018–2019"],
               ["Hovedentreprenør", "HENT AS"], ["Miljøstandard", "BREEAM Excellent"],
               ["Konstruksjon", "massivtre"]]),
    ("pagebreak", ""),
    ("h1", "Miljø og energi i byggetrinn 1"),
    ("h2", "Miljøsertifisering"),
    ("p", "Byggetrinn 1 har miljøstandarden BREEAM Excellent."),
    ("p", "BREEAM er et system for miljøsertifisering av bygg, og Excellent er "
          "et av de høyeste nivåene i systemet."),
    ("h2", "Solceller og plusshus"),
    ("p", "Bygget har solcellepaneler."),
    ("p", "Med solcellepanelene er byggetrinn 1 et plusshus, det vil si et "
          "energipluss-bygg som over tid produserer mer energi enn det bruker."),
    ("h2", "Hva byggetrinn 1 betyr for byggetrinn 2"),
    ("p", "Byggetrinn 1 setter rammer for hva byggetrinn 2 på Løkenåsveien 45 "
          "kan bli."),
    ("p", "Løsninger for byggetrinn 2 må derfor ta hensyn til barnehagen og "
          "omsorgsboligene som allerede står på tomten."),
    ("p", "Byggetrinn 2 er tema for den innovative anskaffelsen «Nye "
          "samarbeidsformer rundt boligsosiale utfordringer»."),
]

CONFERENCE_META = {
    "title": "Dialogkonferansen 19. februar 2020",
    "source_url": CONFERENCE_URL,
    "audience": "public",
    "doc_type": "event",
    "date": "2020-02-19",
    "lang": "nb",
}

CONFERENCE_BLOCKS: list[tuple[str, Any]] = [
    ("h1", "Dialogkonferansen 19. februar 2020"),
    ("p", "Dette dokumentet gir informasjon om dialogkonferansen i anskaffelsen "
          "«Nye samarbeidsformer rundt boligsosiale utfordringer» for tomten "
          "Løkenåsveien 45 i Lørenskog kommune."),
    ("h2", "Praktisk informasjon"),
    ("table", [["Dato", "onsdag 19. februar 2020"], ["Tid", "12.00–16.00"],
               ["Sted", "Lørenskog Hus, Festplassen 1"],
               ["Arrangører", "Lørenskog kommune, Husbanken og LUP"]]),
    ("h2", "Tid og sted"),
    ("p", "Dialogkonferansen ble holdt onsdag 19. februar 2020 fra klokken "
          "12.00 til 16.00 i Lørenskog Hus, Festplassen 1."),
    ("p", "Konferansen fant sted i Lørenskog Hus, som har adressen Festplassen 1 "
          "i Lørenskog."),
    ("h2", "Formål"),
    ("p", "Formålet med dialogkonferansen var å møte markedet og sammen lete "
          "etter nye løsninger som kan dekke kommunens behov på Løkenåsveien 45."),
    ("p", "Kommunen ønsket å høre hvordan offentlige og private aktører sammen "
          "kan løse boligsosiale utfordringer gjennom en ny samarbeidsmodell."),
    ("p", "Anskaffelsen gjennomføres av Lørenskog kommune i samarbeid med "
          "Husbanken og Nasjonalt program for leverandørutvikling (LUP)."),
    ("h2", "Innspill fra markedet"),
    ("p", "Gjennom dialogen med markedet mottok kommunen innspill fra syv "
          "ulike miljøer."),
    ("p", "Innspillene fra de syv miljøene brukes i det videre arbeidet med "
          "anskaffelsen."),
    ("h2", "Veien videre"),
    ("p", "Spørsmål om selve konkurransen må stilles skriftlig gjennom den "
          "kanalen som oppgis i konkurransedokumentene når konkurransen blir "
          "kunngjort."),
]


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------

# Characters outside Latin-1 that we may use in the text, mapped to safe versions.
_LATIN1_REPLACEMENTS = {"\u2013": "-", "\u2014": "-", "\u2019": "'", "\u201c": '"',
                        "\u201d": '"', "\u2026": "..."}


def latin1(text: str) -> str:
    """Return ``text`` with characters outside Latin-1 replaced (core PDF fonts)."""
    for bad, good in _LATIN1_REPLACEMENTS.items():
        text = text.replace(bad, good)
    text.encode("latin-1")  # fail loudly if anything else slipped in
    return text


class _StagePdf(FPDF):
    """FPDF with a page-number footer ("Side 1 av 2")."""

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=9)
        self.cell(0, 10, f"Side {self.page_no()} av {{nb}}", align="C")


def write_pdf(path: Path, meta: dict[str, str], blocks: list[tuple[str, Any]]) -> None:
    """Write ``blocks`` to a PDF at ``path`` with the title in the PDF metadata."""
    pdf = _StagePdf(format="A4")
    pdf.set_creation_date(FIXED_DATETIME)
    pdf.set_title(latin1(meta["title"]))
    pdf.set_lang(meta["lang"])
    pdf.set_author("Eksempelkorpus for anskaffelsesassistenten")
    pdf.set_subject("Løkenåsveien 45, byggetrinn 1")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    sizes = {"h1": 18, "h2": 13, "p": 11}
    for kind, text in blocks:
        if kind == "pagebreak":
            pdf.add_page()
            continue
        if kind == "table":
            pdf.set_font("Helvetica", size=11)
            with pdf.table(col_widths=(50, 100), first_row_as_headings=False) as table:
                for cells in text:
                    row = table.row()
                    for cell in cells:
                        row.cell(latin1(cell))
            pdf.ln(2)
            continue
        style = "B" if kind in {"h1", "h2"} else ""
        pdf.set_font("Helvetica", style=style, size=sizes[kind])
        if kind == "h2":
            pdf.ln(3)
        pdf.multi_cell(0, 6 if kind == "p" else 8, latin1(text),
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.output(str(path))


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a ZIP (DOCX) with fixed entry timestamps so the bytes are stable."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def write_docx(path: Path, meta: dict[str, str], blocks: list[tuple[str, Any]]) -> None:
    """Write ``blocks`` to a DOCX using the built-in Heading 1/Heading 2 styles."""
    doc = Document()
    props = doc.core_properties
    props.title = meta["title"]
    props.author = "Eksempelkorpus for anskaffelsesassistenten"
    props.last_modified_by = "Eksempelkorpus for anskaffelsesassistenten"
    props.language = meta["lang"]
    props.revision = 1
    naive = FIXED_DATETIME.replace(tzinfo=None)
    props.created = naive
    props.modified = naive
    props.last_printed = naive
    for kind, text in blocks:
        if kind == "h1":
            doc.add_heading(text, level=1)
        elif kind == "h2":
            doc.add_heading(text, level=2)
        elif kind == "p":
            doc.add_paragraph(text)
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(text[0]))
            for cells in text:
                for cell, value in zip(table.add_row().cells, cells, strict=True):
                    cell.text = value
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_normalise_zip(buf.getvalue()))


def write_sidecar(path: Path, meta: dict[str, str]) -> None:
    """Write ``<path>.meta.yaml`` with every value as a double-quoted YAML string."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    sidecar = path.with_name(path.name + ".meta.yaml")
    sidecar.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    PUBLIC.mkdir(parents=True, exist_ok=True)
    pdf_path = PUBLIC / "byggetrinn-1.pdf"
    write_pdf(pdf_path, STAGE1_META, STAGE1_BLOCKS)
    write_sidecar(pdf_path, STAGE1_META)
    docx_path = PUBLIC / "dialogkonferansen.docx"
    write_docx(docx_path, CONFERENCE_META, CONFERENCE_BLOCKS)
    write_sidecar(docx_path, CONFERENCE_META)
    for path in (pdf_path, docx_path):
        print(f"wrote {path.relative_to(ROOT)} and {path.name}.meta.yaml")


if __name__ == "__main__":
    main()
