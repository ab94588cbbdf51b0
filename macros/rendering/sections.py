"""A module page without a template of its own: its fields as sections, each in a fixed style.

Most kinds (basics, roles, challenges, ...) have no page template: each filled field becomes a
heading and its value shown in one of a few styles. Rendered by plain functions, not Jinja: such
a page is a few dozen small pieces, and Jinja's macro calls cost more than the pieces themselves
(with 1,400 modules, a tenth of a second of every build). Every value is escaped with
markupsafe.escape exactly where Jinja's autoescape would escape it: converted YAML text is Markup
and passes, any other text is escaped.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any, Protocol

from markupsafe import Markup, escape

from macros.content.curriculum import Curriculum, Entry
from macros.schema.field_types import RefTo

ORDERED = {"how", "remedies"}  # lists whose order is the point: rendered numbered
SKIPPED = {"title", "summary", "order", "journey_title"}


class Converters(Protocol):
    """YAML text to safe HTML (render._Converters): md for blocks, inline for one paragraph, mdesc for headings."""

    @property
    def md(self) -> Callable[[str], Markup]: ...

    @property
    def inline(self) -> Callable[[str], Markup]: ...

    @property
    def mdesc(self) -> Callable[[str], Markup]: ...


def sections(entry: Entry, curriculum: Curriculum, labels: dict[str, Any]) -> list[dict[str, Any]]:
    """Describe each filled field of a module as a heading plus one display style."""
    out = []
    for name, info in type(entry.module).model_fields.items():
        value = getattr(entry.module, name)
        if name in SKIPPED or value in (None, [], ""):
            continue
        if any(isinstance(m, RefTo) for m in info.metadata):
            style, value = "refs", [curriculum.entries[i] for i in value]
        elif name == "tasks":
            style, value = "tasks", [(curriculum.entries[t.role], t.items) for t in value]
        elif typing.get_origin(info.annotation) is typing.Literal:
            style, value = "label", labels.get(name, {}).get(value, value)
        elif isinstance(value, list):
            style = "ordered" if name in ORDERED else "list"
        else:
            style = "text"
        out.append({"name": name, "heading": labels["headings"][name], "style": style, "value": value})
    # "See also" closes a page, after the kind's own sections.
    return sorted(out, key=lambda s: s["name"] == "see_also")


def refs(entries: list[Entry], link: Callable[[str], str], convert: Converters, labels: dict[str, Any]) -> Markup:
    """Return links to modules, each with its kind (also the templates' ``refs``)."""
    items = "".join([f'<li><a href="{escape(link(f"{e.kind}/{e.id}.md"))}">{escape(convert.inline(e.module.title))}'
                     f'</a> <span class="rm-ref-kind">{escape(labels["kinds"][e.kind]["title"])}</span></li>\n'
                     for e in entries])
    return Markup(f'<ul class="rm-refs">\n{items}</ul>\n')


def _items(values: list[str], convert: Converters) -> str:
    return "".join([f"<li>{escape(convert.inline(v))}</li>\n" for v in values])


def _section(section: dict[str, Any], link: Callable[[str], str], convert: Converters,
             labels: dict[str, Any]) -> str:
    style, value = section["style"], section["value"]
    if style == "text":
        return f'<div class="rm-text">{escape(convert.md(value))}</div>\n'
    if style == "label":
        return f'<p class="rm-value">{escape(value)}</p>\n'
    if style == "ordered":
        return f'<ol class="rm-steps">\n{_items(value, convert)}</ol>\n'
    if style == "list":
        return f'<ul class="rm-list">\n{_items(value, convert)}</ul>\n'
    if style == "refs":
        return f"{refs(value, link, convert, labels)}\n"
    tasks = "".join([f'<dt><a href="{escape(link(f"journeys/{role.id}.md"))}">'
                     f'{escape(convert.inline(role.module.title))}</a></dt>\n'
                     f'<dd><ul class="rm-list">\n{_items(items, convert)}</ul></dd>\n'
                     for role, items in value])
    return f'<dl class="rm-tasks">\n{tasks}</dl>\n'


def page(entry: Entry, curriculum: Curriculum, labels: dict[str, Any], convert: Converters,
         link: Callable[[str], str], computed: str) -> str:
    """Return the Markdown of a module's page: title, summary, then one section per filled field.

    ``computed`` is the sentence with a role's hours computed from the session templates ('' for none).
    """
    m = entry.module
    out = [f'# {escape(convert.mdesc(m.title))}\n\n<p class="rm-summary">{escape(convert.inline(m.summary))}</p>\n\n']
    for section in sections(entry, curriculum, labels):
        out.append(f"## {escape(section['heading'])}\n\n{_section(section, link, convert, labels)}\n")
        if section["name"] == "time_commitment" and computed:
            out.append(f'<p class="rm-computed">{escape(computed)}</p>\n')
        out.append("\n")
    return "".join(out)
