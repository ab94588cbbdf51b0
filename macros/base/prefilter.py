"""Cheap tests before costly searches: which of a module's strings hold a text, and what a regex needs.

A fact's usual phrasing (``slots:`` in the edition's labels) starts with something like ``\\S+``,
which Python's regex engine tries at every position of every text. Most texts hold no such
phrasing, and a plain substring test tells so at a fraction of the cost. The substrings are read
from the pattern as the regex engine itself parses it, so the test never drops a match; when a
pattern gives no certain substring (alternatives, case-insensitive, an unknown parser), every
text is searched.

``TextIndex`` joins many strings once, so one substring search over all of them
finds the few strings worth a closer look instead of one test per string.
"""

from __future__ import annotations

import functools
import importlib
import operator
import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate, count
from typing import Any


def _internals() -> tuple[Any, Any] | None:
    # Python's own regex parser and its opcodes (re._parser, re._constants since 3.11): not
    # public, so their absence only switches the prefilter off.
    try:
        return importlib.import_module("re._parser"), importlib.import_module("re._constants")
    except ImportError:
        return None


_RE = _internals()


def _runs(items: Any, ops: Any) -> Iterator[str]:
    """Yield runs of literal characters that every match of the parsed ``items`` contains, in order."""
    run = ""
    for op, arg in items:
        if op is ops.LITERAL:
            run += chr(arg)
            continue
        yield run
        run = ""
        if op is ops.SUBPATTERN and not arg[1] & re.IGNORECASE:  # (group, add_flags, del_flags, items)
            yield from _runs(arg[3], ops)
        elif op in (ops.MAX_REPEAT, ops.MIN_REPEAT) and arg[0] >= 1:  # (min, max, items): present at least once
            yield from _runs(arg[2], ops)
        # Anything else (alternatives, classes, optional parts, lookarounds) promises no literal text.
    yield run


def required_texts(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Return texts every match of ``pattern`` contains, longest first; none when nothing is certain."""
    return _required(pattern.pattern, pattern.flags)


@functools.cache
def _required(pattern: str, flags: int) -> tuple[str, ...]:
    # Parsing costs more than a check of a small curriculum searches: once per pattern and process.
    if _RE is None:
        return ()
    parser, ops = _RE
    try:
        parsed = parser.parse(pattern, flags)
        if parsed.state.flags & re.IGNORECASE:
            return ()
        return tuple(sorted({run for run in _runs(parsed.data, ops) if run}, key=lambda r: (-len(r), r)))
    except (AttributeError, TypeError, ValueError):
        return ()  # a parser that changed shape: no prefilter, same results


def may_match(required: tuple[str, ...], text: str) -> bool:
    """Tell whether ``text`` holds every required text (if not, the pattern cannot match it)."""
    return all(part in text for part in required)


SEPARATOR = "\0"  # YAML text cannot hold NUL (the loader refuses it): no string contains it


class TextIndex:
    """Strings joined once; ``holding`` tells which of them contain a text."""

    def __init__(self, pieces: list[str], exact: bool | None = None) -> None:
        self.pieces = pieces
        self.joined = SEPARATOR.join(pieces)
        # More NULs than borders: a string holds NUL (never one from YAML), so every string is a candidate.
        self.exact = self.joined.count(SEPARATOR) == max(len(pieces) - 1, 0) if exact is None else exact
        # Where each string begins: the lengths before it plus one separator each (all in C).
        self.starts = list(map(operator.add, accumulate(map(len, pieces[:-1]), initial=0), count())) if pieces else []
        self.count = len(pieces)

    def casefolded(self) -> TextIndex:
        """Return the same strings case-folded."""
        # String by string: Python folds a string of ASCII alone far quicker than one long mixed text.
        folded = [p.casefold() for p in self.pieces]
        # Folding maps NUL to NUL and nothing else to NUL: exact stays exact.
        return TextIndex(folded, exact=self.exact)

    def holding(self, part: str) -> list[int]:
        """Return the indexes, in order, of the strings that contain ``part``."""
        if not self.exact or not part:
            return list(range(self.count))
        if SEPARATOR in part:
            return []  # it would find the borders, and no string holds it
        found: list[int] = []
        at = self.joined.find(part)
        while at >= 0:
            index = bisect_right(self.starts, at) - 1
            found.append(index)
            after = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.joined)
            at = self.joined.find(part, after)
        return found

    def holding_all(self, parts: tuple[str, ...]) -> list[int]:
        """Return the indexes, in order, of the strings that contain every one of ``parts``."""
        if not self.exact or not parts:
            return list(range(self.count))
        if not all(p in self.joined for p in parts[1:]):
            return []  # one part is nowhere: no string holds them all
        return [i for i in self.holding(parts[0]) if all(p in self.pieces[i] for p in parts[1:])]
