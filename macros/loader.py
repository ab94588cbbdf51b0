"""Strict YAML loading: one mapping per file, every value's line known.

PyYAML is permissive in ways that silently change content (duplicate keys keep the last value,
YAML 1.1 reads ``no`` as false and ``10:30`` as 630, aliases can explode). This loader refuses
or neutralises each of those and records where every value sits, so a schema error can name
file, line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from macros.errors import ContentError

MAX_BYTES = 256 * 1024

Loc = tuple[str | int, ...]


class Refused(yaml.MarkedYAMLError):
    """Valid YAML that we refuse because it would silently change or explode the content."""


class StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like scalars, no aliases and no duplicate keys."""

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        # An alias shares a node; walking shared nodes is how alias bombs explode.
        if self.check_event(AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise Refused(None, None, "anchors and aliases (*name) are not supported: write the value out",
                          event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                # `? [a]: x` or `? {a: b}` makes a list or mapping a key: never a field name.
                raise Refused(None, None, "a field name must be a plain word, not a list or mapping",
                              key_node.start_mark)
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise Refused(None, None, f"duplicate key '{key}' (first on line {seen[key]}): "
                              "YAML would silently keep only the last one", key_node.start_mark)
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


# Implicit scalar types as YAML 1.2 knows them. YAML 1.1 (PyYAML's default) would read
# `no` as false, `10:30` as 630, `010` as 8 and `2024-05-01` as a date: here they stay text.
_SCALARS = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|false)$", ["t", "f"]),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$", list("-+.0123456789")),
]
StrictLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in _SCALARS:
    StrictLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its data and the (line, column) of every value."""

    path: Path
    data: Any
    positions: dict[Loc, tuple[int, int]]
    # For a module assembled from two files (ours plus a local override): top-level field ->
    # the file it came from, so a message names the file the bad value is in.
    sources: dict[str, str] = field(default_factory=dict)

    def source_of(self, loc: Loc) -> str | None:
        """Return the file a field came from, if it differs by field; else None."""
        return self.sources.get(str(loc[0])) if loc and self.sources else None

    def where(self, loc: Loc) -> tuple[int, int]:
        """Return the position of the deepest part of ``loc`` that exists in the file."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.positions:
                return self.positions[loc[:end]]
        return (1, 1)


def _positions(node: Node, loc: Loc, out: dict[Loc, tuple[int, int]]) -> None:
    out[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = loc + (str(key_node.value),)
            _positions(value_node, key, out)
            if not isinstance(value_node, ScalarNode):
                # A list or mapping is best reported at its key: its value starts on a later line.
                out[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _positions(item, loc + (i,), out)


def _decode(path: Path, raw: bytes, shown: str) -> str:
    if len(raw) > MAX_BYTES:
        raise ContentError(shown, 1, 1, None, f"file is {len(raw)} bytes; the limit is {MAX_BYTES} bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise ContentError(
            shown, line, col, None, f"not valid UTF-8 (byte 0x{raw[err.start]:02x}): save the file as UTF-8"
        ) from None


def _reader_error(text: str, err: yaml.reader.ReaderError, shown: str) -> ContentError:
    line = text.count("\n", 0, err.position) + 1
    col = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
    return ContentError(shown, line, col, None, f"control character U+{err.character:04X} is not allowed in YAML")


_CONFLICT = re.compile(r"^(?:<{7}|={7}|>{7})(?: |$)", re.M)


def _conflict_marker(text: str, shown: str) -> ContentError | None:
    """Find a leftover git merge-conflict marker: YAML would report it as a puzzling syntax error."""
    match = _CONFLICT.search(text)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return ContentError(shown, line, 1, None, "leftover merge-conflict marker from git: keep the version you want "
                        "between the '<<<<<<<', '=======' and '>>>>>>>' lines and delete the three marker lines")


def parse(text: str, shown: str) -> tuple[Any, dict[Loc, tuple[int, int]]]:
    """Parse one YAML document; raise ContentError naming where it fails."""
    conflict = _conflict_marker(text, shown)
    if conflict is not None:
        raise conflict
    try:
        loader = StrictLoader(text)
    except yaml.reader.ReaderError as err:
        raise _reader_error(text, err, shown) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise ContentError(shown, 1, 1, None, "file is empty: a module needs at least a title")
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = " ".join(x for x in (err.context, err.problem) if x)
        prefix = "" if isinstance(err, Refused) else "YAML syntax: "
        raise ContentError(shown, line, col, None, prefix + reason) from None
    except yaml.reader.ReaderError as err:
        raise _reader_error(text, err, shown) from None
    except yaml.YAMLError as err:
        raise ContentError(shown, 1, 1, None, f"YAML syntax: {err}") from None
    finally:
        loader.dispose()
    positions: dict[Loc, tuple[int, int]] = {}
    _positions(node, (), positions)
    return data, positions


def load_file(path: Path, shown: str | None = None) -> Document:
    """Read and parse a YAML file that must hold a mapping."""
    shown = shown or str(path)
    text = _decode(path, path.read_bytes(), shown)
    data, positions = parse(text, shown)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single value ({data!r})"
        raise ContentError(shown, 1, 1, None, f"expected a mapping of fields (key: value), got {kind}")
    return Document(path, data, positions)
