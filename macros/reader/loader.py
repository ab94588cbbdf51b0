"""Strict YAML loading: one mapping per file, every value's line known.

PyYAML is permissive in ways that silently change content (duplicate keys keep the last value,
YAML 1.1 reads ``no`` as false and ``10:30`` as 630, aliases can explode). This loader refuses
or neutralises each of those and records where every value sits, so a schema error can name
file, line and column. libyaml (C) composes the nodes; ``construct`` turns them into values.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import Node, ScalarNode, SequenceNode

from macros.base.errors import ContentError
from macros.base.messages import say
from macros.base.positions import line_at, position
from macros.reader import yaml_hints
from macros.reader.construct import Loc, Positions, Refused, SharedNode, construct, node_positions
from macros.reader.fields import describe, field_path

__all__ = ["MAX_BYTES", "Document", "Loc", "Positions", "Refused", "load_file", "parse"]

MAX_BYTES = 256 * 1024
LocatedTexts = list[tuple[Loc, str]]  # every string of a document with its location


class _Composer(yaml.CSafeLoader):
    """libyaml's composer with YAML 1.2-like implicit scalar types."""

    # libyaml calls these three back for every node. PyYAML's own versions also look for path
    # resolvers, which we never register: these give the same tags without the search
    # (tests/test_loader.py compares them with PyYAML's over every YAML file of the project).
    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _BY_FIRST.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return str(self.DEFAULT_SCALAR_TAG)
        return str(self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG)

    def descend_resolver(self, current_node: Node | None, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


# Implicit scalar types as YAML 1.2 knows them. YAML 1.1 (PyYAML's default) would read
# `no` as false, `10:30` as 630, `010` as 8 and `2024-05-01` as a date: here they stay text.
_SCALARS = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|false)$", ["t", "f"]),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$", list("-+.0123456789")),
]
_Composer.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in _SCALARS:
    _Composer.add_implicit_resolver(_tag, re.compile(_pattern), _first)
_BY_FIRST: dict[str, list[tuple[str, re.Pattern[str]]]] = _Composer.yaml_implicit_resolvers

# The characters YAML forbids, as PyYAML's reader checks them (libyaml's set is the same).
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE


