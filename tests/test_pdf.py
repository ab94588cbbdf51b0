"""The PDF step writes only inside the site, and only what the engine lists."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

import pypdf
import pytest

from conftest import FIXTURES, Build, bilingual_project, handbook
from macros.content import outputs
from macros.organization import editions
from macros.organization.labels import load_labels
from macros.organization.settings import load_settings
from macros.outputs.pdf import inside, targets
from macros.rendering import book


@pytest.mark.parametrize("bad", ["../outside.pdf", "/tmp/evil.pdf", "pdf/../../evil.pdf", ".", "pdf/../.."])
def test_a_path_outside_the_site_is_refused(tmp_path: Path, bad: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(ValueError, match="außerhalb von"):
        inside(site, bad)


def test_a_path_inside_the_site_is_kept(tmp_path: Path) -> None:
    assert inside(tmp_path, "pdf/sessions/a.pdf") == (tmp_path / "pdf/sessions/a.pdf").resolve()


def test_targets_come_from_the_curriculum_not_from_the_html(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "sessions/erstes-treffen").mkdir(parents=True)
    # A page in the built site that links elsewhere has no say in what is printed.
    (site / "sessions/erstes-treffen/index.html").write_text(
        '<a class="md-button rm-pdf" href="../../../../evil.pdf">x</a>', encoding="utf-8")
    found = dict(targets(FIXTURES / "mini", site))
    assert found["sessions/erstes-treffen/"] == "pdf/sessions/erstes-treffen.pdf"
    assert set(found.values()) == {"pdf/sessions/erstes-treffen.pdf", "pdf/all-sessions.pdf", "pdf/agreement.pdf"}


# Long addresses on every page: the footer must wrap them inside the bottom margin.
LONG_SITE = ('site:\n  url: "https://mentoring.beispiel.example/programme/reverse-mentoring/handbuch/"\n'
             '  imprint: "https://www.beispiel.example/unternehmen/rechtliches/impressum-und-anbieterkennzeichnung"\n'
             '  privacy: "https://www.beispiel.example/unternehmen/rechtliches/datenschutzhinweise-fuer-programme"\n')


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Build:
    """Two editions with long legal addresses, built by the README's build command, PDFs included."""
    root = bilingual_project(tmp_path_factory.mktemp("printed"))
    settings = root / "curriculum/organization.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + LONG_SITE, encoding="utf-8")
    build = handbook(root, "build", pdf_env={"CHROMIUM": chromium})
    assert build.result.returncode == 0, build.output
    return build


MM = 72 / 25.4  # PDF units per millimetre


def footer(page: pypdf.PageObject) -> list[tuple[float, str]]:
    """Return the lines shown in the bottom margin (18 mm), top to bottom, each with where it starts (x)."""
    shown: dict[int, list[tuple[float, str]]] = {}

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
        if text.strip() and y < 18 * MM:
            shown.setdefault(round(y), []).append((x, text))
    page.extract_text(visitor_text=visit)
    return [(min(x for x, _ in parts), "".join(t for _, t in sorted(parts)).strip())
            for _, parts in sorted(shown.items(), reverse=True)]


