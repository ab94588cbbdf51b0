"""Load one language edition of the curriculum: every module, validated and cross-checked."""

from __future__ import annotations

import difflib
import functools
import os
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macros.base import collector
from macros.base.errors import ContentError, ContentErrors
from macros.base.messages import say
from macros.content import filenames, overlay
from macros.organization.placeholders import PLACEHOLDERS, unknown_placeholders
from macros.reader.loader import Document, Loc, load_file
from macros.schema.field_types import RefTo
from macros.schema.models import KINDS
from macros.schema.validation import error_at, validate


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
    # Things worth knowing that are not errors: hidden modules, stale local overrides.
    notices: list[str] = field(default_factory=list)
    hidden: list[tuple[str, str]] = field(default_factory=list)  # (kind, id)
    # of_kind's answers: pages, journeys and facts ask for the same kinds hundreds of times per build.
    _by_kind: dict[str, list[Entry]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __str__(self) -> str:
        # A log line or a message may print the curriculum: the dataclass' full repr of every
        # module took a second at 1,000 modules.
        return f"Curriculum({self.lang}, {len(self.entries)} modules)"

    def of_kind(self, kind: str) -> list[Entry]:
        """Return the modules of one kind in reading order."""
        if not self._by_kind:
            for entry in self.entries.values():
                self._by_kind.setdefault(entry.kind, []).append(entry)
            for found in self._by_kind.values():
                found.sort(key=lambda e: (e.module.order, e.module.title.casefold()))
        return list(self._by_kind.get(kind, []))

    def pair_templates(self) -> list[Entry]:
        """Return the session templates a pair runs on its own, in reading order."""
        return [e for e in self.of_kind("sessions") if e.module.audience == "pair"]

    def changed(self) -> None:
        """Forget of_kind's answers: call after adding, removing or replacing modules."""
        self._by_kind.clear()

    def kinds(self) -> list[str]:
        """Return the kinds that have modules, in handbook order."""
        return [k for k in KINDS if self.of_kind(k)]


def _relative(path: Path, root: Path) -> str:
    # What path.relative_to(root) says for the paths made from root, by string: many times quicker.
    text, base = str(path), str(root)
    prefix = base if base.endswith(os.sep) else base + os.sep
    if text.startswith(prefix) and text != prefix:
        return text[len(prefix):]
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _sorted_entries(folder: str | Path) -> list[os.DirEntry[str]]:
    # os.scandir knows each entry's type from the listing: no stat per file, as Path.is_file needs.
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def _discover(edition: Path, root: Path) -> tuple[list[tuple[str, Path]], list[ContentError]]:
    """List (kind, file) pairs; report every folder and file that is not read, and why."""
    found: list[tuple[str, Path]] = []
    errors: list[ContentError] = []
    for child in _sorted_entries(edition):
        if _hidden_file(child.name):
            errors += _hidden_module(edition / child.name, root)
            continue  # .DS_Store, editor swap files: never content
        if child.is_dir() and child.name in KINDS:
            for item in _sorted_entries(child.path):
                if _hidden_file(item.name):
                    errors += _hidden_module(edition / child.name / item.name, root)
                    continue
                path = edition / child.name / item.name
                if filenames.is_module(path) and item.is_file():
                    found.append((child.name, path))
                else:
                    errors.append(_not_read(path, root))
            continue
        shown = _relative(edition / child.name, root)
        if child.is_dir():
            guess = filenames.closest_kind(child.name)
            hint = say("unknown_kind_guess", guess=guess) if guess else ""
            message = say("unknown_kind_folder", hint=hint, kinds=", ".join(KINDS))
            errors.append(ContentError(shown, 1, 1, None, message))
        elif child.name != "README.md":
            example = f"{_relative(edition, root)}/topics/{filenames.proper_name(Path(child.name))}"
            errors.append(ContentError(shown, 1, 1, None, say("loose_module", example=example)))
    return found, errors


def _hidden_file(name: str) -> bool:
    return name.startswith(".")


def _hidden_module(path: Path, root: Path) -> list[ContentError]:
    """Report a hidden file that looks like a module (".x.yaml"): nothing reads it, and its author should know."""
    if not path.name.endswith((".yaml", ".yml")):
        return []
    return [ContentError(_relative(path, root), 1, 1, None, say("hidden_module", proper=path.name.lstrip(".")))]


def _not_read(path: Path, root: Path) -> ContentError:
    shown = _relative(path, root)
    if filenames.meant_as_module(path):
        proper = filenames.proper_name(path)
        return ContentError(shown, 1, 1, None, say("misnamed_module", proper=proper))
    return ContentError(shown, 1, 1, None, say("not_a_module"))


def load_entry(kind: str, path: Path, root: Path, local: Path | None) -> tuple[Entry | None, list[ContentError]]:
    """Load and validate one module; with ``local``, put that file's fields over ours."""
    shown = _relative(local or path, root)
    name = local or path
    try:
        doc = load_file(path, _relative(path, root))
        if local is not None:
            doc = overlay.layer(doc, _relative(path, root), load_file(local, shown), shown)
    except ContentError as err:
        return None, [err]
    module, errors = validate(doc, KINDS[kind], shown)
    errors += _check_placeholders(doc, shown)
    return (Entry(kind, name.stem, shown, doc, module) if module else None), errors


_KNOWN_PLACEHOLDERS = set(PLACEHOLDERS)


def _check_placeholders(doc: Document, shown: str) -> list[ContentError]:
    """Report {name} placeholders the settings do not define, wherever they stand."""
    # {hours_<role id>} is computed per role from the session templates; facts.py checks the role exists.
    unknown = [(loc, bad) for loc, value in doc.strings if "{" in value  # most text has no braces: skip the regex
               for bad in unknown_placeholders(value, _KNOWN_PLACEHOLDERS) if not bad.startswith("{hours_")]
    if not unknown:
        return []
    known = ", ".join("{" + p + "}" for p in PLACEHOLDERS) + ", {hours_<role id>}"
    return [error_at(doc, loc, shown, say("unknown_placeholder", bad=bad, known=known)) for loc, bad in unknown]


@functools.cache
def _ref_fields(model: type[BaseModel]) -> list[tuple[str, RefTo | None]]:
    """Return the fields of a model that hold references (with their target) or lists of models (None)."""
    found: list[tuple[str, RefTo | None]] = []
    for name, info in model.model_fields.items():
        target = next((m for m in info.metadata if isinstance(m, RefTo)), None)
        args = typing.get_args(info.annotation) if typing.get_origin(info.annotation) is list else ()
        if target is not None or any(isinstance(a, type) and issubclass(a, BaseModel) for a in args):
            found.append((name, target))
    return found


def iter_refs(obj: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str, tuple[str, ...]]]:
    """Yield (location, id, allowed kinds) for every cross-reference inside a model."""
    for name, target in _ref_fields(type(obj)):
        value = getattr(obj, name)
        if target is not None:
            ids = value if isinstance(value, list) else [value]
            for i, ref_id in enumerate(ids):
                yield (loc + (name, i) if isinstance(value, list) else loc + (name,)), ref_id, target.kinds
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from iter_refs(item, loc + (name, i))


