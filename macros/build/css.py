"""A reader for minified stylesheets: blocks, lists split where they split, the names a selector needs.

Enough of CSS for Material's stylesheets and ours (macros/build/theme_assets.py cuts them): rules,
at-rules that hold rules (@media, @supports) and at-rules kept whole (@font-face, @keyframes,
@page). Strings and escapes are skipped whole, so a brace or a comma inside one splits nothing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# One simple selector; a functional pseudo-class's argument is skipped by the caller.
_SIMPLE = re.compile(r"""
    \.(?P<cls>-?[A-Za-z_][\w-]*)
  | \#(?P<id>-?[A-Za-z_][\w-]*)
  | \[\s*[\w:|-]+\s*(?:(?P<op>[~|^$*]?=)\s*(?P<val>"[^"]*"|'[^']*'|[^\]\s]+)\s*(?:[isIS]\s*)?)?\]
  | ::?[\w-]+(?P<fn>\()?
  | [A-Za-z][\w-]*
  | \*
""", re.X)


@dataclass
class Block:
    """One rule or at-rule: its prelude and either declarations (``body``) or nested blocks."""

    prelude: str
    body: str | None = None
    children: list[Block] | None = None

    def text(self) -> str:
        if self.children is not None:
            return self.prelude + "{" + "".join(child.text() for child in self.children) + "}"
        return self.prelude + ("" if self.body is None else "{" + self.body + "}")


def rewritten(blocks: Iterable[Block], leaf: Callable[[Block], Block | None]) -> list[Block]:
    """Return the blocks with ``leaf`` applied to each block that nests none (None drops it); a
    nesting block left without children is dropped too."""
    kept = []
    for block in blocks:
        if block.children is not None:
            if children := rewritten(block.children, leaf):
                kept.append(Block(block.prelude, children=children))
        elif (new := leaf(block)) is not None:
            kept.append(new)
    return kept


# What a scan stops at: strings and escapes are skipped whole, then brackets and separators.
_SIGNIFICANT = re.compile(r"\"(?:\\.|[^\"\\])*\"?|'(?:\\.|[^'\\])*'?|\\.|[()\[\]{};,]", re.S)

# At-rules whose block holds rules; any other block (@font-face, @page, @keyframes) is kept whole.
_NESTING = ("@media", "@supports", "@layer", "@container", "@scope", "@document")


def parse(css: str) -> list[Block]:
    """Return the top-level blocks of a stylesheet, comments left out."""
    return _blocks(without_comments(css), 0)[0]


def without_comments(css: str) -> str:
    strings_or_comments = re.compile(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|/\*.*?\*/", re.S)
    return strings_or_comments.sub(lambda m: "" if m.group().startswith("/*") else m.group(), css)


def _blocks(css: str, position: int) -> tuple[list[Block], int]:
    """Read blocks from ``position`` up to the brace that closes them; return them and where that ends."""
    blocks: list[Block] = []
    while True:
        end, char = _next(css, position, "{};")
        prelude = css[position:end].strip()
        if char in ("}", ""):
            if prelude:
                blocks.append(Block(prelude))
            return blocks, end + 1
        if char == ";":
            blocks.append(Block(prelude + ";"))
            position = end + 1
        elif prelude.lower().startswith(_NESTING):
            children, position = _blocks(css, end + 1)
            blocks.append(Block(prelude, children=children))
        else:
            close = _closing(css, end)
            blocks.append(Block(prelude, body=css[end + 1:close]))
            position = close + 1


def _next(css: str, position: int, stops: str) -> tuple[int, str]:
    """Return where the next of ``stops`` stands outside strings and parentheses, and which it is."""
    depth = 0
    for match in _SIGNIFICANT.finditer(css, position):
        char = match.group()
        if len(char) > 1:
            continue  # a string or an escaped character
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0 and char in stops:
            return match.start(), char
    return len(css), ""


def _closing(css: str, opening: int) -> int:
    """Return the index of the brace that closes the one at ``opening``."""
    level, position = 0, opening
    while True:
        position, char = _next(css, position, "{}")
        if not char:
            return len(css)
        level += 1 if char == "{" else -1
        if level == 0:
            return position
        position += 1


def split(text: str, separator: str) -> list[str]:
    """Split at ``separator`` where it stands outside strings, parentheses and brackets."""
    parts, start = [], 0
    while True:
        end, char = _next(text, start, separator)
        parts.append(text[start:end])
        if not char:
            return parts
        start = end + 1


@functools.cache  # a selector list repeats its parts; the names wanted and the cut ask for the same ones
def required(selector: str) -> tuple[str, ...] | None:
    """Return the class names, ids and attribute values a selector needs; None if it is not understood."""
    names: list[str] = []
    depth, position = 0, 0
    while position < len(selector):
        char = selector[position]
        if char in "()":
            depth += 1 if char == "(" else -1
            position += 1
        elif depth or char in ">+~ \t\n":
            position += 1
        elif (match := _SIMPLE.match(selector, position)) is None:
            return None
        else:
            names.extend(name for name in (match["cls"], match["id"], _exact_value(match)) if name)
            position = match.end() - (1 if match["fn"] else 0)
    return tuple(names)


def _exact_value(match: re.Match[str]) -> str | None:
    """The value an attribute selector asks for whole (``[dir=rtl]``, ``[class~=x]``), not a part of it."""
    value = (match["val"] or "").strip("\"'")
    return value if match["op"] in ("=", "~=") and re.fullmatch(r"[\w-]+", value) else None


def rules(blocks: Iterable[Block]) -> Iterable[Block]:
    for block in blocks:
        if block.children is not None:
            yield from rules(block.children)
        elif block.body is not None and not block.prelude.startswith("@"):
            yield block
