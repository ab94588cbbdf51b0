"""Reuse work between rebuilds in one process (`mkdocs serve`): validated modules and rendered pages.

Also between planning and building another edition: the outer build renders its pages to learn
their addresses (macros/site/editions.py), the build inside reuses them. A one-shot build of the default
edition has nothing to reuse and skips the hashing (``OneShot``).

A module is reused while its file's bytes hash the same. A page is reused while everything it
reads hashes the same: the settings, labels and templates; its own module; the modules it links
to (their titles appear on it); for an overview, every module of its kind; for a role's journey,
the modules it shows; for the other pages built from several modules (agreement, bundle,
templates index, journeys index), every module. So a saved edit re-validates one file and
re-renders its page and the pages that show it.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macros.base.errors import ContentError
from macros.content.curriculum import Entry, iter_refs, load_entry
from macros.content.facts import role_minutes
from macros.rendering.edition import Edition, load_edition
from macros.rendering.journeys import JOURNEYS, Journey
from macros.rendering.pages import generate
from macros.rendering.render import NOT_IN_KEY, TEMPLATES, Context, Page, Renderer

Loaded = tuple[Entry | None, list[ContentError]]


def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def fingerprint(ctx: Context) -> str:
    """Return every field of the context a page may read, as JSON: the part of each page's key they share.

    Derived from the context's fields, so a field added to Context is in the key without being
    listed here; one whose value cannot be written out stops the build rather than go unkeyed.
    """
    return json.dumps({f.name: _plain(getattr(ctx, f.name), f.name) for f in dataclasses.fields(ctx)
                       if NOT_IN_KEY not in f.metadata}, sort_keys=True)


def _plain(value: Any, where: str) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name), where) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v, where) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, where) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(str(v) for v in value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"Context.{where}: {type(value).__name__} has no place in the preview's cache key")


class _CachedRenderer(Renderer):
    """A Renderer that returns last build's page when nothing the page reads has changed."""

    def __init__(self, ctx: Context, cache: BuildCache) -> None:
        super().__init__(ctx)
        self.cache = cache
        # What every page may read: settings, labels, templates, and the values computed across
        # modules (each role's hours come from every session template).
        minutes = {e.id: role_minutes(ctx.curriculum, e.id, ctx.settings) for e in ctx.curriculum.of_kind("roles")}
        self.common = _digest(fingerprint(ctx), json.dumps([self.values, minutes], sort_keys=True),
                              *(p.read_bytes() for p in sorted(TEMPLATES.glob("*.j2"))))

    def _hashes(self, ids: list[str]) -> str:
        return _digest(*(f"{i}={self.cache.hashes.get(i, '')}" for i in ids))

    @functools.cached_property
    def _all(self) -> str:
        """The hashes of every module: once per build, for the pages that read them all."""
        return self._hashes(sorted(self.ctx.curriculum.entries))

    def module(self, entry: Entry) -> Page:
        refs = sorted({ref_id for _, ref_id, _ in iter_refs(entry.module)})
        key = _digest(self.common, "module", entry.kind, entry.id, self._hashes([entry.id, *refs]))
        return self.cache.page(f"{entry.kind}/{entry.id}.md", key, lambda: super(_CachedRenderer, self).module(entry))

    def overview(self, kind: str) -> Page:
        ids = [e.id for e in self.ctx.curriculum.of_kind(kind)]
        key = _digest(self.common, "overview", kind, self._hashes(ids))
        return self.cache.page(f"{kind}/index.md", key, lambda: super(_CachedRenderer, self).overview(kind))

    def special(self, name: str, src: str, title: str, searched: bool = True) -> Page:
        key = _digest(self.common, "special", name, title, str(searched), self._all)
        return self.cache.page(src, key, lambda: super(_CachedRenderer, self).special(name, src, title, searched))

    # A part of the print bundle shows its templates with what they refer to, and names the other parts.
    def bundle(self, src: str, entries: list[Entry], parts: list[tuple[str, list[Entry]]]) -> Page:
        key = _digest(self.common, "bundle", repr([(s, [e.id for e in part]) for s, part in parts]), self._all)
        return self.cache.page(src, key, lambda: super(_CachedRenderer, self).bundle(src, entries, parts))

    # A journey gathers its modules from references all over the curriculum; its outline names
    # them, so an edit to a module it does not show leaves it as it was.
    def journey(self, j: Journey) -> Page:
        outline = j.outline()
        key = _digest(self.common, "journey", repr(outline), self._hashes(sorted({i for _, i in outline})))
        return self.cache.page(j.src, key, lambda: super(_CachedRenderer, self).journey(j))

    def journey_index(self, js: list[Journey]) -> Page:
        key = _digest(self.common, "journeys", self._all)
        return self.cache.page(f"{JOURNEYS}/index.md", key, lambda: super(_CachedRenderer, self).journey_index(js))


