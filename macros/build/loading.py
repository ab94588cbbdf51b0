"""Load an edition for a build: the file walk, settings and curriculum, hand-written pages, facts.

What `./handbook check` reports fails the build too; another edition's build checks its own.
The outer build also plans every other edition's pages (plan_editions), before any page is
written: the language switcher links to the same page in each edition.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.base.errors import ContentErrors
from macros.build.cache import Caches, Store
from macros.content.facts import check_facts
from macros.handwritten import docs_pages, front_matter, input_files
from macros.organization.labels import load_labels
from macros.organization.placeholders import PLACEHOLDERS
from macros.rendering.edition import Edition, context
from macros.rendering.pages import ADAPT_PAGE
from macros.rendering.render import Context, Page


@dataclass(frozen=True)
class Planned:
    """What the switcher needs of an edition: the sources of its pages and its language's name."""

    sources: set[str]
    name: str  # in that language: "Deutsch", "English"


@dataclass(frozen=True)
class Loaded:
    """An edition ready to render: its context, the variables of its hand-written pages, its notices."""

    ctx: Context
    variables: dict[str, Any]
    notices: list[str]


def load(root: Path, store: Store, directory_urls: bool, downloads: frozenset[str], lang: str | None,
         report: bool = True) -> Loaded:
    """Return an edition ready to render; raise ContentErrors naming every problem.

    ``report``: check it as `./handbook check` does (planning another edition leaves that to its own build).
    """
    # Before anything is read: a symbolic link must not be followed, not even into a message.
    # (Planning another edition comes after this edition's own load walked the tree.)
    files = input_files.problems(root) if report else []
    if files:
        raise ContentErrors(files)
    edition: Edition = store.load_edition(root, lang)
    ctx = context(edition, directory_urls=directory_urls, outputs=downloads)
    variables = docs_pages.page_variables(ctx.labels, ctx.curriculum, ctx.settings.placeholders())
    problems = docs_pages.problems(
        root / "docs" / edition.settings.edition, f"docs/{edition.settings.edition}", set(PLACEHOLDERS),
        variables, front_matter.page_templates(root))
    if report:
        problems += check_facts(edition.curriculum, edition.settings, load_labels(edition.settings.edition))
    if problems:
        raise ContentErrors(problems)
    return Loaded(ctx, variables, edition.notices)


def page_sources(ctx: Context, pages: list[Page], root: Path) -> set[str]:
    """Return the sources of every page an edition has: generated and hand-written."""
    docs = root / "docs" / ctx.settings.edition
    written = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    if not ctx.settings.site.adapt_page:
        written.discard(ADAPT_PAGE)
    return written | {p.src for p in pages}


def plan_editions(root: Path, ctx: Context, pages: list[Page], caches: Caches, directory_urls: bool,
                  downloads: frozenset[str]) -> dict[str, Planned]:
    """Return which pages every edition has, before any is written (the switcher links to them)."""
    planned = {}
    for lang in ctx.settings.built():
        if lang == ctx.settings.edition:
            planned[lang] = Planned(page_sources(ctx, pages, root), ctx.labels["ui"]["language_name"])
            continue
        other = load(root, caches.of(lang), directory_urls, downloads, lang, report=False).ctx
        planned[lang] = Planned(page_sources(other, caches.of(lang).generate(other), root),
                                         other.labels["ui"]["language_name"])
    return planned
