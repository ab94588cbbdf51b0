"""axe-core (bundled, offline) in real Chromium: no serious or critical WCAG 2 A/AA violations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest

pytestmark = pytest.mark.browser

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
PAGES = ["", "roles/", "journeys/mentee/", "phases/", "challenges/hierarchiebarrieren/", "sessions/erstes-treffen/",
         "checklists/vor-der-sitzung/", "toolkit/agreement/", "glossary/begriffe/", "faq/fragen-von-mentees/"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_accessibility_violations(page: Any, site_url: str, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    page.goto(site_url + path, wait_until="networkidle")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not a <script> tag: the page's CSP refuses inline scripts
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})""")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
