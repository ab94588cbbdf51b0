"""Incremental live preview (`./handbook serve`, which runs `mkdocs serve --dirty`).

A dirty mkdocs build skips every page whose file says it is unmodified. This module decides
that for the generated pages: a page is unmodified when the build cache reused its Markdown
and the site's structure (navigation, settings, interface texts) is what it was. When the
structure changes, every page is rebuilt, as in a clean build. A dirty build's search index
holds only the pages it rebuilt, so the entries of the others are carried over.
Imports nothing from mkdocs: the plugin (macros/site/plugin.py) passes plain values and keeps one Preview.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

SearchDocs = dict[str, list[dict[str, Any]]]  # page URL -> its search entries


class _DirtyNotice(logging.Filter):
    """Drop mkdocs' generic 'dirty build may be inaccurate' warning: this module keeps it accurate.

    Without the filter, strict mode counts that warning and aborts every preview build.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


DIRTY_NOTICE = _DirtyNotice()


def _page_url(location: str) -> str:
    """Return a search entry's or a file's page URL as pages spell it (the start page's is '')."""
    url = location.split("#", 1)[0]
    return "" if url == "./" else url


class Preview:
    """What the previous build in this process produced, and what the current one rebuilds."""

    def __init__(self) -> None:
        self.structure: str | None = None
        self.full = True  # rebuild everything: first build, or the structure changed
        self.fresh: set[str] = set()  # generated pages whose Markdown was rendered anew
        self.built: set[str] = set()  # URLs of the pages mkdocs built in this build
        self.live: list[str] = []  # URLs of every page of this build, in build order
        self.search: SearchDocs = {}
        self.incremental = False  # set for `mkdocs serve --dirty`: later builds may skip pages

    def reset(self) -> None:
        """Forget the last build: the next one rebuilds every page."""
        self.structure, self.full = None, True

    def plan(self, structure: Any, fresh: set[str]) -> None:
        """Start a build: compare the structure with the last build's; remember fresh pages."""
        digest = hashlib.sha256(json.dumps(structure, sort_keys=True, default=str).encode()).hexdigest()
        self.full, self.structure = digest != self.structure, digest
        self.fresh, self.built = fresh, set()

    def unchanged(self, src: str) -> bool:
        """Tell whether a generated page may keep last build's HTML."""
        return not self.full and src not in self.fresh

    def merge_search_index(self, path: Path) -> None:
        """Complete a dirty build's search index with the entries of the pages it skipped."""
        if not self.incremental or not path.is_file():
            return  # `mkdocs build` builds every page: its index is whole
        live = [_page_url(url) for url in self.live]
        built = {_page_url(url) for url in self.built}
        data = json.loads(path.read_text(encoding="utf-8"))
        new: SearchDocs = {}
        for doc in data["docs"]:
            new.setdefault(_page_url(doc["location"]), []).append(doc)
        merged = {url: new.get(url, []) if url in built else self.search.get(url, new.get(url, [])) for url in live}
        self.search = merged
        if built.issuperset(live):
            return  # a complete build: its index is already whole, leave the file as mkdocs wrote it
        data["docs"] = [doc for docs in merged.values() for doc in docs]
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
