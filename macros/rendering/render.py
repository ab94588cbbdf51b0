"""Validated modules -> page Markdown. Pure: no file I/O beyond templates, no mkdocs."""

from __future__ import annotations

import functools
import hashlib
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from macros.content import outputs
from macros.content.curriculum import Curriculum, Entry
from macros.content.facts import entry_hours, hour_placeholders, role_minutes
from macros.content.translations import Translation
from macros.organization.placeholders import substitute
from macros.organization.schedule import calendar_path, schedule
from macros.organization.settings import Settings
from macros.rendering import sections, text, timeline
from macros.rendering.compiled_templates import keep_compiled
from macros.rendering.journeys import JOURNEYS, Journey, journey_title
from macros.rendering.terms import Terms

TEMPLATES = Path(__file__).parent / "templates"
NOT_IN_KEY = "not in the cache key"


@dataclass(frozen=True)
class Page:
    """A generated page: where it pretends to live in docs/, and its Markdown (front matter included)."""

    src: str
    title: str
    markdown: str


@dataclass(frozen=True)
class Context:
    """Everything a page needs besides its own module.

    The preview's cache keys a page by every field here (macros/build/cache.py), but those marked
    with NOT_IN_KEY: the modules (each page hashes those it reads) and what is made from a field
    that is in the key.
    """

    curriculum: Curriculum = field(metadata={NOT_IN_KEY: "each page hashes the modules it reads"})
    settings: Settings
    labels: dict[str, Any]
    directory_urls: bool = True
    outputs: frozenset[str] = frozenset()  # the downloads the pages link (macros/content/outputs.py)
    terms: Terms = field(default_factory=lambda: Terms({}), metadata={NOT_IN_KEY: "made from settings.terms"})
    translations: dict[str, list[Translation]] = field(default_factory=dict)  # see macros/content/translations.py

    def __str__(self) -> str:
        # Short for the same reason as Curriculum.__str__: it sits in config.extra.
        return f"Context({self.curriculum})"

    @property
    def book(self) -> str | None:
        """Return the site path of the whole handbook as a PDF when the build makes PDFs (the start page links it)."""
        return outputs.book(self.curriculum.lang) if "pdf" in self.outputs else None


def url_of(src: str, directory_urls: bool) -> str:
    """Return the site-relative URL mkdocs gives a docs file."""
    stem = src[: -len(".md")]
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def links_from(from_src: str, directory_urls: bool) -> Callable[[str], str]:
    """Return a function giving relative links from one page to site paths (any static server, any sub-path).

    Where the page sits is worked out once per page, not once per link.
    """
    page = url_of(from_src, directory_urls)
    base = posixpath.normpath((page.rstrip("/") if page.endswith("/") else posixpath.dirname(page)) or ".")
    at = [p for p in base.split("/") if p != "."]

    def link(target: str) -> str:
        rel = _relpath(target.rstrip("/") or ".", base, at)
        return rel + "/" if target.endswith("/") or not target else rel

    return link


def _relpath(path: str, start: str, at: list[str]) -> str:
    """Return ``posixpath.relpath(path, start)`` for two site paths, without its two calls to getcwd.

    ``start`` is normalized and ``at`` its parts.
    """
    path = posixpath.normpath(path)
    if path.startswith(("/", "..")) or start.startswith(("/", "..")):
        return posixpath.relpath(path, start)  # above or outside the site: the working directory counts
    to = [p for p in path.split("/") if p != "."]
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


def item_key(item: str) -> str:
    """Return a short stable key for a checklist item: its text, so reordering keeps ticks."""
    return hashlib.sha1(item.encode("utf-8")).hexdigest()[:10]


def placeholder_values(ctx: Context) -> dict[str, str]:
    """Return every {name} value: the settings' and each role's computed hours."""
    return {**ctx.settings.placeholders(), **hour_placeholders(ctx.curriculum, ctx.settings)}


