"""One parser per file format: raw bytes in, ``(pieces, metadata fields)`` out.

A piece is ``(kind, raw text, heading level, page)``; ``ingest.loaders`` normalises the pieces
into a ``Document``. Markdown and text carry front matter and HTML carries ``<meta>`` tags;
a sidecar file (read by the loader) can add to any format, and is how PDF and DOCX get theirs.
A file that cannot be parsed is a ``LoadError``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Literal

import docx
from bs4 import BeautifulSoup
from docx.table import Table
from pypdf import PdfReader

from assistant.errors import LoadError
from ingest import pdflayout
from ingest.frontmatter import split_front_matter

Piece = tuple[Literal["heading", "paragraph"], str, int, int | None]  # kind, raw text, heading level, page
Parsed = tuple[list[Piece], dict]

# Every pattern here runs in linear time on hostile input (issue 11): possessive runs, bounded spans, and
# the heading's closing hashes stripped in code rather than by a lazy group before an optional one.
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|$)(.*)$")
_MD_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_MD_ROW = re.compile(r"^\s{0,3}\|.*\|\s*$")
_MD_SKIP = re.compile(r"^\s*+(?:```.*|~~~.*|(?:[-*_]\s*+){3,}+|(?=[\s:|]*-)[\s:|-]*+)$")
_MD_INLINE = [
    (re.compile(r"!?\[([^\]]{0,300})\]\([^)]{0,2000}\)"), r"\1"),
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)\1"), r"\2"),
    (re.compile(r"\*(?=\S)(.{1,300}?)(?<=\S)\*"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.{1,300}?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`]{0,300})`"), r"\1"),
]
_HTML_DROP = ["script", "style", "nav", "footer", "header", "aside", "form", "noscript", "template"]
_HTML_BLOCKS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "blockquote", "dt", "dd", "pre"]
_HTML_META = ("audience", "doc_type", "source_url", "date", "organisation", "title")
_PAGE_NUMBER = re.compile(r"^(?:side|page)?\s*\d+(?:\s*(?:av|of|/)\s*\d+)?$", re.IGNORECASE)
_DOCX_HEADING = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.IGNORECASE)
_SENTENCE_END = ".!?:;"


def _decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM is allowed and dropped); say where the first bad byte is if it isn't."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError("not_utf8", f"{name}: not valid UTF-8 (first bad byte at offset {exc.start})") from exc


def _parse_markdown(data: bytes, name: str) -> Parsed:
    """Headings, paragraphs and list items (each its own block), with inline markup stripped."""
    fields, body, _ = split_front_matter(_decode(data, name), name=name)
    pieces: list[Piece] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            pieces.append(("paragraph", _strip_inline(" ".join(current)), 0, None))
            current.clear()

    table: list[list[str]] = []
    for line in body.splitlines():
        heading, item = _MD_HEADING.match(line), _MD_ITEM.match(line)
        if _MD_ROW.match(line):
            flush()
            if not _MD_SKIP.match(line):
                table.append([_strip_inline(c.strip()) for c in line.strip().strip("|").split("|")])
            continue
        if table:
            pieces.extend(("paragraph", row, 0, None) for row in table_rows(table))
            table = []
        if not line.strip() or _MD_SKIP.match(line):
            flush()
        elif heading:
            flush()
            pieces.append(("heading", _strip_inline(_heading_text(heading.group(2))), len(heading.group(1)), None))
        elif item:
            flush()
            current.append(item.group(1))
        else:
            current.append(line.strip().lstrip(">").strip().strip("|"))
    flush()
    pieces.extend(("paragraph", row, 0, None) for row in table_rows(table))
    return pieces, fields


def _heading_text(rest: str) -> str:
    """An ATX heading's text without its optional closing hashes ("## Frister ##" -> "Frister")."""
    text = rest.rstrip()
    bare = text.rstrip("#")
    return bare.rstrip() if bare != text and (not bare or bare[-1].isspace()) else text


def _strip_inline(text: str) -> str:
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    return text


