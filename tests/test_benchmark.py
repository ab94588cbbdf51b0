"""The benchmark compares like with like: plain MkDocs, given the handbook's tree, makes the same pages.

If the tree lost anything Material renders (a page's front matter, a setting), the plain
build would do other work and the benchmark's ratios would measure that difference.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.builds import different_pages, mkdocs_build, prepare_plain
from benchmarks.project import default_edition_only
from tests.conftest import FIXTURES, make_project

NO_BYTECODE = {"PYTHONDONTWRITEBYTECODE": "1"}  # a test leaves no compiled files behind


def test_plain_mkdocs_builds_the_same_pages_as_the_handbook(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", FIXTURES / "mini" / "curriculum")
    default_edition_only(root)
    plain = prepare_plain(root, **NO_BYTECODE)
    mkdocs_build(root, root / "site", **NO_BYTECODE)
    mkdocs_build(root, root / "site-plain", plain, **NO_BYTECODE)
    pages = sorted(p.relative_to(root / "site") for p in (root / "site").rglob("*.html"))
    assert len(pages) > 10
    assert different_pages(root / "site", root / "site-plain") == []

    # The comparison sees a difference where there is one.
    index = root / "site-plain" / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("</h1>", " </h1>", 1), encoding="utf-8")
    assert different_pages(root / "site", root / "site-plain") == ["index.html"]
