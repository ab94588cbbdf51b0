"""Material's assets made lighter for a phone: its stylesheets cut per site, its bundle named for the template.

Material ships one stylesheet for every feature it has (blog, tabs, code annotations, right-to-left
scripts, twenty colour palettes), and a browser paints nothing before it has downloaded and parsed
all of it. A rule is kept when every class, id and attribute value its selector names occurs in the
site: in an attribute of a built page, or as a word of one of the site's scripts (Material makes its
search results, tooltips and dialogs in JavaScript; a name a script assembles at run time, such as
`md-tag--${type}`, keeps every name that starts the same way). What a selector names only inside
`:not()`, `:is()` and the like is not required, element and attribute names never are, and a
selector this reader does not understand is kept. A custom property is kept when something refers
to it. The result can only keep more than a page needs, never less.

`./handbook build` cuts the built site after mkdocs, before the downloads are printed:

    python -m macros.build.theme_assets SITE
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

# Material's own stylesheets in a built site (ours are short and written by hand: left alone).
THEME_STYLESHEETS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
_THEME_BUNDLE = re.compile(r"assets/javascripts/bundle\.\w+\.min\.js")

_VALUE = re.compile(r'="([^"]*)"')  # every double-quoted attribute value: classes, ids, data-md-*
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_WORD = re.compile(r"--[\w-]+|[A-Za-z_][\w-]*")
# In a script, the text just before `${` in a template literal: the start of a name made at run time.
_TEMPLATE_PREFIX = re.compile(r"([A-Za-z_][\w-]*)\$\{")
_PROPERTY = re.compile(r"\s*(--[\w-]+)\s*:")
_DEFINES = re.compile(r"(?:^|;)\s*--")

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
class Vocabulary:
    """The names the site's pages and scripts use, out of those the stylesheets ask for (``wanted``)."""

    wanted: frozenset[str]
    found: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)

    def add_page(self, html: str) -> None:
        """Take the names of one rendered page: its attribute values and the custom properties it uses."""
        # One split of all distinct values: most pages repeat the same classes many times.
        words = set(" ".join(set(_VALUE.findall(html))).split())
        self.found |= (words | set(_VAR.findall(html))) & self.wanted

    def add_script(self, text: str) -> None:
        """Take every word of a script, and the start of every name it assembles at run time."""
        self.found |= set(_WORD.findall(text)) & self.wanted
        self.prefixes.update(_TEMPLATE_PREFIX.findall(text))

    def has(self, name: str) -> bool:
        return name in self.found or any(name.startswith(prefix) for prefix in self.prefixes)


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


# What a scan stops at: strings and escapes are skipped whole, then brackets and separators.
_SIGNIFICANT = re.compile(r"\"(?:\\.|[^\"\\])*\"?|'(?:\\.|[^'\\])*'?|\\.|[()\[\]{};,]", re.S)

# At-rules whose block holds rules; any other block (@font-face, @page, @keyframes) is kept whole.
_NESTING = ("@media", "@supports", "@layer", "@container", "@scope", "@document")


def parse(css: str) -> list[Block]:
    """Return the top-level blocks of a stylesheet, comments left out."""
    return _blocks(_without_comments(css), 0)[0]


def _without_comments(css: str) -> str:
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


def _split(text: str, separator: str) -> list[str]:
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


def wanted_names(css: str) -> set[str]:
    """Return every name a selector of ``css`` needs and every custom property it defines."""
    return _wanted(css)


def _wanted(css: str) -> set[str]:
    names = {name for block in _rules(_parsed(css)) for selector in _split(block.prelude, ",")
             for name in required(selector) or ()}
    return names | {match.group(1) for match in re.finditer(r"[{;]\s*(--[\w-]+)\s*:", css)}


def _rules(blocks: Iterable[Block]) -> Iterable[Block]:
    for block in blocks:
        if block.children is not None:
            yield from _rules(block.children)
        elif block.body is not None and not block.prelude.startswith("@"):
            yield block


def purge(blocks: Iterable[Block], present: Callable[[str], bool]) -> list[Block]:
    """Return the blocks without the selectors that name something absent, and without emptied blocks."""
    kept = []
    for block in blocks:
        if block.children is not None:
            if children := purge(block.children, present):
                kept.append(Block(block.prelude, children=children))
        elif block.body is None or block.prelude.startswith("@"):
            kept.append(block)
        elif selectors := ",".join(s for s in _split(block.prelude, ",") if _can_match(s, present)):
            kept.append(Block(selectors, body=block.body))
    return kept


def _can_match(selector: str, present: Callable[[str], bool]) -> bool:
    names = required(selector)
    return names is None or all(present(name) for name in names)


