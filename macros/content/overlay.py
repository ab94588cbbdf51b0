"""A fork's own files over ours: `curriculum/local/<lang>/<kind>/<id>.yaml`.

A local file with the id of one of our modules replaces only the top-level fields it contains;
every other field comes from ours. A local file with a new id is a module of its own. We never
ship files under `curriculum/local/`, so pulling our updates cannot conflict with a fork's.

`./handbook adapt <kind>/<id>` writes a starting point and records which version of ours it
was based on (the git blob id of our file, so `git diff` can show what changed since) in
curriculum/local/bases.yaml (macros/content/bases.py).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from macros.base.messages import say
from macros.content import bases
from macros.reader.loader import Document, Positions

LOCAL = "local"
# The line an override recorded its base on before curriculum/local/bases.yaml: written in the
# fork's language ("beruht auf" in German), read in either until `./handbook adapt --move-bases`.
BASED_ON = re.compile(r"^# (?:based on|beruht auf): ([0-9a-f]{40})\b", re.M)


def blob_id(data: bytes) -> str:
    """Return the id git gives a file with this content (so `git diff` finds it)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def based_on(path: Path) -> str | None:
    """Return the blob id a local override is recorded as based on, if any."""
    recorded = bases.recorded(bases.root_of(path)).get(bases.key(path))
    return recorded or commented_base(path)


def commented_base(path: Path) -> str | None:
    """Return the base an override still records in a comment line (before bases.yaml), if any."""
    match = BASED_ON.search(path.read_text(encoding="utf-8", errors="replace")[:2000])
    return match.group(1) if match else None


def drop_line(path: Path, pattern: re.Pattern[str]) -> None:
    """Remove the first whole line of ``path`` that ``pattern`` (anchored at a line start) finds, if any."""
    text = path.read_text(encoding="utf-8")
    match = pattern.search(text)
    end = text.find("\n", match.end()) if match else -1
    if match is not None and end >= 0:
        path.write_text(text[:match.start()] + text[end + 1:], encoding="utf-8")


def layer(ours: Document, ours_shown: str, local: Document, local_shown: str) -> Document:
    """Return ours with the local file's top-level fields put over it, remembering each origin."""
    data = {**ours.data, **local.data}
    sources = {str(key): (local_shown if key in local.data else ours_shown) for key in data}
    return Document(local.path, data, partial(_layered_positions, ours, local), sources)


def _layered_positions(ours: Document, local: Document) -> Positions:
    positions = {loc: pos for loc, pos in ours.positions.items() if not loc or loc[0] not in local.data}
    positions.update({loc: pos for loc, pos in local.positions.items() if loc})
    positions[()] = local.positions.get((), (1, 1))
    return positions


@dataclass(frozen=True)
class Stale:
    """A local override whose module of ours changed after the override was made."""

    local: str
    module: str  # kind/id

    def __str__(self) -> str:
        return say("stale_override", local=self.local, module=self.module)


def is_stale(ours: Path, local: Path) -> bool:
    """Tell whether ``local`` records a base that is not our file's current content."""
    recorded = based_on(local)
    return recorded is not None and recorded != blob_id(ours.read_bytes())
