"""Hostile files from the adversarial probe of issue 11 (finding 6), made on the fly.

Each is small on disk and was expensive to ingest: a quadratic regex, a decompression bomb,
a YAML alias bomb, a PDF whose pages share one heavy content stream. Tests and
benchmarks/abuse.py use the same makers.
"""

from __future__ import annotations

import io
import zipfile
import zlib

FRONT = "---\ntitle: Fiendtlig\naudience: public\n---\n\n"


def markdown_list_line() -> bytes:
    return (FRONT + "- " * 20000 + "x\n").encode()


def markdown_dots() -> bytes:
    return (FRONT + "Start. " + "." * 24000 + "\n").encode()


def markdown_spaced_heading() -> bytes:
    return (FRONT + "# a" + " " * 40000 + "b\n\nTekst.\n").encode()


def markdown_emphasis() -> bytes:
    return (FRONT + "**a " * 8000 + "\n\n" + "_a " * 8000 + "\n").encode()


def yaml_alias_bomb() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefgh"):
        prev = "abcdefgh"[i]
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    return ("---\ntitle: Bombe\naudience: public\n" + "\n".join(lines) + "\nlang: *h\n---\n\nTekst.\n").encode()


def docx_tiny_runs(xml_bytes: int = 30_000_000) -> bytes:
    """A DOCX whose document.xml is ``xml_bytes`` of one-letter runs (it zips to a small file)."""
    run = "<w:r><w:t>x</w:t></w:r>"
    body = run * (xml_bytes // len(run))
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
        f"{body}</w:p></w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", xml)
    return out.getvalue()


def pdf_shared_heavy_pages(pages: int = 200, ops: int = 20000) -> bytes:
    """A PDF whose ``pages`` pages all draw one compressed content stream of ``ops`` text operations."""
    stream = zlib.compress(("BT /F1 1 Tf " + "(a) Tj " * ops + "ET").encode(), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(f"{5 + i} 0 R".encode() for i in range(pages))
        + f"] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n" + stream + b"\nendstream",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> " \
           b"/Contents 4 0 R >>"
    objects += [page] * pages
    return _pdf(objects)


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)

ALL = {
    "list-line.md": markdown_list_line,
    "dots.md": markdown_dots,
    "spaced-heading.md": markdown_spaced_heading,
    "emphasis.md": markdown_emphasis,
    "alias-bomb.md": yaml_alias_bomb,
    "tiny-runs.docx": docx_tiny_runs,
    "shared-pages.pdf": pdf_shared_heavy_pages,
}
