"""Document metadata written beside the text: YAML front matter and ``<file>.meta.yaml`` sidecars."""

from __future__ import annotations

from pathlib import Path

import yaml

from assistant.errors import LoadError

_FENCE = "---"
MAX_BLOCK_CHARS = 16 * 1024


def split_front_matter(text: str, *, name: str = "document") -> tuple[dict, str, int]:
    """Split YAML front matter off ``text``: returns ``(fields, body, offset of body in text)``.

    Front matter is a first line ``---`` and a later closing ``---`` line. Text without it
    comes back whole with no fields, so plain files need no header at all.
    """
    first_end = text.find("\n")
    first_line = text if first_end < 0 else text[:first_end]
    if first_line.rstrip() != _FENCE:
        return {}, text, 0
    closing = _closing_fence(text, first_end + 1)
    if closing is None:
        raise LoadError("bad_front_matter", f"{name}: front matter opened with '---' is never closed")
    fence_start, body_start = closing
    fields = _parse_mapping(text[first_end + 1 : fence_start], f"{name}: front matter")
    return fields, text[body_start:], body_start


def read_sidecar(path: Path) -> tuple[dict, bytes]:
    """Read ``<file>.meta.yaml`` beside ``path`` if it exists: ``(fields, raw bytes)``.

    Sidecars carry metadata for formats that have no front matter (PDF, DOCX); the raw
    bytes are returned so they can be part of the document's content hash.
    """
    sidecar = path.with_name(path.name + ".meta.yaml")
    if not sidecar.is_file():
        return {}, b""
    raw = sidecar.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError("bad_front_matter", f"{sidecar}: sidecar is not valid UTF-8 (byte {exc.start})") from exc
    return _parse_mapping(text, f"{sidecar}: sidecar"), raw


def _closing_fence(text: str, pos: int) -> tuple[int, int] | None:
    """Find the closing ``---`` line from ``pos``: ``(start of the fence line, start of the body)``."""
    while pos <= len(text):
        end = text.find("\n", pos)
        line_end = len(text) if end < 0 else end
        if text[pos:line_end].rstrip() == _FENCE:
            return pos, (len(text) if end < 0 else end + 1)
        if end < 0:
            return None
        pos = end + 1
    return None


def _parse_mapping(block: str, what: str) -> dict:
    """Parse a YAML block that must be a mapping (or empty); anything else is a load error.

    Aliases (``*name``) are refused before anything is built: nine nested aliases of nine make a
    440-byte "billion laughs" whose value has millions of items. Metadata never needs them.
    """
    if len(block) > MAX_BLOCK_CHARS:
        raise LoadError("bad_front_matter", f"{what} is {len(block):,} characters; at most {MAX_BLOCK_CHARS:,}")
    try:
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(block, Loader=yaml.SafeLoader)):
            raise LoadError("bad_front_matter", f"{what} uses a YAML alias (*name); write the value out instead")
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        detail = getattr(exc, "problem", None) or type(exc).__name__
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise LoadError("bad_front_matter", f"{what} is not valid YAML: {detail}{where}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LoadError("bad_front_matter", f"{what} must be a YAML mapping, got {type(data).__name__}")
    return data
