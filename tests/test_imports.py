"""Imports flow one way: api → assistant ← ingest; the core never imports FastAPI."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The CLI and the evaluation compose ingest and the core, like the API does.
COMPOSERS = {"assistant/cli.py", "assistant/evaluate.py", "assistant/calibrate.py", "assistant/evaluate_generative.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_and_ingest_never_import_fastapi_or_api():
    for package in ("assistant", "ingest"):
        for path in (ROOT / package).rglob("*.py"):
            found = _imports(path)
            assert not found & {"fastapi", "starlette", "api"}, f"{path} imports {found & {'fastapi', 'api'}}"


def test_core_does_not_depend_on_ingest():
    for path in (ROOT / "assistant").rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel not in COMPOSERS:
            assert "ingest" not in _imports(path), f"{rel} imports ingest"


def test_only_the_store_adapter_talks_to_chroma():
    for package in ("assistant", "ingest", "api"):
        for path in (ROOT / package).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if rel != "assistant/store.py":
                assert not _imports(path) & {"chromadb", "langchain_chroma"}, f"{rel} talks to Chroma"
