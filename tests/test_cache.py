"""The rebuild cache: unchanged modules and pages are reused, and the result equals a fresh build."""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import FIXTURES
from macros import render
from macros.cache import BuildCache
from macros.edition import load_edition
from macros.labels import load_labels
from macros.pages import generate
from macros.render import Context, Page


def _context(root: Path, cache: BuildCache | None) -> Context:
    edition = cache.load_edition(root) if cache else load_edition(root)
    return Context(edition.curriculum, edition.settings, load_labels(edition.settings.language))


def _fresh(root: Path) -> list[Page]:
    return generate(_context(root, None))


def test_unchanged_curriculum_renders_nothing_again(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "mini" / "curriculum", root / "curriculum")
    cache = BuildCache()
    first = cache.generate(_context(root, cache))
    assert cache.rendered == len(first)
    assert cache.generate(_context(root, cache)) == first == _fresh(root)
    assert cache.rendered == 0


def test_an_edit_renders_its_page_and_referrers_and_equals_a_fresh_build(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "mini" / "curriculum", root / "curriculum")
    cache = BuildCache()
    before = cache.generate(_context(root, cache))
    edited = sorted((root / "curriculum").glob("*/roles/*.yaml"))[0]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(re.sub(r"(?m)^title: .*$", "title: Neu benannte Rolle", text, count=1), encoding="utf-8")
    after = cache.generate(_context(root, cache))
    assert after == _fresh(root)
    changed = {p.src for p, q in zip(before, after, strict=True) if p != q}
    assert f"roles/{edited.stem}.md" in changed
    assert len(changed) <= cache.rendered < len(after)


def test_a_removed_file_is_forgotten(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "mini" / "curriculum", root / "curriculum")
    cache = BuildCache()
    cache.generate(_context(root, cache))
    removed = sorted((root / "curriculum").glob("*/glossary/*.yaml"))[0]
    removed.unlink()
    pages = cache.generate(_context(root, cache))
    assert removed not in cache.modules
    assert pages == _fresh(root)


def test_a_session_edit_renders_role_pages_with_computed_hours_again(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "mini" / "curriculum", root / "curriculum")
    cache = BuildCache()
    cache.generate(_context(root, cache))
    session = sorted((root / "curriculum").glob("*/sessions/*.yaml"))[0]
    session.write_text(re.sub(r"(?m)^repeats: .*\n", "", session.read_text(encoding="utf-8")) + "repeats: 0\n",
                       encoding="utf-8")
    assert cache.generate(_context(root, cache)) == _fresh(root)


def test_compiled_templates_are_kept_only_where_python_keeps_bytecode(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "mini" / "curriculum", root / "curriculum")
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    try:
        for may_write in (False, True):
            monkeypatch.setattr(sys, "dont_write_bytecode", not may_write)
            render._compiled_templates.cache_clear()
            pages = _fresh(root)
            assert bool(list(temp.rglob("handbook-*.cache"))) == may_write
        assert _fresh(root) == pages  # read back from the kept files: the same pages
    finally:
        render._compiled_templates.cache_clear()  # later tests find the real temp folder again
