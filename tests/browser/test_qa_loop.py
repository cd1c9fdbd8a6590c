"""The whole equal-treatment loop in a real Chromium, keyboard first: a question the widget refuses shows up on
/questions, an admin writes, previews and publishes an answer, the widget then answers the same question citing
it, and /qa lists it. A case worker may only save drafts. axe-core on every state; screenshots at 1280 and 320 px."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.browser.conftest import ADMIN, ARTIFACTS, CASEWORKER, assert_no_violations
from tests.browser.keyboard import assert_keyboard_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]

W = "procurement-assistant"
QUESTION = "Når er tilbudsfristen for anskaffelsen?"
ANSWER = "Fristen for å levere tilbud er 15. januar 2027 klokken 12.00."
SETTLED = """() => { const r = document.querySelector('procurement-assistant').shadowRoot;
  const last = [...r.querySelectorAll('.log .msg')].pop();
  return !!last && !last.classList.contains('user') && !last.hasAttribute('aria-busy'); }"""
STORED = """() => { const key = Object.keys(sessionStorage).find(k => k.startsWith('procurement-assistant:'));
  return JSON.parse(sessionStorage.getItem(key)).messages.pop(); }"""


def ask_widget(page, question: str) -> dict:
    page.locator(f"{W} textarea").focus()
    page.keyboard.type(question)
    page.keyboard.press("Enter")
    page.wait_for_function(SETTLED)
    return page.evaluate(STORED)


def sign_in(page, url: str, token: str) -> None:
    page.goto(url)
    page.locator("#token").focus()
    page.keyboard.type(token)
    page.keyboard.press("Enter")
    page.locator("#app").wait_for(state="visible")


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_refused_question_published_answer_cited_by_the_widget_and_listed(new_page, casework_site):
    widget = new_page()
    widget.goto(f"{casework_site}/demo")
    widget.locator(f"{W} .launcher").click()
    refused = ask_widget(widget, QUESTION)
    assert refused["answered"] is False and refused["reason"] == "equal_treatment"

    page = new_page()
    sign_in(page, f"{casework_site}/questions", ADMIN)
    page.select_option("#answered", "false")  # a changed filter reloads the list at once
    card = page.locator("#list > li", has_text=QUESTION).first
    card.wait_for()
    assert "Ikke besvart: Likebehandling" in card.inner_text()
    assert_no_violations(page)
    assert_keyboard_path(page, ["view", "answered", "reason", "feedback", "date_from", "date_to", "download"])
    shoot(page, "questions-desktop")

    card.get_by_role("button", name="Skriv offisielt svar").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "editor-title"
    assert page.locator("#qa-question").input_value() == QUESTION
    page.locator("#qa-answer").focus()
    page.keyboard.type(ANSWER)
    page.locator("#preview-btn").focus()
    page.keyboard.press("Enter")
    preview = page.locator("#preview")
    assert preview.is_visible() and "Spørsmål og svar nr. 1" in preview.inner_text() and ANSWER in preview.inner_text()
    assert page.evaluate("document.activeElement.id") == "preview-title"
    assert_no_violations(page)
    shoot(page, "questions-preview-desktop")

    page.locator("#publish").focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    assert "Publisere svaret?" in dialog.inner_text()
    assert page.evaluate("document.activeElement.textContent") == "Avbryt", "the safe choice has focus first"
    assert_no_violations(page)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("() => /Publisert som Spørsmål og svar nr. 1/"
                           ".test(document.querySelector('#status').textContent)")
    published = page.locator("#answers > li", has_text="Spørsmål og svar nr. 1")
    assert "Publisert" in published.inner_text() and published.get_by_role("button", name="Trekk tilbake").count() == 1

    answered = ask_widget(widget, QUESTION)
    assert answered["answered"] is True and "15. januar 2027" in answered["text"]
    assert "Spørsmål og svar nr. 1" in [c["title"] for c in answered["citations"]]
    sources = widget.locator(f"{W} .log .msg.bot").last.locator(".src")
    assert "Spørsmål og svar nr. 1" in sources.inner_text()

    public = new_page()
    public.goto(f"{casework_site}/qa")
    entry = public.locator("#nr-1")
    today = datetime.now(UTC).date()
    assert "Spørsmål og svar nr. 1" in entry.inner_text() and f"Publisert {today:%d.%m.%Y}" in entry.inner_text()
    assert QUESTION in entry.inner_text() and ANSWER in entry.inner_text()
    assert_no_violations(public)
    assert_keyboard_path(public, ["skip", "brand", "nav-0", "nav-1"])
    shoot(public, "qa-desktop")
    public.set_viewport_size({"width": 320, "height": 640})
    assert public.evaluate("document.scrollingElement.scrollWidth") <= 320
    shoot(public, "qa-320px")


def test_a_caseworker_saves_drafts_but_cannot_publish(new_page, casework_site):
    page = new_page(320, 640)
    question = "Kan kommunen eie boligene selv?"
    assert page.request.post(f"{casework_site}/api/chat", data={"question": question}).ok
    sign_in(page, f"{casework_site}/questions", CASEWORKER)
    card = page.locator("#list > li", has_text=question).first
    card.get_by_role("button", name="Skriv offisielt svar").click()
    assert page.locator("#qa-question").input_value() == question
    assert page.locator("#publish").is_hidden() and page.locator("#role-note").is_visible()
    page.locator("#save").focus()
    page.keyboard.press("Enter")
    assert page.locator("#editor-error").inner_text() == "Skriv både spørsmålet og svaret."
    assert page.locator("#qa-answer").get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "qa-answer"
    page.keyboard.type("Det er ikke avgjort ennå.")
    page.locator("#save").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#status').textContent === 'Utkastet er lagret.'")
    draft = page.locator("#answers > li", has_text=question)
    assert "Utkast" in draft.inner_text() and draft.get_by_role("button", name="Publiser").count() == 0
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
    assert_no_violations(page)
    shoot(page, "questions-320px")


@pytest.mark.parametrize("path", ["/questions", "/documents"])
def test_the_sign_in_state_is_accessible_and_refuses_a_wrong_token(new_page, casework_site, path):
    page = new_page()
    page.goto(f"{casework_site}{path}")
    assert page.locator("#app").is_hidden() and page.locator("#signout").is_hidden()
    assert_no_violations(page)
    assert_keyboard_path(page, ["skip", "brand", "nav-0", "nav-1", "nav-2", "nav-3", "token"])
    page.keyboard.type("not-the-right-token-at-all-123")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#token-error').textContent.length > 0")
    assert "avvist" in page.locator("#token-error").inner_text() and page.locator("#app").is_hidden()
    assert_no_violations(page)


def test_near_duplicate_questions_are_grouped_with_counts(new_page, casework_site):
    page = new_page()
    for question in ("Hva er budsjettet for Løkenåsveien?", "Hva er budsjettet for Løkenåsveien 45?"):
        assert page.request.post(f"{casework_site}/api/chat", data={"question": question}).ok
    sign_in(page, f"{casework_site}/questions", CASEWORKER)
    page.select_option("#view", "groups")
    page.wait_for_function("() => /grupper av spørsmål/.test(document.querySelector('#status').textContent)")
    group = page.locator("#list > li", has_text="budsjettet for Løkenåsveien").first
    assert "Stilt 2 ganger" in group.inner_text() and "0 besvart" in group.inner_text()
    assert page.locator("#list-title").inner_text() == "Like spørsmål gruppert"
    assert_no_violations(page)
