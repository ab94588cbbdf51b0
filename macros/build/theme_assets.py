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

from macros.base.messages import say
from macros.build.css import Block, parse, required, rewritten, rules, split, without_comments

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
_BLANKS = re.compile(r"\s+")


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


def wanted_names(sheet: str) -> set[str]:
    """Return every name a selector of ``sheet`` needs and every custom property it defines."""
    names = {name for block in rules(_parsed(sheet)) for selector in split(block.prelude, ",")
             for name in required(selector) or ()}
    return names | {match.group(1) for match in re.finditer(r"[{;]\s*(--[\w-]+)\s*:", sheet)}


def purge(blocks: Iterable[Block], present: Callable[[str], bool]) -> list[Block]:
    """Return the blocks without the selectors that name something absent, and without emptied blocks."""

    def leaf(block: Block) -> Block | None:
        if block.body is None or block.prelude.startswith("@"):
            return block
        selectors = ",".join(s for s in split(block.prelude, ",") if _can_match(s, present))
        return Block(selectors, body=block.body) if selectors else None

    return rewritten(blocks, leaf)


def _can_match(selector: str, present: Callable[[str], bool]) -> bool:
    names = required(selector)
    return names is None or all(present(name) for name in names)


def without_unused_properties(blocks: list[Block], used: Callable[[str], bool]) -> list[Block]:
    """Return the blocks without declarations of custom properties nothing refers to."""

    def leaf(block: Block) -> Block | None:
        if block.body is None or block.prelude.startswith("@") or not _DEFINES.search(block.body):
            return block
        body = ";".join(d for d in split(block.body, ";") if not _unused_property(d, used))
        return Block(block.prelude, body=body) if body else None

    return rewritten(blocks, leaf)


def _unused_property(declaration: str, used: Callable[[str], bool]) -> bool:
    match = _PROPERTY.match(declaration)
    return match is not None and not used(match.group(1))


def _text(blocks: Iterable[Block]) -> str:
    return "".join(block.text() for block in blocks)


def purged(sheet: str, vocabulary: Vocabulary, elsewhere: str = "") -> str:
    """Return ``sheet`` without the rules no page of the site can use.

    ``elsewhere``: the site's other stylesheets, whose references keep a custom property defined here.
    A stylesheet this reader does not read whole (a brace too many, say) is returned as it is.
    """
    if _BLANKS.sub("", _text(_parsed(sheet))) != _BLANKS.sub("", without_comments(sheet)):
        return sheet
    blocks = purge(_parsed(sheet), vocabulary.has)
    text = _text(blocks)
    outside = frozenset(_VAR.findall(elsewhere))
    # A property may refer to another: drop unreferenced ones until every one left is used.
    while True:
        referenced = outside | frozenset(_VAR.findall(text))
        blocks = without_unused_properties(blocks, functools.partial(_is_used, referenced, vocabulary))
        thinner = _text(blocks)
        if thinner == text:
            return text
        text = thinner


@functools.lru_cache(maxsize=4)
def _parsed(sheet: str) -> list[Block]:
    # Each theme stylesheet is read once for the names it wants and once to be cut: one parse.
    return parse(sheet)


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

    vocabulary = Vocabulary(frozenset().union(*(wanted_names(p.read_text(encoding="utf-8"))
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
        raise ValueError(say("theme_bundle_missing"))
    return found.group()


def main(argv: list[str] | None = None) -> int:
    """`python -m macros.build.theme_assets SITE`: the step of `./handbook build` after mkdocs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("site", type=Path)
    args = parser.parse_args(argv)
    purge_site(args.site)  # a theme without Material's stylesheets leaves nothing to cut
    return 0


if __name__ == "__main__":
    sys.exit(main())
