"""Load md, txt, html, pdf and docx files into ``Document``s: normalised text, blocks and metadata.

Every format parser (``ingest.formats``) turns raw bytes into a list of pieces ``(kind, text,
level, page)`` plus the metadata the file itself carries; ``_assemble`` then normalises the
pieces and lays them out as ``Document.text`` with exact block offsets. Anything wrong with a
file is a ``LoadError``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import cast

from assistant.errors import LoadError
from assistant.models import AUDIENCES, Audience, Block, Document, DocumentMeta, is_web_url
from ingest.formats import PARSERS, SUPPORTED_SUFFIXES, Parsed, Piece
from ingest.frontmatter import read_sidecar
from ingest.sandbox import Budget, parse_isolated

META_KEYS = ("title", "source_url", "audience", "doc_type", "date", "lang", "organisation")
BLOCK_SEP = "\n\n"
MAX_TEXT_CHARS = 1_000_000  # about 500 pages; ~1,300 chunks take the e5 model several minutes on 2 cores
MAX_FIELD_CHARS = {"title": 300, "lang": 16, "date": 40, "audience": 20, "doc_type": 50}
MAX_OTHER_FIELD_CHARS = 2000

_WS = re.compile(r"\s+")


def load_file(
    path: Path, *, source: str, default_audience: str | None = None, max_bytes: int = 20 * 1024 * 1024,
    budget: Budget | None = None, location: str | None = None,
) -> Document:
    """Load one file into a ``Document``; raises ``LoadError`` with a one-line reason if it can't.

    ``source`` is the name shown to users, ``location`` where the file lies (it makes the ``doc_id``;
    default ``source``). A file that states no audience gets
    ``default_audience`` or else "internal": an unlabelled document is never public by accident.
    The file is parsed in a child process within ``budget`` (time, memory, pages, inflated size).
    """
    _parser_for(path, source)
    data = _read_bytes(path, source, max_bytes)
    pieces, fields = parse_isolated(path.suffix.lower(), data, source, budget)
    sidecar, sidecar_bytes = read_sidecar(path)
    fields = {**fields, **{k: v for k, v in sidecar.items() if v is not None}}
    text, blocks = _assemble(pieces)
    if not blocks:
        raise LoadError("no_text", f"{source}: no text found (a scanned or image-only file?)")
    if len(text) > MAX_TEXT_CHARS:  # embedding it would take the server for hours
        raise LoadError("too_large", f"{source}: {len(text):,} characters of text, over the limit of "
                        f"{MAX_TEXT_CHARS:,}; split the document")
    content_hash = hashlib.sha256(data + sidecar_bytes).hexdigest()
    meta = _build_meta(fields, path.stem, source, default_audience, content_hash, blocks)
    meta.location = location or source
    meta.doc_id = make_doc_id(meta.location)
    return Document(meta=meta, text=text, blocks=blocks)


def document_from_text(text: str, meta: DocumentMeta) -> Document:
    """Wrap raw text as a ``Document`` without touching it, one paragraph block per non-empty line.

    Evaluation datasets give answer offsets into the raw text; keeping it byte-for-byte keeps them valid.
    """
    blocks, offset = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip())
            blocks.append(Block(kind="paragraph", text=stripped, start=start, end=start + len(stripped)))
        offset += len(line) + 1
    return Document(meta=meta, text=text, blocks=blocks)


def make_doc_id(source: str) -> str:
    """A readable, stable id: the slug of the file stem plus a short hash of the full source path."""
    stem = Path(source).stem.lower()
    for letter, ascii_form in (("æ", "ae"), ("ø", "o"), ("å", "a")):
        stem = stem.replace(letter, ascii_form)
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-") or "doc"
    return f"{slug}-{hashlib.sha1(source.encode('utf-8')).hexdigest()[:10]}"


def _parser_for(path: Path, source: str) -> Callable[[bytes, str], Parsed]:
    parser = PARSERS.get(path.suffix.lower())
    if parser is None:
        known = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise LoadError("unsupported", f"{source}: unsupported file type '{path.suffix}'; supported: {known}")
    return parser


def _read_bytes(path: Path, source: str, max_bytes: int) -> bytes:
    """Read the file after checking its size, so an oversized file is refused before it is read."""
    try:
        size = path.stat().st_size
        if size == 0:
            raise LoadError("empty", f"{source}: the file is empty")
        if size > max_bytes:
            raise LoadError("too_large", f"{source}: {size} bytes is over the limit of {max_bytes} bytes")
        return path.read_bytes()
    except OSError as exc:
        raise LoadError("unreadable", f"{source}: cannot read the file ({exc.strerror or exc})") from exc


def _build_meta(
    fields: dict, stem: str, source: str, default_audience: str | None, content_hash: str, blocks: list[Block]
) -> DocumentMeta:
    """Turn loose metadata fields into a ``DocumentMeta``, failing closed on audience."""
    values = {key: _meta_value(fields.get(key), key, source) for key in META_KEYS}
    audience = (values["audience"] or default_audience or "internal").strip().lower()
    if audience not in AUDIENCES:
        raise LoadError("bad_audience", f"{source}: audience '{audience}' is not one of {', '.join(AUDIENCES)}")
    if values["source_url"] and not is_web_url(values["source_url"]):
        raise LoadError("bad_source_url", f"{source}: source_url must be an http:// or https:// address")
    first_heading = next((b.text for b in blocks if b.kind == "heading"), None)
    optional: dict[str, str] = {k: v for k in ("doc_type", "lang") if (v := values[k])}
    return DocumentMeta(
        doc_id=make_doc_id(source),
        title=values["title"] or first_heading or stem,
        source=source,
        url=values["source_url"],
        audience=cast(Audience, audience),
        date=values["date"],
        organisation=values["organisation"],
        content_hash=content_hash,
        **optional,
    )


def _meta_value(value: object, key: str = "", source: str = "") -> str | None:
    """Metadata as text: YAML dates become ISO strings, blanks become ``None``; lists, mappings and
    over-long values are refused (a field is shown in every listing, so it must stay small)."""
    if isinstance(value, list | dict | set | tuple):
        raise LoadError("bad_metadata", f"{source}: metadata field '{key}' must be a single value")
    text = value.isoformat() if isinstance(value, dt.date) else str(value if value is not None else "").strip()
    limit = MAX_FIELD_CHARS.get(key, MAX_OTHER_FIELD_CHARS)
    if len(text) > limit:
        raise LoadError("bad_metadata", f"{source}: metadata field '{key}' is {len(text):,} characters; "
                        f"at most {limit} are allowed")
    return text or None


def _assemble(pieces: list[Piece]) -> tuple[str, list[Block]]:
    """Normalise each piece, drop empty ones and join them with blank lines, recording offsets."""
    blocks: list[Block] = []
    offset = 0
    for kind, raw, level, page in pieces:
        text = _WS.sub(" ", raw).strip()
        if text:
            start = offset + (len(BLOCK_SEP) if blocks else 0)
            blocks.append(Block(kind=kind, text=text, start=start, end=start + len(text), level=level, page=page))
            offset = start + len(text)
    return BLOCK_SEP.join(b.text for b in blocks), blocks
