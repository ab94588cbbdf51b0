"""What a save of the settings form in `./handbook edit` writes into curriculum/organization.yaml.

The file is the fork's most commented one (each value explained on the line above it), so it is
never written anew: each changed value replaces the lines of its own key, a new value goes at the
end of the section it belongs to (a new section at the end of the file), and every comment stays.
A field of the form the editor left out (it leaves out what is empty) is emptied in the file too.
Keys the form does not hold (editions, terms, languages) are never touched.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from macros.base.messages import say
from macros.commands.yaml_text import scalar
from macros.organization.settings import SETTINGS_FILE
from macros.reader.loader import parse

Loc = tuple[str, ...]


def save_settings(root: Path, data: dict[str, Any], form: list[Loc] | None = None) -> str:
    """Write into curriculum/organization.yaml what differs in ``data`` (the form's values: ``form``)."""
    path = root / SETTINGS_FILE
    text = path.read_text(encoding="utf-8")
    before = parse(text, SETTINGS_FILE)[0]
    changes = [(loc, value) for loc, value in _leaves(data) if _get(before, loc) != value]
    # Only texts and lists: the editor leaves out an empty one, never a number or a false.
    changes += [(loc, [] if isinstance(_get(before, loc), list) else None) for loc in form or []
                if _has(before, loc) and not _has(data, loc) and isinstance(_get(before, loc), (str, list))
                and _get(before, loc) not in ("", [])]
    for loc, value in changes:
        text = _set(text, loc, value)
    path.write_text(text, encoding="utf-8")
    return say("editor_saved", path=SETTINGS_FILE)


def _set(text: str, loc: Loc, value: Any) -> str:
    """Return ``text`` with ``loc`` set to ``value``: its own lines replaced, or new lines where it belongs."""
    lines = text.splitlines(keepends=True)
    data = parse(text, SETTINGS_FILE)[0]
    if _has(data, loc):
        start, end, indent = _block(lines, loc)
        return "".join([*lines[:start], _written(loc[-1], value, indent), *lines[end:]])
    known = next(n for n in range(len(loc), -1, -1) if n == 0 or _has(data, loc[:n]))
    nested: Any = value
    for key in reversed(loc[known + 1:]):
        nested = {key: nested}
    if known == 0:  # a new section: at the end of the file
        return text.rstrip("\n") + "\n\n" + _written(loc[0], nested, 0)
    _, end, indent = _block(lines, loc[:known])
    return "".join([*lines[:end], _written(loc[known], nested, indent + 2), *lines[end:]])


def _block(lines: list[str], loc: Loc) -> tuple[int, int, int]:
    """Return the first line, the line after the last, and the indentation of key ``loc``'s block."""
    start, indent = -1, -2
    for key in loc:  # each key searched below its parent's line, one level deeper
        pattern = re.compile(rf"^( *){re.escape(key)}:(?:\s|$)")
        start, indent = next((i, len(m.group(1))) for i in range(start + 1, len(lines))
                             if (m := pattern.match(lines[i])) and len(m.group(1)) > indent)
    end = start + 1
    while end < len(lines) and _inside(lines[end], indent):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():  # blank lines before the next key stay its
        end -= 1
    return start, end, indent


def _inside(line: str, indent: int) -> bool:
    # Deeper lines belong to the block, and so do list items at the key's own indentation; a
    # comment at or left of it belongs to what follows (each setting's comment stands above it).
    width = len(line) - len(line.lstrip(" "))
    return not line.strip() or width > indent or line.lstrip(" ").startswith("- ") and width == indent


def _written(key: str, value: Any, indent: int) -> str:
    pad = " " * indent
    if isinstance(value, dict):
        body = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=110)
        return f"{pad}{key}:\n" + "".join(f"{pad}  {line}\n" for line in body.splitlines())
    if isinstance(value, list):  # a list of plain values (ids) on one line: [a, b]
        return f"{pad}{key}: [{', '.join(scalar(item) for item in value)}]\n"
    return f"{pad}{key}: {scalar(value)}\n"


def _leaves(data: Any, loc: Loc = ()) -> list[tuple[Loc, Any]]:
    if isinstance(data, dict) and data:
        return [leaf for key, value in data.items() for leaf in _leaves(value, (*loc, str(key)))]
    return [(loc, data)] if loc else []


def _has(data: Any, loc: Loc) -> bool:
    for key in loc:
        if not isinstance(data, dict) or key not in data:
            return False
        data = data[key]
    return True


def _get(data: Any, loc: Loc) -> Any:
    for key in loc:
        data = data.get(key) if isinstance(data, dict) else None
    return data
