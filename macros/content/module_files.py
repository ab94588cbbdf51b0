"""A module named on the command line (`[lang/]kind/id`) → our file and the fork's, both checked.

`./handbook adapt`, `diff` and `translate-status --update` read and write files named by an
argument. Each part is checked against its pattern before any path is made, every path must stay
inside curriculum/ once resolved, and a symbolic link on the way is refused: a command must never
read or write outside the project (`./handbook adapt ../../x`, a link to /etc/passwd).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from macros.base.messages import say
from macros.content.overlay import LOCAL
from macros.schema.field_types import ID_PATTERN, LANG_PATTERN
from macros.schema.models import KINDS


class ArgumentError(ValueError):
    """A command-line argument that names no module, or a file the command must not touch."""


@dataclass(frozen=True)
class ModuleFiles:
    """Our file of one module and where the fork's own version of it lives (or would live)."""

    module: str  # kind/id, with the language first for another edition than the default one
    lang: str
    kind: str
    id: str
    ours: Path
    local: Path


def module_files(root: Path, arg: str, default_lang: str) -> ModuleFiles:
    """Return the files of the module ``arg`` names; raise ArgumentError saying what is wrong."""
    parts = arg.split("/")
    lang = parts.pop(0) if len(parts) == 3 else default_lang
    if len(parts) != 2 or not re.fullmatch(LANG_PATTERN, lang) or not re.fullmatch(ID_PATTERN, parts[1]):
        raise ArgumentError(say("arg_bad_module", arg=arg))
    kind, module_id = parts
    if kind not in KINDS:
        raise ArgumentError(say("arg_unknown_kind", kind=kind, kinds=", ".join(KINDS)))
    curriculum = root / "curriculum"
    ours = inside(curriculum, Path(lang, kind, f"{module_id}.yaml"))
    local = inside(curriculum, Path(LOCAL, lang, kind, f"{module_id}.yaml"))
    module = f"{kind}/{module_id}" if lang == default_lang else f"{lang}/{kind}/{module_id}"
    return ModuleFiles(module, lang, kind, module_id, ours, local)


def inside(folder: Path, relative: Path) -> Path:
    """Return ``folder / relative``; raise ArgumentError if a link is on the way or it leads outside."""
    path = folder
    for part in relative.parts:
        path = path / part
        if path.is_symlink():
            raise ArgumentError(say("arg_symlink", path=shown(path, folder)))
    if not path.resolve().is_relative_to(folder.resolve()):
        raise ArgumentError(say("arg_outside", path=shown(path, folder)))
    return path


def shown(path: Path, folder: Path) -> str:
    """Return ``path`` as a user sees it: from the project's root (the parent of ``folder``)."""
    try:
        return path.relative_to(folder.parent).as_posix()
    except ValueError:
        return str(path)
