"""Which version of ours each of the fork's overrides was made on: `curriculum/local/bases.yaml`.

One line per override, `<lang>/<kind>/<id>: <git blob id of our file then>`. It used to be a
comment in the override itself (`# beruht auf: …`); a browser editor rewrites a file without its
comments, so the record lives beside the overrides, in a file no editor form touches.
`./handbook adapt --move-bases` moves the old comment lines here (overlay.based_on still reads them).
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.base.errors import ContentError
from macros.base.messages import say
from macros.reader.loader import load_file

BASES = Path("curriculum", "local", "bases.yaml")
_LINE = re.compile(r"^([a-z]{2}/[a-z-]+/[a-z0-9-]+): ([0-9a-f]{40})$")


def key(local: Path) -> str:
    """Return the record's key of the override at ``local`` (…/local/<lang>/<kind>/<id>.yaml)."""
    return f"{local.parent.parent.name}/{local.parent.name}/{local.stem}"


def root_of(local: Path) -> Path:
    """Return the project of the override at ``local``."""
    return local.parents[4]


def recorded(root: Path) -> dict[str, str]:
    """Return every recorded base: override key -> blob id."""
    path = root / BASES
    if not path.is_file() or path.is_symlink():
        return {}
    try:
        data = load_file(path, BASES.as_posix()).data or {}
    except ContentError:  # a damaged record is no record: check then says no override is stale
        return {}
    return {str(k): str(v) for k, v in data.items() if _LINE.match(f"{k}: {v}")} if isinstance(data, dict) else {}


def record(root: Path, name: str, blob: str | None) -> None:
    """Record (or, with None, forget) the base of override ``name``; keep the file sorted, one per line."""
    bases = recorded(root)
    if blob is None:
        bases.pop(name, None)
    else:
        bases[name] = blob
    lines = [f"{k}: {v}\n" for k, v in sorted(bases.items())]
    head = "".join(f"# {line}\n" for line in say("bases_header").splitlines())
    path = root / BASES
    if path.is_symlink():
        return
    if not lines:  # nothing to record: no file (one of comments only would not read as a mapping)
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head + "".join(lines), encoding="utf-8")
