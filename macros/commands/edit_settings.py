"""What a save of the settings form in `./handbook edit` writes into curriculum/organization.yaml.

The file is the fork's most commented one (each value explained on the line above it): a changed
value is written into its own line, so every comment stays; a section the file does not have yet
is added at its end. Only a new value inside an existing section means writing the file anew (its
opening comments kept). Keys the form does not hold (editions, terms, ...) are never dropped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros.base.messages import say
from macros.commands.yaml_text import dump, scalar
from macros.organization.settings import SETTINGS_FILE
from macros.reader.loader import load_file, parse


def save_settings(root: Path, data: dict[str, Any]) -> str:
    """Write the changed settings into curriculum/organization.yaml, each into its own line."""
    path = root / SETTINGS_FILE
    doc = load_file(path, SETTINGS_FILE)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    rest: dict[str, Any] = {}
    for loc, value in _leaves(data):
        if _get(doc.data, loc) == value:
            continue
        old = _get(doc.data, loc)
        if loc in doc.positions and old is not None and not isinstance(value, (dict, list)) and "\n" not in str(old):
            line, column = doc.positions[loc]
            lines[line - 1] = lines[line - 1][: column - 1] + scalar(value) + "\n"
        else:
            rest = _merge(rest, loc, value)
    text = "".join(lines)
    # A section the file does not have yet goes at its end; a new value inside an existing section
    # means writing the file anew (its opening comments kept).
    new = {key: value for key, value in rest.items() if key not in doc.data}
    if new:
        text = text.rstrip("\n") + "\n\n" + dump(new)
    if len(new) < len(rest):
        merged = _merge_all(parse(text, SETTINGS_FILE)[0], {k: v for k, v in rest.items() if k not in new})
        text = _comments(text) + dump(merged)
    path.write_text(text, encoding="utf-8")
    return say("editor_saved", path=SETTINGS_FILE)


def _leaves(data: Any, loc: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    if isinstance(data, dict) and data:
        return [leaf for key, value in data.items() for leaf in _leaves(value, (*loc, str(key)))]
    return [(loc, data)]


def _get(data: Any, loc: tuple[str, ...]) -> Any:
    for key in loc:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _merge(data: dict[str, Any], loc: tuple[str, ...], value: Any) -> dict[str, Any]:
    if len(loc) == 1:
        return {**data, loc[0]: value}
    return {**data, loc[0]: _merge(data.get(loc[0]) or {}, loc[1:], value)}


def _merge_all(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        both = isinstance(value, dict) and isinstance(base.get(key), dict)
        merged[key] = _merge_all(base[key], value) if both else value
    return merged


def _comments(text: str) -> str:
    head = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#") and line.strip():
            break
        head.append(line)
    return "".join(head)
