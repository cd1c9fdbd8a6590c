"""Keyboard-only paths: Tab from the top of a page reaches the given controls in order, each with a visible focus."""

from __future__ import annotations

FOCUSED = """() => { const e = document.activeElement; if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const nav = [...document.querySelectorAll('header nav a')].indexOf(e);
  const name = e.id || (e.classList.contains('ds-skip-link') ? 'skip' : e.classList.contains('brand') ? 'brand'
    : nav >= 0 ? 'nav-' + nav : e.tagName.toLowerCase());
  const r = e.getBoundingClientRect();
  // a skip link shows focus by appearing (Designsystemet gives it a visible bar of its own)
  const shown = e.classList.contains('ds-skip-link') && r.width > 40 && r.height > 20 && r.top >= 0;
  const ring = (x) => (x.outlineStyle !== 'none' && parseFloat(x.outlineWidth) > 0) || x.boxShadow !== 'none';
  // Designsystemet rings a radio or checkbox together with its label: the ring is on the enclosing .ds-field
  const field = e.matches('[type=radio],[type=checkbox]') && e.closest('.ds-field');
  const visible = ring(s) || shown || (!!field && ring(getComputedStyle(field)));
  return { name, visible }; }"""


def assert_keyboard_path(page, expected: list[str], limit: int = 80) -> None:
    """Tab from the top: ``expected`` (ids, or skip/brand/nav-N) come in this order, each with a focus indicator."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    page.evaluate("() => { const a = document.createElement('span'); a.tabIndex = -1; a.id = '__start';"
                  " document.body.prepend(a); a.focus(); a.remove(); }")
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            break
        assert focused["visible"], f"no visible focus on {focused['name']}"
        seen.append(focused["name"])
        if seen[-1] == expected[-1]:
            break
    positions = [seen.index(name) if name in seen else -1 for name in expected]
    assert -1 not in positions and positions == sorted(positions), f"Tab order {seen} lacks or reorders {expected}"
