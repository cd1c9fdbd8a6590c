"""The public pages rendered from the store: the document view cited by the widget, and /qa.

Both read through ``Scope.public()`` only, so an internal document never reaches them,
whatever its type. Text from documents is always HTML-escaped.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from fastapi import APIRouter, Depends, status
from fastapi.responses import HTMLResponse

from api.deps import get_assistant
from api.limits import rate_limited
from api.routes.pages import _PAGE_HEADERS
from assistant.errors import NotFound
from assistant.models import Chunk, DocumentMeta, Scope
from assistant.service import Assistant

router = APIRouter(include_in_schema=False)
MARK = ('<svg viewBox="0 0 36 40" aria-hidden="true" focusable="false"><path d="M2 2h32v18c0 9-7 15-16 18C9 35 2 29 2 '
        '20z" fill="none" stroke="currentColor" stroke-width="2.5"/><path d="M10 28V18l8-6 8 6v10h-5v-6h-6v6z" '
        'fill="currentColor"/></svg>')


@router.get("/qa", response_class=HTMLResponse, dependencies=[Depends(rate_limited)])
def qa_page(assistant: Assistant = Depends(get_assistant)) -> HTMLResponse:
    """«Spørsmål og svar»: every published answer (public qa documents only), newest first, the same for all."""
    published = [m for m in assistant.documents(Scope.public()) if m.doc_type == "qa"]
    published.sort(key=lambda m: (m.date or "", _number(m.title)), reverse=True)
    entries = [_qa_entry(m, assistant.document(m.doc_id, Scope.public())[1]) for m in published]
    intro = (
        '<h1 class="ds-heading" data-size="lg">Spørsmål og svar</h1>'
        '<p class="ds-paragraph lead">Skriftlige svar fra Lørenskog kommune på spørsmål om anskaffelsen «Nye '
        "samarbeidsformer rundt boligsosiale utfordringer» (Løkenåsveien 45, trinn 2). Svarene publiseres anonymt, "
        "til alle leverandører samtidig.</p>"
    )
    if not entries:
        none = '<p class="ds-paragraph">Ingen svar er publisert ennå.</p>'
        return _page("Spørsmål og svar", intro + none, current="/qa")
    return _page("Spørsmål og svar", intro + f'<p class="ds-paragraph">{len(entries)} publiserte svar.</p>'
                 + "".join(entries), current="/qa")


def _number(title: str) -> int:
    found = re.search(r"nr\.\s*(\d+)", title)
    return int(found.group(1)) if found else 0


def _qa_entry(meta: DocumentMeta, chunks: list[Chunk]) -> str:
    anchor = f"nr-{_number(meta.title)}" if _number(meta.title) else f"svar-{meta.doc_id}"
    parts = [f'<article class="qa-entry panel" id="{escape(anchor)}" lang="{escape(meta.lang)}">',
             f'<h2 class="ds-heading" data-size="sm">{escape(meta.title)}</h2>']
    if meta.date:
        parts.append(f'<p class="meta" lang="nb">Publisert {escape(_no_date(meta.date))}</p>')
    trail: list[str] = []
    for chunk in chunks:
        heading = chunk.heading_path[-1] if chunk.heading_path else ""
        if heading and chunk.heading_path != trail and heading != meta.title:
            parts.append(f'<h3 class="ds-heading" data-size="xs">{escape(heading)}</h3>')
        trail = chunk.heading_path
        parts.extend(f'<p class="ds-paragraph">{escape(p)}</p>' for p in chunk.text.split("\n\n") if p.strip())
    parts.append(f'<p class="meta" lang="nb"><a class="ds-link" href="/documents/{escape(meta.doc_id)}">'
                 "Dokumentet slik assistenten siterer det</a></p></article>")
    return "".join(parts)


def _no_date(iso: str) -> str:
    """2026-11-27 -> 27.11.2026 (Norwegian format)."""
    found = re.match(r"(\d{4})-(\d{2})-(\d{2})$", iso)
    return f"{found.group(3)}.{found.group(2)}.{found.group(1)}" if found else iso


@router.get("/documents/{doc_id}", response_class=HTMLResponse, dependencies=[Depends(rate_limited)])
def document_page(doc_id: str, assistant: Assistant = Depends(get_assistant)) -> HTMLResponse:
    """A published document, chunk by chunk, each with an ``id="chunk-<chunk_id>"`` anchor for citations."""
    try:
        meta, chunks = assistant.document(doc_id, Scope.public())
    except NotFound:
        return _page("Fant ikke dokumentet", _NOT_FOUND, status.HTTP_404_NOT_FOUND)
    return _page(meta.title, _document_body(meta, chunks))


_NOT_FOUND = (
    '<h1 class="ds-heading" data-size="lg">Fant ikke dokumentet</h1>'
    '<p class="ds-paragraph">Dokumentet finnes ikke, eller det er ikke publisert.</p>'
    '<p class="ds-paragraph"><a class="ds-link" href="/demo">Til forsiden</a></p>'
)


def _document_body(meta: DocumentMeta, chunks: list[Chunk]) -> str:
    parts = [f'<article lang="{escape(meta.lang)}"><h1 class="ds-heading" data-size="lg">{escape(meta.title)}</h1>',
             '<dl class="dl" lang="nb">']
    if meta.url:
        url = escape(meta.url)
        parts.append(f'<dt>Kilde</dt><dd><a class="ds-link" href="{url}" rel="noopener noreferrer">{url}</a></dd>')
    parts.append(f"<dt>Fil</dt><dd>{escape(Path(meta.source).name)}</dd>")
    if meta.date:
        parts.append(f"<dt>Dato</dt><dd>{escape(_no_date(meta.date))}</dd>")
    parts.append("</dl>")
    trail: list[str] = []
    for chunk in chunks:
        if chunk.heading_path and chunk.heading_path != trail:
            parts.append(f'<h2 class="ds-heading" data-size="sm">{escape(" › ".join(chunk.heading_path))}</h2>')
        trail = chunk.heading_path
        page = f'<p class="page" lang="nb">Side {chunk.page}</p>' if chunk.page else ""
        paragraphs = "".join(f'<p class="ds-paragraph">{escape(p)}</p>' for p in chunk.text.split("\n\n") if p.strip())
        parts.append(f'<section class="chunk" id="chunk-{escape(chunk.chunk_id)}">{page}{paragraphs}</section>')
    parts.append("</article>")
    return "".join(parts)


def _page(title: str, body: str, status_code: int = 200, current: str = "") -> HTMLResponse:
    """A public page in the municipality's look (Designsystemet), with no script at all."""
    html = (
        '<!doctype html><html lang="nb" data-color-scheme="light"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} – Løkenåsveien 45 – Lørenskog kommune</title>"
        '<link rel="icon" href="data:,"><link rel="stylesheet" href="/static/ds/theme.css">'
        '<link rel="stylesheet" href="/static/ds/designsystemet.css"><link rel="stylesheet" href="/static/site.css">'
        '</head><body><a class="ds-skip-link" href="#main">Hopp til innholdet</a>'
        f'<header class="site-header"><div class="inner"><a class="brand" href="/demo">{MARK}'
        "<span>Lørenskog kommune<small>Løkenåsveien 45, trinn 2</small></span></a>"
        f'<nav aria-label="Anskaffelsen"><ul>{_link("/demo", "Om anskaffelsen", current)}'
        f'{_link("/qa", "Spørsmål og svar", current)}</ul></nav></div></header>'
        f'<main id="main" class="doc narrow">{body}</main>'
        '<footer class="site-footer"><p lang="nb">Lørenskog kommune · anskaffelsesassistenten for Løkenåsveien 45</p>'
        "</footer></body></html>"
    )
    return HTMLResponse(html, status_code=status_code, headers=_PAGE_HEADERS)


def _link(href: str, text: str, current: str) -> str:
    mark = ' aria-current="page"' if href == current else ""
    return f'<li><a href="{href}"{mark}>{text}</a></li>'
