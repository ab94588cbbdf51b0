"""A hostile contributor: payloads in every prose field of every kind and in every setting.

The corpus is built from the fixture curricula, so it holds on any fork. The site is built
with --strict, then every page is loaded in real Chromium and every link in the content is
clicked. Nothing planted may run, fetch from another host, or leave a live handler behind.
"""

from __future__ import annotations

import shutil
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from conftest import FIXTURES, Build, make_project, mkdocs_build, mkdocs_serve, scripts_ran
from macros.content.translations import update
from macros.organization.settings import Settings
from macros.outputs.pdf import serve
from macros.reader.loader import load_file
from macros.schema.field_types import RefTo
from macros.schema.models import KINDS

PWN = "window.__pwned=(window.__pwned||0)+1"
ONE_LINE = [
    f"</title><script>{PWN}</script>",
    f"[a](&#106;avascript:{PWN})",
    f"[b](java&#x09;script:{PWN})",
    f"[c](javascript&#58;{PWN})",
    f"[d](javascript&colon;{PWN})",
    "![e](&#47;/evil.example/e.png)",
    "![f](/\\evil.example/f.png)",
    "![g](https&#58;//evil.example/g.png)",
    f"<img src=x onerror={PWN}>",
    f"<svg onload={PWN}>",
    f'" onmouseover="{PWN}',
    "{{ 7*7 }} {% raw %}",
    f"*x*{{: onclick={PWN} }}",
]
BLOCK = (f"[r]: &#106;avascript:{PWN}\n[i]: &#47;/evil.example/i.png\n\n[Referenz][r] ![Bild][i]\n\n"
         f"<script>{PWN}</script>\n\n<iframe src=https://evil.example/></iframe>")
SETTINGS = {
    ("organization", "name"): f'Org "><script>{PWN}</script>',
    ("program", "name"): f'Probe "><img src=x onerror={PWN}></title><script>{PWN}</script>',
    ("program", "rhythm"): f"[r](&#106;avascript:{PWN})",
    ("contact", "name"): f"<svg onload={PWN}> ![x](&#47;/evil.example/c.png)",
}


def _is_prose(info: Any) -> bool:
    if any(isinstance(m, RefTo) for m in info.metadata):
        return False  # ids must stay valid for the build to run
    return typing.get_origin(info.annotation) is not typing.Literal


def plant(data: Any, model: type[BaseModel], counter: list[int]) -> Any:
    """Return ``data`` with a payload in every prose string the model allows."""
    for name, info in model.model_fields.items():
        if name not in data or not _is_prose(info):
            continue
        data[name] = _plant_value(data[name], info.annotation, name, counter)
    return data


def _plant_value(value: Any, annotation: Any, name: str, counter: list[int]) -> Any:
    if isinstance(value, list):
        inner = typing.get_args(annotation)[0] if typing.get_args(annotation) else str
        return [_plant_value(v, inner, name, counter) for v in value]
    if isinstance(value, dict):
        model = next((a for a in typing.get_args(annotation) or [annotation]
                      if isinstance(a, type) and issubclass(a, BaseModel)), None)
        return plant(value, model, counter) if model else value
    if not isinstance(value, str):
        return value
    counter[0] += 1
    if name in ("what", "why", "answer", "definition", "exercise"):
        return f"{value}\n\n{BLOCK}"
    payload = ONE_LINE[counter[0] % len(ONE_LINE)]
    room = 120 if name == "title" else 400 if name == "summary" else 800
    return (value[: max(3, room - len(payload) - 1)] + " " + payload)[:room]


# A hand-written page with everything the boundary lets through (and renders inert): markup in
# its front-matter title and subtitle, links and pictures written with entities, a theme id.
DOCS_PAGE = f"""---
title: '</title><script>{PWN}</script>'
subtitle: '<img src=x onerror="{PWN}">'
description: '"><script>{PWN}</script>'
---

# Seite

[a](&#106;avascript:{PWN}) <a href="&#106;avascript:{PWN}">b</a> <a href="java&#x09;script:{PWN}">c</a>

![d](&#47;/evil.example/d.png) <img src="//evil.example/e.png" alt="e"> <img src="/\\evil.example/f.png" alt="f">

Absatz mit Id {{ #__search }}

<details open><summary>Mehr</summary><p title="x">Text</p></details>
"""


