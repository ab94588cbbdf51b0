"""What the fork's files in `curriculum/local/` were made from, recorded beside them.

- `curriculum/local/bases.yaml`: which version of ours each override was made on (so check can say
  when ours changed since), one line `<lang>/<kind>/<id>: <git blob id of our file then>`.
- `curriculum/local/translations.yaml`: which version of the fork's own module in the default
  edition each of its translations translates, one line `<lang>/<kind>/<id>: <blob id>`.

Both used to be comment lines in the files themselves (`# beruht auf: …`, `# translation of: …`);
a browser editor rewrites a file without its comments, so the records live in files no editor
form touches. `./handbook adapt --move-bases` moves the old comment lines here; until then they
are still read (overlay.based_on, translations.status).
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.base.errors import ContentError
from macros.base.messages import say
from macros.reader.loader import load_file

BASES = Path("curriculum", "local", "bases.yaml")
TRANSLATIONS = Path("curriculum", "local", "translations.yaml")
_HEADERS = {BASES: "bases_header", TRANSLATIONS: "translations_header"}
_LINE = re.compile(r"^([a-z]{2}/[a-z-]+/[a-z0-9-]+): ([0-9a-f]{40})$")


def key(local: Path) -> str:
    """Return the record's key of the fork's file at ``local`` (…/local/<lang>/<kind>/<id>.yaml)."""
    return f"{local.parent.parent.name}/{local.parent.name}/{local.stem}"


def root_of(local: Path) -> Path:
    """Return the project of the fork's file at ``local``."""
    return local.parents[4]


def recorded(root: Path, record_file: Path = BASES) -> dict[str, str]:
    """Return every record of ``record_file``: key -> blob id."""
    path = root / record_file
    if not path.is_file() or path.is_symlink():
        return {}
    try:
        data = load_file(path, record_file.as_posix()).data or {}
    except ContentError:  # a damaged record is no record: check then says nothing is stale
        return {}
    return {str(k): str(v) for k, v in data.items() if _LINE.match(f"{k}: {v}")} if isinstance(data, dict) else {}


def record(root: Path, name: str, blob: str | None, record_file: Path = BASES) -> None:
    """Record (or, with None, forget) ``name``'s blob id; keep the file sorted, one line each."""
    records = recorded(root, record_file)
    if blob is None:
        records.pop(name, None)
    else:
        records[name] = blob
    lines = [f"{k}: {v}\n" for k, v in sorted(records.items())]
    head = "".join(f"# {line}\n" for line in say(_HEADERS[record_file]).splitlines())
    path = root / record_file
    if path.is_symlink():
        return
    if not lines:  # nothing to record: no file (one of comments only would not read as a mapping)
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head + "".join(lines), encoding="utf-8")
