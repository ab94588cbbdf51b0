"""One edition as the engine makes it, for any builder of MkDocs-style sites: the generated tree.

The tree holds the pages generated from the curriculum (Markdown with front matter), the
navigation, the site settings the theme reads (name, language, address, logo, the colour scheme
toggles' names, the settings and labels the overrides print) and the files made at build time
(the calendar). The MkDocs plugin (macros/site/plugin.py) is one consumer of it; `./handbook tree`
(macros/commands/tree.py) writes it out as a plain docs folder and mkdocs.yml for a builder that
runs without our plugin, and macros/build/postprocess.py then does to the written HTML what the
plugin does to each page.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from macros.build.cache import Store
from macros.build.loading import load
from macros.organization.editions import prefix
from macros.outputs.calendar import calendar_file, calendar_path
from macros.rendering.pages import ADAPT_PAGE, nav
from macros.rendering.render import Context, Page, url_of

# The colour scheme toggles of mkdocs.yml, by the scheme each belongs to: the label naming the
# scheme it switches to (macros/i18n/<lang>.yaml, ui).
TOGGLES = {"default": "scheme_dark", "slate": "scheme_light"}


def toggle_names(ui: dict[str, str]) -> dict[str, str]:
    """Return colour scheme -> its toggle's name in the edition's words, escaped (Material prints it as it is)."""
    return {scheme: html.escape(ui[label]) for scheme, label in TOGGLES.items()}


def named_palette(palette: list[Any], toggles: dict[str, str]) -> list[Any]:
    """Return mkdocs.yml's palette options, each toggle named after the scheme it switches to."""
    return [dict(option, toggle=dict(option["toggle"], name=toggles[option["scheme"]]))
            if isinstance(option, dict) and option.get("toggle") and option.get("scheme") in toggles else option
            for option in palette]


@dataclass
class Tree:
    """What one build of one edition is, before any builder turns it into HTML."""

    ctx: Context
    docs: Path  # the edition's hand-written pages: docs/<lang>/
    pages: list[Page]  # generated pages, by their path in the docs folder
    nav: list[Any]  # as mkdocs.yml writes it
    site: dict[str, Any]  # site settings: site_name, site_description, site_url (or None)
    theme: dict[str, Any]  # theme settings: language, logo, favicon (None: the theme's own)
    toggles: dict[str, str]  # colour scheme -> the name of its toggle, in the edition's language
    extra: dict[str, Any]  # what the theme overrides read as config.extra
    files: dict[str, bytes]  # other files made at build time, by site path (the calendar)
    hidden_urls: set[str] = field(default_factory=set)  # site paths of hidden modules: links to them become text
    page_variables: dict[str, Any] = field(default_factory=dict)  # Jinja on hand-written pages may use these
    notices: list[str] = field(default_factory=list)  # worth knowing, never a failure

    def rendered(self) -> Tree:
        """Return the tree as the rest of a build needs it, once every page is rendered: without the modules.

        The pages, settings, labels and terms stay; the validated modules (a sixth of a large
        build's memory) are not read again, so a build need not hold them while MkDocs writes.
        """
        modules_gone = replace(self.ctx.curriculum, entries={})
        ctx = replace(self.ctx, curriculum=modules_gone)
        return replace(self, ctx=ctx, extra={**self.extra, "handbook": ctx})


def make_tree(root: Path, store: Store, directory_urls: bool, downloads: frozenset[str],
              lang: str | None) -> Tree:
    """Load, check and render one edition (None: the default one); raise ContentErrors naming every problem."""
    loaded = load(root, store, directory_urls, downloads, lang)
    ctx = loaded.ctx
    s = ctx.settings
    pages = store.generate(ctx)
    docs = root / "docs" / s.edition
    left_out = {"index.md"} | ({ADAPT_PAGE} if not s.site.adapt_page else set())
    written = sorted(str(p.relative_to(docs)) for p in docs.glob("*.md") if p.name not in left_out)
    # Addresses on paper, canonical links and the sitemap; another edition lives below the site's.
    site_url = s.site.url.rstrip("/") + "/" + prefix(s.edition, s.language) if s.site.url else None
    ics = calendar_file(ctx, site_url)
    return Tree(
        ctx=ctx, docs=docs, pages=pages, nav=nav(ctx, pages, written),
        # Material prints the site name unescaped (header, aria-labels): it must be plain text here.
        site={"site_name": html.escape(s.program.name), "site_description": ctx.labels["ui"]["site_description"],
              "site_url": site_url},
        theme={"language": s.edition, "logo": s.branding.logo, "favicon": s.branding.logo},
        toggles=toggle_names(ctx.labels["ui"]),
        extra={"alternate": len(s.built()) > 1, "org": s.model_dump(), "handbook": ctx, "handbook_errors": ""},
        files={calendar_path(ctx.labels): ics} if ics is not None else {},
        hidden_urls={url_of(f"{kind}/{module_id}.md", ctx.directory_urls) for kind, module_id in ctx.curriculum.hidden},
        page_variables=loaded.variables, notices=loaded.notices)
