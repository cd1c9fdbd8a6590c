"""The documents page in a real Chromium (admins): upload with the audience chosen explicitly, a rejected file with
a readable error, replace, delete after a confirmation naming the document, the audit log; a case worker is turned
away. Plus the search page fixes: nothing for nonsense, a changed filter searches again, Norwegian dates and labels."""

from __future__ import annotations

import re
import secrets

import httpx
import pytest

from tests.browser.conftest import ADMIN, ARTIFACTS, CASEWORKER, assert_no_violations
from tests.browser.keyboard import assert_keyboard_path
from tests.browser.test_qa_loop import shoot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def status_matches(page, pattern: str) -> None:
    page.wait_for_function("(p) => new RegExp(p).test(document.querySelector('#status').textContent)", arg=pattern)


def public_text(site: str, title: str) -> str:
    """The text of a document as the public document view shows it, found by its title."""
    with httpx.Client(base_url=site, headers={"Authorization": f"Bearer {ADMIN}"}) as admin:
        doc = next(d for d in admin.get("/api/admin/documents").json()["documents"] if d["title"] == title)
        return httpx.get(f"{site}/documents/{doc['doc_id']}").text


def test_upload_reject_replace_delete_and_the_audit_log(new_page, casework_site, tmp_path):
    page = new_page()
    sign_in(page, f"{casework_site}/documents", ADMIN)
    rows = page.locator("#docs tr")
    rows.first.wait_for()
    corpus = rows.count()
    assert corpus >= 9 and page.locator("#docs .badge", has_text="Intern").count() == 3
    chunk_counts = [int(t) for t in page.locator("#docs tr td:nth-child(6)").all_inner_texts()]
    assert all(n > 0 for n in chunk_counts)
    assert page.locator("#aud-internal").is_checked(), "uploads are internal unless chosen otherwise"
    corpus_row = page.locator("#docs tr", has_text="corpus/public/kontakt-og-sporsmal.md")
    assert corpus_row.get_by_role("button", name="Slett").count() == 1
    assert corpus_row.get_by_role("button", name="Erstatt").count() == 0, "corpus files change in the repository"
    for published in page.locator("#docs tr", has_text="qa/sporsmal-og-svar-").all():  # after the loop test
        assert published.get_by_role("button").count() == 0 and published.get_by_role("link").count() == 1
    assert_no_violations(page)
    assert_keyboard_path(page, ["skip", "brand", "signout", "file", "aud-internal", "title", "doc_type", "organisation",
                                "date", "upload-btn", "reindex"])

    mark = f"MERKE{secrets.token_hex(4).upper()}"
    note = tmp_path / "parkering.md"
    note.write_text(f"# Parkering ved Løkenåsveien 45\n\nBeboerne får parkering i kjeller. Kjennemerke {mark}.\n",
                    encoding="utf-8")
    page.set_input_files("#file", str(note))
    page.check("#aud-public")
    page.fill("#title", "Notat om parkering")
    page.fill("#date", "05.01.2026")
    page.locator("#upload-btn").focus()
    page.keyboard.press("Enter")
    status_matches(page, "«Notat om parkering» er lastet opp som offentlig dokument")
    row = page.locator("#docs tr", has_text="Notat om parkering")
    assert rows.count() == corpus + 1 and "Offentlig" in row.inner_text() and "05.01.2026" in row.inner_text()
    assert mark in public_text(casework_site, "Notat om parkering")

    fake = tmp_path / "rapport.pdf"
    fake.write_text("Dette er ikke en PDF.", encoding="utf-8")
    page.set_input_files("#file", str(fake))
    page.click("#upload-btn")
    error = page.locator("#upload-error")
    error.wait_for()
    message = error.inner_text()
    assert message.startswith("Filen ble avvist: Filtypen støttes ikke") and "rapport.pdf" in message
    assert page.evaluate("document.activeElement.id") == "file" and rows.count() == corpus + 1
    assert_no_violations(page)
    shoot(page, "documents-desktop")

    newer = tmp_path / "parkering-ny.md"
    newer.write_text(f"# Parkering ved Løkenåsveien 45\n\nParkering under bakken, ny utgave {mark}NY.\n",
                     encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        row.get_by_role("button", name="Erstatt").click()
    chooser.value.set_files(str(newer))
    status_matches(page, "«Notat om parkering» er erstattet")
    assert f"{mark}NY" in public_text(casework_site, "Notat om parkering")

    row.get_by_role("button", name="Slett").focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    assert "Slette «Notat om parkering»?" in dialog.inner_text() and "parkering.md" in dialog.inner_text()
    assert_no_violations(page)
    page.keyboard.press("Escape")
    assert dialog.count() == 0 and rows.count() == corpus + 1, "Escape cancels"
    row.get_by_role("button", name="Slett").click()
    page.get_by_role("button", name="Slett «Notat om parkering»").click()
    status_matches(page, "«Notat om parkering» er slettet")
    assert rows.count() == corpus
    audit = page.locator("#audit").inner_text()
    assert all(word in audit for word in ("Lastet opp", "Erstattet", "Slettet")) and ADMIN not in audit

    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
    shoot(page, "documents-320px")


def test_a_caseworker_is_told_the_page_needs_the_admin_role(new_page, casework_site):
    page = new_page()
    sign_in(page, f"{casework_site}/documents", CASEWORKER)
    status_matches(page, "krever administratorrollen")
    assert page.locator("#upload").is_hidden() and page.locator("#docs tr").count() == 0
    assert_no_violations(page)


def test_search_fixes_nothing_for_nonsense_filters_rerun_norwegian_dates_and_labels(new_page, site):
    page = new_page()
    sign_in(page, f"{site}/search", CASEWORKER)
    # The page shows before /api/documents has filled the type filter.
    page.wait_for_function("() => document.querySelectorAll('#doc_type option').length > 3")
    labels = page.locator("#doc_type option").all_inner_texts()
    assert len(labels) > 3 and not [t for t in labels if "_" in t or re.fullmatch(r"[a-z0-9]+", t)], labels

    page.fill("#q", "xyzzy")
    page.press("#q", "Enter")
    status_matches(page, "^Ingen treff for «xyzzy»")
    assert page.locator("#hits > li").count() == 0

    page.fill("#q", "innspill")
    page.press("#q", "Enter")
    status_matches(page, "treff for «innspill»")
    everything = page.locator("#status").inner_text()
    page.select_option("#audience", "internal")  # no Enter: the changed filter searches again
    page.wait_for_function("(before) => document.querySelector('#status').textContent !== before "
                           "&& /treff/.test(document.querySelector('#status').textContent)", arg=everything)
    assert set(page.locator("#hits .badge").all_inner_texts()) == {"Intern"}
    dates = re.findall(r"\d{2}\.\d{2}\.\d{4}", " ".join(page.locator("#hits .meta").all_inner_texts()))
    assert dates, "dates shown as dd.mm.åååå"

    page.fill("#date_from", "2020-03-07")
    page.locator("#date_from").dispatch_event("change")
    status_matches(page, "dd.mm.åååå")
    assert page.locator("#date_from").get_attribute("aria-invalid") == "true"
    page.fill("#date_from", "10.03.2020")
    page.locator("#date_from").dispatch_event("change")
    status_matches(page, "treff for «innspill»")
    shown = re.findall(r"(\d{2})\.(\d{2})\.(\d{4})", " ".join(page.locator("#hits .meta").all_inner_texts()))
    assert shown and all(f"{y}-{m}-{d}" >= "2020-03-10" for d, m, y in shown)
    assert_no_violations(page)
    assert_keyboard_path(page, ["skip", "brand", "signout", "q", "audience", "doc_type", "organisation", "date_from",
                                "date_to"])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
