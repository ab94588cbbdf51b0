"""Every edition in one build: the default one at the site's root, each other under /<lang>/.

`mkdocs build` builds the default edition; when it is done, the plugin builds each other edition
from the same mkdocs.yml into `<site_dir>/<lang>/` (a build inside the build, so `mkdocs build`,
`./handbook build` and the tests all produce every edition). Each edition is a whole MkDocs
site of its own: navigation, search index in its language, 404 page, sitemap. No plugin does
this for pages generated from YAML, so it is a few lines here.

The language switcher must know which pages another edition has before that edition is built:
the outer build plans every edition's pages first (macros/build/loading.py), before any is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.utils import get_relative_url

from macros.build.loading import Planned
from macros.organization.editions import prefix


def build_other(plugin: Any, config_file: str, site_dir: Path, lang: str, *, strict: bool,
                directory_urls: bool) -> None:
    """Build edition ``lang`` from ``config_file`` into ``site_dir`` (the outer build's site/<lang>).

    MkDocs hands the inner build the same plugin object (it keeps plugins that have on_startup for
    the whole process); ``plugin.inner`` tells it which edition it makes.
    """
    from mkdocs.commands.build import build  # mkdocs itself: only the outer build needs it
    from mkdocs.config import load_config

    config = load_config(config_file, site_dir=str(site_dir), strict=strict, use_directory_urls=directory_urls)
    plugin.inner.append(lang)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
    finally:
        plugin.inner.pop()


@dataclass(frozen=True)
class Alternate:
    """One edition's version of the page a reader is on (or its start page, if it has none)."""

    lang: str
    name: str  # the language's name in that language: "Deutsch", "English"
    href: str  # relative to the page: the switcher works on any server, under any path
    canonical: str  # for <link rel=alternate hreflang>: absolute under site.url, else as href
    same_page: bool  # False: the page has no counterpart there, href is that edition's start page
    current: bool


def alternates(planned: dict[str, Planned], page_url: str, src: str, lang: str, default: str,
               url_of: Callable[[str], str], site_url: str | None) -> list[Alternate]:
    """Return every planned edition's address of the page ``src`` of edition ``lang``, in build order.

    A page counts as the same page in another edition when that edition has a page from the
    same source: module ids and docs file names are the same in every edition.
    """
    here = prefix(lang, default) + page_url
    out = []
    for other, pages in planned.items():
        same = src in pages.sources
        target = prefix(other, default) + (url_of(src) if same else "")
        href = get_relative_url(target or ".", here or ".") + ("" if target else "/")
        # Search engines want hreflang addresses absolute; a reader's click needs only the path,
        # which also holds on a copy served elsewhere (a test server, an intranet mirror).
        canonical = site_url.rstrip("/") + "/" + target if site_url else href
        out.append(Alternate(other, pages.name, href, canonical, same, other == lang))
    return out
