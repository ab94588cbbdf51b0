"""Throwaway project copies for the benchmark: the shipped one and a synthetic, larger one."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from macros.curriculum import iter_refs, load_curriculum
from macros.loader import Loc
from macros.settings import SETTINGS_FILE, load_settings

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

    The handbook builds every other edition inside its own build (macros/editions.py); plain
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
        # computed time commitments (macros/facts.py) stay those of the shipped curriculum.
        out["repeats"] = 0
    for loc, ref_id in zip(refs, ref_ids, strict=True):
        _set(out, loc, f"{ref_id}-x{n}")
    title = f"{out['title']} ({n})"
    out["title"] = title if len(title) <= 120 else out["title"]
    return out


def multiply(root: Path, factor: int) -> int:
    """Add ``factor - 1`` copies of every module under new ids; return the module count."""
    lang = load_settings(root).language
    curriculum = load_curriculum(root, lang)
    edition = root / "curriculum" / lang
    for entry in curriculum.entries.values():
        found = list(iter_refs(entry.module))
        refs, ids = [loc for loc, _, _ in found], [ref_id for _, ref_id, _ in found]
        for n in range(1, factor):
            data = _copy_module(entry.kind, entry.doc.data, refs, ids, n)
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
            (edition / entry.kind / f"{entry.id}-x{n}.yaml").write_text(text, encoding="utf-8")
    return len(curriculum.entries) * factor
