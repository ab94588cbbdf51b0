"""Which files in a curriculum folder are modules, and a good name for those meant to be one.

A module file is `<id>.yaml` with an id of lowercase letters, digits and hyphens. Editors and
operating systems produce near misses (`Führung.YAML`, `fuehrung.yaml.txt`, `neues modul.yml`):
those are named with the exact file name to use instead, never skipped in silence.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

from macros.schema.field_types import ID_PATTERN
from macros.schema.models import KINDS

_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"}
# `x.yml`, `x.YAML`, `x.yaml.txt` (saved by an editor that adds its own ending); not backups (`x.yaml~`).
_YAMLISH = re.compile(r"\.ya?ml(?:\.[A-Za-z0-9]+)?$", re.I)


def suggest_id(stem: str) -> str:
    """Return an id made from a file name: 'Führung neu' -> 'fuehrung-neu'."""
    text = "".join(_UMLAUTS.get(ch, ch) for ch in stem)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "modul"


def meant_as_module(path: Path) -> bool:
    """Tell whether a file looks like a module that is named wrongly (not `<id>.yaml`)."""
    return bool(_YAMLISH.search(path.name)) and not is_module(path)


def is_module(path: Path) -> bool:
    return path.suffix == ".yaml" and re.match(ID_PATTERN, path.stem) is not None


def proper_name(path: Path) -> str:
    """Return the file name a misnamed module should have."""
    stem = _YAMLISH.sub("", path.name)
    return f"{suggest_id(stem)}.yaml"


def closest_kind(name: str) -> str | None:
    """Return the kind folder an unknown folder name was probably meant to be."""
    close = difflib.get_close_matches(name.lower(), list(KINDS), n=1, cutoff=0.6)
    return close[0] if close else None
