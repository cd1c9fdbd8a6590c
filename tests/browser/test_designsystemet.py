"""Designsystemet is pinned, licensed and the single source of the look: the committed CSS matches the versions the
refresh script pins, and the widget's copied tokens match the theme's light scheme."""

from __future__ import annotations

import re

from tests.conftest import ROOT

DS = ROOT / "api" / "static" / "ds"


def test_pinned_versions_and_licence_are_committed():
    script = (ROOT / "scripts" / "fetch_designsystemet.sh").read_text(encoding="utf-8")
    css = re.search(r"^CSS_VERSION=(\S+)", script, re.M).group(1)
    theme = re.search(r"^THEME_VERSION=(\S+)", script, re.M).group(1)
    versions = (DS / "VERSIONS").read_text(encoding="utf-8")
    assert f"@digdir/designsystemet-css {css} " in versions and f"@digdir/designsystemet-theme {theme} " in versions
    assert "Permission is hereby granted" in (DS / "LICENSE").read_text(encoding="utf-8")
    assert "Digitaliseringsdirektoratet" in (DS / "LICENSE").read_text(encoding="utf-8")
    assert (DS / "designsystemet.css").read_text(encoding="utf-8").startswith("@layer ds.theme")
    assert "--ds-color-accent-base-default" in (DS / "theme.css").read_text(encoding="utf-8")


def test_the_widget_takes_its_tokens_from_the_theme():
    theme = (DS / "theme.css").read_text(encoding="utf-8")
    light = theme[theme.index('[data-color-scheme="light"]'):theme.index("@media (prefers-color-scheme: light)")]
    tokens = dict(re.findall(r"(--ds-[\w-]+):\s*([^;]+);", light))
    tokens.update({k: v for k, v in re.findall(r"(--ds-[\w-]+):\s*([^;]+);", theme) if k not in tokens})
    widget = (ROOT / "api" / "static" / "widget.js").read_text(encoding="utf-8")
    block = widget[widget.index("var DS = {"):widget.index("};", widget.index("var DS = {"))]
    copied = dict(re.findall(r'"([\w-]+)":\s*"([^"]+)"', block))
    colours = {k: v for k, v in copied.items() if v.startswith("#")}
    assert len(colours) >= 15
    for key, value in colours.items():
        assert tokens[f"--ds-color-{key}"].lower() == value.lower(), key
    assert tokens["--ds-border-width-focus"] == copied["border-width-focus"]
    assert copied["font-family"].startswith(tokens["--ds-font-family"])  # Inter, then the system's sans-serif
    assert "#005a87" not in widget.replace('data-color="#005a87"', ""), "no colour outside the tokens by default"
