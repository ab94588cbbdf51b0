"""A phone's screen (390 px wide) in real Chromium: no word cut inside a table cell, a legible timeline."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from conftest import Build, make_project, mkdocs_build, scripts_ran
from macros.outputs.pdf import serve

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# For every word in a table cell, the text positions where it continues on another line; a word
# may continue after a hyphen, dash or slash it contains, nowhere else (Debian's Chromium has no
# hyphenation dictionaries: what it breaks elsewhere, it cut between two letters).
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('article table td, article table th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('code')) continue;  // setting names in code may break
      for (const match of node.data.matchAll(/\\S+/g)) {
        let top = null;
        for (let i = 0; i < match[0].length; i++) {
          const range = document.createRange();
          range.setStart(node, match.index + i);
          range.setEnd(node, match.index + i + 1);
          const rect = range.getClientRects()[0];
          if (!rect) continue;
          if (top !== null && rect.top > top + 2 && !/[-‐–—\\/]/.test(match[0][i - 1])) {
            broken.push(match[0].slice(0, i) + '|' + match[0].slice(i));
          }
          top = rect.top;
        }
      }
    }
  }
  return broken;
}"""

# Every text of the timeline shown (the one that is not display:none), at its size on screen,
# and its box: the drawing is scaled to its width, so 11 units of a wide drawing may be 5 px.
TIMELINE_TEXTS = """() => {
  const svg = [...document.querySelectorAll('article svg')].find(s => s.getClientRects().length
    && /rm-timeline/.test(s.getAttribute('class')));
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, px: parseFloat(t.getAttribute('font-size')) * scale,
            box: [r.left, r.top, r.right, r.bottom]};
  });
}"""


def pages_with_tables(site: Path) -> list[str]:
    return sorted(str(p.parent.relative_to(site)) + "/" for p in site.rglob("index.html")
                  if "<table" in p.read_text(encoding="utf-8"))


def test_no_word_in_a_table_cell_is_cut_on_a_phone(browser: Any, real_site: Build) -> None:
    paths = pages_with_tables(real_site.site)
    assert paths  # session templates carry their agenda as a table
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    cut, wide = {}, {}
    with serve(real_site.site) as base:
        for path in paths:
            page.goto(base + path.removeprefix("./"), wait_until="load")
            scripts_ran(page)  # Material's script puts wide tables into boxes of their own
            if broken := page.evaluate(BROKEN_WORDS):
                cut[path] = broken
            # A table may scroll inside its own box, but the page never scrolls sideways.
            if page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]:
                wide[path] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert cut == {} and wide == {}


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real curriculum with a start date: the timeline draws phases and dates."""
    root = make_project(tmp_path_factory.mktemp("dated-phone"))
    settings = root / "curriculum/organization.yaml"
    text = settings.read_text(encoding="utf-8")
    if not re.search(r"^  start:", text, re.M):
        text = text.replace("\nprogram:\n", '\nprogram:\n  start: "2027-03-01"\n', 1)
    settings.write_text(text, encoding="utf-8")
    build = mkdocs_build(root)
    assert build.result.returncode == 0, build.output
    with serve(build.site) as base:
        yield base


def overlapping(texts: list[dict[str, Any]]) -> list[tuple[str, str]]:
    boxes = [(t["text"], t["box"]) for t in texts]
    return [(a, b) for i, (a, p) in enumerate(boxes) for b, q in boxes[i + 1:]
            if p[0] < q[2] - 0.5 and q[0] < p[2] - 0.5 and p[1] < q[3] - 0.5 and q[1] < p[3] - 0.5]


@pytest.mark.parametrize("width", [390, 1366])
def test_the_timeline_reads_at_phone_and_desktop_width(browser: Any, dated_site: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(dated_site + "phases/", wait_until="load")
    texts = page.evaluate(TIMELINE_TEXTS)
    html = page.content()
    context.close()
    shown = " ".join(t["text"] for t in texts)
    assert re.search(r"\d+\.\d+\.\d{4}", shown), shown  # the dates are drawn
    if width == 390:
        assert [t["text"] for t in texts if t["px"] < 12] == []
        # Every phase is named in full: the titles of the overview's entries, in the drawing's words.
        overview = html[html.index('<ul class="rm-overview">'):]
        titles = [unescape(re.sub(r"<[^>]+>", "", t)).strip()
                  for t in re.findall(r'<li><a href="[^"]*">(.*?)</a>', overview[:overview.index("</ul>")])]
        assert titles and all(" ".join(title.split()) in shown for title in titles), (titles, shown)
    assert overlapping(texts) == []


# Text that does not fit its box: a button, heading or navigation entry wider inside than outside.
CLIPPED = """() => [...document.querySelectorAll(
    'article .md-button, article h1, article h2, .md-nav__link, .md-header__topic')]
  .filter(e => e.getClientRects().length && e.textContent.trim() && e.scrollWidth > e.clientWidth + 1)
  .map(e => e.tagName + ': ' + e.textContent.trim().slice(0, 40))"""
# The template actions: every button of a group equally high (a long label makes all of them taller).
UNEVEN = """() => [...document.querySelectorAll('.rm-actions')]
  .map(group => [...group.querySelectorAll('.md-button')].map(b => Math.round(b.getBoundingClientRect().height)))
  .filter(heights => new Set(heights).size > 1)"""


def page_types(site: Path) -> list[str]:
    """One page of each type the handbook has, found in what was built (no names of ours)."""
    def first(folder: str) -> list[str]:
        found = sorted(p for p in (site / folder).iterdir() if (p / "index.html").is_file()) \
            if (site / folder).is_dir() else []
        return [f"{folder}/{found[0].name}/"] if found else []
    pages = ["", *first("basics"), *first("sessions"), *first("checklists"), "phases/"]
    pages += [p for p in ("toolkit/agreement/", "translation-status/") if (site / p / "index.html").is_file()]
    return pages


@pytest.mark.parametrize("width", [390, 1366])
def test_page_types_show_no_clipped_text_no_uneven_buttons_and_no_sideways_scroll(
        browser: Any, real_site: Build, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = {}
    with serve(real_site.site) as base:
        for path in page_types(real_site.site):
            page.goto(base + path, wait_until="load")
            scripts_ran(page)
            found = {"clipped": page.evaluate(CLIPPED), "uneven buttons": page.evaluate(UNEVEN),
                     "sideways": page.evaluate("document.documentElement.scrollWidth") > width}
            if any(found.values()):
                problems[path] = found
    context.close()
    assert problems == {}
