"""Real headless Chromium against the built site served on 127.0.0.1."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from conftest import Build, search, upstream_only
from macros.organization.labels import load_labels
from macros.outputs.pdf import serve, targets

UI = load_labels("de")["ui"]

pytestmark = pytest.mark.browser


def pdf_pages(pdf: bytes) -> int:
    """Count pages in a PDF produced by Chromium (one /Type /Page object each)."""
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def printable(real_site: Build) -> list[str]:
    return sorted(
        f"{kind}/{p.name}/" for kind in ("sessions", "checklists")
        for p in (real_site.site / kind).iterdir() if p.is_dir()
    )


def first(real_site: Build, kind: str) -> str:
    """Return the first page of a kind in whatever curriculum is built (no names of ours)."""
    return next(p for p in printable(real_site) + all_of(real_site, kind) if p.startswith(kind + "/"))


def all_of(real_site: Build, kind: str) -> list[str]:
    return sorted(f"{kind}/{p.name}/" for p in (real_site.site / kind).iterdir() if p.is_dir())


@upstream_only
def test_handbook_has_enough_templates(real_site: Build) -> None:
    paths = printable(real_site)
    assert len([p for p in paths if p.startswith("sessions/")]) >= 8
    assert len([p for p in paths if p.startswith("checklists/")]) >= 4


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_templates_print_on_at_most_two_pages_without_chrome(page: Any, site_url: str, real_site: Build,
                                                            paper: str) -> None:
    too_long = {}
    for path in printable(real_site):
        page.goto(site_url + path, wait_until="networkidle")
        page.emulate_media(media="print")
        for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".rm-actions"):
            assert not page.locator(selector).first.is_visible(), f"{selector} printed on {path}"
        pages = pdf_pages(page.pdf(format=paper, prefer_css_page_size=True))
        if pages > 2:
            too_long[path] = pages
    assert too_long == {}


def test_agreement_prints_on_one_page_with_signatures(page: Any, site_url: str) -> None:
    page.goto(site_url + "toolkit/agreement/", wait_until="networkidle")
    for paper in ("A4", "Letter"):
        assert pdf_pages(page.pdf(format=paper, prefer_css_page_size=True)) == 1, paper
    assert page.locator(".rm-sign-line").count() == 2


def test_bundle_starts_each_session_on_a_new_page(page: Any, site_url: str, real_site: Build) -> None:
    page.goto(site_url + "toolkit/all-sessions/", wait_until="networkidle")
    page.emulate_media(media="print")
    sessions = len([p for p in printable(real_site) if p.startswith("sessions/")])
    breaks = page.eval_on_selector_all(".rm-page-break", "els => els.map(e => getComputedStyle(e).breakBefore)")
    assert breaks == ["page"] * sessions
    assert pdf_pages(page.pdf(format="A4")) >= sessions


def test_build_command_wrote_pdfs_linked_from_pages(real_site: Build) -> None:
    session = first(real_site, "sessions").split("/")[1]
    html = real_site.html(f"sessions/{session}/index.html")
    assert f'href="../../pdf/sessions/{session}.pdf"' in html
    for pdf in [f"pdf/sessions/{session}.pdf", "pdf/all-sessions.pdf", "pdf/agreement.pdf"]:
        data = (real_site.site / pdf).read_bytes()
        assert data.startswith(b"%PDF"), pdf
    assert 1 <= pdf_pages((real_site.site / f"pdf/sessions/{session}.pdf").read_bytes()) <= 2
    links = targets(real_site.root, real_site.site)
    # Per edition (the default at the root, others in a folder with their own search index):
    # each session template, the bundle and the agreement.
    editions = [""] + [d.name + "/" for d in real_site.site.iterdir() if (d / "search/search_index.json").is_file()]
    sessions = [p for e in editions for p in (real_site.site / e / "sessions").iterdir() if p.is_dir()]
    assert len(links) == len(sessions) + 2 * len(editions)
    assert [pdf for _, pdf in links if not (real_site.site / pdf).read_bytes().startswith(b"%PDF")] == []
    # Every page that links a PDF is one the engine listed, and the other way round.
    linking = {str(p.parent.relative_to(real_site.site)) + "/" for p in real_site.site.rglob("index.html")
               if "rm-pdf" in p.read_text(encoding="utf-8")}
    assert linking == {page for page, _ in links}


def test_tick_survives_reload_and_reset_clears(page: Any, site_url: str, real_site: Build) -> None:
    page.goto(site_url + first(real_site, "checklists"), wait_until="networkidle")
    boxes = page.locator(".rm-checks input[type=checkbox]")
    assert boxes.count() >= 3
    second_label = page.locator(".rm-checks label").nth(1)
    second_label.click()  # clicking the label ticks: the label belongs to the box
    assert boxes.nth(1).is_checked()
    page.reload(wait_until="networkidle")
    assert boxes.nth(1).is_checked()
    assert not boxes.nth(0).is_checked()
    page.get_by_role("button", name=UI["reset"]).click()
    assert page.locator(".rm-status").inner_text() == UI["reset_done"]
    page.reload(wait_until="networkidle")
    assert [boxes.nth(i).is_checked() for i in range(boxes.count())] == [False] * boxes.count()


def test_every_checkbox_has_an_accessible_name(page: Any, site_url: str, real_site: Build) -> None:
    for path in printable(real_site)[:3] + all_of(real_site, "checklists")[:1]:
        page.goto(site_url + path, wait_until="networkidle")
        for box in page.get_by_role("checkbox").all():
            name = box.evaluate("b => b.labels.length ? b.labels[0].innerText.trim() : ''")
            assert name, f"unlabelled checkbox on {path}"


def test_print_button_opens_print(page: Any, site_url: str, real_site: Build) -> None:
    page.goto(site_url + first(real_site, "sessions"), wait_until="networkidle")
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_role("button", name=UI["print"]).click()
    assert page.evaluate("window.__printed") == 1


def test_search_finds_module_text_with_german_stemming(page: Any, mini_site: Build) -> None:
    with serve(mini_site.site) as base:
        page.goto(base, wait_until="load")
        found = search(page, mini_site.html("index.html"), "Hierarchiebarriere")  # the page: -barrieren
        assert "Hierarchiebarrieren" in found


def test_a_page_view_fetches_the_search_index_only_when_the_reader_starts_to_search(page: Any,
                                                                                    mini_site: Build) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    with serve(mini_site.site) as base:
        for path in ["", "sessions/"]:
            page.goto(base + path, wait_until="networkidle")
        assert not [r for r in requests if "search_index" in r or "/workers/" in r], requests
        # Waiting starts before the key is pressed: an index fetched quickly is not missed.
        with page.expect_event("requestfinished", lambda r: "search_index.json" in r.url, timeout=60_000):
            page.keyboard.press("s")  # Material's shortcut: the first sign of a search
        found = search(page, mini_site.html("sessions/index.html"), "Hierarchiebarriere")
        assert "Hierarchiebarrieren" in found
        assert sum("search_index.json" in r for r in requests) == 1


def test_no_request_leaves_this_machine(page: Any, site_url: str, real_site: Build) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    for path in ["", first(real_site, "sessions"), first(real_site, "checklists"), "toolkit/agreement/"]:
        page.goto(site_url + path, wait_until="networkidle")
    assert requests and all(r.startswith(site_url) for r in requests), requests


def test_readable_on_a_phone(browser: Any, site_url: str, real_site: Build) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2)
    pg = context.new_page()
    wide = {}
    for path in ["", "toolkit/agreement/"] + printable(real_site):
        pg.goto(site_url + path, wait_until="networkidle")
        overflow = pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide[path] = overflow
    context.close()
    assert wide == {}


def test_printed_boxes_are_empty_squares_even_when_ticked(page: Any, site_url: str, real_site: Build) -> None:
    page.goto(site_url + first(real_site, "checklists"), wait_until="networkidle")
    page.locator(".rm-checks label").first.click()
    page.emulate_media(media="print")
    style = page.eval_on_selector(".rm-checks input[type=checkbox]", """b => {
        const s = getComputedStyle(b);
        return [b.checked, s.appearance, s.borderRadius, s.width === s.height, s.borderTopStyle];
    }""")
    assert style == [True, "none", "0px", True, "solid"]


def test_every_journey_prints_on_at_most_two_a4_pages(page: Any, site_url: str, real_site: Build) -> None:
    roles = sorted(p.name for p in (real_site.site / "journeys").iterdir() if p.is_dir())
    assert len(roles) >= 5
    too_long = {}
    for role in roles:
        page.goto(site_url + f"journeys/{role}/", wait_until="networkidle")
        pages = pdf_pages(page.pdf(format="A4", prefer_css_page_size=True))
        if pages > 2:
            too_long[role] = pages
    assert too_long == {}


def test_site_works_under_its_content_security_policy(page: Any, site_url: str, real_site: Build) -> None:
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    kinds = sorted(p.parent.parent.name for p in real_site.site.glob("*/*/index.html"))
    pages = [""] + sorted({f"{kind}/" for kind in kinds}) + printable(real_site)[:2]
    # Another edition is a folder with a search index of its own, in its language.
    editions = {d.name for d in real_site.site.iterdir() if (d / "search/search_index.json").is_file()}
    default = json.loads((real_site.site / "search/search_index.json").read_text(encoding="utf-8"))["config"]["lang"][0]
    for path in pages:
        page.goto(site_url + path, wait_until="networkidle")
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "script-src 'self'" in policy and "object-src 'none'" in policy, path
        folder = path.split("/")[0]
        assert page.evaluate("document.documentElement.lang") == (folder if folder in editions else default), path
    # The colour-scheme toggle is script: it must still switch the scheme.
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    assert violations == []
