"""scripts/build_lexicon.py reads FreeDict's dictd files into the glossary's general word list."""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_lexicon.py"
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _load():
    spec = importlib.util.spec_from_file_location("build_lexicon", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _code(n: int) -> str:
    out = ""
    while True:
        out = _B64[n % 64] + out
        n //= 64
        if not n:
            return out


def _dictd(root: Path, entries: dict[str, str]) -> None:
    base = root / "usr/share/dictd"
    base.mkdir(parents=True)
    data, index = b"", []
    for word, body in entries.items():
        raw = body.encode()
        index.append(f"{word}\t{_code(len(data))}\t{_code(len(raw))}")
        data += raw
    (base / "freedict-eng-nor.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    with gzip.open(base / "freedict-eng-nor.dict.dz", "wb") as f:  # dictzip is gzip-compatible
        f.write(data)


def test_the_first_two_senses_single_words_and_no_common_words(tmp_path):
    _dictd(tmp_path, {
        "00-database-info": "English-Norsk FreeDict\n",
        "helmet": "helmet //ˈhɛlmət// <n>\nhjelm\nprotective head covering\n",
        "Sweden": "Sweden //ˈswiːdən// <pn>\nSverige\nScandinavian country\n",
        "money": "money <n>\n1. kontanter\nhard cash\n2. penger 2.\nmeans of exchange\n",
        "tenant": "tenant <n>\n1. leietaker, leier\none who pays rent\n2. beboer\n3. holde nede\n4. okkupant\n",
        "can": "can <n>\n1. boks\nmetal container\n",
        "ic": "ic <suffix>\nisk\n",
    })
    table = _load().build(tmp_path)
    assert table["helmet"] == ["hjelm"] and table["sweden"] == ["Sverige"]
    assert table["tenant"] == ["leietaker", "leier", "beboer"]  # two senses; "holde nede" is two words
    assert "can" not in table and "money" not in table  # too common to translate by their first senses
    assert "ic" not in table and "00-database-info" not in table


def test_the_shipped_word_list_says_where_it_comes_from():
    head = (SCRIPT.parent.parent / "assistant" / "data" / "en-nb.tsv").read_text(encoding="utf-8")[:600]
    assert "FreeDict" in head and "Attribution-ShareAlike 3.0" in head
