"""Modules a fork hides (`hidden:` in the settings): gone from the curriculum, and every reference to them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from macros.base.messages import catalogue, language
from macros.content.curriculum import Curriculum, Entry
from macros.schema.field_types import RefTo


def hide(curriculum: Curriculum, hidden: list[str], said_in: str | None = None) -> None:
    """Drop hidden modules and every reference to them; what refers to them stays.

    ``said_in``: the language of the notice (the settings' own, whichever edition is built).
    """
    if not hidden:
        return  # nothing to drop: copying every module would be wasted work
    gone = set(hidden)
    for module_id in hidden:
        entry = curriculum.entries.pop(module_id, None)
        if entry is not None:
            curriculum.hidden.append((entry.kind, module_id))
            words = catalogue(said_in or language())["hidden_notice"]
            curriculum.notices.append(words.format(module=f"{entry.kind}/{module_id}", title=entry.module.title))
    for module_id, entry in list(curriculum.entries.items()):
        module = _without(entry.module, gone)
        curriculum.entries[module_id] = Entry(entry.kind, entry.id, entry.source, entry.doc, module)
    curriculum.changed()


def _without(obj: BaseModel, gone: set[str]) -> BaseModel:
    """Return a copy of ``obj`` whose reference lists skip ``gone``; drop items that point at them."""
    changes: dict[str, Any] = {}
    for name, info in type(obj).model_fields.items():
        value = getattr(obj, name)
        is_ref = any(isinstance(m, RefTo) for m in info.metadata)
        if is_ref and isinstance(value, list):
            changes[name] = [v for v in value if v not in gone]
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            # e.g. a session's preparation for a hidden role: the whole item goes with the role
            changes[name] = [_without(item, gone) for item in value if _single_refs_alive(item, gone)]
    return obj.model_copy(update=changes)


def _single_refs_alive(item: BaseModel, gone: set[str]) -> bool:
    """Tell whether none of an item's single (non-list) references points at a hidden module."""
    for name, info in type(item).model_fields.items():
        value = getattr(item, name)
        if any(isinstance(m, RefTo) for m in info.metadata) and isinstance(value, str) and value in gone:
            return False
    return True