class BuildCache:
    """Validated modules and rendered pages of the previous build, keyed by content hashes."""

    def __init__(self) -> None:
        self.modules: dict[Path, tuple[str, Loaded]] = {}
        self.pages: dict[str, tuple[str, Page]] = {}
        self.hashes: dict[str, str] = {}  # module id -> hash of its file, for this build
        self.seen: set[Path] = set()  # files loaded in this build
        self.rendered = 0  # pages rendered by the last generate(), for tests and logs
        self.fresh: set[str] = set()  # their sources

    def _load(self, kind: str, path: Path, root: Path, local: Path | None) -> Loaded:
        digest = _digest(kind, str(root), path.read_bytes(), local.read_bytes() if local else b"")
        key = local or path
        cached = self.modules.get(key)
        if cached is None or cached[0] != digest:
            cached = (digest, load_entry(kind, path, root, local))
            self.modules[key] = cached
        self.hashes[key.stem] = digest
        self.seen.add(key)
        return cached[1]

    def load_edition(self, root: Path, lang: str | None = None) -> Edition:
        """Load like ``edition.load_edition``, re-validating only modules whose files changed."""
        self.hashes, self.seen = {}, set()
        try:
            return load_edition(root, self._load, lang)
        finally:
            # Forget files that are gone, so a long serve session does not keep them.
            self.modules = {p: v for p, v in self.modules.items() if p in self.seen}

    def page(self, src: str, key: str, render: Callable[[], Page]) -> Page:
        """Return the cached page for ``src`` if its key matches; else render and remember it."""
        cached = self.pages.get(src)
        if cached is None or cached[0] != key:
            cached = (key, render())
            self.pages[src] = cached
            self.rendered += 1
            self.fresh.add(src)
        return cached[1]

    def generate(self, ctx: Context) -> list[Page]:
        """Render like ``pages.generate``, re-rendering only pages whose inputs changed."""
        self.rendered, self.fresh = 0, set()
        pages = generate(ctx, _CachedRenderer(ctx, self))
        live = {p.src for p in pages}
        self.pages = {src: v for src, v in self.pages.items() if src in live}
        return pages


class OneShot:
    """Same interface as BuildCache, without remembering: every module loaded, every page rendered."""

    fresh: set[str] = set()
    rendered = 0

    def load_edition(self, root: Path, lang: str | None = None) -> Edition:
        return load_edition(root, load_entry, lang)

    def generate(self, ctx: Context) -> list[Page]:
        pages = generate(ctx)
        self.fresh, self.rendered = {p.src for p in pages}, len(pages)
        return pages


Store = BuildCache | OneShot


class Caches:
    """The build caches of one process, one per edition (kept by the plugin across rebuilds)."""

    def __init__(self) -> None:
        self.default = BuildCache()
        self.others: dict[str, BuildCache] = {}
        self.one_shot = OneShot()

    def of(self, lang: str | None, serving: bool = True) -> Store:
        """Return the cache of edition ``lang`` (None: the default edition); ``serving``: under `mkdocs serve`.

        Another edition is loaded twice in one build, to plan its pages and to build them: its cache
        always remembers.
        """
        if lang is None:
            return self.default if serving else self.one_shot
        return self.others.setdefault(lang, BuildCache())