def hostile_project(dest: Path) -> Path:
    root = make_project(dest, FIXTURES / "mini" / "curriculum")
    for kind_dir in (FIXTURES / "all-kinds" / "de").iterdir():
        shutil.copytree(kind_dir, root / "curriculum/de" / kind_dir.name)
    counter = [0]
    for path in (root / "curriculum/de").rglob("*.yaml"):
        data = load_file(path).data
        path.write_text(yaml.safe_dump(plant(data, KINDS[path.parent.name], counter), allow_unicode=True,
                                       sort_keys=False, width=10_000), encoding="utf-8")
    settings = root / "curriculum/organization.yaml"
    data = load_file(settings).data
    for (section, key), payload in SETTINGS.items():
        data[section][key] = payload
    # Both editions: the English one is the planted German one, recorded as its translation.
    data["languages"] = ["de", "en"]
    data["editions"] = {"en": {"program": {"rhythm": SETTINGS[("program", "rhythm")]},
                               "terms": {"Mentee": "learning partner"}}}
    data["terms"] = {"Mentee": "Lernpartner:in"}
    settings.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    shutil.copytree(root / "curriculum/de", root / "curriculum/en")
    for path in (root / "curriculum/en").glob("*/*.yaml"):
        update(root, path.stem, "en", "de")
    for lang in ("de", "en"):
        (root / "docs" / lang / "boese.md").write_text(DOCS_PAGE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = mkdocs_build(hostile_project(tmp_path_factory.mktemp("hostile") / "p"))
    assert build.result.returncode == 0, build.output
    return build


def test_corpus_reaches_every_kind_and_setting(hostile_site: Build) -> None:
    kinds = {p.name for p in (hostile_site.root / "curriculum/de").iterdir()}
    assert kinds == set(KINDS), "add a module of the missing kind to tests/fixtures/all-kinds/"
    for section, key in SETTINGS:
        assert key in Settings.model_fields[section].annotation.model_fields  # type: ignore[union-attr]
    assert "__pwned" in hostile_site.html("index.html")  # the payloads did reach the pages, as text
    assert "__pwned" in hostile_site.html("boese/index.html") and "__pwned" in hostile_site.html("en/boese/index.html")


CHECK_PAGE = """() => {
  const onAttrs = [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
      .filter(a => a.name.toLowerCase().startsWith('on')).map(a => e.tagName + ' ' + a.name));
  const badLinks = [...document.querySelectorAll('a[href], area[href]')]
      .filter(a => ['javascript:', 'data:', 'vbscript:'].includes(a.protocol)).map(a => a.outerHTML);
  const liveScripts = [...document.scripts].filter(s => s.text.includes('__pwned')).length;
  return {pwned: window.__pwned || 0, onAttrs, badLinks, liveScripts, title: document.title};
}"""


def click_and_check(page: Any, link: Any, where: str, base: str, pages: set[str]) -> list[str]:
    """Click a link as a reader would; report if planted script ran.

    A link that opens another page of this site is not followed: that page is loaded and
    checked in turn, and its click cannot run anything the page itself does not. A link to
    another site is not followed either (no network here; it is the reader's choice).
    Every other link (same-page anchors, mailto:, anything odd) is clicked.
    """
    target = link.evaluate("a => ({href: a.href, protocol: a.protocol})")
    if target["protocol"] in ("http:", "https:"):
        address = target["href"].split("#")[0]
        if address.startswith(base) and address != page.url.split("#")[0]:
            return [] if address[len(base):] in pages else [f"{where}: broken link {target['href']}"]
        if not address.startswith(base):
            return []
    link.evaluate("a => a.click()")
    return [f"{where} ({target['href']}) ran planted script"] if page.evaluate("window.__pwned || 0") else []


def watched_page(browser: Any, base: str, problems: list[str], foreign: list[str]) -> Any:
    """Return a page whose requests to another host are stopped and listed in ``foreign``, whose
    dialogs and Content-Security-Policy reports are listed in ``problems``; close its context after."""
    context = browser.new_context()

    def only_local(route: Any) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("console", lambda m: problems.append(f"console: {m.text}") if "Content Security" in m.text else None)
    return page


@pytest.mark.browser
def test_nothing_planted_runs_or_fetches_in_chromium(hostile_site: Build, browser: Any) -> None:
    pages = sorted(str(p.relative_to(hostile_site.site).parent) + "/" for p in hostile_site.site.rglob("index.html"))
    problems: list[str] = []
    foreign: list[str] = []
    with serve(hostile_site.site) as base:
        page = watched_page(browser, base, problems, foreign)
        known = {p.replace("./", "") for p in pages}
        # Download links (Word files, calendar) point at files the build wrote, not at pages.
        files = {p.relative_to(hostile_site.site).as_posix() for p in hostile_site.site.rglob("*") if p.is_file()}
        for path in sorted(known):
            url = base + path
            page.goto(url, wait_until="load")
            scripts_ran(page)  # the theme's scripts have done whatever they do with the page
            state = page.evaluate(CHECK_PAGE)
            if state["pwned"] or state["onAttrs"] or state["badLinks"] or state["liveScripts"]:
                problems.append(f"{path}: {state}")
            links = page.locator(".md-content a[href]")
            for i in range(links.count()):
                problems += click_and_check(page, links.nth(i), f"{path} link {i}", base, known | files)
                if page.url.split("#")[0] != url:
                    problems.append(f"{path} link {i} left the page")
                    page.goto(url, wait_until="load")
        page.context.close()
    assert problems == []
    assert foreign == []


@pytest.mark.browser
def test_the_preview_runs_nothing_planted_either(tmp_path: Path, browser: Any) -> None:
    """`./handbook serve` shows a contribution with the site's policy (plus its own reload script)."""
    root = hostile_project(tmp_path / "p")
    problems: list[str] = []
    foreign: list[str] = []
    with mkdocs_serve(root) as base:
        page = watched_page(browser, base, problems, foreign)
        kinds = sorted(p.name for p in (root / "curriculum/de").iterdir())
        for path in ["", "boese/", *(f"{kind}/" for kind in kinds)]:
            page.goto(base + path, wait_until="load")
            page.wait_for_function("() => typeof livereload === 'function'", timeout=30_000)  # the preview's own
            scripts_ran(page)
            state = page.evaluate(CHECK_PAGE)
            if state["pwned"] or state["onAttrs"] or state["badLinks"] or state["liveScripts"]:
                problems.append(f"{path}: {state}")
        page.context.close()
    # Nothing planted ran or reached a page as script (no policy report either), and the theme's
    # and the preview's own scripts ran unblocked.
    assert problems == [] and foreign == []
