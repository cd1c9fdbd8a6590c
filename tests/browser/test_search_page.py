"""The case workers' search page in a real Chromium: sign in with the token, search, filter, page through,
open a document, sign out — keyboard first, with axe-core and a 320 px reflow check."""

from __future__ import annotations

import re

import pytest

from assistant.config import Settings
from tests.browser.conftest import ARTIFACTS, CASEWORKER, assert_no_violations

pytestmark = [
    pytest.mark.browser, pytest.mark.slow,
    pytest.mark.skipif("caseworker_tokens" not in Settings.model_fields,
                       reason="needs ASSISTANT_CASEWORKER_TOKENS (issue 3)"),
]
TOKEN_KEY = "procurement-assistant:caseworker-token"


def search(page, query: str) -> int:
    """Submit the search form with Enter; returns the total announced in the status line."""
    page.fill("#q", query)
    page.focus("#q")
    page.wait_for_load_state("networkidle")  # a search a filter's change event started has answered
    before = page.locator("#status").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_function("(before) => { const s = document.querySelector('#status').textContent; "
                           "return s !== before && /treff/.test(s); }", arg=before)
    status = page.locator("#status").inner_text()
    return 0 if status.startswith("Ingen") else int(re.match(r"(\d+) treff", status).group(1))


def badges(page) -> list[str]:
    return page.locator("#hits .badge").all_inner_texts()


@pytest.fixture
def signed_in(new_page, site):
    page = new_page()
    requests = []
    page.on("request", lambda r: requests.append(r))
    page.goto(f"{site}/search")
    page.fill("#token", CASEWORKER)
    page.press("#token", "Enter")
    page.locator("#app").wait_for(state="visible")
    # Signed in is when the filters are filled from /api/documents (the app shows before that answer).
    page.locator("#doc_type option").nth(1).wait_for(state="attached")
    page.requests = requests
    return page


def test_a_wrong_token_is_refused_and_nothing_is_kept(new_page, site):
    page = new_page()
    page.goto(f"{site}/search")
    assert page.locator("#app").is_hidden() and page.locator("label[for=token]").inner_text()
    page.fill("#token", "not-the-right-token-at-all-123")
    page.press("#token", "Enter")
    page.wait_for_function("() => document.querySelector('#token-error').textContent.length > 0")
    assert "avvist" in page.locator("#token-error").inner_text()
    assert page.locator("#token").get_attribute("aria-invalid") == "true"
    assert page.locator("#app").is_hidden()
    assert page.evaluate(f"sessionStorage.getItem('{TOKEN_KEY}')") is None


def test_sign_in_search_filter_page_open_a_document_and_sign_out(signed_in, site):
    page = signed_in
    assert page.evaluate("document.activeElement.id") == "q"
    assert page.evaluate(f"sessionStorage.getItem('{TOKEN_KEY}')") == CASEWORKER
    assert CASEWORKER not in page.url
    assert page.locator("#doc_type option[value=supplier_input]").count() == 1

    total = search(page, "bolig")
    assert total > 10 and page.locator("#hits > li").count() == 10
    assert page.locator("#hits mark").count() > 0, "query words are highlighted"
    assert all(m.lower().startswith("bolig") for m in page.locator("#hits mark").all_inner_texts()[:5])
    assert set(badges(page)) <= {"Intern", "Offentlig"}
    searches = [r for r in page.requests if "/api/search" in r.url]
    assert searches and all(r.headers.get("authorization") == f"Bearer {CASEWORKER}" for r in searches)
    assert page.locator("#pageinfo").inner_text().startswith("Side 1 av ")
    assert page.locator("#prev").is_disabled()

    page.click("#next")
    page.wait_for_function("() => document.querySelector('#pageinfo').textContent.startsWith('Side 2')")
    assert page.evaluate("document.activeElement.id") == "results-title"
    assert page.locator("#prev").is_enabled()

    page.select_option("#audience", "internal")
    search(page, "innspill")
    assert badges(page) and set(badges(page)) == {"Intern"}
    assert_no_violations(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-desktop.png"), full_page=True)

    page.select_option("#audience", "")
    page.fill("#organisation", "Eksempel Bolig AS")
    search(page, "bolig")
    metas = page.locator("#hits .meta").all_inner_texts()
    assert metas and all("Eksempel Bolig AS" in m for m in metas)

    page.fill("#organisation", "")
    page.fill("#date_from", "07.03.2020")  # Norwegian format in, Norwegian format out
    search(page, "innspill")
    metas = page.locator("#hits .meta").all_inner_texts()
    dates = [f"{y}-{m}-{d}" for text in metas for d, m, y in re.findall(r"(\d{2})\.(\d{2})\.(\d{4})", text)]
    assert dates and all(d >= "2020-03-07" for d in dates)
    assert not [t for t in metas if re.search(r"\d{4}-\d{2}-\d{2}", t)], "no ISO dates shown"

    opener = page.locator("#hits h3 button").first
    title = opener.inner_text()
    opener.focus()
    page.keyboard.press("Enter")
    page.locator("#doc").wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "doc-title"
    assert page.locator("#doc-title").inner_text() == title
    assert page.locator("#doc-badge .badge").inner_text() in {"Intern", "Offentlig"}
    assert page.locator("#doc-text p").count() > 1 and page.locator("#doc-text p.found").count() >= 1
    assert page.locator("#doc-meta dt").count() >= 3
    assert_no_violations(page)
    page.keyboard.press("Escape")
    assert page.locator("#doc").is_hidden()
    assert page.evaluate("document.activeElement.textContent") == title

    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
    page.screenshot(path=str(ARTIFACTS / "search-320px.png"))

    page.click("#signout")
    assert page.locator("#signin").is_visible() and page.locator("#app").is_hidden()
    assert page.evaluate(f"sessionStorage.getItem('{TOKEN_KEY}')") is None


def test_the_token_survives_a_reload_in_the_same_tab(signed_in):
    page = signed_in
    page.reload()
    page.locator("#app").wait_for(state="visible")
    assert page.locator("#signin").is_hidden()
