"""The rebuild cache: unchanged modules and pages are reused, and the result equals a fresh build."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import jinja2
import pytest

from conftest import FIXTURES, build_here, make_project
from macros.build.cache import BuildCache, fingerprint
from macros.organization.labels import load_labels
from macros.rendering import compiled_templates
from macros.rendering.edition import load_edition
from macros.rendering.journeys import journeys
from macros.rendering.pages import generate
from macros.rendering.render import NOT_IN_KEY, Context, Page


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



def test_a_journey_is_rendered_again_only_when_a_module_it_shows_changed(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "mini" / "curriculum", root / "curriculum")
    cache = BuildCache()
    ctx = _context(root, cache)
    cache.generate(ctx)
    shown = {j.src: {i for _, i in j.outline()} for j in journeys(ctx.curriculum)}
    # A module one journey shows and another does not.
    module_id, showing = next((i, src) for src, ids in shown.items() for i in ids
                              if any(i not in others for others in shown.values()))
    entry = ctx.curriculum.entries[module_id]
    edited = root / "curriculum" / "de" / entry.kind / f"{module_id}.yaml"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(re.sub(r"(?m)^title: .*$", "title: Neu benannt", text, count=1), encoding="utf-8")
    assert cache.generate(_context(root, cache)) == _fresh(root)
    assert showing in cache.fresh
    assert cache.fresh.isdisjoint(src for src, ids in shown.items() if module_id not in ids)

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
            compiled_templates._cache.cache_clear()
            pages = _fresh(root)
            assert bool(list(temp.rglob("handbook-*.cache"))) == may_write
        assert _fresh(root) == pages  # read back from the kept files: the same pages
    finally:
        compiled_templates._cache.cache_clear()  # later tests find the real temp folder again


def _environment(**options: object) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader({"t": "{{ x | shout }}"}), **options)  # type: ignore[arg-type]


def test_compiled_templates_are_told_apart_by_what_shapes_the_compiled_code() -> None:
    def tag(env: jinja2.Environment) -> str:
        return compiled_templates._tag(env)

    def shout(value: str) -> str:
        return value.upper()

    @jinja2.pass_context
    def shout_in_context(context: object, value: str) -> str:
        return value.upper()

    plain = _environment()
    plain.filters["shout"] = shout
    same = _environment()
    same.filters["shout"] = shout
    assert tag(plain) == tag(same)  # made alike: one tag, across environments and processes
    others = [_environment(autoescape=True), _environment(trim_blocks=True), _environment(block_start_string="<%"),
              _environment(extensions=["jinja2.ext.loopcontrols"]), _environment()]
    others[-1].filters["shout"] = shout_in_context  # the compiled call passes the context
    for other in others[:-1]:
        other.filters["shout"] = shout
    assert len({tag(plain), *map(tag, others)}) == len(others) + 1


def _build(root: Path, site: Path) -> dict[Path, bytes]:
    """Build in this process; return the pages."""
    build_here(root, site)
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*.html")}


def test_a_build_keeps_its_compiled_templates_and_the_next_one_uses_them(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Ours and every environment of the theme's: the second build compiles no template file again."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("HANDBOOK_DOWNLOADS", "")
    root = make_project(tmp_path / "p", FIXTURES / "mini" / "curriculum")
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)  # as ./handbook runs it
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "pycache"))  # Python's, meanwhile: here too
    compiled: list[str] = []
    compile_source = jinja2.Environment.compile

    def counting(env: jinja2.Environment, source: Any, name: str | None = None, filename: str | None = None,
                 *args: Any, **kwargs: Any) -> Any:
        if filename:  # a template file, not a string a page renders
            compiled.append(filename)
        return compile_source(env, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    compiled_templates._cache.cache_clear()
    try:
        first = _build(root, tmp_path / "site1")
        # The theme's pages (with our overrides), the partials Material's search reads, our templates.
        assert {"main.html", "language.html", "bundle.md.j2"} <= {Path(f).name for f in compiled}
        once = list(compiled)
        assert _build(root, tmp_path / "site2") == first
        assert compiled == once  # the second build compiled no template again
    finally:
        compiled_templates._cache.cache_clear()  # later tests find the real temp folder again


def test_every_field_of_the_context_keys_the_cached_pages(tmp_path: Path) -> None:
    # The key is made from the context's fields, not a hand-kept list: a field added to Context is
    # in it, and a download switched on renders the pages that link it again.
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "mini" / "curriculum", root / "curriculum")
    cache = BuildCache()
    ctx = _context(root, cache)
    keyed = {f.name for f in dataclasses.fields(Context) if NOT_IN_KEY not in f.metadata}
    assert set(json.loads(fingerprint(ctx))) == keyed
    assert {"settings", "labels", "outputs", "directory_urls", "translations"} <= keyed
    first = cache.generate(ctx)
    again = cache.generate(dataclasses.replace(ctx, outputs=frozenset({"docx"})))
    assert cache.rendered > 0 and again != first
    assert generate(dataclasses.replace(ctx, outputs=frozenset({"docx"}))) == again