def test_every_pdf_is_tagged_with_language_outline_author_and_a_footer_that_fits(printed: Build) -> None:
    jobs = targets(printed.root, printed.site)
    assert len(jobs) >= 6  # both editions: a session, the bundle and the agreement each
    author = load_settings(printed.root).organization.name
    for page_path, pdf in jobs:
        html = (printed.site / page_path / "index.html").read_text(encoding="utf-8")
        lang = re.search(r'<html lang="([^"]+)"', html).group(1)  # type: ignore[union-attr]
        ui = load_labels(lang)["ui"]
        reader = pypdf.PdfReader(printed.site / pdf)
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"], pdf
        assert root["/Lang"] == lang, pdf
        assert reader.outline and not isinstance(reader.outline[0], list), pdf  # bookmarks from the headings
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)  # type: ignore[union-attr]
        h1 = re.sub(r'<a class="headerlink".*?</a>|<[^>]+>', "", h1)  # the heading's words, not its ¶ link
        assert reader.outline[0]["/Title"] == unescape(h1).strip(), pdf
        assert reader.metadata is not None and reader.metadata.author == author, pdf
        assert reader.metadata.title and "python" not in (reader.metadata.producer or "").lower(), pdf
        for number, page in enumerate(reader.pages, 1):
            lines = footer(page)
            # Page x of y on a line of its own, after the licence and the legal addresses, written out whole.
            assert lines[-1][1] == f"{ui['page_of']} {number} {ui['of_pages']} {len(reader.pages)}", (pdf, lines)
            text = "".join(line for _, line in lines).replace(" ", "")
            assert "CCBY4.0" in text and "datenschutzhinweise-fuer-programme" in text, (pdf, lines)
            # Every line starts at the left margin: none runs on beside another box or off the paper.
            assert all(abs(x - 13 * MM) < 2 for x, _ in lines), (pdf, lines)


def test_downloads_of_a_translated_edition_are_named_in_its_language(printed: Build) -> None:
    german = {p.stem for p in (printed.site / "docx/sessions").iterdir()}
    for folder in ("en/docx/sessions", "en/pdf/sessions"):
        english = {p.stem for p in (printed.site / folder).iterdir()}
        assert english and not english & german, folder


def once(title: str) -> str:
    """Return a bookmark's title as the heading says it: Chromium 156 has written one heading of the
    book twice over ("ÜbersetzungsstandÜbersetzungsstand"); seen, not yet understood (issue #25)."""
    half = len(title) // 2
    return title[:half] if len(title) % 2 == 0 and title[:half] == title[half:] else title


def test_each_edition_has_its_book_with_contents_bookmarks_and_working_links(printed: Build) -> None:
    for lang, folder in editions.each(printed.root):
        settings = load_settings(printed.root, lang)
        edition = printed.site / folder
        path = outputs.book(settings.edition)
        assert f'href="{path}" download' in (edition / "index.html").read_text(encoding="utf-8"), folder
        reader = pypdf.PdfReader(edition / path)
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root and root["/Lang"] == settings.edition, folder
        assert reader.metadata is not None and reader.metadata.author == settings.organization.name
        parts = book.parts(edition)
        # Every page of the navigation, the templates last: each session template is in the appendix.
        sessions = {f"sessions/{p.name}/" for p in (edition / "sessions").iterdir() if p.is_dir()}
        assert sessions and sessions <= {p.url for p in parts if p.appendix}, folder
        assert all(p.appendix for p in parts[len(parts) - len(sessions):]), folder
        titles = [once(" ".join(str(o.title).split())) for o in reader.outline if not isinstance(o, list)]
        assert [t for t in titles if t in {p.title for p in parts}] == [p.title for p in parts], folder
        # The contents show the page each part starts on, and each entry links there.
        starts = {name: reader.get_destination_page_number(dest) + 1
                  for name, dest in reader.named_destinations.items()}
        first = min(starts[f"/{p.key}"] for p in parts)
        contents = "\n".join(reader.pages[i].extract_text(extraction_mode="layout") for i in range(1, first - 1))
        shown = dict(re.findall(r"^\s*(\S.*?\S)\s{2,}(\d+)\s*$", contents, re.M))
        checked = [p for p in parts if p.title in shown]
        assert len(checked) > len(parts) / 2, (folder, shown)
        assert [(p.title, int(shown[p.title])) for p in checked] == [(p.title, starts[f"/{p.key}"]) for p in checked]
        # Links between pages became links inside the book, each to a place that exists.
        targets = [a.get_object()["/Dest"] for page in reader.pages for a in page.get("/Annots") or []
                   if "/Dest" in a.get_object()]
        assert len(targets) > len(parts) and all(t in starts for t in targets), folder
