"""Parse an untrusted file in a child process with a time limit, a memory limit and size checks.

Supplier input is untrusted even when an admin uploads it. A parser that meets a crafted file
(a DOCX that inflates to 30 MB of one-letter runs, a PDF whose 10,000 pages share one heavy
content stream, a pattern that goes quadratic) is stopped at ``Budget.seconds``; the child's
address space is capped at ``Budget.memory_bytes``, and its memory goes back to the system when
it exits. Before parsing, the child refuses a DOCX whose XML parts inflate past
``Budget.max_xml_bytes``, and a PDF of more than ``Budget.max_pages`` pages or whose pages draw
more than ``Budget.max_drawn_bytes`` of content (a shared stream counts on every page). Every refusal is a
``LoadError`` with a reason, so the file is skipped and the rest of the ingest goes on.

Children are forked from a forkserver that has imported the parsers once, so a file costs a
fork (a few ms), not a fresh interpreter.
"""

from __future__ import annotations

import io
import multiprocessing
import resource
import zipfile
from dataclasses import dataclass
from multiprocessing.connection import Connection

from assistant.errors import LoadError

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["ingest.formats"])


@dataclass(frozen=True)
class Budget:
    """What parsing one file may take."""

    seconds: float = 20.0
    memory_bytes: int = 1536 * 1024 * 1024
    max_pages: int = 2000
    max_xml_bytes: int = 10 * 1024 * 1024
    max_drawn_bytes: int = 16 * 1024 * 1024


def parse_isolated(suffix: str, data: bytes, name: str, budget: Budget | None = None) -> tuple[list, dict]:
    """``ingest.formats.PARSERS[suffix](data, name)`` in a child process, within ``budget``."""
    budget = budget or Budget()
    receive, send = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_run, args=(suffix, data, name, budget, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(budget.seconds):
            raise LoadError("too_slow", f"{name}: reading the file took longer than {budget.seconds:g} s; skipped")
        try:
            kind, payload = receive.recv()
        except EOFError:
            raise LoadError("too_large", f"{name}: reading the file needed more memory than allowed") from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if kind == "error":
        raise LoadError(*payload)
    return payload


def _run(suffix: str, data: bytes, name: str, budget: Budget, send: Connection) -> None:
    """In the child: cap memory, check sizes, parse, send ("ok", parsed) or ("error", (reason, message))."""
    try:
        resource.setrlimit(resource.RLIMIT_AS, (budget.memory_bytes, budget.memory_bytes))
        from ingest.formats import PARSERS

        check_container(suffix, data, name, budget)
        send.send(("ok", PARSERS[suffix](data, name)))
    except LoadError as err:
        send.send(("error", (err.reason, str(err))))
    except MemoryError:
        send.send(("error", ("too_large", f"{name}: reading the file needed more memory than allowed")))
    finally:
        send.close()


def check_container(suffix: str, data: bytes, name: str, budget: Budget) -> None:
    """Refuse a DOCX that inflates too far and a PDF with too many pages, before the parser sees them."""
    if suffix == ".docx":
        try:
            parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
        except zipfile.BadZipFile as exc:
            raise LoadError("corrupt", f"{name}: cannot parse the DOCX ({exc})") from exc
        inflated = sum(p.file_size for p in parts if p.filename.endswith((".xml", ".rels")))
        if inflated > budget.max_xml_bytes:
            raise LoadError("too_large", f"{name}: its XML inflates to {inflated:,} bytes, over the limit of "
                            f"{budget.max_xml_bytes:,}; skipped")
    elif suffix == ".pdf":
        from pypdf import PdfReader

        try:
            pages = PdfReader(io.BytesIO(data)).pages
            if len(pages) > budget.max_pages:
                raise LoadError("too_large", f"{name}: {len(pages)} pages, over the limit of {budget.max_pages}; "
                                "skipped")
            drawn = 0
            for page in pages:  # pages may share one stream: it is decoded once, but drawn on every page
                contents = page.get_contents()
                drawn += len(contents.get_data()) if contents is not None else 0
                if drawn > budget.max_drawn_bytes:
                    raise LoadError("too_large", f"{name}: its pages draw more than {budget.max_drawn_bytes:,} "
                                    "bytes of content; skipped")
        except LoadError:
            raise
        except Exception:  # noqa: BLE001 - a damaged PDF: the parser reports it with its own message
            return
