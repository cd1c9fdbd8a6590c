"""Reading a PDF page as lines that know their font: headings by size and weight, table rows by gaps.

``page.extract_text()`` alone flattens a page to plain lines, so a heading ("Hva som ble bygget")
looks like a sentence and a table row ("Hovedentreprenør   HENT AS") loses its columns. pypdf's
text visitor reports each run's position, font and size; from those a line becomes a heading
when its font is larger than the body text, or bold and unpunctuated, and runs far apart on one
line become the cells of a row ("Hovedentreprenør: HENT AS").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Line:
    """One line of a page: its cells (one unless it is a table row), font size and weight."""

    y: float
    size: float
    bold: bool
    cells: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        cells = [c for c in (" ".join(c.split()) for c in self.cells) if c]
        if len(cells) == 2:
            return f"{cells[0]}: {cells[1]}"
        return " | ".join(cells)


def page_lines(page) -> list[Line]:
    """The page's lines top to bottom; an empty list when the visitor reports no positioned text."""
    runs: list[tuple[float, float, float, bool, str]] = []

    def visit(text, _cm, tm, font, size) -> None:
        if text and text.strip():
            name = str((font or {}).get("/BaseFont", "")) if hasattr(font, "get") else ""
            scale = abs(tm[0]) if tm[0] else 1.0
            runs.append((round(tm[5], 1), tm[4], float(size) * scale, "bold" in name.lower(), text))

    page.extract_text(visitor_text=visit)
    lines: list[Line] = []
    last_end = 0.0
    for y, x, size, bold, text in runs:
        line = lines[-1] if lines and abs(lines[-1].y - y) < 0.5 * max(size, 1.0) else None
        if line is None:
            lines.append(Line(y, size, bold, [text]))
        elif x - last_end > 2.0 * size:  # a wide gap: the next cell of a table row
            line.cells.append(text)
        else:
            line.cells[-1] += text
        last_end = x + 0.5 * size * len(text)
    return lines


def body_size(lines: list[Line]) -> float:
    """The font size most of the characters are set in."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def heading_level(line: Line, body: float) -> int:
    """1 or 2 for a heading (larger than body text, or bold, short and unpunctuated), else 0."""
    text = line.text
    if len(line.cells) > 1 or not text or len(text) > 120 or text[-1] in ".!?:;,":
        return 0
    if body and line.size >= body * 1.4:
        return 1
    if body and (line.size >= body * 1.1 or line.bold):
        return 2
    return 0
