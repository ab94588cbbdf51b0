"""A fork's own words: `terms: {Mentee: Lernpartner:in}` in the settings.

Whole words only, longest first (so "Mentees" is not read as "Mentee" + "s"), in every text a
reader sees: page content, titles, navigation and interface labels. Never in ids, file names,
URLs or HTML attributes: in HTML only the text between tags is touched. A term is a plain word
(the settings' TERM_PATTERN refuses markup); in HTML it is escaped all the same, as all text is.
"""

from __future__ import annotations

import html as htmllib
import re
from collections import Counter
from typing import Any

_TAG = re.compile(r"(<[^>]*>)")


class Terms:
    """Replace whole words; count what was replaced, to report terms that occur nowhere."""

    def __init__(self, mapping: dict[str, str]) -> None:
        self.mapping = dict(mapping)
        self.used: Counter[str] = Counter()
        words = sorted(self.mapping, key=len, reverse=True)
        # A word ends where no letter, digit or inclusive ":in"/":innen" suffix follows.
        self._pattern = re.compile(r"(?<![\w:])(" + "|".join(map(re.escape, words)) + r")(?![\w]|:\w)") \
            if words else None

    def text(self, value: str) -> str:
        """Return plain text with every term replaced."""
        if self._pattern is None:
            return value
        return self._pattern.sub(self._replace, value)

    def html(self, value: str) -> str:
        """Return HTML with terms replaced in the text between tags only."""
        if self._pattern is None:
            return value
        parts = _TAG.split(value)
        return "".join(part if part.startswith("<") else self._pattern.sub(self._replace_escaped, part)
                       for part in parts)

    def labels(self, value: Any) -> Any:
        """Return a nested structure of interface texts with every term replaced."""
        if isinstance(value, dict):
            return {k: self.labels(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.labels(v) for v in value]
        return self.text(value) if isinstance(value, str) else value

    def unused(self) -> list[str]:
        """Return the terms that were never replaced."""
        return [word for word in self.mapping if not self.used[word]]

    def _replace(self, match: re.Match[str]) -> str:
        self.used[match.group(1)] += 1
        return self.mapping[match.group(1)]

    def _replace_escaped(self, match: re.Match[str]) -> str:
        return htmllib.escape(self._replace(match), quote=False)
