"""Material's stylesheets cut down per site (macros/build/theme_assets.py): smaller, and nothing a page uses is gone."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import material
import pytest

from conftest import Build, scripts_ran, search
from macros.build import css, theme_assets

THEME = Path(material.__file__).parent / "templates"
MAIN = theme_assets.theme_stylesheets(THEME)[0]


def names(words: set[str], prefixes: Iterable[str] = ()) -> theme_assets.Vocabulary:
    return theme_assets.Vocabulary(frozenset(words), set(words), set(prefixes))


def test_material_stylesheets_are_read_whole() -> None:
    for sheet in theme_assets.theme_stylesheets(THEME):
        text = sheet.read_text(encoding="utf-8")
        assert "".join(block.text() for block in css.parse(text)) == css.without_comments(text).strip()


@pytest.mark.parametrize(("selector", "needs"), [
    (".md-nav__link--active", ["md-nav__link--active"]),
    ("[dir=rtl] .md-typeset ol li", ["rtl", "md-typeset"]),
    ('.md-typeset table:not([class]) th[role="columnheader"]', ["md-typeset", "columnheader"]),
    (".md-typeset .admonition:is(.note,.tip)>p", ["md-typeset", "admonition"]),
    ("#__search:checked~.md-container", ["__search", "md-container"]),
    ('img[src$="#only-dark"]', []),
    (":root", []),
    ("*", []),
    (".md-typeset .\\31 0", None),  # an escape: not understood, so kept
])
def test_a_selector_needs_its_names_outside_functional_pseudo_classes(selector: str, needs: list[str] | None) -> None:
    found = css.required(selector)
    assert (list(found) if found is not None else None) == needs


def test_a_rule_stays_while_one_of_its_selectors_can_match() -> None:
    css = ".a,.b{color:red}[dir=rtl] .a{margin:0}@media print{.c{display:none}}"
    assert theme_assets.purged(css, names({"a"})) == ".a{color:red}"
    assert theme_assets.purged(css, names({"a", "b", "rtl", "c"})) == css


def test_a_stylesheet_not_read_whole_is_left_as_it_is() -> None:
    css = ".a{color:red}}.b{color:blue}"  # a brace too many: the reader would stop there
    assert theme_assets.purged(css, names({"a"})) == css


def test_names_a_script_assembles_keep_every_rule_they_can_make() -> None:
    css = ".md-tag--green{color:green}.md-tag{color:red}"
    assert theme_assets.purged(css, names(set(), {"md-tag--"})) == ".md-tag--green{color:green}"


def test_custom_properties_stay_while_something_refers_to_them() -> None:
    css = (":root{--used:1px;--chained:var(--deep);--deep:2px;--unused:url(\"data:a;b\")}"
           ".a{margin:var(--used)}.b{margin:var(--chained)}")
    assert theme_assets.purged(css, names({"a"})) == ":root{--used:1px}.a{margin:var(--used)}"
    assert theme_assets.purged(css, names({"a", "b"})) == (
        ":root{--used:1px;--chained:var(--deep);--deep:2px}.a{margin:var(--used)}.b{margin:var(--chained)}")
    assert theme_assets.purged(css, names({"a"}), elsewhere=".x{top:var(--unused)}") == (
        ":root{--used:1px;--unused:url(\"data:a;b\")}.a{margin:var(--used)}")


def test_each_edition_is_cut_to_its_own_pages_and_scripts(tmp_path: Path) -> None:
    css = ".a{color:red}.b{color:blue}.c{color:green}"
    for root, name in ((tmp_path, "a"), (tmp_path / "en", "b")):
        (root / "assets/stylesheets").mkdir(parents=True)
        (root / "assets/stylesheets/main.0.min.css").write_text(css, encoding="utf-8")
        (root / "index.html").write_text(f'<p class="{name}">', encoding="utf-8")
    (tmp_path / "en/assets/javascripts/workers").mkdir(parents=True)
    (tmp_path / "en/assets/javascripts/bundle.0.min.js").write_text('x.className="c"', encoding="utf-8")
    (tmp_path / "en/assets/javascripts/workers/search.0.min.js").write_text('"a"', encoding="utf-8")
    theme_assets.purge_site(tmp_path)
    assert (tmp_path / "assets/stylesheets/main.0.min.css").read_text(encoding="utf-8") == ".a{color:red}"
    assert (tmp_path / "en/assets/stylesheets/main.0.min.css").read_text(encoding="utf-8") == (
        ".b{color:blue}.c{color:green}")


def test_the_built_site_ships_a_smaller_theme_stylesheet(real_site: Build) -> None:
    for edition in (real_site.site, *[d for d in real_site.site.iterdir() if (d / "assets").is_dir()]):
        built = theme_assets.theme_stylesheets(edition)
        assert [p.name for p in built] == [p.name for p in theme_assets.theme_stylesheets(THEME)]
        assert built[0].stat().st_size < 0.7 * MAIN.stat().st_size, edition


def test_no_script_file_holds_up_the_first_paint(mini_site: Build) -> None:
    """Every script a page names by address is deferred: the first paint waits for stylesheets only."""
    blocking = {}
    for path in sorted(mini_site.site.rglob("*.html")):
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", path.read_text(encoding="utf-8"))
        if late := [tag for tag in tags if not re.search(r'\s(?:defer|async)\b|type="module"', tag)]:
            blocking[str(path.relative_to(mini_site.site))] = late
    assert blocking == {}


# Run in the browser: which selectors the cut left out, and whether any of them matches an element.
# States a reader brings about (hover, focus, a ticked box) and pseudo-elements are taken away first,
# so `.md-nav__link:hover` counts as soon as a `.md-nav__link` exists.
DROPPED_MATCHING = """async ({pages, originals}) => {
  const split = (list) => {
    const out = []; let depth = 0, start = 0;
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      if (c === "(" || c === "[") depth++;
      else if (c === ")" || c === "]") depth--;
      else if (c === "," && depth === 0) { out.push(list.slice(start, i).trim()); start = i + 1; }
    }
    out.push(list.slice(start).trim());
    return out;
  };
  const selectorsOf = (text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    const found = new Set();
    const walk = (rules) => { for (const r of rules) {
      if (r.selectorText !== undefined) split(r.selectorText).forEach((s) => found.add(s));
      if (r.cssRules) walk(r.cssRules);
    } };
    walk(sheet.cssRules);
    return found;
  };
  const STATES = ["hover", "focus-visible", "focus-within", "focus", "active", "visited", "target", "checked",
    "indeterminate", "disabled", "enabled", "placeholder-shown", "autofill", "popover-open", "modal", "fullscreen",
    "open", "before", "after", "placeholder", "selection", "marker", "backdrop", "first-letter", "first-line",
    "-webkit-[\\w-]+", "-moz-[\\w-]+"];
  const STATE = new RegExp("::?(?:" + STATES.join("|") + ")(?![\\w(-])", "g");
  const statically = (selector) => {
    let s = selector.replace(STATE, "").trim();
    if (s === "" || /^[>+~]/.test(s)) s = "*" + s;
    return s.replace(/([>+~ ])\\s*$/, "$1*");
  };
  const cut = {};
  const dropped = async (href) => {
    if (!cut[href]) {
      const name = href.split("/").pop().split("?")[0];
      const kept = selectorsOf(await (await fetch(href)).text());
      cut[href] = [...selectorsOf(originals[name])].filter((s) => !kept.has(s));
    }
    return cut[href];
  };
  const problems = [];
  for (const page of pages) {
    const doc = page === null ? document
      : new DOMParser().parseFromString(await (await fetch(page)).text(), "text/html");
    const base = page === null ? location.href : new URL(page, location.href).href;
    for (const link of doc.querySelectorAll("link[rel=stylesheet]")) {
      const href = new URL(link.getAttribute("href"), base).href;
      if (!(href.split("/").pop() in originals)) continue;
      for (const selector of await dropped(href)) {
        let hit = null;
        try { hit = doc.querySelector(statically(selector)); } catch (e) { continue; }
        if (hit) problems.push((page || location.pathname) + ": " + selector);
      }
    }
  }
  return problems;
}"""


def _a_word_of_a_session_title(real_site: Build) -> str:
    first = sorted((real_site.site / "sessions").glob("*/index.html"))[0].read_text(encoding="utf-8")
    title = re.search(r"<h1[^>]*>([^<]+)", first)
    assert title
    return next(w for w in re.findall(r"\w{5,}", title.group(1)) if not w.isdigit())


def _originals() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in theme_assets.theme_stylesheets(THEME)}


@pytest.mark.browser
def test_no_selector_left_out_matches_an_element_of_any_built_page(page: Any, site_url: str,
                                                                    real_site: Build) -> None:
    pages = sorted(str(p.relative_to(real_site.site)) for p in real_site.site.rglob("*.html"))
    page.goto(site_url, wait_until="load")
    assert len(pages) > 50
    assert page.evaluate(DROPPED_MATCHING, {"pages": pages, "originals": _originals()}) == []


@pytest.mark.browser
def test_no_selector_left_out_matches_what_the_scripts_make(page: Any, site_url: str, real_site: Build) -> None:
    """Material's scripts running, search results shown, in both colour schemes."""
    page.goto(site_url, wait_until="load")
    scripts_ran(page)
    search(page, real_site.html("index.html"), _a_word_of_a_session_title(real_site))
    check = {"pages": [None], "originals": _originals()}
    assert page.evaluate(DROPPED_MATCHING, check) == []
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.keyboard.press("Escape")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    assert page.evaluate(DROPPED_MATCHING, check) == []
