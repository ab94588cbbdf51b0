"""Name the mistake behind a YAML syntax error, in the words of the person who made it.

The parser says where it gave up ("mapping values are not allowed in this context", a line
after a stray quote). The people who edit a handbook make a handful of mistakes over and over:
a tab for indentation, a colon in unquoted text, a Word quote closing a straight one, no space
after a colon. Each is recognised here by looking at the lines up to where the parser stopped,
and reported at the line where it was made, with what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TYPOGRAPHIC = "„“”‚‘’«»"
_INDENT_TAB = re.compile(r"^ *\t")
_KEY = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[A-Za-z_][\w-]*):(?P<rest>.*)$")
_NO_SPACE_AFTER_COLON = re.compile(r"^ *(?:- +)?[a-z_]+:[^\s/]")


@dataclass(frozen=True)
class Hint:
    """A recognised mistake: the message key, the 1-based line, and values for the message."""

    key: str
    line: int
    values: dict[str, str]


def _quote_mismatch(rest: str) -> str | None:
    """Return the stray typographic quote if a value opens with a straight quote but closes with another."""
    value = rest.strip()
    if value and value[0] in "\"'" and value.count(value[0]) == 1:
        stray = next((ch for ch in reversed(value) if ch in TYPOGRAPHIC), None)
        return stray
    return None


_PAIRS = {"„": "“", "“": "”", "”": "”", "‚": "‘", "‘": "’", "»": "«", "«": "»"}


def typographic_wrap(value: str) -> str | None:
    """Return the quote pair if a whole one-line value sits in typographic quotes (they would show)."""
    value = value.strip()
    if len(value) > 2 and value[0] in _PAIRS and value[-1] in (_PAIRS[value[0]], "“", "”", "’", "‘") \
            and "\n" not in value:
        return value[0] + "…" + value[-1]
    return None


def explain(text: str, error_line: int) -> Hint | None:
    """Return the first known mistake on the lines up to ``error_line`` (1-based), if any."""
    lines = text.splitlines()[: max(error_line, 1)]
    for number, line in enumerate(lines, 1):
        if _INDENT_TAB.match(line):
            return Hint("yaml_tab", number, {})
        key = _KEY.match(line)
        if key is None:
            continue
        rest = key.group("rest")
        stray = _quote_mismatch(rest)
        if stray:
            return Hint("yaml_quote_mismatch", number, {"stray": stray})
        if rest and not rest.startswith((" ", "\t")) and _NO_SPACE_AFTER_COLON.match(line):
            return Hint("yaml_space_after_colon", number, {"key": key.group("key")})
        value = rest.strip()
        if value and value[0] in TYPOGRAPHIC and ": " in value:
            return Hint("yaml_typographic_quotes", number, {"key": key.group("key")})
        if value and value[:1] not in "\"'|>[{" and re.search(r":(?: |$)", value):
            return Hint("yaml_colon_in_text", number, {"key": key.group("key"), "value": value})
    return None