def _parse_text(data: bytes, name: str) -> Parsed:
    """Blank-line separated paragraphs; a short unpunctuated line followed by more text is a heading."""
    fields, body, _ = split_front_matter(_decode(data, name), name=name)
    paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n", body.replace("\r\n", "\n")) if p.strip()]
    pieces: list[Piece] = []
    for index, para in enumerate(paragraphs):
        is_last = index == len(paragraphs) - 1
        if not is_last and _looks_like_heading(para):
            pieces.append(("heading", para, 1 if index == 0 else 2, None))
        else:
            pieces.append(("paragraph", para, 0, None))
    return pieces, fields


def _looks_like_heading(para: str) -> bool:
    return "\n" not in para and len(para) < 80 and para[-1] not in _SENTENCE_END and not _MD_ITEM.match(para)


def _parse_html(data: bytes, name: str) -> Parsed:
    """Headings and text blocks of the main content, in document order; page chrome is dropped."""
    soup = BeautifulSoup(_decode(data, name), "html.parser")
    fields = _html_meta(soup)
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    for br in root.find_all("br"):
        br.replace_with(" ")
    pieces: list[Piece] = []
    for tag in root.find_all([*_HTML_BLOCKS, "table"]):
        if tag.find_parent([*_HTML_BLOCKS, "table"]) is not None:
            continue  # its text is already part of the enclosing block or table
        if tag.name == "table":
            pieces.extend(_html_table(tag))
            continue
        level = int(tag.name[1]) if tag.name[0] == "h" and tag.name[1:].isdigit() else 0
        pieces.append(("heading" if level else "paragraph", tag.get_text(), level, None))
    if not pieces:
        pieces = [("paragraph", line, 0, None) for line in root.get_text("\n").split("\n")]
    return pieces, fields


def _html_table(table) -> list[Piece]:
    """A caption as a heading, then one paragraph per row."""
    caption = table.find("caption")
    pieces: list[Piece] = [("heading", caption.get_text(), 3, None)] if caption else []
    rows = [[cell.get_text(" ") for cell in tr.find_all(["th", "td"])] for tr in table.find_all("tr")]
    return pieces + [("paragraph", row, 0, None) for row in table_rows(rows)]


def _html_meta(soup: BeautifulSoup) -> dict:
    fields: dict = {}
    if soup.title and soup.title.get_text().strip():
        fields["title"] = soup.title.get_text()
    html = soup.find("html")
    if html is not None and html.get("lang"):
        fields["lang"] = html["lang"]
    for tag in soup.find_all("meta", attrs={"name": True, "content": True}):
        name = str(tag["name"]).strip().lower()
        if name in _HTML_META:
            fields[name] = tag["content"]
    return fields


def _parse_pdf(data: bytes, name: str) -> Parsed:
    """Paragraphs per page (each block knows its 1-based page); the PDF's Title is the fallback title."""
    try:  # pypdf raises many exception types on damaged input; each becomes one clear message
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("corrupt", f"{name}: the PDF is encrypted")
        pages = [(pdflayout.page_lines(page), page) for page in reader.pages]
        pages_text = [(lines, "" if lines else page.extract_text() or "") for lines, page in pages]
        title = reader.metadata.title if reader.metadata else None
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError("corrupt", f"{name}: cannot parse the PDF ({type(exc).__name__}: {exc})") from exc
    body = pdflayout.body_size([line for lines, _ in pages_text for line in lines])
    pieces: list[Piece] = []
    for number, (lines, plain) in enumerate(pages_text, 1):
        pieces += _pdf_page_pieces(lines, body, number) if lines else [
            ("paragraph", para, 0, number) for para in _pdf_paragraphs(plain)
        ]
    return pieces, ({"title": title} if title else {})


def _pdf_page_pieces(lines: list[pdflayout.Line], body: float, page: int) -> list[Piece]:
    """Headings (by font) and table rows (by column gaps) stand alone; running text is rejoined."""
    pieces: list[Piece] = []
    running: list[str] = []

    def flush() -> None:
        pieces.extend(("paragraph", para, 0, page) for para in _pdf_paragraphs("\n".join(running)))
        running.clear()

    for line in lines:
        level = pdflayout.heading_level(line, body)
        if level or len(line.cells) > 1:
            flush()
            pieces.append(("heading" if level else "paragraph", line.text, level, page))
        else:
            running.append(line.text)
    flush()
    return pieces


