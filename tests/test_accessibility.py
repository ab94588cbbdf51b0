"""axe-core (bundled, offline) in real Chromium: no serious or critical WCAG 2 A/AA violations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest

from conftest import Build

pytestmark = pytest.mark.browser

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
GENERATED = ["", "toolkit/", "toolkit/agreement/"]


def representative_pages(site: Path) -> list[str]:
    """The start page, the toolkit, and for every kind its overview and its first module."""
    pages = list(GENERATED)
    for overview in sorted(site.glob("*/index.html")):
        kind = overview.parent.name
        modules = sorted(p.parent.name for p in overview.parent.glob("*/index.html"))
        if modules and kind not in ("toolkit", "search", "assets", "pdf"):
            pages += [f"{kind}/", f"{kind}/{modules[0]}/"]
    return pages


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_accessibility_violations(browser: Any, site_url: str, real_site: Build, scheme: str) -> None:
    # axe is injected as an inline script, which the site's own CSP rightly refuses: the test
    # browser bypasses the CSP for this (test_browser.py checks the site under it).
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    found = []
    for path in representative_pages(real_site.site):
        found += [f"{path}: {v}" for v in violations(page, site_url + path)]
    context.close()
    assert found == []


def violations(page: Any, url: str) -> list[str]:
    page.goto(url, wait_until="networkidle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})""")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
