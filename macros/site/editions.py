"""Every edition in one build: the default one at the site's root, each other under /<lang>/.

`mkdocs build` builds the default edition; when it is done, the hook builds each other edition
from the same mkdocs.yml into `<site_dir>/<lang>/` (a build inside the build, so `mkdocs build`,
`./handbook build` and the tests all produce every edition). Each edition is a whole MkDocs
site of its own: navigation, search index in its language, 404 page, sitemap. No plugin does
this for pages generated from YAML, so it is a few lines here.

The language switcher must know which pages another edition has before that edition is built:
each edition's build plans its pages first (`plan`), before any of them is written.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils import get_relative_url

from macros.organization.editions import prefix

_building: list[str] = []  # the edition a build inside the build is making


@dataclass(frozen=True)
class Planned:
    """What the switcher needs of an edition: the sources of its pages and its language's name."""

    sources: set[str]
    name: str  # in that language: "Deutsch", "English"


PLANNED: dict[str, Planned] = {}  # edition -> its pages, in build order (the default first)


def building() -> str | None:
    """Return the edition an inner build makes, or None for the outer (default) one.

    `./handbook serve en` previews the English edition alone: HANDBOOK_EDITION names it.
    """
    return _building[-1] if _building else os.environ.get("HANDBOOK_EDITION") or None


def build_other(config_file: str, site_dir: Path, lang: str, *, strict: bool, directory_urls: bool) -> None:
    """Build edition ``lang`` from ``config_file`` into ``site_dir`` (the outer build's site/<lang>)."""
    from mkdocs.commands.build import build  # mkdocs itself: only the outer build needs it
    from mkdocs.config import load_config

    config = load_config(config_file, site_dir=str(site_dir), strict=strict, use_directory_urls=directory_urls)
    _building.append(lang)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
    finally:
        _building.pop()


@dataclass(frozen=True)
class Alternate:
    """One edition's version of the page a reader is on (or its start page, if it has none)."""

    lang: str
    name: str  # the language's name in that language: "Deutsch", "English"
    href: str  # relative to the page: the switcher works on any server, under any path
    canonical: str  # for <link rel=alternate hreflang>: absolute under site.url, else as href
    same_page: bool  # False: the page has no counterpart there, href is that edition's start page
    current: bool


def alternates(page_url: str, src: str, lang: str, default: str, url_of: Callable[[str], str],
               site_url: str | None) -> list[Alternate]:
    """Return every planned edition's address of the page ``src`` of edition ``lang``, in build order.

    A page counts as the same page in another edition when that edition has a page from the
    same source: module ids and docs file names are the same in every edition.
    """
    here = prefix(lang, default) + page_url
    out = []
    for other, planned in PLANNED.items():
        same = src in planned.sources
        target = prefix(other, default) + (url_of(src) if same else "")
        href = get_relative_url(target or ".", here or ".") + ("" if target else "/")
        # Search engines want hreflang addresses absolute; a reader's click needs only the path,
        # which also holds on a copy served elsewhere (a test server, an intranet mirror).
        canonical = site_url.rstrip("/") + "/" + target if site_url else href
        out.append(Alternate(other, planned.name, href, canonical, same, other == lang))
    return out
