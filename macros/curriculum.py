"""Load one language edition of the curriculum: every module, validated and cross-checked."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macros.errors import ContentError, ContentErrors
from macros.loader import Document, Loc, load_file
from macros.models import ID_PATTERN, KINDS, RefTo
from macros.settings import PLACEHOLDERS
from macros.text import unknown_placeholders
from macros.validation import field_path, validate


@dataclass(frozen=True)
class Entry:
    """One validated module and where it came from."""

    kind: str
    id: str
    source: str
    doc: Document
    module: Any  # an instance of KINDS[kind]


@dataclass
class Curriculum:
    """All modules of one language, by id."""

    lang: str
    entries: dict[str, Entry] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[Entry]:
        """Return the modules of one kind in reading order."""
        found = [e for e in self.entries.values() if e.kind == kind]
        return sorted(found, key=lambda e: (e.module.order, e.module.title.casefold()))

    def kinds(self) -> list[str]:
        """Return the kinds that have modules, in handbook order."""
        return [k for k in KINDS if self.of_kind(k)]


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _discover(edition: Path, root: Path) -> tuple[list[tuple[str, Path]], list[ContentError]]:
    """List (kind, file) pairs; report folders and files that cannot be modules."""
    found, errors = [], []
    for child in sorted(edition.iterdir()):
        shown = _relative(child, root)
        if child.is_dir() and child.name in KINDS:
            for path in sorted(child.iterdir()):
                if path.suffix == ".yaml" and path.is_file():
                    found.append((child.name, path))
                elif path.suffix == ".yml":
                    errors.append(ContentError(_relative(path, root), 1, 1, None, "rename to .yaml"))
        elif child.is_dir():
            known = ", ".join(KINDS)
            errors.append(ContentError(shown, 1, 1, None, f"unknown kind folder; known kinds: {known}"))
    return found, errors


def load_entry(kind: str, path: Path, root: Path) -> tuple[Entry | None, list[ContentError]]:
    """Load and validate one module file; return it (or None) and its problems."""
    shown = _relative(path, root)
    if not re.match(ID_PATTERN, path.stem):
        msg = "file name is the module id: use lowercase letters, digits and hyphens (e.g. erstes-treffen.yaml)"
        return None, [ContentError(shown, 1, 1, None, msg)]
    try:
        doc = load_file(path, shown)
    except ContentError as err:
        return None, [err]
    module, errors = validate(doc, KINDS[kind], shown)
    errors += _check_placeholders(doc, doc.data, (), shown)
    return (Entry(kind, path.stem, shown, doc, module) if module else None), errors


def _check_placeholders(doc: Document, value: Any, loc: Loc, shown: str) -> list[ContentError]:
    """Report {name} placeholders the settings do not define, wherever they stand."""
    if isinstance(value, dict):
        return [e for k, v in value.items() for e in _check_placeholders(doc, v, loc + (str(k),), shown)]
    if isinstance(value, list):
        return [e for i, v in enumerate(value) for e in _check_placeholders(doc, v, loc + (i,), shown)]
    if not isinstance(value, str) or "{" not in value:  # most text has no braces: skip the regex
        return []
    known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
    return [ContentError(shown, *doc.where(loc), field_path(loc), f"unknown placeholder {bad}; known: {known}")
            for bad in unknown_placeholders(value, set(PLACEHOLDERS))]


def iter_refs(obj: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str, tuple[str, ...]]]:
    """Yield (location, id, allowed kinds) for every cross-reference inside a model."""
    for name, info in type(obj).model_fields.items():
        value = getattr(obj, name)
        target = next((m for m in info.metadata if isinstance(m, RefTo)), None)
        if target is not None:
            ids = value if isinstance(value, list) else [value]
            for i, ref_id in enumerate(ids):
                yield (loc + (name, i) if isinstance(value, list) else loc + (name,)), ref_id, target.kinds
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from iter_refs(item, loc + (name, i))


def _check_refs(curriculum: Curriculum, invalid: set[str]) -> list[ContentError]:
    errors = []
    for entry in curriculum.entries.values():
        for loc, ref_id, kinds in iter_refs(entry.module):
            target = curriculum.entries.get(ref_id)
            if target is None and ref_id in invalid:
                continue  # its file exists and has its own errors; don't repeat them as unknown ids
            if target is None or target.kind not in kinds:
                found = f" (it is a {target.kind} module)" if target else ""
                line, col = entry.doc.where(loc)
                msg = f"unknown id '{ref_id}'{found}; expected a module in: {', '.join(kinds)}"
                errors.append(ContentError(entry.source, line, col, field_path(loc), msg))
    return errors


EntryLoader = Callable[[str, Path, Path], tuple[Entry | None, list[ContentError]]]


def load_curriculum(root: Path, lang: str, load: EntryLoader = load_entry) -> Curriculum:
    """Load ``root/curriculum/<lang>``; raise ContentErrors listing every problem.

    ``load`` loads one file; a build cache passes its own to reuse unchanged modules.
    """
    edition = root / "curriculum" / lang
    if not edition.is_dir():
        raise ContentErrors([ContentError(_relative(edition, root), 1, 1, None, "language folder not found")])
    pairs, errors = _discover(edition, root)
    curriculum = Curriculum(lang)
    invalid: set[str] = set()
    for kind, path in pairs:
        entry, problems = load(kind, path, root)
        errors += problems
        if entry is None:
            invalid.add(path.stem)
            continue
        if entry.id in curriculum.entries:
            first = curriculum.entries[entry.id].source
            errors.append(ContentError(entry.source, 1, 1, None, f"duplicate id '{entry.id}': also {first}"))
            continue
        curriculum.entries[entry.id] = entry
    errors += _check_refs(curriculum, invalid)
    if errors:
        raise ContentErrors(errors)
    return curriculum
