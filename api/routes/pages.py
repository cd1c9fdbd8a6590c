"""The browser side: /widget.js, /demo, the case workers' pages (/search, /questions, /documents) and assets.

Static files are read from ``api/static`` and served with a content type, an ETag and a
cache lifetime; Designsystemet's CSS lies in ``api/static/ds`` (see scripts/fetch_designsystemet.sh).
HTML pages carry a strict Content-Security-Policy: everything from this origin, nothing inline,
no framing. The public pages rendered from the store are in ``public.py``.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request, Response, status
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)
STATIC = Path(__file__).resolve().parent.parent / "static"
JS, CSS, HTML = "text/javascript; charset=utf-8", "text/css; charset=utf-8", "text/html; charset=utf-8"
ASSETS = {"search.js": JS, "casework.js": JS, "questions.js": JS, "documents.js": JS, "site.css": CSS,
          "ds/theme.css": CSS, "ds/designsystemet.css": CSS, "ds/LICENSE": "text/plain; charset=utf-8"}
PARTS = ("head", "header", "signin")  # shared by the case workers' pages: @@HEAD@@, @@HEADER@@, @@SIGNIN@@
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
)
_PAGE_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
                 "Cache-Control": "no-cache"}


def _read(name: str) -> tuple[bytes, str]:
    path = STATIC / name
    return _load(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=32)
def _load(path: Path, mtime_ns: int) -> tuple[bytes, str]:
    return _tagged(path.read_bytes())


def _tagged(data: bytes) -> tuple[bytes, str]:
    return data, '"' + hashlib.sha256(data).hexdigest()[:20] + '"'


def _static(request: Request, name: str, media_type: str, max_age: int) -> Response:
    return _respond(request, *_read(name), media_type, max_age)


def _respond(request: Request, data: bytes, etag: str, media_type: str, max_age: int) -> Response:
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={max_age}", "X-Content-Type-Options": "nosniff"}
    if media_type == HTML:
        headers = {**_PAGE_HEADERS, "ETag": etag}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(data, media_type=media_type, headers=headers)


def _casework(request: Request, name: str) -> Response:
    """A case workers' page: its file with the shared head, header (this page marked current) and sign-in."""
    files = [STATIC / f"{name}.html", *(STATIC / "parts" / f"{p}.html" for p in PARTS)]
    return _respond(request, *_compose(name, tuple(f.stat().st_mtime_ns for f in files)), HTML, 0)


@lru_cache(maxsize=8)
def _compose(name: str, _mtimes: tuple[int, ...]) -> tuple[bytes, str]:
    html = (STATIC / f"{name}.html").read_text("utf-8")
    for part in PARTS:
        text = (STATIC / "parts" / f"{part}.html").read_text("utf-8").rstrip("\n")
        text = re.sub(r"@(\w+)@", lambda m: ' aria-current="page"' if m.group(1) == name else "", text)
        html = html.replace(f"@@{part.upper()}@@", text)
    return _tagged(html.encode())


@router.api_route("/widget.js", methods=["GET", "HEAD"])
def widget(request: Request) -> Response:
    """The chat widget: one self-contained script, embedded with one tag on any website."""
    return _static(request, "widget.js", JS, max_age=3600)


@router.api_route("/demo", response_class=HTMLResponse, methods=["GET", "HEAD"])
def demo(request: Request) -> Response:
    """A municipality-style page that embeds the widget exactly as a website would."""
    return _static(request, "demo.html", HTML, max_age=0)


@router.api_route("/search", response_class=HTMLResponse, methods=["GET", "HEAD"])
def search_page(request: Request) -> Response:
    """The case workers' search page (signs in with a bearer token)."""
    return _casework(request, "search")


@router.api_route("/questions", response_class=HTMLResponse, methods=["GET", "HEAD"])
def questions_page(request: Request) -> Response:
    """What the public asked, and publishing an official answer (case workers; admins publish)."""
    return _casework(request, "questions")


@router.api_route("/documents", response_class=HTMLResponse, methods=["GET", "HEAD"])
def documents_page(request: Request) -> Response:
    """Every document, upload, replace, delete and re-index, and the audit log (admins)."""
    return _casework(request, "documents")


@router.api_route("/static/{name:path}", methods=["GET", "HEAD"])
def asset(name: str, request: Request) -> Response:
    if name not in ASSETS:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No static file {name!r}.")
    return _static(request, name, ASSETS[name], max_age=3600)
