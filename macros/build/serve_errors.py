"""`./handbook serve` with broken content: a page that shows the problems instead of a stuck browser.

A published build stops at the first invalid file (site/ stays as it was). The live preview
instead builds a one-page site listing every problem, file, line and what to do; every other
address shows the same list (the 404 page), and when the file is fixed the preview rebuilds and
the browser reloads the page that was open.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from macros.base.errors import ContentErrors
from macros.build.tree import Tree, toggle_names
from macros.content.curriculum import Curriculum
from macros.organization.settings import Settings
from macros.rendering.render import Context, Page


def _standin(ui: dict[str, str]) -> dict[str, Any]:
    """Return just enough settings to draw the theme while the real ones may be the broken file."""
    return {
        "organization": {"name": ui["preview_organization"]},
        "program": {"name": ui["preview_handbook"], "months": 6, "sessions": 8, "session_minutes": 60},
        "contact": {"name": ui["preview_organization"], "email": "preview@example.org"},
    }


def error_context(labels: dict[str, Any], directory_urls: bool) -> Context:
    """Return a context that can draw the theme without any valid content."""
    settings = Settings.model_validate(_standin(labels["ui"]))
    return Context(curriculum=Curriculum(settings.edition), settings=settings, labels=labels,
                   directory_urls=directory_urls)


def error_html(err: ContentErrors, ui: dict[str, str]) -> str:
    """Return the problems as an HTML fragment (every message escaped)."""
    items = "\n".join(f"<li><code>{html.escape(str(e))}</code></li>" for e in err.errors)
    return (f'<div class="rm-preview-errors" role="alert">\n<p>{html.escape(ui["preview_errors_intro"])}</p>\n'
            f'<ol>\n{items}\n</ol>\n<p>{html.escape(ui["preview_errors_fix"])}</p>\n</div>\n')


def error_pages(err: ContentErrors, ui: dict[str, str], srcs: list[str]) -> list[Page]:
    """Return the problems as the page at every address the preview had (so the open page
    reloads into them, and back into itself once fixed), and as the start page."""
    title = ui["preview_errors_title"]
    body = f"# {html.escape(title)}\n\n{error_html(err, ui)}"
    return [Page(src, title, body) for src in dict.fromkeys(["index.md", *srcs])]


def error_tree(err: ContentErrors, lang: str, labels: dict[str, Any], directory_urls: bool, srcs: list[str],
               docs: Path) -> Tree:
    """Return the one-page site listing the problems, as a tree like any edition's (``docs``: its pages)."""
    ctx = error_context(labels, directory_urls)
    ui = labels["ui"]
    pages = error_pages(err, ui, srcs)
    return Tree(ctx=ctx, docs=docs, pages=pages, nav=[{pages[0].title: "index.md"}],
                site={"site_name": html.escape(ctx.settings.program.name), "site_description": ui["site_description"],
                      "site_url": None},
                theme={"language": lang, "logo": None, "favicon": None},
                toggles=toggle_names(ui),
                extra={"alternate": False, "org": ctx.settings.model_dump(), "handbook": ctx,
                       "handbook_errors": error_html(err, ui)},
                files={})