def _check_refs(curriculum: Curriculum, invalid: set[str]) -> list[ContentError]:
    errors: list[ContentError] = []
    missing: dict[str, list[ContentError]] = {}
    for entry in curriculum.entries.values():
        for loc, ref_id, kinds in iter_refs(entry.module):
            target = curriculum.entries.get(ref_id)
            if target is None and ref_id in invalid:
                continue  # its file exists and has its own errors; don't repeat them as unknown ids
            if target is None or target.kind not in kinds:
                found = say("unknown_id_kind", kind=target.kind) if target else ""
                msg = say("unknown_id", id=ref_id, found=found, kinds=", ".join(kinds))
                error = error_at(entry.doc, loc, entry.source, msg)
                (missing.setdefault(ref_id, []) if target is None else errors).append(error)
    return errors + [_missing_module(ref_id, refs, curriculum) for ref_id, refs in missing.items()]


def _same_titles(curriculum: Curriculum) -> list[ContentError]:
    """Report modules that share a title: two pages a reader cannot tell apart, usually a copy."""
    first: dict[str, Entry] = {}
    errors = []
    for entry in sorted(curriculum.entries.values(), key=lambda e: e.source):
        key = " ".join(entry.module.title.casefold().split())
        if key in first:
            line, col = entry.doc.where(("title",))
            errors.append(ContentError(entry.doc.source_of(("title",)) or entry.source, line, col, "title",
                                       say("same_title", other=first[key].source)))
        else:
            first[key] = entry
    return errors


