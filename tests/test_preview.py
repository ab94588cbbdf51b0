"""Incremental preview builds: only changed pages are rebuilt, and nothing a reader sees goes stale."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, build_here, make_project, mkdocs_build
from macros.build.preview import Preview
from macros.content.outputs import is_bundle

pytestmark = pytest.mark.build


def test_structure_change_rebuilds_everything_else_only_fresh_pages() -> None:
    preview = Preview()
    preview.plan(["nav A"], {"a.md", "b.md"})
    assert not preview.unchanged("c.md")  # first build: everything
    preview.plan(["nav A"], {"a.md"})
    assert not preview.unchanged("a.md") and preview.unchanged("c.md")
    preview.plan(["nav B"], set())
    assert not preview.unchanged("c.md")


def test_search_index_keeps_entries_of_skipped_pages(tmp_path: Path) -> None:
    index = tmp_path / "search_index.json"
    preview = Preview()
    preview.incremental = True
    docs = [{"location": "a/", "text": "alt A"}, {"location": "a/#x", "text": "alt Ax"},
            {"location": "b/", "text": "B"}]
    index.write_text(json.dumps({"config": {}, "docs": docs}))
    preview.live, preview.built = ["a/", "b/"], {"a/", "b/"}
    preview.merge_search_index(index)
    index.write_text(json.dumps({"config": {}, "docs": [{"location": "a/", "text": "neu A"}]}))
    preview.built = {"a/"}
    preview.merge_search_index(index)
    assert json.loads(index.read_text())["docs"] == [{"location": "a/", "text": "neu A"},
                                                     {"location": "b/", "text": "B"}]


def _dirty_build(root: Path) -> None:
    build_here(root, root / "site", preview=True)


@pytest.fixture
def previewed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the mini project after the first build of a live preview."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("HANDBOOK_DOWNLOADS", "")
    root = make_project(tmp_path / "p", FIXTURES / "mini" / "curriculum")
    _dirty_build(root)
    return root


def _set_summary(path: Path, summary: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^summary: .*$", f"summary: {summary}", text, count=1), encoding="utf-8")


def test_dirty_rebuild_redoes_only_the_edited_page_and_its_referrers(previewed: Path) -> None:
    root = previewed
    site = root / "site"
    pages = {p: p.stat().st_mtime_ns for p in site.rglob("index.html")}
    edited = sorted((root / "curriculum").glob("*/glossary/*.yaml"))[0]
    _set_summary(edited, "Frisch bearbeitet im Vorschautest.")
    _dirty_build(root)
    rebuilt = {p.relative_to(site).as_posix() for p, t in pages.items() if p.stat().st_mtime_ns != t}
    assert f"glossary/{edited.stem}/index.html" in rebuilt
    assert "Frisch bearbeitet im Vorschautest." in (site / f"glossary/{edited.stem}/index.html").read_text("utf-8")
    assert len(rebuilt) < len(pages) / 2
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    pages_in_index = {d["location"].split("#")[0] for d in index["docs"]}
    searched = {p for p in pages if not is_bundle(p.parent.relative_to(site).as_posix() + ".md")}
    assert pages_in_index >= {"" if p.parent == site else p.relative_to(site).parent.as_posix() + "/" for p in searched}


def _search_entries(site: Path) -> list[tuple[str, str, str]]:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    return sorted((doc["location"], doc["title"], doc["text"]) for doc in index["docs"])


def test_search_index_after_several_dirty_rebuilds_equals_a_clean_builds(previewed: Path) -> None:
    """Each rebuilt page's entries once, as they are now: none left over from an earlier version."""
    root = previewed
    edited = sorted((root / "curriculum").glob("*/sessions/*.yaml"))[0]  # shown on several pages
    for n in range(2):
        _set_summary(edited, f"Zum {n + 1}. Mal bearbeitet.")
        _dirty_build(root)
    (root / "site").rename(root / "preview")
    clean = mkdocs_build(root)
    assert clean.result.returncode == 0, clean.output
    assert _search_entries(root / "preview") == _search_entries(clean.site)