def without_unused_properties(blocks: list[Block], used: Callable[[str], bool]) -> list[Block]:
    """Return the blocks without declarations of custom properties nothing refers to."""
    kept = []
    for block in blocks:
        if block.children is not None:
            if children := without_unused_properties(block.children, used):
                kept.append(Block(block.prelude, children=children))
        elif block.body is None or block.prelude.startswith("@") or not _DEFINES.search(block.body):
            kept.append(block)
        elif body := ";".join(d for d in _split(block.body, ";") if not _unused_property(d, used)):
            kept.append(Block(block.prelude, body=body))
    return kept


def _unused_property(declaration: str, used: Callable[[str], bool]) -> bool:
    match = _PROPERTY.match(declaration)
    return match is not None and not used(match.group(1))


def _text(blocks: Iterable[Block]) -> str:
    return "".join(block.text() for block in blocks)


def purged(css: str, vocabulary: Vocabulary, elsewhere: str = "") -> str:
    """Return ``css`` without the rules no page of the site can use.

    ``elsewhere``: the site's other stylesheets, whose references keep a custom property defined here.
    """
    blocks, text = _cut(css, vocabulary)
    outside = frozenset(_VAR.findall(elsewhere))
    # A property may refer to another: drop unreferenced ones until every one left is used.
    while True:
        referenced = outside | frozenset(_VAR.findall(text))
        blocks = without_unused_properties(blocks, functools.partial(_is_used, referenced, vocabulary))
        thinner = _text(blocks)
        if thinner == text:
            return text
        text = thinner


def _cut(css: str, vocabulary: Vocabulary) -> tuple[list[Block], str]:
    blocks = purge(_parsed(css), vocabulary.has)
    return blocks, _text(blocks)


@functools.lru_cache(maxsize=4)
def _parsed(css: str) -> list[Block]:
    # The theme's stylesheets are read once for the names they want and once to be cut: one parse.
    return parse(css)


def _is_used(referenced: frozenset[str], vocabulary: Vocabulary, name: str) -> bool:
    return name in referenced or vocabulary.has(name)


def theme_stylesheets(root: Path) -> list[Path]:
    """Return Material's stylesheets under ``root`` (a theme folder or a built site)."""
    return sorted(path for pattern in THEME_STYLESHEETS for path in root.glob(pattern))


def purge_site(site: Path) -> list[Path]:
    """Cut Material's stylesheets in a built site down to what its pages and scripts use; return them.

    Each edition (site/, site/en/) has its own copy of the theme's assets and is cut to its own
    pages. A script counts where it lies in the edition's assets, except the search worker and its
    language files, which run apart from the page and make no markup.
    """
    roots = sorted({sheet.parents[2] for sheet in site.glob("**/" + THEME_STYLESHEETS[0])})
    cut = []
    for root in roots:
        others = [other for other in roots if other != root and other.is_relative_to(root)]
        cut += _purge_edition(root, others)
    return cut


def _purge_edition(root: Path, others: list[Path]) -> list[Path]:
    def own(path: Path) -> bool:
        return not any(path.is_relative_to(other) for other in others)

    vocabulary = Vocabulary(frozenset().union(*(_wanted(p.read_text(encoding="utf-8"))
                                                for p in theme_stylesheets(root))))
    for page in filter(own, root.rglob("*.html")):
        vocabulary.add_page(page.read_text(encoding="utf-8"))
    scripts = root / "assets" / "javascripts"
    for script in filter(own, scripts.rglob("*.js")):
        if script.relative_to(scripts).parts[0] not in ("workers", "lunr"):
            vocabulary.add_script(script.read_text(encoding="utf-8"))
    sheets = {path: path.read_text(encoding="utf-8") for path in filter(own, root.rglob("*.css"))}
    for sheet in theme_stylesheets(root):
        elsewhere = "".join(text for path, text in sheets.items() if path != sheet)
        sheet.write_text(purged(sheets[sheet], vocabulary, elsewhere), encoding="utf-8")
    return theme_stylesheets(root)


def theme_bundle(base_template: str) -> str:
    """Return the path of Material's bundle as its base template names it.

    overrides/main.html starts the bundle after the first paint (assets/javascripts/after-paint.js)
    instead of Material's own tag, so it needs this version's file name.
    """
    found = _THEME_BUNDLE.search(base_template)
    if found is None:
        raise ValueError("Material's base.html names no assets/javascripts/bundle.*.min.js")
    return found.group()


def main(argv: list[str] | None = None) -> int:
    """`python -m macros.build.theme_assets SITE`: the step of `./handbook build` after mkdocs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("site", type=Path)
    args = parser.parse_args(argv)
    return 0 if purge_site(args.site) else 1


if __name__ == "__main__":
    sys.exit(main())
