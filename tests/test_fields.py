"""Fill-in fields in real Chromium: kept in this browser, printed as typed, reset, exported as a file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest

from conftest import Build
from macros.organization.labels import load_labels
from macros.outputs.pdf import serve

pytestmark = pytest.mark.browser

SESSION = "sessions/erstes-treffen/"
AGREEMENT = "toolkit/agreement/"
AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"


@pytest.fixture(scope="module")
def mini_url(mini_site: Build, chromium: str) -> Iterator[str]:
    with serve(mini_site.site) as base:
        yield base


def open_page(page: Any, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector("body[data-rm-ready]")  # handbook.js has bound the fields


def test_fields_are_labelled_and_survive_reload(page: Any, mini_url: str) -> None:
    open_page(page, mini_url + SESSION)
    page.get_by_label("Tandem:", exact=True).fill("Ada & Grace")
    page.get_by_label("Notizen").fill("Erste Zeile\nZweite Zeile")
    page.reload(wait_until="networkidle")
    page.wait_for_selector("body[data-rm-ready]")
    assert page.get_by_label("Tandem:", exact=True).input_value() == "Ada & Grace"
    assert page.get_by_label("Notizen").input_value() == "Erste Zeile\nZweite Zeile"
    assert page.get_by_label("Datum:", exact=True).input_value() == ""


def test_fields_print_as_typed_and_blank_lines_when_empty(page: Any, mini_url: str) -> None:
    open_page(page, mini_url + SESSION)
    page.get_by_label("Tandem:", exact=True).fill("Ada & Grace")
    page.get_by_label("Notizen").fill("Was wir gelernt haben")
    page.emulate_media(media="print")
    assert page.get_by_label("Tandem:", exact=True).is_visible()
    assert page.get_by_label("Tandem:", exact=True).input_value() == "Ada & Grace"
    assert not page.get_by_label("Notizen").is_visible()  # a textarea would cut long text off
    typed = page.locator(".rm-notes .rm-typed")
    assert typed.is_visible() and typed.inner_text() == "Was wir gelernt haben"
    assert not page.locator(".rm-notes .rm-ruled").is_visible()
    date = page.get_by_label("Datum:", exact=True)
    assert date.evaluate("e => getComputedStyle(e).borderBottomStyle") == "solid"  # the empty blank line

    page.get_by_label("Notizen").evaluate("e => { e.value = ''; e.dispatchEvent(new Event('input')); }")
    assert page.locator(".rm-notes .rm-ruled").is_visible()
    assert page.locator(".rm-notes .rm-ruled .rm-line").count() == 8
    assert not typed.is_visible()


def test_reset_clears_fields_and_ticks_for_good(page: Any, mini_url: str) -> None:
    open_page(page, mini_url + SESSION)
    page.get_by_label("Tandem:", exact=True).fill("Ada & Grace")
    page.locator(".rm-checks label").first.click()
    page.get_by_role("button", name="Eingaben und Häkchen zurücksetzen").click()
    assert page.locator(".rm-status").inner_text() == "Eingaben und Häkchen zurückgesetzt."
    page.reload(wait_until="networkidle")
    page.wait_for_selector("body[data-rm-ready]")
    assert page.get_by_label("Tandem:", exact=True).input_value() == ""
    assert not page.locator(".rm-checks input").first.is_checked()


def test_a_changed_template_does_not_show_stale_values(page: Any, mini_url: str) -> None:
    open_page(page, mini_url + SESSION)
    form = page.get_by_label("Tandem:", exact=True).get_attribute("data-form")
    assert re.fullmatch(r"erstes-treffen-[0-9a-f]{10}", form)
    # What an older version of the template stored under its own hash is not shown.
    page.evaluate("() => localStorage.setItem('rm-field:erstes-treffen-0000000000:pair', 'Alt')")
    page.reload(wait_until="networkidle")
    page.wait_for_selector("body[data-rm-ready]")
    assert page.get_by_label("Tandem:", exact=True).input_value() == ""


def test_export_downloads_ticks_and_fields_as_markdown(page: Any, mini_url: str, tmp_path: Path) -> None:
    open_page(page, mini_url + SESSION)
    page.get_by_label("Tandem:", exact=True).fill("Ada & Grace")
    page.get_by_label("Notizen").fill("Zeile eins\nZeile zwei")
    page.get_by_label("Lernziele notieren.").check()
    with page.expect_download() as info:
        page.get_by_role("button", name=load_labels("de")["ui"]["export"]).click()
    download = info.value
    assert download.suggested_filename == "erstes-treffen.md"
    target = tmp_path / "export.md"
    download.save_as(target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Erstes Treffen\n")
    assert "**Tandem:** Ada & Grace" in text
    assert "**Datum:** \n" in text
    assert "- [x] Lernziele notieren." in text
    assert "- [ ] Drei Themen überlegen." in text
    assert "## Notizen\n\n**Notizen:** \n\nZeile eins\nZeile zwei" in text


def test_agreement_fields_keep_the_page_accessible(page: Any, mini_url: str) -> None:
    open_page(page, mini_url + AGREEMENT)
    for label in ("Mentor:in:", "Mentee:", "Beginn:", "Geplantes Ende:", "Wir treffen uns:", "Ort oder Kanal:",
                  "Unsere Lernziele"):
        assert page.get_by_label(label, exact=True).count() == 1, label
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not a <script> tag: the page's CSP refuses inline scripts
    result = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})")
    assert any(r["id"] == "label" for r in result["passes"])  # axe did check the fields' labels
    assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []


def test_a_session_keeps_one_set_of_entries_on_its_page_and_in_the_bundle(page: Any, mini_url: str) -> None:
    open_page(page, mini_url + SESSION)
    page.get_by_label("Tandem:", exact=True).fill("Ada & Grace")
    open_page(page, mini_url + "toolkit/all-sessions/")
    assert page.locator("[data-field=pair]").first.input_value() == "Ada & Grace"
