"""The hand-written pages in docs/: the same {org}-style placeholders as the curriculum, checked.

Readers of a fork edit these pages too, so they get the placeholder syntax they know from the
YAML modules, and every mistake is named with file and line before the build starts. Jinja
(`{{ … }}`) stays available on pages with `render_macros: true`, for developers; a name Jinja
would not know is reported here instead of as a traceback from mkdocs-macros.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import jinja2.meta

from macros.errors import ContentError
from macros.journeys import start_page_links
from macros.messages import say
from macros.pages import GROUPS
from macros.text import PLACEHOLDER, md_escape

if TYPE_CHECKING:
    from macros.curriculum import Curriculum

# Names mkdocs-macros itself gives every page (besides ours from define_env).
MACROS_NAMES = {"config", "environment", "plugin", "git", "page", "navigation", "files", "macros_info", "now",
                "fix_url", "context", "extra", "site_name"}
# Code is where a page shows the placeholder syntax itself: never substituted there.
_CODE = re.compile(r"(^```.*?^```|`[^`\n]*`)", re.S | re.M)
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


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
    """Return what Jinja on a docs page may use (mkdocs-macros' define_env exposes exactly this)."""
    escaped = {k: md_escape(v) for k, v in values.items()}  # settings are YAML too: shown as typed
    return {
        "org": escaped["org"],
        "program": escaped["program"],
        "p": escaped,
        "labels": labels,
        "curriculum": curriculum,
        "groups": {labels["groups"][g]: [k for k in kinds if curriculum.of_kind(k)] for g, kinds in GROUPS.items()},
        "journeys": start_page_links(curriculum, labels, values),
    }


JINJA_NAMES = {"org", "program", "p", "labels", "curriculum", "groups", "journeys"}


def problems(docs: Path, shown: str, placeholders: set[str], jinja_names: set[str] = JINJA_NAMES
             ) -> list[ContentError]:
    """Check every page of an edition's docs folder: a start page, placeholders, Jinja names and syntax."""
    if not (docs / "index.md").is_file():
        return [ContentError(f"{shown}/index.md", 1, 1, None, say("docs_start_missing", lang=docs.name))]
    found = []
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        name = f"{shown}/{path.relative_to(docs).as_posix()}"
        found += _unknown_placeholders(text, name, placeholders)
        front = _FRONT.match(text)
        if front and re.search(r"^render_macros:\s*true\s*$", front.group(1), re.M):
            found += _jinja_problems(text, name, jinja_names | MACROS_NAMES)
    return found


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _unknown_placeholders(text: str, name: str, known: set[str]) -> list[ContentError]:
    listed = ", ".join("{" + p + "}" for p in sorted(known))
    return [ContentError(name, _line(text, start + m.start()), 1, None,
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
        return [ContentError(name, err.lineno or 1, 1, None, say("docs_jinja_syntax", detail=err.message))]
    errors = []
    for unknown in sorted(names - known):
        at = re.search(r"\{[{%][^}]*\b" + re.escape(unknown) + r"\b", text)
        errors.append(ContentError(name, _line(text, at.start()) if at else 1, 1, None,
                                   say("docs_jinja_name", name=unknown)))
    return errors
