"""Python values and every string with its location from composed YAML nodes, in one walk; positions on demand.

libyaml composes the nodes (fast, with line and column marks); this module turns them into
plain values itself, so the refusals live in one place: shared nodes (aliases) and repeated keys
are found here. Scalars were tagged by YAML 1.2-like resolvers (see ``loader``); an explicit tag
this walk does not know (``!!binary``, ``!!int 0x1F``, ``!foo``) falls back to PyYAML's own
constructor for the whole document: such rare files get the values PyYAML gives them.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from macros.base.messages import say

Loc = tuple[str | int, ...]
Positions = dict[Loc, tuple[int, int]]


INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)")
_TAG = "tag:yaml.org,2002:"


class Refused(yaml.MarkedYAMLError):
    """Valid YAML that we refuse because it would silently change or explode the content."""


class SharedNode(Exception):
    """A node reached twice: the document uses an alias (reported by the loader, with its place)."""


class _Unknown(Exception):
    """A tag or form this walk does not construct itself."""


_STR, _INT, _FLOAT, _BOOL, _NULL, _SEQ, _MAP = (_TAG + name for name in ("str", "int", "float", "bool", "null",
                                                                       "seq", "map"))


def _scalar(node: ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == _STR:
        return value
    if tag == _INT and INT.fullmatch(value):
        return int(value)
    if tag == _FLOAT and FLOAT.fullmatch(value):
        return float(value)
    if tag == _BOOL and value in ("true", "false"):
        return value == "true"
    if tag == _NULL:
        return None
    raise _Unknown


def _key(node: ScalarNode) -> Any:
    return node.value if node.tag == _STR else _scalar(node)


class _Walk:
    """One walk over a document's nodes: values, and every string with its location."""

    def __init__(self, anchors: bool) -> None:
        self.seen: set[int] | None = set() if anchors else None
        # (location, text) as loader.texts would list them; None once a key is not text, where the
        # location loader.texts gives (str of the value) may differ from the written key.
        self.strings: list[tuple[Loc, str]] | None = []

    def key(self, node: Node) -> Any:
        if not isinstance(node, ScalarNode):
            # `? [a]: x` or `? {a: b}` makes a list or mapping a key: never a field name.
            raise Refused(None, None, say("yaml_not_a_name"), node.start_mark)
        if self.seen is not None:
            self.mark_seen(node)
        return _key(node)

    def mark_seen(self, node: Node) -> None:
        assert self.seen is not None
        if id(node) in self.seen:
            raise SharedNode
        self.seen.add(id(node))

    def mapping(self, node: MappingNode, loc: Loc) -> dict[Any, Any]:
        if node.tag != _MAP:
            raise _Unknown
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node)
            if key in data:
                first = next(k for k, _ in node.value if _key(k) == key).start_mark.line + 1
                raise Refused(None, None, say("yaml_duplicate_key", key=key, first=first), key_node.start_mark)
            if self.strings is not None and not isinstance(key, str):
                self.strings = None
            at = loc + (key_node.value,)  # a scalar's value is its text as written
            if self.seen is None and isinstance(value_node, ScalarNode) and value_node.tag == _STR:
                # Most values are text: taken as written, here rather than by one more call.
                data[key] = value_node.value
                if self.strings is not None:
                    self.strings.append((at, value_node.value))
            else:
                data[key] = self.walk(value_node, at)
        return data

    def walk(self, node: Node, loc: Loc) -> Any:
        if self.seen is not None:  # a text without anchors has no shared nodes: no call per node
            self.mark_seen(node)
        if isinstance(node, ScalarNode):
            if node.tag == _STR:
                if self.strings is not None:
                    self.strings.append((loc, node.value))
                return node.value
            return _scalar(node)  # a number, true/false or null: never a string
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                raise _Unknown
            return [self.walk(item, loc + (i,)) for i, item in enumerate(node.value)]
        return self.mapping(node, loc)  # type: ignore[arg-type]


class _Fallback(yaml.constructor.SafeConstructor):
    """PyYAML's constructor for explicit tags, still refusing repeated keys."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        first_line: dict[object, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                raise Refused(None, None, say("yaml_not_a_name"), key_node.start_mark)
            key = self.construct_object(key_node, deep=deep)
            if key in first_line:
                raise Refused(None, None, say("yaml_duplicate_key", key=key, first=first_line[key]),
                              key_node.start_mark)
            first_line[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def construct(node: Node, anchors: bool = True) -> tuple[Any, list[tuple[Loc, str]] | None]:
    """Return the node's value and every string with its path.

    Raise SharedNode on aliases. Without ``anchors`` in the text no node can be shared (libyaml
    refuses an alias to an undefined anchor), so the walk skips looking for shared nodes. The
    strings are None where this walk cannot tell them (a key that is not text, explicit tags).
    Where each value stands is left to ``node_positions``: only a message needs it.
    """
    walk = _Walk(anchors)
    try:
        return walk.walk(node, ()), walk.strings
    except _Unknown:
        node_positions(node)  # raises SharedNode for an alias, as the walk would have
        return _Fallback().construct_document(node), None


def node_positions(node: Node) -> Positions:
    """Return the (line, column) of every path in the node; a list or mapping under a key is placed at its key."""
    out: Positions = {}
    _walk_positions(node, (), out, set())
    return out


def _walk_positions(node: Node, loc: Loc, out: Positions, seen: set[int]) -> None:
    if id(node) in seen:
        raise SharedNode
    seen.add(id(node))
    out[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = loc + (str(key_node.value),)
            _walk_positions(key_node, (), {}, seen)  # an aliased key is an alias too
            _walk_positions(value_node, key, out, seen)
            if not isinstance(value_node, ScalarNode):
                out[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _walk_positions(item, loc + (i,), out, seen)
