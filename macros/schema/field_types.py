"""The shapes of single fields: ids, titles, lines, colours, addresses, references to other modules.

Each pattern has a name in the message catalogue (PATTERN_NAMES), so a mismatch is explained in
words rather than shown as a regular expression.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
# A plain address: no quotes, brackets or typographic characters that would break a mailto: link.
EMAIL_PATTERN = r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
LANG_PATTERN = r"^[a-z]{2}$"
# A web address to link to: http(s) only, no spaces or quotes (it lands in href attributes).
URL_PATTERN = r"^https?://[^\s\"'<>\\]+$"
# A logo is a file inside docs/: a relative path of plain characters with an image extension.
# No scheme, no host, no "..", no quotes or spaces (it lands in <img src> and the favicon link).
_SEGMENT = r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*"  # dots only between characters: never ".."
LOGO_PATTERN = rf"^(?:{_SEGMENT}/)*{_SEGMENT}\.(?:svg|png|jpg|jpeg|webp|gif|ico)$"
# One-line fields (titles, list items, names) become headings, table cells and link texts:
# a line break there would start a new Markdown block (a table, a list, a code block).
ONE_LINE_PATTERN = r"^[^\r\n]*$"
# A fork's own word (settings `terms`): it replaces ours in page text, titles, navigation and
# labels, several of which the theme prints as they are, so it is a plain word and nothing else:
# letters (Latin, with accents and umlauts), digits, spaces and . : / ( ) ’ - (e.g. "Lernpartner:in").
_LETTER = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f"
TERM_PATTERN = f"^[{_LETTER}][{_LETTER} .:/()\u2019-]*$"
# A repository on GitHub as owner/name: the browser editor at /admin/ reads and writes it.
REPOSITORY_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$"
# What each pattern means, as the key of its description in the message catalogue.
PATTERN_NAMES = {
    ID_PATTERN: "pattern_id",
    COLOR_PATTERN: "pattern_color",
    EMAIL_PATTERN: "pattern_email",
    LANG_PATTERN: "pattern_lang",
    LOGO_PATTERN: "pattern_logo",
    URL_PATTERN: "pattern_url",
    ONE_LINE_PATTERN: "pattern_one_line",
    TERM_PATTERN: "pattern_term",
    REPOSITORY_PATTERN: "pattern_repository",
}

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Title = Annotated[str, StringConstraints(min_length=3, max_length=120, pattern=ONE_LINE_PATTERN)]
Summary = Annotated[str, StringConstraints(min_length=10, max_length=400)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=6000)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=800, pattern=ONE_LINE_PATTERN)]
Word = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=TERM_PATTERN)]
# A list item: a short Markdown paragraph, rendered to HTML on its own, so a '|' block is fine.
Paragraph = Annotated[str, StringConstraints(min_length=1, max_length=800)]


@dataclass(frozen=True)
class RefTo:
    """Marks a list of ids as references to modules of the given kinds (checked after loading)."""

    kinds: tuple[str, ...]


def refs(*kinds: str, at_least: int = 0) -> Any:
    """Return a field type: a list of module ids that must exist in one of ``kinds``."""
    names = " or ".join(kinds)
    return Annotated[
        list[Id],
        RefTo(kinds),
        # x-kinds: which collections an editor offers the ids from (macros/commands/editor.py).
        Field(default_factory=list, min_length=at_least, description=f"Ids of {names} modules.",
              json_schema_extra={"x-kinds": list(kinds)}),
    ]


def ref(*kinds: str, description: str) -> Any:
    """Return a field type: one module id that must exist in one of ``kinds``."""
    return Annotated[Id, RefTo(kinds), Field(description=description, json_schema_extra={"x-kinds": list(kinds)})]


def lines(description: str, at_least: int = 1) -> Any:
    """Return a field type: a list of short Markdown paragraphs."""
    return Annotated[list[Paragraph], Field(min_length=at_least, description=description)]


class Strict(BaseModel):
    # strict: YAML's 1 is not text and "10" is not a number; forbid: a typo is an error, not a lost field.
    model_config = ConfigDict(extra="forbid", strict=True)