class _Converters:
    """YAML text to HTML for one build, each distinct text converted once.

    The bundle, the journeys and the agreement show again texts the module pages show (at the
    shipped size, close to half of all conversions); within one build a text's HTML never changes.
    """

    def __init__(self, values: dict[str, str]) -> None:
        self.md = functools.cache(lambda s: text.to_html(substitute(s, values)))
        self.inline = functools.cache(lambda s: text.to_inline_html(substitute(s, values)))
        self.mdesc = functools.cache(lambda s: text.md_escape(substitute(s, values)))


_OPTIONS: dict[str, Any] = {"autoescape": True, "undefined": jinja2.StrictUndefined, "trim_blocks": True,
                            "lstrip_blocks": True, "keep_trailing_newline": True,
                            # Each build makes its own environment: within one, a template never
                            # changes, so Jinja need not look at the file's time again for every page.
                            "auto_reload": False}


def _environment(ctx: Context, convert: _Converters) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), **_OPTIONS)
    env.filters["md"] = convert.md
    env.filters["inline"] = convert.inline
    env.filters["mdesc"] = convert.mdesc
    env.filters["key"] = item_key
    env.globals["labels"] = ctx.labels
    env.globals["settings"] = ctx.settings
    env.globals["cur"] = ctx.curriculum
    # The calendar file exists only when the program has a start date: otherwise there is nothing to link.
    env.globals["calendar"] = calendar_path(ctx.labels) if ctx.settings.program.start else None
    # Hidden modules are gone from the curriculum: a reference to one simply renders nothing.
    env.globals["entries"] = lambda ids: [ctx.curriculum.entries[i] for i in ids if i in ctx.curriculum.entries]
    # Links to modules, as generic module pages show them (macros/rendering/sections.py): one markup for both.
    env.globals["refs"] = lambda entries, link: sections.refs(entries, link, convert, ctx.labels)
    env.globals["downloads"] = outputs.downloads(ctx.curriculum, ctx.settings.translated, ctx.outputs)
    keep_compiled(env)
    return env


def front_matter(meta: dict[str, Any]) -> str:
    """Return ``meta`` as a page's YAML front matter, which mkdocs reads into ``page.meta``.

    Written by libyaml (quoting and escaping are its business); read back by PyYAML, the same YAML.
    """
    dumped = yaml.dump(meta, Dumper=yaml.CSafeDumper, allow_unicode=True, width=2**31 - 1, sort_keys=False)
    return f"---\n{dumped}---\n\n"


# Front matter that keeps a page out of the search index (read by Material's search plugin).
UNSEARCHED = front_matter({"search": {"exclude": True}})