def _pdf_paragraphs(page_text: str) -> list[str]:
    """Rejoin wrapped lines: blank lines always split; a line continues the previous one when
    that one ends unpunctuated and either breaks a word with a hyphen, is followed by a lowercase
    start, or is a long (full-width) line. A page number ("Side 1 av 2") as first or last line is dropped."""
    lines = [ln.strip() for ln in page_text.splitlines()]
    filled = [i for i, ln in enumerate(lines) if ln]
    edges = {filled[0], filled[-1]} if filled else set()
    widest = max((len(ln) for ln in lines), default=0)
    paragraphs: list[str] = []
    previous = ""
    for index, line in enumerate(lines):
        if not line or (index in edges and _PAGE_NUMBER.match(line)):
            previous = ""
            continue
        if previous and _continues(previous, line, widest):
            joined = previous[:-1] + line if previous.endswith("-") and line[0].islower() else f"{previous} {line}"
            paragraphs[-1] = previous = joined
        else:
            paragraphs.append(line)
            previous = line
    return paragraphs


def _continues(previous: str, line: str, widest: int) -> bool:
    if previous[-1] in _SENTENCE_END:
        return False
    full_width = len(previous) >= 60 and len(previous) >= 0.8 * widest
    return line[0].islower() or full_width


def _parse_docx(data: bytes, name: str) -> Parsed:
    """Paragraphs and table cells in document order; Heading N / Overskrift N / Title styles are headings."""
    try:  # python-docx raises zip, XML and key errors on damaged input
        document = docx.Document(io.BytesIO(data))
        pieces: list[Piece] = []
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                pieces.extend(("paragraph", row, 0, None) for row in table_rows(_docx_cells(item)))
            else:
                pieces.append(_docx_piece(item))
        title = document.core_properties.title
    except Exception as exc:
        raise LoadError("corrupt", f"{name}: cannot parse the DOCX ({type(exc).__name__}: {exc})") from exc
    return pieces, ({"title": title} if title else {})


def _docx_cells(table: Table) -> list[list[str]]:
    """Each row's cell texts, a merged cell once (it appears several times in ``row.cells``)."""
    rows = []
    for row in table.rows:
        seen, cells = set(), []
        for cell in row.cells:
            if cell._tc not in seen:
                seen.add(cell._tc)
                cells.append(" ".join(p.text for p in cell.paragraphs))
        rows.append(cells)
    return rows


def table_rows(rows: list[list[str]]) -> list[str]:
    """A table as one line per row, so a row can be quoted and cited on its own.

    Two columns read "Tid: 12.00–16.00"; wider tables name each cell by its column header
    ("Navn: Gørill Horrigmoe; E-post: …"), taking the first row as the header.
    """
    rows = [[" ".join(c.split()) for c in row] for row in rows if any(c.strip() for c in row)]
    if not rows:
        return []
    if max(len(r) for r in rows) <= 2:
        return [": ".join(c for c in row if c) for row in rows]
    header, body = rows[0], rows[1:]
    return ["; ".join(f"{h}: {c}" if h else c for h, c in zip(header, row, strict=False) if c) for row in body]


def _docx_piece(paragraph) -> Piece:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    match = _DOCX_HEADING.match(style.strip())
    level = int(match.group(1)) if match else (1 if style.strip().lower() in ("title", "tittel") else 0)
    return ("heading" if level else "paragraph", paragraph.text, level, None)


PARSERS: dict[str, Callable[[bytes, str], Parsed]] = {".md": _parse_markdown, ".markdown": _parse_markdown}
PARSERS |= {".txt": _parse_text, ".html": _parse_html, ".htm": _parse_html, ".pdf": _parse_pdf, ".docx": _parse_docx}
SUPPORTED_SUFFIXES = set(PARSERS)