def _missing_module(ref_id: str, refs: list[ContentError], curriculum: Curriculum) -> ContentError:
    """One message for an id no module has: a typo (one place) or a deleted module (several)."""
    first, *others = sorted(refs)
    close = difflib.get_close_matches(ref_id, list(curriculum.entries), n=1, cutoff=0.75)
    if not others:
        hint = say("unknown_id_guess", guess=close[0]) if close else ""
        return ContentError(first.file, first.line, first.column, first.field, first.message + hint)
    where = ", ".join(f"{e.file}:{e.line}" for e in others)
    return ContentError(first.file, first.line, first.column, first.field,
                        say("missing_module", id=ref_id, count=len(refs), where=where))


def _pairs(root: Path, lang: str) -> tuple[list[tuple[str, Path, Path | None]], list[ContentError]]:
    """List (kind, our file, local file or None) for every module of ours and of the fork's."""
    ours, errors = _discover(root / "curriculum" / lang, root)
    local_dir = root / "curriculum" / overlay.LOCAL / lang
    local, local_errors = _discover(local_dir, root) if local_dir.is_dir() else ([], [])
    local_by_key = {(kind, path.stem): path for kind, path in local}
    pairs: list[tuple[str, Path, Path | None]] = [(kind, path, local_by_key.pop((kind, path.stem), None))
                                                   for kind, path in ours]
    pairs += [(kind, path, None) for (kind, _), path in local_by_key.items()]  # modules only the fork has
    return pairs, errors + local_errors


def module_ids(root: Path, lang: str) -> set[str]:
    """Return the ids of an edition's modules, ours and the fork's, without loading them."""
    return {path.stem for _, path, _ in _pairs(root, lang)[0]}


EntryLoader = Callable[[str, Path, Path, Path | None], tuple[Entry | None, list[ContentError]]]


def load_curriculum(root: Path, lang: str, load: EntryLoader = load_entry) -> Curriculum:
    """Load ``root/curriculum/<lang>`` with the fork's local files; raise ContentErrors listing every problem.

    ``load`` loads one module; the build cache passes its own to reuse unchanged ones.
    """
    edition = root / "curriculum" / lang
    if not edition.is_dir():
        raise ContentErrors([ContentError(_relative(edition, root), 1, 1, None, say("language_folder_missing"))])
    pairs, errors = _pairs(root, lang)
    curriculum = Curriculum(lang)
    invalid: set[str] = set()
    with collector.paused():
        for kind, path, local in pairs:
            entry, problems = load(kind, path, root, local)
            errors += problems
            if entry is None:
                invalid.add(path.stem)
                continue
            if entry.id in curriculum.entries:
                first = curriculum.entries[entry.id].source
                errors.append(ContentError(entry.source, 1, 1, None, say("duplicate_id", id=entry.id, other=first)))
                continue
            curriculum.entries[entry.id] = entry
            curriculum.changed()
            if local is not None and overlay.is_stale(path, local):
                curriculum.notices.append(str(overlay.Stale(entry.source, f"{kind}/{entry.id}")))
    errors += _check_refs(curriculum, invalid) + _same_titles(curriculum)
    if errors:
        raise ContentErrors(errors)
    return curriculum
