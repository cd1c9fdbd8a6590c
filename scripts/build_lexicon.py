"""Build ``assistant/data/en-nb.tsv``, the general English→Norwegian word list behind the glossary.

Source: FreeDict's English–Norwegian dictionary (WikDict, from Wiktionary; CC BY-SA 3.0), the
Debian package ``dict-freedict-eng-nor``: ``apt-get install dict-freedict-eng-nor`` (or
``apt-get download`` it and ``dpkg-deb -x`` it somewhere, then pass that root). Keeps single-word
entries and, of each, the single-word translations of its first two senses. Common English words
(Zipf frequency ≥ 5: "can", "want", "new", "get") are left out: their first senses are rarely the
ones a question means ("can" → boks, "want" → mangel), and they carry little of what is asked. Usage:
    .venv/bin/python scripts/build_lexicon.py [ROOT]      # ROOT defaults to /
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

from wordfreq import zipf_frequency

from assistant.text import STOPWORDS

OUT = Path(__file__).resolve().parent.parent / "assistant" / "data" / "en-nb.tsv"
SENSES = 2
COMMON = 5.0  # Zipf frequency from which an English word is too common to translate
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_HEADWORD = re.compile(r"[A-Za-z][a-z-]*")
_TRANSLATION = re.compile(r"[A-Za-zÆØÅæøåé-]+")
HEADER = """\
# English -> Norwegian (bokmål) words, one English word a line: english<TAB>norwegian words.
# Made by scripts/build_lexicon.py from the FreeDict English-Norsk dictionary (FreeDict+WikDict,
# http://www.wikdict.com/, from Wiktionary via DBnary; Debian package dict-freedict-eng-nor),
# licensed under Creative Commons Attribution-ShareAlike 3.0 Unported; this file is under the same licence.
"""


def _number(code: str) -> int:
    value = 0
    for ch in code:
        value = value * 64 + _B64.index(ch)
    return value


def _translations(entry: str) -> list[str]:
    """Single-word translations of the first senses: a sense's line is "N. a, b" (or unnumbered first)."""
    lines = entry.split("\n")
    if "<suffix>" in lines[0] or "<prefix>" in lines[0]:
        return []
    senses = [m.group(1) for line in lines[1:] if (m := re.match(r"^\d+\. (.*)$", line))]
    if not senses and len(lines) > 1 and lines[1] and not lines[1].startswith(" "):
        senses = [lines[1]]
    words = []
    for sense in senses[:SENSES]:
        for part in re.sub(r"\s+\d+\.$", "", sense).split(","):
            if _TRANSLATION.fullmatch(part := part.strip()) and part not in words:
                words.append(part)
    return words


def build(root: Path) -> dict[str, list[str]]:
    base = root / "usr/share/dictd/freedict-eng-nor"
    data = gzip.open(base.with_suffix(".dict.dz")).read()
    table: dict[str, list[str]] = {}
    for line in base.with_suffix(".index").read_text(encoding="utf-8").splitlines():
        word, offset, length = line.split("\t")
        if not _HEADWORD.fullmatch(word):
            continue
        entry = data[_number(offset):_number(offset) + _number(length)].decode("utf-8")
        words = table.setdefault(word.lower(), [])
        words += [w for w in _translations(entry) if w not in words]
    return {w: t for w, t in table.items()  # stop words are what retrieval drops anyway ("din", "hun")
            if t and len(w) > 2 and w not in STOPWORDS and zipf_frequency(w, "en") < COMMON}


def main(root: str = "/") -> None:
    table = build(Path(root))
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(HEADER + "".join(f"{w}\t{' '.join(t)}\n" for w, t in sorted(table.items())), encoding="utf-8")
    print(f"{len(table)} English words -> {OUT}")


if __name__ == "__main__":
    main(*sys.argv[1:])
