"""A field and a value as the person who wrote the YAML sees them: `agenda[2].minutes`, "a list"."""

from __future__ import annotations

from typing import Any

from macros.base.messages import say
from macros.reader.construct import Loc


def field_path(loc: Loc) -> str:
    """Render ('agenda', 2, 'minutes') as 'agenda[2].minutes'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def describe(value: Any) -> str:
    """Name a YAML value the way an author sees it."""
    if value is None:
        return say("value_empty")
    if isinstance(value, bool):
        return say("value_bool", value=str(value).lower())
    if isinstance(value, (int, float)):
        return say("value_number", value=value)
    if isinstance(value, str):
        return say("value_text", value=value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, list):
        return say("value_list")
    if isinstance(value, dict):
        return say("value_mapping")
    return type(value).__name__
