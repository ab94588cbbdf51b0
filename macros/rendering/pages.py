"""Which pages the handbook has and how the navigation orders them."""

from __future__ import annotations

import html
from typing import Any

from macros.content.outputs import BUNDLE, bundle_parts, is_bundle
from macros.rendering.journeys import JOURNEYS, journeys
from macros.rendering.render import Context, Page, Renderer

# Navigation groups: kinds and generated pages under one heading each, in reading order.
GROUPS: dict[str, list[str]] = {
    "understand": ["basics", "reasons", "benefits"],
    "practice": ["topics", "success-factors", "challenges", "ground-rules", "skills"],
    "program": [JOURNEYS, "roles", "phases"],
    "templates": ["toolkit/index.md", "sessions", "checklists", "communications", "toolkit/agreement.md",
                  "toolkit/all-sessions.md"],
    "reference": ["faq", "glossary"],
}

# Most links a navigation section shows at once. A collapsed subsection weighs about 1.7 links,
# so subsections of ~1.3·√n links keep pages lightest; 15 suits sections of 100-200 pages.
NAV_CHUNK = 15

# The hand-written guide for forks; `site.adapt_page: false` leaves it out of a fork's site.
ADAPT_PAGE = "anpassen.md"
# For translators, in every edition when more than one is built (macros/content/translations.py): at its
# address, never in the navigation or the search (readers of a fork's handbook have no use for it).
TRANSLATIONS_PAGE = "translation-status.md"

SPECIAL = {
    "toolkit/index.md": ("templates", "templates_title"),
    "toolkit/agreement.md": ("agreement", "agreement_title"),
}


def generate(ctx: Context, renderer: Renderer | None = None) -> list[Page]:
    """Render every generated page: one per module, one overview per kind, the templates."""
    renderer = renderer or Renderer(ctx)
    pages = []
    for kind in ctx.curriculum.kinds():
        pages.append(renderer.overview(kind))
        pages += [renderer.module(entry) for entry in ctx.curriculum.of_kind(kind)]
    for src, (template, label) in SPECIAL.items():
        pages.append(renderer.special(template, src, ctx.labels["ui"][label]))
    # The print bundle repeats every session template in full: in the search index, every hit in
    # it would show twice. A large curriculum's bundle comes in parts (outputs.bundle_parts).
    parts = bundle_parts(ctx.curriculum)
    pages += [renderer.bundle(src, entries, parts) for src, entries in parts]
    if roles := journeys(ctx.curriculum):
        pages.append(renderer.journey_index(roles))
        pages += [renderer.journey(j) for j in roles]
    if ctx.translations:
        pages.append(renderer.special("translations", TRANSLATIONS_PAGE, ctx.labels["ui"]["translations_title"],
                                      searched=False))
    return pages


def chunked(links: list[Any], size: int = NAV_CHUNK, first: int = 1) -> list[Any]:
    """Return a section's links, split into numbered subsections of ``size`` if there are more.

    With navigation.prune a page carries its own section's level in full: a section of hundreds
    of pages would make every one of them heavy. Subsections keep a page's navigation small, and
    when there are more than ``size`` of them they are grouped again, so that every level of the
    navigation holds at most ``size`` entries however large the section grows (at 30 times our
    curriculum, 1,350 sessions: three levels of at most 15).
    """
    if len(links) <= size:
        return links
    span = size
    while len(links) > span * size:
        span *= size
    parts = []
    for start in range(0, len(links), span):
        part = links[start:start + span]
        label = f"{first + start}–{first + start + len(part) - 1}"
        parts.append({label: chunked(part, size, first + start) if span > size else part})
    return parts


def _section(ctx: Context, member: str, titles: dict[str, str]) -> list[Any]:
    """Return a nav section's entries: its index page, then one page per module (or per role's journey)."""
    if member == JOURNEYS:
        srcs = [src for src in titles if src.startswith(f"{JOURNEYS}/") and src != f"{JOURNEYS}/index.md"]
    else:
        srcs = [f"{e.kind}/{e.id}.md" for e in ctx.curriculum.of_kind(member)]
    links = [{titles[src]: src} for src in srcs]
    return [f"{member}/index.md", *chunked(links)] if links else []


def _section_title(ctx: Context, member: str) -> str:
    if member == JOURNEYS:
        return str(ctx.labels["ui"]["journeys_title"])
    return str(ctx.labels["kinds"][member]["title"])


def nav(ctx: Context, pages: list[Page], extra: list[Any]) -> list[Any]:
    """Build the mkdocs nav: start page, the groups, then the hand-written pages in ``extra``."""
    # Nav titles reach the theme's templates unescaped: escape them here, once.
    titles = {p.src: html.escape(p.title) for p in pages}
    result: list[Any] = [{html.escape(str(ctx.labels["ui"]["home"])): "index.md"}]
    for group, members in GROUPS.items():
        items: list[Any] = []
        for member in members:
            if member == BUNDLE:
                items += [{titles[src]: src} for src in titles if is_bundle(src)]
            elif member.endswith(".md"):
                items.append({titles[member]: member})
            elif section := _section(ctx, member, titles):
                items.append({_section_title(ctx, member): section})
        if group == "reference":
            items += extra
        if items:
            result.append({ctx.labels["groups"][group]: items})
    return result
