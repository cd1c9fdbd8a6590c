"""The pages over plain HTTP: /widget.js (size, headers, caching, no remote loads), /demo, /search and
the public document view with its chunk anchors and its 404 for unknown or internal documents."""

from __future__ import annotations

import gzip
import re

import httpx
import pytest

from assistant.models import Scope

pytestmark = pytest.mark.slow
WIDGET_GZIP_BUDGET = 12 * 1024


@pytest.fixture(scope="module")
def http(site):
    with httpx.Client(base_url=site, timeout=30) as client:
        yield client


def test_widget_is_one_small_cacheable_script_that_loads_nothing_else(http):
    res = http.get("/widget.js")
    assert res.status_code == 200
    assert res.headers["content-type"] == "text/javascript; charset=utf-8"
    assert "max-age=3600" in res.headers["cache-control"] and res.headers["x-content-type-options"] == "nosniff"
    assert http.get("/widget.js", headers={"If-None-Match": res.headers["etag"]}).status_code == 304
    assert http.head("/widget.js").status_code == 200
    size = len(gzip.compress(res.content, 9))
    print(f"widget.js: {len(res.content)} bytes, {size} bytes gzipped")
    assert size < WIDGET_GZIP_BUDGET
    source = res.text
    assert "innerHTML" not in source and "document.write" not in source and "eval(" not in source
    assert "document.cookie" not in source and source.count('credentials: "omit"') == 1
    assert set(re.findall(r"https?://[^\s\"'<>)]+", source)) <= {"https://HOST/widget.js", "https://HOST", "http://www.w3.org/2000/svg"}
    assert "@import" not in source and "url(" not in source, "no remote fonts or stylesheets"


@pytest.mark.parametrize("path", ["/demo", "/search", "/questions", "/documents", "/qa"])
def test_pages_are_html_with_a_strict_content_security_policy(http, path):
    res = http.get(path)
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/html")
    csp = res.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert '<html lang="nb" data-color-scheme="light">' in res.text
    assert '<link rel="stylesheet" href="/static/ds/designsystemet.css">' in res.text, "Designsystemet's look"
    assert "@@" not in res.text, "every shared part was filled in"


def test_demo_embeds_the_widget_with_exactly_one_script_tag(http):
    html = http.get("/demo").text
    assert html.count("<script") == 1 and re.search(r'<script src="/widget.js"[^>]* defer></script>', html)
    assert "Lørenskog kommune" in html and "Løkenåsveien 45, trinn 2 – innovativ anskaffelse" in html


def test_static_assets_are_served_from_a_fixed_list(http):
    assert http.get("/static/search.js").headers["content-type"].startswith("text/javascript")
    assert http.get("/static/site.css").headers["content-type"].startswith("text/css")
    assert http.get("/static/ds/theme.css").headers["content-type"].startswith("text/css")
    assert "Permission is hereby granted" in http.get("/static/ds/LICENSE").text
    for path in ["/static/demo.html", "/static/parts/header.html", "/static/..%2Froutes%2Fpages.py",
                 "/static/ds/../../routes/pages.py", "/static/ds/VERSIONS"]:
        assert http.get(path).status_code == 404, path


def test_document_view_has_an_anchor_per_chunk(http, corpus_assistant):
    meta = next(m for m in corpus_assistant.documents(Scope.public()) if m.doc_type == "contact")
    _, chunks = corpus_assistant.document(meta.doc_id, Scope.public())
    res = http.get(f"/documents/{meta.doc_id}")
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/html")
    assert f'<h1 class="ds-heading" data-size="lg">{meta.title}</h1>' in res.text
    for chunk in chunks:
        assert f'id="chunk-{chunk.chunk_id}"' in res.text


def test_document_view_hides_internal_and_unknown_documents(http, corpus_assistant):
    internal = [m for m in corpus_assistant.documents(Scope.everything()) if m.audience == "internal"]
    assert internal
    assert http.get("/documents/..%2F..%2Fetc%2Fpasswd").status_code == 404
    for doc_id in [*(m.doc_id for m in internal), "no-such-document", "..passwd"]:
        res = http.get(f"/documents/{doc_id}")
        assert res.status_code == 404 and "Fant ikke dokumentet" in res.text, doc_id
        assert "INTERNMARKØR" not in res.text
    for meta in internal:
        assert meta.title not in http.get(f"/documents/{meta.doc_id}").text
