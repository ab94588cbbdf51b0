"""Throwaway project copies for the benchmark: the shipped one and a synthetic, larger one."""

from __future__ import annotations

import copy
import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from macros.content.curriculum import iter_refs, load_curriculum
from macros.organization.settings import SETTINGS_FILE, load_settings
from macros.reader.loader import Loc

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = re.compile(r"^languages:.*$", re.M)
PROJECT_FILES = ["mkdocs.yml", "docs", "macros", "overrides", "schemas", "curriculum"]


def copy_project(dest: Path) -> Path:
    """Copy the engine, theme overrides, docs and the shipped curriculum into ``dest``, one edition only."""
    ignore = shutil.ignore_patterns("__pycache__")
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        else:
            shutil.copy2(src, dest / name)
    default_edition_only(dest)
    return dest


def default_edition_only(root: Path) -> None:
    """Set ``languages: [<default>]``: like with like against plain MkDocs.

    The handbook builds every other edition inside its own build (macros/site/editions.py); plain
    MkDocs gets the Markdown of one build. So both sides build the default edition alone.
    """
    path = root / SETTINGS_FILE
    pinned = f"languages: [{load_settings(root).language}]"
    text, found = LANGUAGES.subn(pinned, path.read_text(encoding="utf-8"), count=1)
    path.write_text(text if found else f"{pinned}\n{text}", encoding="utf-8")


def _set(data: Any, loc: Loc, value: str) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def _copy_module(kind: str, data: dict[str, Any], refs: list[Loc], ref_ids: list[str], n: int) -> dict[str, Any]:
    """Return module data for copy ``n``: its references point at copy ``n`` of their targets."""
    out = copy.deepcopy(data)
    if kind == "sessions":
        # A copied session template is an alternative, not an extra meeting: the program's
        # computed time commitments (macros/content/facts.py) stay those of the shipped curriculum.
        out["repeats"] = 0
    for loc, ref_id in zip(refs, ref_ids, strict=True):
        _set(out, loc, f"{ref_id}-x{n}")
    title = f"{out['title']} ({n})"
    out["title"] = title if len(title) <= 120 else out["title"]
    return out


# A word the generator may swap: lowercase, letters only, long enough not to be grammar.
_WORD = re.compile(r"(?<![\w{\[(#/:.-])([a-zäöüß]{5,})(?![\w}\]:/.-]|\()")


class Distinct:
    """Make each copy's texts its own: a share of its words swapped for others of the curriculum, by a seed.

    Copies that share their texts flatter a build that converts each distinct text once; these
    differ in every long text, keep their length and Markdown (placeholders, links, lists and
    numbers are never touched), and are the same on every run.
    """

    def __init__(self, vocabulary: list[str]) -> None:
        self.vocabulary = sorted(set(vocabulary))

    @classmethod
    def of(cls, texts: list[str]) -> Distinct:
        return cls([word for text in texts for word in _WORD.findall(text)])

    def text(self, value: str, seed: str) -> str:
        rng = random.Random(seed)
        swapped = _WORD.sub(lambda m: rng.choice(self.vocabulary) if rng.random() < 0.3 else m.group(1), value)
        if swapped == value:  # a short text where no draw hit: its first word, then
            swapped = _WORD.sub(lambda m: rng.choice([w for w in self.vocabulary if w != m.group(1)]), value, count=1)
        return swapped

    def module(self, data: Any, seed: str, skip: frozenset[Loc], loc: Loc = ()) -> Any:
        if isinstance(data, dict):
            return {k: self.module(v, seed, skip, (*loc, k)) for k, v in data.items()}
        if isinstance(data, list):
            return [self.module(v, seed, skip, (*loc, i)) for i, v in enumerate(data)]
        if isinstance(data, str) and loc not in skip and len(data) > 40:
            return self.text(data, f"{seed}/{'.'.join(map(str, loc))}")
        return data


def multiply(root: Path, factor: int, distinct: bool = False) -> int:
    """Add ``factor - 1`` copies of every module under new ids; return the module count.

    With ``distinct`` each copy's long texts are its own (``Distinct``), not the shipped ones again.
    """
    lang = load_settings(root).language
    curriculum = load_curriculum(root, lang)
    edition = root / "curriculum" / lang
    words = Distinct.of([text for entry in curriculum.entries.values() for _, text in entry.doc.strings])
    copies: dict[Path, tuple[dict[str, Any], str, frozenset[Loc]]] = {}
    for entry in curriculum.entries.values():
        found = list(iter_refs(entry.module))
        refs, ids = [loc for loc, _, _ in found], [ref_id for _, ref_id, _ in found]
        for n in range(1, factor):
            path = edition / entry.kind / f"{entry.id}-x{n}.yaml"
            copies[path] = (_copy_module(entry.kind, entry.doc.data, refs, ids, n), f"{entry.kind}/{entry.id}/{n}",
                            frozenset(refs))
    for path, (data, seed, skip) in copies.items():
        _write(path, words.module(data, seed, skip) if distinct else data)
    if distinct:
        _settle(root, copies, words)
    return len(curriculum.entries) * factor


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")


def _settle(root: Path, copies: dict[Path, tuple[dict[str, Any], str, frozenset[Loc]]], words: Distinct) -> None:
    """Draw again for the copies whose swapped words happen to state a program fact the check refuses.

    (E.g. "mindestens" landing before a time: the check asks for the {notice} placeholder there.)
    Deterministic: the same retries on every run; a copy that stays refused keeps its shipped texts.
    """
    from macros.commands.check import check

    for attempt in range(1, 6):
        refused = {root / line.split(":", 1)[0] for line in _quiet(check, root)} & set(copies)
        if not refused:
            return
        for path in refused:
            data, seed, skip = copies[path]
            _write(path, words.module(data, f"{seed}/again{attempt}", skip) if attempt < 5 else data)


def _quiet(fn: Any, *args: Any) -> Any:
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        return fn(*args)
