"""axe-core (bundled, offline) in real Chromium: every built page, light and dark, no violation at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest

from conftest import Build, scripts_ran

pytestmark = pytest.mark.browser

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
SCHEMES = {"default", "slate"}  # the light and dark palettes of mkdocs.yml (theme.palette)
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],  # passes and incomplete results are left uncollected: much faster
}
SWITCHED = """scheme => document.body.dataset.mdColorScheme === scheme
                      && !document.body.hasAttribute("data-md-color-switching")"""


def html_pages(site: Path) -> list[str]:
    """Return the site path of every page the build wrote, in any edition: redirects and assets aside."""
    pages = []
    for file in sorted(site.rglob("*.html")):
        path = file.relative_to(site).as_posix()
        if path.startswith("assets/") or 'http-equiv="refresh"' in file.read_text(encoding="utf-8"):
            continue
        pages.append(path.removesuffix("index.html"))
    return pages


def page_file(site: Path, path: str) -> Path:
    return site / (path if path.endswith(".html") else path + "index.html")


def test_every_page_is_checked(real_site: Build) -> None:
    pages = html_pages(real_site.site)
    assert {"", "404.html"} <= set(pages)
    assert len(pages) > 2 and len(set(pages)) == len(pages)


def test_no_accessibility_violations(browser: Any, site_url: str, real_site: Build) -> None:
    # axe comes in as an init script, which the page's Content-Security-Policy does not govern:
    # the pages are checked as readers get them, under their own policy (no bypass_csp).
    context = browser.new_context()
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    pages = html_pages(real_site.site)
    found, checked = [], set()
    for path in pages:
        page.goto(site_url + path, wait_until="load")
        scripts_ran(page)  # the page as Material's script leaves it
        for scheme in in_both_schemes(page):
            checked.add((path, scheme))
            found += [f"{path} ({scheme}): {v}" for v in violations(page)]
    context.close()
    assert found == []
    assert checked == {(path, scheme) for path in pages for scheme in SCHEMES}


def test_tables_fit_a_small_phone_screen(browser: Any, site_url: str, real_site: Build) -> None:
    # A table wider than the screen sits in Material's scroll box, which a keyboard cannot reach
    # (axe scrollable-region-focusable): on a 320 px screen (WCAG reflow), none may need to scroll.
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = {}
    for path in html_pages(real_site.site):
        if "<table" in page_file(real_site.site, path).read_text(encoding="utf-8"):
            page.goto(site_url + path, wait_until="load")
            scripts_ran(page)  # Material's script makes the scroll boxes
            overflow = page.eval_on_selector_all(".md-typeset__scrollwrap",
                                                 "boxes => boxes.map(b => b.scrollWidth - b.clientWidth)")
            if any(o > 0 for o in overflow):
                wide[path] = overflow
    context.close()
    assert wide == {}


def in_both_schemes(page: Any) -> Iterator[str]:
    """Yield the scheme the page shows, switch to the other one with the theme's toggle, yield that."""
    # Material keeps the reader's choice for the next page, so a page starts in either scheme; it is
    # loaded once and checked in both, which halves the page loads and axe's warm-up per document.
    shown = page.evaluate("document.body.dataset.mdColorScheme")
    yield shown
    other = page.locator(f"[data-md-component=palette] input:not([data-md-color-scheme={shown}])")
    scheme = other.get_attribute("data-md-color-scheme")
    other.evaluate("input => input.click()")  # what the visible toggle (a <label> for it) does
    page.wait_for_function(SWITCHED, arg=scheme)
    yield scheme


def violations(page: Any) -> list[str]:
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
