"""`./handbook adapt --absorb [REF]`: changes made to our files become the fork's overrides.

    ./handbook adapt --absorb          against where this branch left main
    ./handbook adapt --absorb origin/main

The published editor shows our modules whole and saves them where it read them, in
`curriculum/<lang>/<kind>/<id>.yaml`, on a branch of its own (a pull request; see the guide,
"Im Browser bearbeiten"). Our files must stay ours, so that the fork merges our updates without
conflicts. This command compares every module file of ours with its version at the merge base of
HEAD and REF (default `main`), the version the editor showed: the fields that now differ go into
the fork's override (an existing one keeps its other fields, comments and recorded base), a new
override's base is recorded in curriculum/local/bases.yaml as `./handbook adapt` does, and our file
gets its bytes back. A module
that is new in our folders moves to curriculum/local/. Run again, it finds nothing to do.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.base.errors import ContentError, ContentErrors
from macros.base.messages import say
from macros.commands.adapt import field_text, header, said
from macros.commands.edit_files import changed_fields
from macros.commands.yaml_text import dump
from macros.content import bases, overlay
from macros.content.module_files import ArgumentError, ModuleFiles, module_files, shown
from macros.organization.settings import load_settings
from macros.reader.loader import parse

DEFAULT_REF = "main"


@dataclass(frozen=True)
class Change:
    """One module file of ours that differs from the base: its files and our text there (None: new)."""

    files: ModuleFiles
    path: str  # as git names it, curriculum/<lang>/<kind>/<id>.yaml
    ours: bytes | None


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)


def merge_base(root: Path, ref: str) -> str:
    """Return the commit where HEAD left ``ref``; raise ArgumentError if ``ref`` names no commit."""
    if ref.startswith("-"):  # never an option of git's
        raise ArgumentError(say("absorb_bad_ref", ref=ref))
    found = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    base = _git(root, "merge-base", "HEAD", found.stdout.decode().strip()) if found.returncode == 0 else found
    if base.returncode != 0:
        raise ArgumentError(say("absorb_bad_ref", ref=ref))
    return base.stdout.decode().strip()


def changed_paths(root: Path, base: str) -> list[str]:
    """Return every file under curriculum/ that differs from ``base`` in the working tree, or is new."""
    # --relative: paths from this project's folder, as ls-files gives them, even inside a larger repository
    diff = _git(root, "diff", "--relative", "--no-renames", "--name-only", "-z", base, "--", "curriculum/")
    new = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", "curriculum/")
    names = {name for out in (diff.stdout, new.stdout) for name in out.decode("utf-8").split("\0") if name}
    return sorted(names)


def plan(root: Path, base: str) -> list[Change]:
    """Return the changes to our module files; raise ArgumentError for a link or a path leading out."""
    changes, lang = [], load_settings(root).language
    for path in changed_paths(root, base):
        parts = Path(path).parts
        if len(parts) != 4 or parts[1] == overlay.LOCAL or not parts[3].endswith(".yaml"):
            continue  # the fork's own files, the settings, anything that is no module of ours
        files = module_files(root, f"{parts[1]}/{parts[2]}/{parts[3].removesuffix('.yaml')}", lang)
        at_base = _git(root, "cat-file", "blob", f"{base}:./{path}")
        changes.append(Change(files, path, at_base.stdout if at_base.returncode == 0 else None))
    return changes


def _data(text: str, where: str) -> dict[str, Any]:
    data, _ = parse(text, where)
    return dict(data) if isinstance(data, dict) else {}


def _unreadable(change: Change) -> ContentError | None:
    try:
        if change.files.ours.is_file():
            _data(change.files.ours.read_text(encoding="utf-8"), change.path)
    except ContentError as err:
        return err
    return None


def absorb_one(root: Path, change: Change) -> str:
    """Turn one changed file of ours into the fork's file and give ours its bytes back; say what was done."""
    files, curriculum = change.files, root / "curriculum"
    local_shown = shown(files.local, curriculum)
    edited = files.ours.read_text(encoding="utf-8") if files.ours.is_file() else None
    if change.ours is None:  # a new module: the fork's own
        if files.local.exists():
            return say("absorb_new_exists", path=change.path, local=local_shown)
        files.local.parent.mkdir(parents=True, exist_ok=True)
        files.local.write_text((edited or "").replace("$schema=../../../", "$schema=../../../../", 1), encoding="utf-8")
        files.ours.unlink()
        return say("absorb_moved", path=change.path, local=local_shown)
    ours = change.ours.decode("utf-8")
    mine = _data(edited, change.path) if edited is not None else {}
    before = _data(ours, change.path)
    differing = changed_fields(before, mine)
    files.ours.write_bytes(change.ours)
    if not differing:
        return say("absorb_restored", path=change.path)
    _write_override(root, files, differing, overlay.blob_id(change.ours))
    return say("absorb_written", path=local_shown, fields=", ".join(differing))


def _write_override(root: Path, files: ModuleFiles, fields: dict[str, Any], base: str) -> None:
    # An existing override keeps its other fields and its comments: each changed field's lines are
    # replaced where they stand, a new one goes at the end. It keeps its recorded base too: its other
    # fields were made on that version of ours, and check should still say when ours changed since.
    text = files.local.read_text(encoding="utf-8") if files.local.is_file() else ""
    if not text:
        text = header(root, files, base)  # records the base in bases.yaml, as ./handbook adapt does
    elif overlay.based_on(files.local) is None:
        bases.record(root, bases.key(files.local), base)
    for key, value in fields.items():
        block = dump({key: value})
        if (old := field_text(text, key)) is not None:
            text = text.replace(old, block, 1)
        else:
            text = text.rstrip("\n") + "\n" + block
    files.local.parent.mkdir(parents=True, exist_ok=True)
    files.local.write_text(text, encoding="utf-8")


def absorb(root: Path, ref: str = DEFAULT_REF) -> list[str]:
    """Absorb every change to our module files since the merge base with ``ref``; return what was done."""
    base = merge_base(root, ref)
    changes = plan(root, base)  # every path checked, every file read, before anything is written
    errors = [err for change in changes if (err := _unreadable(change)) is not None]
    if errors:
        raise ContentErrors(errors)
    done = [absorb_one(root, change) for change in changes]
    return done or [say("absorb_nothing", base=base[:10])]


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        print(say("adapt_usage"), file=sys.stderr)
        return 2
    return said(lambda: "\n".join(absorb(Path.cwd(), *argv)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
