"""The front matter of a hand-written page: the few keys the theme reads, checked like a module.

Material prints `title` and `subtitle` as they are (navigation, header, search), takes
`template` and `icon` as paths into the theme, and mkdocs-macros ran any page that asked
for it (`render_macros`) through unsandboxed Jinja. So a page's front matter is data with a
schema: plain-text titles, known values elsewhere, any other key a located message, and a
block that does not parse is an error instead of text on the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from macros.base.errors import ContentError, ContentErrors
from macros.base.messages import say
from macros.base.positions import line_at
from macros.reader.loader import Document, parse
from macros.schema.field_types import Line, Strict
from macros.schema.validation import validate

# How mkdocs finds front matter (mkdocs/utils/meta.py): a YAML block between "---" lines at the
# very start, or else "Key: value" lines (MultiMarkdown) up to the first blank line.
YAML_BLOCK = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_MULTIMARKDOWN = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
ICON_PATTERN = r"^(?:material|fontawesome|octicons|simple)(?:/[a-z0-9-]+)+$"
# The page templates a page may ask for: Material's own, and any a developer adds to overrides/.
PAGE_TEMPLATES = frozenset({"main.html"})


class Search(Strict):
    exclude: bool = Field(False, description="Leave the page out of the search index.")


class FrontMatter(Strict):
    """What a hand-written page may set between its two `---` lines."""

    title: Line | None = Field(None, description="The page's title in navigation and browser tab (plain text).")
    subtitle: Line | None = Field(None, description="A line under the title in the navigation (plain text).")
    description: Line | None = Field(None, description="The page's summary for search engines (plain text).")
    hide: list[Literal["navigation", "toc", "footer", "path", "feedback", "tags"]] = Field(
        default_factory=list, description="Parts of the theme to leave out on this page.")
    icon: Annotated[str, StringConstraints(pattern=ICON_PATTERN)] | None = Field(
        None, description="An icon of the theme, e.g. material/school.")
    template: str | None = Field(None, description="A page template of the theme or of overrides/.")
    search: Search | None = None


def page_templates(root: Path) -> frozenset[str]:
    """Return the page templates a developer added to overrides/ (404.html is the theme's, not a page's)."""
    return frozenset(p.name for p in (root / "overrides").glob("*.html") if p.name != "404.html")


def body_start(text: str) -> tuple[str, int]:
    """Return the page without its YAML front matter, and the file's line where that body starts."""
    block = YAML_BLOCK.match(text)
    if block is None:
        return text, 1
    rest = text[block.end():]
    body = rest.lstrip("\n")
    return body, line_at(text, len(text) - len(body))


def problems(text: str, shown: str, templates: set[str]) -> list[ContentError]:
    """Return what is wrong with a page's front matter, each with file and line."""
    block = YAML_BLOCK.match(text)
    if block is None:
        return _multimarkdown(text, shown)
    try:
        # One blank line before the block, so that lines count as in the file (the "---" is line 1).
        data, positions = parse("\n" + block.group(1), shown)
    except ContentErrors as err:
        return list(err.errors)
    except ContentError as err:
        return [err]
    if not isinstance(data, dict):
        return [ContentError(shown, 2, 1, None, say("front_matter_not_fields"))]
    # render_macros gets its own message (what to do instead), not "unknown key" as well.
    doc = Document(Path(shown), {k: v for k, v in data.items() if k != "render_macros"}, positions)
    found = validate(doc, FrontMatter, shown)[1]
    if "render_macros" in data:
        found.insert(0, ContentError(shown, doc.where(("render_macros",))[0], 1, "render_macros",
                                     say("front_matter_render_macros")))
    template = data.get("template")
    if isinstance(template, str) and template not in PAGE_TEMPLATES | templates:
        known = ", ".join(sorted(PAGE_TEMPLATES | templates))
        found.append(ContentError(shown, doc.where(("template",))[0], 1, "template",
                                  say("front_matter_template", name=template, known=known)))
    return found


def _multimarkdown(text: str, shown: str) -> list[ContentError]:
    # mkdocs reads "Key: value" lines at the very top as page settings and hides them from the
    # page: a first line like "Hinweis: …" would silently vanish. Say so instead.
    first = text.split("\n", 1)[0]
    match = _MULTIMARKDOWN.match(first)
    if match is None:
        return []
    return [ContentError(shown, 1, 1, None, say("front_matter_multimarkdown", line=first.strip()[:60]))]


def shown_by_theme(meta: Mapping[str, Any]) -> dict[str, Any]:
    """Return front matter as the theme may print it: title and subtitle escaped (Material prints them raw)."""
    safe = dict(meta)
    for key in ("title", "subtitle"):
        if isinstance(safe.get(key), str):
            safe[key] = html.escape(safe[key])
    return safe
