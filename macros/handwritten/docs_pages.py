"""The hand-written pages in docs/: the same {org}-style placeholders as the curriculum, checked.

Readers of a fork edit these pages too, so they get the placeholder syntax they know from the
YAML modules, and every mistake is named with file and line before the build starts. Jinja
(`{{ … }}`, `{% for … %}`) works on every page, in jinja2's sandbox with plain data only
(macros/handwritten/docs_sandbox.py); the front matter is checked (macros/handwritten/front_matter.py), raw HTML that
would run or navigate is refused where it stands, and the page's HTML goes through nh3 like
every module text (macros/rendering/sanitize.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import jinja2.meta

from macros.base.errors import ContentError, ContentErrors
from macros.base.messages import say
from macros.base.positions import line_at
from macros.handwritten import front_matter
from macros.handwritten.docs_sandbox import has_jinja, of_kind_function, render
from macros.organization.placeholders import PLACEHOLDER
from macros.reader.loader import for_developers
from macros.rendering.journeys import start_page_links
from macros.rendering.pages import GROUPS
from macros.rendering.text import md_escape

if TYPE_CHECKING:
    from macros.content.curriculum import Curriculum

# Code is where a page shows the placeholder syntax itself: never substituted there.
_CODE = re.compile(r"(^```.*?^```|`[^`\n]*`)", re.S | re.M)
# Raw HTML a page may not hold (nh3 would remove it; a page that asks for it is told where).
# A script address only where an address stands (a Markdown link or reference, an attribute): the
# word "JavaScript:" in a sentence is prose.
_ACTIVE_HTML = re.compile(r"<\s*(?:script|iframe|frame|frameset|object|embed|applet|meta|link|base|style|form"
                          r"|input|button|textarea|select|template|svg|math)\b|<[a-z][^>]*\son[a-z]+\s*="
                          r"|(?:\]\(\s*<?|^[ \t]*\[[^\]\n]+\]:[ \t]*<?|=\s*[\"']?)\s*(?:java|vb)script\s*:",
                          re.I | re.M)


def _outside_code(text: str) -> list[tuple[int, str]]:
    """Return (offset, piece) for the parts of ``text`` that are not code."""
    pieces, start = [], 0
    for match in _CODE.finditer(text):
        pieces.append((start, text[start:match.start()]))
        start = match.end()
    return pieces + [(start, text[start:])]


def substitute(text: str, values: dict[str, str]) -> str:
    """Fill in known {name} placeholders outside code, escaped for Markdown."""
    safe = {name: str(md_escape(value)) for name, value in values.items()}
    parts, last = [], 0
    for match in _CODE.finditer(text):
        parts += [PLACEHOLDER.sub(lambda m: safe.get(m.group(1), m.group(0)), text[last:match.start()]),
                  match.group(0)]
        last = match.end()
    parts.append(PLACEHOLDER.sub(lambda m: safe.get(m.group(1), m.group(0)), text[last:]))
    return "".join(parts)


def page_variables(labels: dict[str, Any], curriculum: Curriculum, values: dict[str, str]) -> dict[str, Any]:
    """Return what Jinja on a docs page may use: plain data only (strings, lists, dicts, one function)."""
    escaped = {k: md_escape(v) for k, v in values.items()}  # settings are YAML too: shown as typed
    modules = {kind: [{"id": e.id, "title": md_escape(e.module.title)} for e in curriculum.of_kind(kind)]
               for kind in {entry.kind for entry in curriculum.entries.values()}}
    return {
        "org": escaped["org"],
        "program": escaped["program"],
        "p": escaped,
        "labels": labels,
        "curriculum": {"of_kind": of_kind_function(modules)},
        "groups": {labels["groups"][g]: [k for k in kinds if curriculum.of_kind(k)] for g, kinds in GROUPS.items()},
        "journeys": start_page_links(curriculum, labels, values),
    }


JINJA_NAMES = {"org", "program", "p", "labels", "curriculum", "groups", "journeys"}


def problems(docs: Path, shown: str, placeholders: set[str], variables: dict[str, Any] | None = None,
             templates: frozenset[str] = frozenset()) -> list[ContentError]:
    """Check every page of an edition's docs folder: a start page, encoding, front matter, raw HTML,
    placeholders and Jinja (evaluated in the sandbox when ``variables`` are given, else its names)."""
    if not (docs / "index.md").is_file():
        return [ContentError(f"{shown}/index.md", 1, 1, None, say("docs_start_missing", lang=docs.name))]
    found = []
    for path in sorted(docs.rglob("*.md")):
        name = f"{shown}/{path.relative_to(docs).as_posix()}"
        if path.is_symlink():
            continue  # reported by macros/handwritten/input_files.py, never read
        text, problem = _read(path, name)
        if problem is not None:
            found.append(problem)
            continue
        found += front_matter.problems(text, name, set(templates))
        body, first_line = front_matter.body_start(text)
        found += _active_html(body, name, first_line)
        found += _unknown_placeholders(text, name, placeholders)
        if has_jinja(body):
            # Unknown names first, each where it stands; a page that names only known ones is
            # evaluated as the build will, which finds what names alone cannot (a missing field).
            unknown = _jinja_problems(text, name, JINJA_NAMES)
            found += unknown or (render(body, variables, name, first_line)[1] if variables is not None else [])
    return found


def _read(path: Path, shown: str) -> tuple[str, ContentError | None]:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as err:
        message = say("not_utf8", byte=f"{raw[err.start]:02x}")
        return "", ContentError(shown, line_at(raw, err.start), 1, None, message)


def _active_html(body: str, shown: str, first_line: int) -> list[ContentError]:
    return [ContentError(shown, first_line - 1 + line_at(body, start + m.start()), 1, None,
                         say("docs_active_html", found=m.group().strip()[:40]))
            for start, piece in _outside_code(body) for m in _ACTIVE_HTML.finditer(piece)]


def render_page(markdown: str, variables: dict[str, Any], values: dict[str, str], shown: str) -> str:
    """Return a page's Markdown with its Jinja evaluated in the sandbox and its {name} placeholders filled in.

    The build checked every page first (``problems``), so a failure here is reported, never swallowed.
    """
    rendered, errors = render(markdown, variables, shown)
    if errors:
        raise ContentErrors(errors)
    return substitute(rendered, values)


def _unknown_placeholders(text: str, name: str, known: set[str]) -> list[ContentError]:
    listed = ", ".join("{" + p + "}" for p in sorted(known))
    return [ContentError(name, line_at(text, start + m.start()), 1, None,
                         say("docs_placeholder", bad=m.group(0), known=listed))
            for start, piece in _outside_code(text) for m in PLACEHOLDER.finditer(piece) if m.group(1) not in known]


# A page whose Jinja only prints variables or quoted text, `{{ name }}`, `{{ name.attr }}`,
# `{{ '{{ … }}' }}`, reads exactly those names: found by one regex, without Jinja's parser and
# compiler, which cost more than every other check of a page (tests/test_docs_pages.py compares
# both ways). Any other Jinja takes Jinja's way.
_JINJA_START = re.compile(r"\{[{%#]")
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_PRINTED = re.compile(rf"""\{{\{{-?\s*(?:({_NAME})(?:\.{_NAME})*|'[^'\\]*'|"[^"\\]*")\s*-?\}}\}}""")
_NOT_NAMES = {"true", "false", "none", "True", "False", "None", "not", "and", "or", "in", "is", "if", "else"}


def printed_names(text: str) -> set[str] | None:
    """Return the names read by a text whose Jinja only prints; None for any other Jinja."""
    names = set()
    start = _JINJA_START.search(text)
    while start:
        # As Jinja's lexer reads: text up to the next delimiter, then the whole tag (quotes may hold `}}`).
        printed = _PRINTED.match(text, start.start())
        if printed is None or printed.group(1) in _NOT_NAMES:
            return None
        if printed.group(1):
            names.add(printed.group(1))
        start = _JINJA_START.search(text, printed.end())
    return names


def undeclared_names(text: str) -> set[str]:
    """Return the names Jinja reads from outside a text; raise jinja2.TemplateSyntaxError if it is not Jinja."""
    env = jinja2.Environment()
    names = printed_names(text)
    if names is not None:
        return names - set(env.globals)  # range, dict, …: Jinja's own, never undeclared
    return jinja2.meta.find_undeclared_variables(env.parse(text))


def _jinja_problems(text: str, name: str, known: set[str]) -> list[ContentError]:
    try:
        names = undeclared_names(text)
    except jinja2.TemplateSyntaxError as err:
        return [ContentError(name, err.lineno or 1, 1, None, say("docs_jinja_syntax")
                                   + for_developers(str(err.message), "jinja_for_developers"))]
    errors = []
    for unknown in sorted(names - known):
        at = re.search(r"\{[{%][^}]*\b" + re.escape(unknown) + r"\b", text)
        errors.append(ContentError(name, line_at(text, at.start()) if at else 1, 1, None,
                                   say("docs_jinja_name", name=unknown)))
    return errors