class Renderer:
    """Render pages for one build; holds the Jinja environment and the context."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        # Computed once per build: the hours scan every session template for every role.
        self.values = placeholder_values(ctx)
        self.convert = _Converters(self.values)
        self.env = _environment(ctx, self.convert)
        self.templates = {p.name for p in TEMPLATES.glob("*.j2")}  # asked once per module page

    def _links(self, src: str) -> tuple[Callable[[str], str], Callable[[str], str]]:
        """Return the page's link functions: to a site path (``site``) and to a docs file (``link``)."""
        site = links_from(src, self.ctx.directory_urls)

        def link(to: str) -> str:
            return site(url_of(to, self.ctx.directory_urls))

        return site, link

    def _page(self, src: str, title: str, body: str) -> Page:
        # The page body gets the fork's terms after mkdocs renders it (hooks.on_page_content);
        # the title is also the navigation entry, so it gets them here.
        return Page(src, self.ctx.terms.text(title), body)

    def _body(self, template: str, src: str, title: str, **values: Any) -> str:
        site, link = self._links(src)
        return self.env.get_template(template).render(src=src, title=title, link=link, site=site, ctx=self.ctx,
                                                      **values)

    def _render(self, template: str, src: str, title: str, **values: Any) -> Page:
        return self._page(src, title, self._body(template, src, title, **values))

    def module(self, entry: Entry) -> Page:
        """Render one module's own page: its kind's template, or else its fields as sections."""
        src = f"{entry.kind}/{entry.id}.md"
        template = f"{entry.kind}.md.j2"
        if template in self.templates:
            body = self._body(template, src, entry.module.title, entry=entry, m=entry.module)
        else:
            body = sections.page(entry, self.ctx.curriculum, self.ctx.labels, self.convert, self._links(src)[1],
                                 self._computed_time(entry))
        # The page describes itself with its module's summary (<meta name="description">, link previews).
        description = self.ctx.terms.text(self.plain(entry.module.summary))
        return self._page(src, entry.module.title, front_matter({"description": description}) + body)

    def plain(self, markdown_text: str) -> str:
        """Return Markdown text as plain text with the placeholders filled in."""
        return text.html_text(str(self.convert.inline(markdown_text)))

    def _computed_time(self, entry: Entry) -> str:
        """Return the sentence with a role's time computed from its session templates, or ''."""
        if entry.kind != "roles" or not role_minutes(self.ctx.curriculum, entry.id, self.ctx.settings):
            return ""
        if "{hours_" in entry.module.time_commitment:
            return str(self.ctx.labels["time"]["explained"]).format(prep=self.ctx.settings.program.prep_minutes)
        hours = entry_hours(self.ctx.curriculum, entry, self.ctx.settings)
        return str(self.ctx.labels["time"]["computed"]).format(prep=self.ctx.settings.program.prep_minutes,
                                                               hours=hours)

    def overview(self, kind: str) -> Page:
        """Render the page that lists every module of a kind; the phases' page also draws the timeline."""
        info = self.ctx.labels["kinds"][kind]
        entries = self.ctx.curriculum.of_kind(kind)
        drawing = self.timeline(entries) if kind == "phases" else None
        return self._render("overview.md.j2", f"{kind}/index.md", info["title"], kind=kind, info=info,
                            entries=entries, timeline=drawing)

    def timeline(self, phases: list[Entry]) -> Markup:
        """Draw the phases, and the program's dates when the settings give a start, as inline SVG."""
        p = self.ctx.settings.program
        start = p.start_date()
        plan = schedule(start, p.months, p.sessions, p.every_weeks) if start else None
        placeholders, color = self.ctx.settings.placeholders(), self.ctx.settings.branding.primary_color
        values = timeline.context(phases, plan, self.ctx.labels, placeholders)
        narrow = timeline.narrow(phases, plan, self.ctx.labels, placeholders, p.sessions)
        svg = self.env.get_template("timeline.svg.j2").render(color=color, **values)
        # The page's CSS shows the wide drawing on paper and large screens, the narrow one on phones.
        narrow_svg = self.env.get_template("timeline-narrow.svg.j2").render(
            color=color, size=narrow.pop("text"), line_height=narrow.pop("line"), **narrow)
        return timeline.as_markup(svg + "\n" + narrow_svg)

    def special(self, name: str, src: str, title: str, searched: bool = True) -> Page:
        """Render a page built from several modules (agreement, template index, translation status)."""
        meta = "" if searched else UNSEARCHED  # read by Material's search
        return self._page(src, title, meta + self._body(f"{name}.md.j2", src, title))

    def bundle(self, src: str, entries: list[Entry], parts: list[tuple[str, list[Entry]]]) -> Page:
        """Render one part of the print bundle: its session templates, and links to the other parts."""
        title = self.ctx.labels["ui"]["bundle_title"]
        number = [s for s, _ in parts].index(src) + 1
        if len(parts) > 1:
            title += " " + self.ctx.labels["ui"]["bundle_part"].format(n=number, total=len(parts))
        return self._page(src, title, UNSEARCHED + self._body("bundle.md.j2", src, title, entries=entries,
                                                        parts=[s for s, _ in parts], number=number))

    def journey(self, j: Journey) -> Page:
        """Render one role's journey page."""
        return self._render("journey.md.j2", j.src, journey_title(j, self.ctx.labels), j=j)

    def journey_index(self, js: list[Journey]) -> Page:
        """Render the page that leads each role to its journey."""
        pairs = [(j, journey_title(j, self.ctx.labels)) for j in js]
        return self._render("journeys.md.j2", f"{JOURNEYS}/index.md", self.ctx.labels["ui"]["journeys_title"],
                            journeys=pairs)
