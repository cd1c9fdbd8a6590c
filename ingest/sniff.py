"""Tell a file's type from its bytes, not its name: uploads are checked before they are stored."""

from __future__ import annotations

import io
import zipfile

from assistant.errors import LoadError

_TEXT_FAMILY = {".md", ".markdown", ".txt", ".html", ".htm"}


def sniff(data: bytes) -> str:
    """``pdf``, ``docx``, ``html`` or ``text``; a LoadError for anything else."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile as exc:
            raise LoadError("corrupt", f"a damaged zip file: {exc}") from exc
        if "word/document.xml" in names:
            return "docx"
        raise LoadError("unsupported", "a zip file that is not a Word document (.docx)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError("unsupported", f"neither PDF, DOCX nor UTF-8 text (byte {exc.start} is not UTF-8)") from exc
    if "\x00" in text:
        raise LoadError("unsupported", "binary content, not text")
    head = text.lstrip()[:512].lower()
    return "html" if head.startswith(("<!doctype html", "<html")) else "text"


def check_suffix(suffix: str, data: bytes) -> str:
    """The suffix to store the file under; refuses a name that contradicts the content."""
    kind = sniff(data)
    suffix = suffix.lower()
    if kind in ("pdf", "docx"):
        expected = f".{kind}"
        if suffix and suffix != expected:
            raise LoadError("type_mismatch", f"the content is {kind.upper()} but the file is named {suffix}")
        return expected
    if suffix in (".pdf", ".docx"):
        raise LoadError("type_mismatch", f"the file is named {suffix} but its content is {kind}")
    if suffix in _TEXT_FAMILY:
        return suffix
    return ".html" if kind == "html" else ".txt"
