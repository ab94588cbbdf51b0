"""Both editions in real Chromium: the switcher changes language on the same page, search stems each.

These run on whatever this handbook builds: a fork that builds one edition skips them. The 404
pages are tested on the two-edition fixture, served at the path its site.url names (and without).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import Build, search, serve, site_path

pytestmark = pytest.mark.browser


def other_editions(site: Path) -> list[str]:
    """Return the folders of the editions besides the default one (each has its own search index)."""
    return sorted(d.name for d in site.iterdir() if (d / "search/search_index.json").is_file())


def first_module(site: Path, folder: str) -> str:
    """Return a module page both editions have, as a site path below the edition."""
    for page in sorted((site / folder).glob("*/*/index.html")):
        path = page.parent.relative_to(site / folder).as_posix() + "/"
        if (site / path / "index.html").is_file():
            return path
    raise AssertionError("no page in both editions")


def test_switcher_opens_the_same_page_in_the_other_edition_and_back(page: Any, site_url: str,
                                                                        real_site: Build) -> None:
    others = other_editions(real_site.site)
    if not others:
        pytest.skip("this handbook builds one edition: there is nothing to switch to")
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    path, other = first_module(real_site.site, others[0]), others[0]
    page.goto(site_url + path, wait_until="networkidle")
    page.locator(".md-header .md-select").hover()
    page.locator(f'a.md-select__link[lang="{other}"]').click()
    page.wait_for_url(site_url + f"{other}/{path}")
    assert page.evaluate("document.documentElement.lang") == other
    page.wait_for_load_state("networkidle")
    page.locator(".md-header .md-select").hover()
    default = json.loads((real_site.site / "search/search_index.json").read_text(encoding="utf-8"))["config"]["lang"][0]
    page.locator(f'a.md-select__link[lang="{default}"]').click()
    page.wait_for_url(site_url + path)
    page.wait_for_load_state("networkidle")
    assert failed == []  # nothing the switcher or the theme asks for is missing


def test_each_edition_searches_in_its_own_language(page: Any, site_url: str, real_site: Build) -> None:
    if "en" not in other_editions(real_site.site):
        pytest.skip("no English edition built here")
    index = json.loads((real_site.site / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en"]
    # The words as lunr indexes them: split at the index's separator, punctuation trimmed.
    text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"]).lower()
    words = {re.sub(r"^\W+|\W+$", "", token) for token in re.split(index["config"]["separator"], text)}
    # A word the English text has only inflected ("sessions" but never "session"): searching the
    # base form must find it.
    inflected = sorted(w for w in words if re.fullmatch(r"[a-z]{6,}[^eis]s", w) and w[:-1] not in words)
    if not inflected:
        pytest.skip("the English text has no word only in its inflected form")
    page.goto(site_url + "en/", wait_until="load")
    assert inflected[0] in search(page, real_site.html("en/index.html"), inflected[0][:-1]).lower()


def test_the_404_page_of_each_edition_loads_its_assets_and_leads_home(page: Any, bilingual_site: Build) -> None:
    # A static server sends 404.html for a wrong address at any depth: its links must hold there.
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.request.resource_type != "document" else None)
    with serve(bilingual_site.site, site_path(bilingual_site.root)) as base:
        for edition, lang in (("", "de"), ("en/", "en")):
            response = page.goto(base + edition + "no/such/page/", wait_until="networkidle")
            assert response.status == 404 and page.evaluate("document.documentElement.lang") == lang
            # Its navigation stays in its edition, and Material's stylesheet has arrived.
            links = page.eval_on_selector_all(".md-nav a[href]", "els => els.map(e => e.href)")
            assert links and [link for link in links if not link.startswith(base + edition)] == []
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
            page.locator("article a").last.click()
            page.wait_for_url(base + edition)
            assert page.evaluate("document.documentElement.lang") == lang
            page.wait_for_load_state("networkidle")
    assert failed == []
