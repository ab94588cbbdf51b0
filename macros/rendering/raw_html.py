"""Hand the generated pages' HTML blocks to Python-Markdown as the HTML they already are.

A generated page is mostly HTML the engine wrote (checklists, forms, session fields) between
Markdown headings. Python-Markdown's raw-HTML step reads every tag of it again with Python's HTML
parser, only to set each block aside unchanged: at 3,000 pages a tenth of the build. The engine
knows its blocks are well formed, so this step sets them aside itself, exactly as that step would
(same stash entries, same text around them), and leaves it the Markdown. Anything it does not
recognise with certainty (a comment, a script, an unclosed tag, text right after a block) ends its
work on the page: the rest goes to Python-Markdown's own step as before.
tests/test_raw_html.py converts every generated page of the fixture curricula both ways.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.htmlparser import blank_line_re
from markdown.preprocessors import Preprocessor

# One tag as the engine writes it: attribute values in double quotes, or bare attribute names.
_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z][a-zA-Z0-9_:.-]*(?:="[^"<]*")?)*)\s*(/?)>')
_BLOCK_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
_VOID = frozenset({"area", "base", "br", "col", "embed", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
# Python-Markdown treats these apart: hr as an empty block; Python's parser reads script and style as text.
_REFUSED = frozenset({"hr", "script", "style"})


class RawHtml(Preprocessor):
    """Set aside the leading well-formed HTML blocks of a generated page (before Python-Markdown's html_block)."""

    def __init__(self, md: Markdown, extension: GeneratedHtml) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        if not self.extension.active:
            return lines
        return set_aside(self.md, "\n".join(lines)).split("\n")


def set_aside(md: Markdown, text: str) -> str:
    """Return ``text`` with each recognised HTML block replaced as Python-Markdown's html_block step replaces it."""
    out: list[str] = []
    pos = 0
    while (start := _next_block(md, text, pos)) is not None:
        region = _region(md, text, start)
        if region is None:
            break  # from here on Python-Markdown decides, as for any page
        end, stashed = region
        out.append(text[pos:start])
        out.append(stashed)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _next_block(md: Markdown, text: str, pos: int) -> int | None:
    """Return where the next HTML block starts: a block-level tag at the start of a line after a blank line.

    None if a "<" comes first anywhere else (Markdown with HTML in it: not ours to judge).
    """
    lt = text.find("<", pos)
    if lt < 0:
        return None
    after_blank = lt == 0 or text.endswith("\n\n", 0, lt)
    return lt if after_blank and _starts_block(md, text, lt) else None


def _starts_block(md: Markdown, text: str, pos: int) -> bool:
    """Tell whether a block-level element Python-Markdown keeps as raw HTML starts at ``pos``."""
    match = _BLOCK_START.match(text, pos)
    name = match[1].lower() if match else ""
    return bool(name) and md.is_block_level(name) and name not in _REFUSED


def _region(md: Markdown, text: str, start: int) -> tuple[int, str] | None:
    """Read the blocks from ``start`` on; return (end, replacement), or None if unsure.

    A block ends where its first element closes, at the end of a line. Another block may start on
    the next line. The replacement is what html_block writes: each block stashed (with a line
    break if a blank line follows it), a line break before its placeholder and two after; the line
    break between two blocks stays.
    """
    pieces: list[str] = []
    pos = start
    while True:
        end = _element_end(text, pos)
        if end is None:
            return None
        blank_follows = _blank_line_follows(text, end)
        if not blank_follows and text[end:end + 1] not in ("\n", ""):
            return None  # text after the closing tag: Python-Markdown reads it its own way
        pieces.append("\n" + md.htmlStash.store(text[pos:end] + ("\n" if blank_follows else "")) + "\n\n")
        if blank_follows or not _starts_block(md, text, end + 1):
            return end, "".join(pieces)
        pieces.append("\n")
        pos = end + 1


def _blank_line_follows(text: str, end: int) -> bool:
    """Tell whether a blank line follows ``end``, as html_block tells: by its own pattern, on the next two lines.

    Only those two lines are handed to the pattern: a copy of the rest of a page for each block
    would make a long page (the print bundle) cost the square of its length.
    """
    first = text.find("\n", end)
    second = text.find("\n", first + 1) if first >= 0 else -1
    return second >= 0 and blank_line_re.match(text[end:second + 1]) is not None


def _element_end(text: str, pos: int) -> int | None:
    """Return the end of the element starting at ``pos`` if all of it is well formed, else None."""
    stack: list[str] = []
    while True:
        tag = _TAG.match(text, pos)
        if tag is None:
            return None
        closing, name, attributes, self_closing = tag.groups()
        name = name.lower()  # as Python's parser reads it
        if name in _REFUSED or self_closing or "markdown" in attributes:  # md_in_html's switch: not ours
            return None
        if closing:
            if not stack or stack.pop() != name:
                return None
        elif name not in _VOID:
            stack.append(name)
        pos = tag.end()
        if not stack:
            return pos
        lt = text.find("<", pos)
        if lt < 0 or not _plain_data(text[pos:lt]):
            return None
        pos = lt


def _plain_data(data: str) -> bool:
    """Tell whether text between tags is passed on unchanged: every "&" starts a complete reference."""
    return "&" not in data or data.count("&") == len(_ENTITY.findall(data))


class GeneratedHtml(Extension):
    """The extension the plugin adds to mkdocs' Markdown settings; ``active`` says when a generated page is read."""

    def __init__(self) -> None:
        super().__init__()
        self.active = False  # True while a generated page is converted (the plugin sets it per page)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(RawHtml(md, self), "rm_generated_html", 21)  # before html_block (20)
