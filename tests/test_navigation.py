"""Real Chromium: with a pruned navigation a reader still reaches every section and its pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import FIXTURES, Build
from macros.content.curriculum import load_curriculum
from macros.organization.labels import load_labels
from macros.outputs.pdf import serve

pytestmark = pytest.mark.browser

MINI = FIXTURES / "mini"


@pytest.fixture(scope="module")
def mini_url(mini_site: Build, chromium: str) -> Iterator[str]:
    with serve(mini_site.site) as base:
        yield base


def _sections() -> tuple[str, str, list[Any]]:
    """Return a page to start from and, in another section, the largest section and its modules."""
    curriculum = load_curriculum(MINI, "de")
    kind = max(curriculum.kinds(), key=lambda k: len(curriculum.of_kind(k)))
    elsewhere = next(e for e in curriculum.entries.values() if e.kind != kind)
    return f"{elsewhere.kind}/{elsewhere.id}/", kind, curriculum.of_kind(kind)


def test_nav_leads_from_another_section_to_a_section_and_its_pages(page: Any, mini_url: str) -> None:
    start, kind, entries = _sections()
    assert len(entries) >= 2, "the fixture needs a section with several pages"
    sidebar = page.locator(".md-sidebar--primary")
    page.goto(mini_url + start, wait_until="networkidle")
    # Pruned: a page in another section links this section, not each of its pages.
    assert sidebar.locator(f'a[href*="{kind}/{entries[-1].id}/"]').count() == 0
    sidebar.get_by_role("link", name=load_labels("de")["kinds"][kind]["title"], exact=True).click()
    page.wait_for_url(f"{mini_url}{kind}/")
    for entry in entries:
        assert sidebar.get_by_role("link", name=entry.module.title, exact=True).is_visible(), entry.id
    sidebar.get_by_role("link", name=entries[-1].module.title, exact=True).click()
    page.wait_for_url(f"{mini_url}{kind}/{entries[-1].id}/")
    assert page.locator("h1").inner_text().startswith(entries[-1].module.title)
    # From a module page, the other pages of its section are one click away.
    sidebar.get_by_role("link", name=entries[0].module.title, exact=True).click()
    page.wait_for_url(f"{mini_url}{kind}/{entries[0].id}/")


def test_no_empty_tabindex_and_the_start_page_link_says_where_it_leads(mini_site: Build) -> None:
    home = load_labels("de")["ui"]["home"]
    for path in mini_site.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert 'tabindex=""' not in html, path  # an empty value is invalid HTML (Nu checker)
        if 'class="md-nav__link' in html:
            # Lighthouse's "link text is descriptive": "Start" alone is not.
            assert not re.search(r'href="[^"]*"[^>]*>\s*(<[^>]+>\s*)*Start\s*<', html), path
            assert home in html and len(home.split()) > 1, path
