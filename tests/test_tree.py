"""The seam that outlives the theme: the engine's tree builds the same site without our plugin.

`./handbook tree OUT [LANG]` writes one edition as plain Markdown pages and a mkdocs.yml without
the plugin; ProperDocs (a maintained MkDocs 1.6 fork) builds it, and macros/build/postprocess.py
does to the written HTML what the plugin does per page. Every page is then the plugin's page,
but for the language switcher, which needs every edition planned by the plugin. ProperDocs also
builds the project itself, plugin and all, into the very same HTML as MkDocs.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURES, Build, env, make_project, mkdocs_serve
from macros.organization.settings import load_settings

pytestmark = pytest.mark.build

# The language switcher: the hreflang links in <head> and the menu in the header.
SWITCHER = re.compile(r'<link rel="alternate " hreflang="[^"]+" href="[^"]*">'
                      r'|<div class="md-header__option">\s*<div class="md-select">.*?</ul>\s*</div>\s*</div>\s*</div>',
                      re.S)
# What names the program that wrote the page: <meta name="generator" content="mkdocs-1.6.1, ...">.
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def pages(site: Path, others: list[str]) -> dict[str, str]:
    """Return every HTML page of one edition's site (not the folders of ``others``) by its path."""
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))
            if p.relative_to(site).parts[0] not in others}


def without_switcher(page: str) -> str:
    """Return a page without the switcher, its white space (the templates' indentation around it) evened out."""
    return re.sub(r"\s+", " ", SWITCHER.sub("", page))


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, env=env(),
                          timeout=600)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stdout + done.stderr
    return done


@pytest.mark.parametrize("lang", [None, "en"])
def test_the_tree_built_without_the_plugin_gives_the_plugins_pages(bilingual_site: Build, lang: str | None,
                                                                    tmp_path: Path) -> None:
    out = tmp_path / "tree"
    run("macros.commands.tree", str(out), *([lang] if lang else []), cwd=bilingual_site.root)
    # From the project's folder, as for every build: Python finds this project's engine first.
    run("properdocs", "build", "--strict", "-f", str(out / "mkdocs.yml"), cwd=bilingual_site.root)
    run("macros.build.postprocess", str(out / "site"), str(out), cwd=bilingual_site.root)
    others = load_settings(bilingual_site.root).built()[1:] if lang is None else []
    ours = pages(bilingual_site.site / (lang or ""), others)
    theirs = pages(out / "site", [])
    assert sorted(theirs) == sorted(ours)
    differ = [path for path, page in theirs.items() if without_switcher(page) != without_switcher(ours[path])]
    assert differ == []
    assert any(SWITCHER.search(page) for page in ours.values())  # the one difference is real, and it is there


def test_properdocs_builds_the_project_as_mkdocs_does(bilingual_site: Build, tmp_path: Path) -> None:
    run("properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(tmp_path / "site"),
        cwd=bilingual_site.root)
    ours, theirs = bilingual_site.site, tmp_path / "site"
    files = sorted(p.relative_to(ours).as_posix() for p in ours.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(theirs).as_posix() for p in theirs.rglob("*") if p.is_file())
    for name in files:
        mine, other = (ours / name).read_bytes(), (theirs / name).read_bytes()
        if name.endswith(".html"):
            mine, other = (GENERATOR.sub("", x.decode("utf-8")).encode("utf-8") for x in (mine, other))
        assert mine == other, name


def test_the_tree_command_never_replaces_a_folder_it_did_not_write(bilingual_site: Build, tmp_path: Path) -> None:
    kept = tmp_path / "notes"
    kept.mkdir()
    (kept / "mine.txt").write_text("keep me", encoding="utf-8")
    for out in (str(kept), ".", ".."):
        done = subprocess.run([sys.executable, "-m", "macros.commands.tree", out], cwd=bilingual_site.root,
                              capture_output=True, text=True, env=env(), timeout=600)
        assert done.returncode == 2 and "nicht leer" in done.stderr, done.stdout + done.stderr
    assert (kept / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (bilingual_site.root / "mkdocs.yml").is_file()


def test_properdocs_previews_a_saved_edit(tmp_path: Path) -> None:
    # Its dirty-build warning comes from its own logger (properdocs.commands.build): the plugin
    # quiets that one too, or strict mode would stop every rebuild of the preview.
    root = make_project(tmp_path / "project", FIXTURES / "mini" / "curriculum")
    module = next((root / "curriculum/de/roles").glob("*.yaml"))
    with mkdocs_serve(root, "properdocs", "--dirty", "--strict") as url:
        page = f"{url}roles/{module.stem}/"
        assert "Vorschau geändert" not in fetch(page)
        module.write_text(module.read_text(encoding="utf-8").replace("title: ", "title: Vorschau geändert ", 1),
                          encoding="utf-8")
        deadline = time.monotonic() + 120
        while "Vorschau geändert" not in fetch(page):  # the rebuild is done when the page says so
            assert time.monotonic() < deadline, "the preview did not rebuild"
            time.sleep(0.5)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return str(answer.read().decode("utf-8"))
