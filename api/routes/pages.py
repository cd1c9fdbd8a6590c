"""The browser side: /widget.js, the /demo page, the /search page and the public /documents/{id} view.

Static files are read from ``api/static`` and served with a content type, an ETag and a
cache lifetime. HTML pages carry a strict Content-Security-Policy: everything from this
origin, nothing inline, no framing.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from html import escape
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from fastapi.responses import HTMLResponse

from api.deps import get_assistant
from api.limits import rate_limited
from assistant.errors import NotFound
from assistant.models import Chunk, DocumentMeta, Scope
from assistant.service import Assistant

router = APIRouter(include_in_schema=False)
STATIC = Path(__file__).resolve().parent.parent / "static"
JS, CSS, HTML = "text/javascript; charset=utf-8", "text/css; charset=utf-8", "text/html; charset=utf-8"
ASSETS = {"search.js": JS, "search.css": CSS, "site.css": CSS}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
)
_PAGE_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
                 "Cache-Control": "no-cache"}


def _read(name: str) -> tuple[bytes, str]:
    path = STATIC / name
    return _load(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _load(path: Path, mtime_ns: int) -> tuple[bytes, str]:
    data = path.read_bytes()
    return data, '"' + hashlib.sha256(data).hexdigest()[:20] + '"'


def _static(request: Request, name: str, media_type: str, max_age: int) -> Response:
    data, etag = _read(name)
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={max_age}", "X-Content-Type-Options": "nosniff"}
    if media_type == HTML:
        headers = {**_PAGE_HEADERS, "ETag": etag}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(data, media_type=media_type, headers=headers)


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
    return _static(request, "search.html", HTML, max_age=0)


@router.api_route("/static/{name}", methods=["GET", "HEAD"])
def asset(name: str, request: Request) -> Response:
    if name not in ASSETS:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No static file {name!r}.")
    return _static(request, name, ASSETS[name], max_age=3600)


@router.get("/documents/{doc_id}", response_class=HTMLResponse, dependencies=[Depends(rate_limited)])
def document_page(doc_id: str, assistant: Assistant = Depends(get_assistant)) -> HTMLResponse:
    """A published document, chunk by chunk, each with an ``id="chunk-<chunk_id>"`` anchor for citations."""
    try:
        meta, chunks = assistant.document(doc_id, Scope.public())
    except NotFound:
        return _page("Fant ikke dokumentet", _NOT_FOUND, status.HTTP_404_NOT_FOUND)
    return _page(meta.title, _document_body(meta, chunks))


_NOT_FOUND = (
    "<h1>Fant ikke dokumentet</h1>"
    "<p>Dokumentet finnes ikke, eller det er ikke publisert.</p>"
    '<p><a href="/demo">Til forsiden</a></p>'
)


def _document_body(meta: DocumentMeta, chunks: list[Chunk]) -> str:
    parts = [f'<article lang="{escape(meta.lang)}"><h1>{escape(meta.title)}</h1>', '<dl class="meta" lang="nb">']
    if meta.url:
        url = escape(meta.url)
        parts.append(f'<dt>Kilde</dt><dd><a href="{url}" rel="noopener noreferrer">{url}</a></dd>')
    parts.append(f"<dt>Fil</dt><dd>{escape(Path(meta.source).name)}</dd>")
    if meta.date:
        parts.append(f"<dt>Dato</dt><dd>{escape(meta.date)}</dd>")
    parts.append("</dl>")
    trail: list[str] = []
    for chunk in chunks:
        if chunk.heading_path and chunk.heading_path != trail:
            parts.append(f"<h2>{escape(' › '.join(chunk.heading_path))}</h2>")
        trail = chunk.heading_path
        page = f'<p class="page" lang="nb">Side {chunk.page}</p>' if chunk.page else ""
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in chunk.text.split("\n\n") if p.strip())
        parts.append(f'<section class="chunk" id="chunk-{escape(chunk.chunk_id)}">{page}{paragraphs}</section>')
    parts.append("</article>")
    return "".join(parts)


def _page(title: str, body: str, status_code: int = 200) -> HTMLResponse:
    html = (
        '<!doctype html><html lang="nb"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} – Løkenåsveien 45</title>"
        '<link rel="icon" href="data:,"><link rel="stylesheet" href="/static/site.css"></head>'
        '<body><a class="skip" href="#main">Hopp til innholdet</a>'
        '<header class="site"><p class="brand" lang="nb">Lørenskog kommune</p></header>'
        f'<main id="main" class="doc">{body}</main>'
        '<footer class="site"><p lang="nb">Dokumentvisning for anskaffelsesassistenten · Løkenåsveien 45</p></footer>'
        "</body></html>"
    )
    return HTMLResponse(html, status_code=status_code, headers=_PAGE_HEADERS)