def texts(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Yield (location, text) for every string inside loaded YAML data."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, loc + (str(key),))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from texts(item, loc + (i,))
    elif isinstance(value, str):
        yield loc, value


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its data and the (line, column) of every value."""

    path: Path
    data: Any
    # The (line, column) of every value, or how to find them: the loader reads them from the file
    # again when a message first asks (recording them while loading cost more than the values).
    located: Positions | Callable[[], Positions] = field(repr=False, compare=False)
    # For a module assembled from two files (ours plus a local override): top-level field ->
    # the file it came from, so a message names the file the bad value is in.
    sources: dict[str, str] = field(default_factory=dict)
    # Every string with its location, when the loader listed them while reading; else walked on first use.
    known_strings: LocatedTexts | None = field(default=None, repr=False, compare=False)

    @cached_property
    def positions(self) -> Positions:
        """Return the (line, column) of every value by its path."""
        return self.located() if callable(self.located) else self.located

    @cached_property
    def strings(self) -> LocatedTexts:
        """Return every string in the data with its location: listed once, read by every check."""
        return self.known_strings if self.known_strings is not None else list(texts(self.data))

    def source_of(self, loc: Loc) -> str | None:
        """Return the file a field came from, if it differs by field; else None."""
        return self.sources.get(str(loc[0])) if loc and self.sources else None

    def where(self, loc: Loc) -> tuple[int, int]:
        """Return the position of the deepest part of ``loc`` that exists in the file."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.positions:
                return self.positions[loc[:end]]
        return (1, 1)


def _decode(path: Path, raw: bytes, shown: str) -> str:
    if len(raw) > MAX_BYTES:
        raise ContentError(shown, 1, 1, None, say("file_too_big", size=len(raw), limit=MAX_BYTES))
    return utf8(raw, shown)


def utf8(raw: bytes, shown: str) -> str:
    """Return a file's text; raise ContentError at its first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = position(raw, err.start)
        raise ContentError(shown, line, col, None, say("not_utf8", byte=f"{raw[err.start]:02x}")) from None


def _check_characters(text: str, shown: str) -> None:
    bad = _NON_PRINTABLE.search(text)
    if bad:
        line, col = position(text, bad.start())
        raise ContentError(shown, line, col, None, say("control_character", code=f"{ord(bad.group()):04X}"))


# What a double-quoted YAML text can still write by escape ("\x01", "\v", "\x85"): control
# characters other than tab and line break (the reader refuses them written as they are, but
# for NEL). A Word file refuses them; a page would hide them.
_ESCAPED_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _escaped_controls(doc: Document, text: str, shown: str) -> None:
    if "\\" not in text and "\x85" not in text:
        return  # no escape sequence, no such character (the reader checked the raw text)
    for loc, value in doc.strings:
        bad = _ESCAPED_CONTROL.search(value)
        if bad:
            raise ContentError(shown, *doc.where(loc), field_path(loc) or None,
                               say("control_character", code=f"{ord(bad.group()):04X}"))


def _first_alias(text: str) -> Any:
    """Return the mark of the first alias (the composed nodes only show where its anchor is)."""
    return next(e.start_mark for e in yaml.parse(text, Loader=yaml.CSafeLoader) if isinstance(e, AliasEvent))



def _compose(text: str) -> tuple[Node | None, Any, LocatedTexts | None]:
    node = yaml.compose(text, Loader=_Composer)
    if node is None:
        return None, None, None
    try:
        return (node, *construct(node, anchors="&" in text))
    except SharedNode:
        raise Refused(None, None, say("yaml_aliases"), _first_alias(text)) from None


def _compose_checked(text: str, shown: str) -> tuple[Node | None, Any, LocatedTexts | None]:
    """Compose; when that fails, first report a character YAML forbids, where it stands.

    libyaml's reader refuses the very characters ``_check_characters`` looks for, in every part of
    a text it composes, so a text it composed has none. When it fails, it may have stopped short of
    such a character, or named it in its own words: then our check runs, to name it in ours.
    """
    try:
        return _compose(text)
    except Exception:
        _check_characters(text, shown)
        raise


def _syntax_error(err: yaml.MarkedYAMLError, text: str, shown: str) -> ContentError:
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if isinstance(err, yaml.composer.ComposerError) and str(err.problem).startswith("found undefined alias"):
        return ContentError(shown, line, col, None, say("yaml_aliases"))
    if isinstance(err, Refused):
        return ContentError(shown, line, col, None, str(err.problem))
    # Name the mistake where it was made; the parser's own words follow for developers (-v).
    detail = for_developers(" ".join(x for x in (err.context, err.problem) if x))
    hint = yaml_hints.explain(text, line)
    if hint is not None:
        return ContentError(shown, hint.line, 1, None, say(hint.key, **hint.values) + detail)
    return ContentError(shown, line, col, None, say("yaml_syntax") + detail)


# `mkdocs build -v` and `./handbook check -v` turn this logger to DEBUG (mkdocs' is its parent).
VERBOSE = logging.getLogger("mkdocs.plugins.handbook")


def for_developers(detail: str, key: str = "yaml_for_developers") -> str:
    """Return a parser's own (English) words as a second line, only when asked for with -v."""
    if not VERBOSE.isEnabledFor(logging.DEBUG):
        return ""
    return "\n      " + say(key, detail=detail)


_CONFLICT = re.compile(r"^(?:<{7}|={7}|>{7})(?: |$)", re.M)


def _conflict_marker(text: str, shown: str) -> ContentError | None:
    """Find a leftover git merge-conflict marker: YAML would report it as a puzzling syntax error."""
    if "<<<<<<<" not in text and "=======" not in text and ">>>>>>>" not in text:
        return None  # a plain substring test is far quicker than the line-by-line search
    match = _CONFLICT.search(text)
    if match is None:
        return None
    return ContentError(shown, line_at(text, match.start()), 1, None, say("yaml_conflict"))


def parse(text: str, shown: str) -> tuple[Any, Positions]:
    """Parse one YAML document; raise ContentError naming where it fails."""
    data, _ = _parse(text, shown)
    return data, _positions_in(text)


def _positions_in(text: str) -> Positions:
    """Return where every value of a text that parsed stands: composed again, for a message."""
    node = yaml.compose(text, Loader=_Composer)
    return node_positions(node) if node is not None else {}


def _parse(text: str, shown: str) -> tuple[Any, LocatedTexts | None]:
    """Parse like ``parse``; also return every string with its location, when the walk could tell."""
    conflict = _conflict_marker(text, shown)
    if conflict is not None:
        raise conflict
    try:
        node, data, strings = _compose_checked(text, shown)
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(err, text, shown) from None
    except yaml.YAMLError as err:
        raise ContentError(shown, 1, 1, None, say("yaml_syntax") + for_developers(str(err))) from None
    if node is None:
        raise ContentError(shown, 1, 1, None, say("empty_file"))
    return data, strings


def load_file(path: Path, shown: str | None = None) -> Document:
    """Read and parse a YAML file that must hold a mapping."""
    shown = shown or str(path)
    text = _decode(path, path.read_bytes(), shown)
    data, strings = _parse(text, shown)
    if not isinstance(data, dict):
        raise ContentError(shown, 1, 1, None, say("not_fields", got=describe(data)))
    # The file is read again for positions, rather than its text kept: at 1,000 modules the texts
    # weighed as much as all the values, for the few messages that need a place.
    doc = Document(path, data, partial(_positions_in_file, path, hash(text)), known_strings=strings)
    _escaped_controls(doc, text, shown)
    return doc


def _positions_in_file(path: Path, loaded: int) -> Positions:
    """Return where every value of a loaded file stands; nothing if the file changed since (no wrong places)."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return _positions_in(text) if hash(text) == loaded else {}
