"""`./handbook adapt` and `./handbook diff`: a fork's own version of one of our modules.

    ./handbook adapt roles/mentee            our whole module as a starting point
    ./handbook adapt roles/mentee summary    just that field (or those fields), with our current text
    ./handbook adapt --reviewed roles/mentee record that our latest change was looked at
    ./handbook diff roles/mentee             what we changed since: fields, then the lines
    ./handbook adapt --absorb [REF]          changes to our files → overrides (macros/commands/absorb.py)

The local file (curriculum/local/<lang>/<kind>/<id>.yaml) records which version of ours it was
based on, so check can say when ours changed. `lang/kind/id` names another edition's module.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from macros.base.errors import ContentErrors
from macros.base.messages import catalogue, say
from macros.content import bases, overlay, translations
from macros.content.module_files import ArgumentError, ModuleFiles, module_files, shown
from macros.organization.settings import load_settings


def _files(root: Path, arg: str) -> ModuleFiles:
    return module_files(root, arg, load_settings(root).language)


def header(root: Path, files: ModuleFiles, blob: str) -> str:
    """Return the explaining comment of an override, recording ``blob`` as its base (bases.yaml)."""
    bases.record(root, bases.key(files.local), blob)
    words = catalogue(load_settings(root).language)  # in the fork's own language, like every message
    return words["adapt_header"].format(module=files.module) + "\n"


def field_text(text: str, field: str) -> str | None:
    """Return the lines of top-level ``field`` in a module's YAML as written there (None if absent)."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(rf"{re.escape(field)}:(?:\s|$)", line)), None)
    if start is None:
        return None
    end = start + 1
    # Its value goes on while lines are indented, blank, or list items at the left edge.
    while end < len(lines) and (lines[end][:1] in (" ", "\t", "\n", "\r") or lines[end].startswith("-")):
        end += 1
    return "".join(lines[start:end]).rstrip("\n") + "\n"


def adapt(root: Path, arg: str, fields: list[str] | None = None) -> str:
    """Write the local starting point for the module ``arg`` (only ``fields``, if given); say what was done."""
    files = _files(root, arg)
    if not files.ours.is_file():
        return say("adapt_no_module", module=arg, path=shown(files.ours, root / "curriculum"))
    ours = files.ours.read_text(encoding="utf-8")
    local_shown = shown(files.local, root / "curriculum")
    if not fields:
        if files.local.exists():
            return say("adapt_exists", path=local_shown)
        body = ours.replace("$schema=../../../schemas/", "$schema=../../../../schemas/", 1)
        _write(files.local, header(root, files, overlay.blob_id(files.ours.read_bytes())) + body)
        return say("adapt_written", path=local_shown)
    return _adapt_fields(root, files, ours, fields)


def _adapt_fields(root: Path, files: ModuleFiles, ours: str, fields: list[str]) -> str:
    texts = {field: field_text(ours, field) for field in fields}
    if missing := [f for f, text in texts.items() if text is None]:
        present = [m.group(1) for m in re.finditer(r"(?m)^([a-z_]+):", ours)]
        raise ArgumentError(say("adapt_no_field", module=files.module, field=", ".join(missing),
                                fields=", ".join(present)))
    local_shown = shown(files.local, root / "curriculum")
    current = files.local.read_text(encoding="utf-8") if files.local.exists() else ""
    if there := [f for f in fields if field_text(current, f) is not None]:
        return say("adapt_field_there", field=", ".join(there), path=local_shown)
    if not current:
        current = header(root, files, overlay.blob_id(files.ours.read_bytes()))
    _write(files.local, current.rstrip("\n") + "\n" + "".join(texts[f] or "" for f in fields))
    return say("adapt_fields_written", path=local_shown, fields=", ".join(fields))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def reviewed(root: Path, arg: str) -> str:
    """Record in the fork's file of ``arg`` that it is based on our current version."""
    files = _files(root, arg)
    local_shown = shown(files.local, root / "curriculum")
    if not files.local.is_file() or not files.ours.is_file():
        return say("diff_no_override", module=files.module, path=local_shown)
    bases.record(root, bases.key(files.local), overlay.blob_id(files.ours.read_bytes()))
    overlay.drop_line(files.local, overlay.BASED_ON)  # the record's old place: bases.yaml holds it now
    return say("adapt_reviewed", path=local_shown, module=files.module)


def move_bases(root: Path) -> str:
    """Move the comment lines "beruht auf" and "translation of" of the fork's files into the records beside them."""
    moved = 0
    for local in sorted((root / "curriculum" / overlay.LOCAL).glob("*/*/*.yaml")):
        if local.is_symlink() or local.parent.is_symlink() or local.parent.parent.is_symlink():
            continue
        if (base := overlay.commented_base(local)) is not None:
            bases.record(root, bases.key(local), base)
            overlay.drop_line(local, overlay.BASED_ON)
            moved += 1
        if (translated := translations.commented_mark(local)) is not None:
            bases.record(root, bases.key(local), translated, bases.TRANSLATIONS)
            translations.drop_mark(local)
            moved += 1
    return say("adapt_moved_bases", count=moved)


def diff(root: Path, arg: str) -> str:
    """Return what changed in our module since the local override was based on it, readably."""
    files = _files(root, arg)
    curriculum = root / "curriculum"
    local_shown, ours_shown = shown(files.local, curriculum), shown(files.ours, curriculum)
    if not files.local.is_file() or not files.ours.is_file():
        return say("diff_no_override", module=files.module, path=local_shown)
    base = overlay.based_on(files.local)
    if base is None:
        return say("diff_no_base", path=local_shown)
    if base == overlay.blob_id(files.ours.read_bytes()):
        return say("diff_unchanged", module=files.module)
    old = subprocess.run(["git", "cat-file", "blob", base], cwd=root, capture_output=True, text=True)
    if old.returncode != 0:
        return say("diff_unknown_base", base=base[:10], ours=ours_shown, local=local_shown)
    return _readable(files, old.stdout, files.ours.read_text(encoding="utf-8"), ours_shown, local_shown)


def _readable(files: ModuleFiles, old: str, new: str, ours_shown: str, local_shown: str) -> str:
    keys = sorted({m.group(1) for text in (old, new) for m in re.finditer(r"(?m)^([a-z_]+):", text)})
    changed = [k for k in keys if field_text(old, k) != field_text(new, k)]
    local = files.local.read_text(encoding="utf-8")
    yours = [k for k in changed if field_text(local, k) is not None]
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 f"{ours_shown} ({say('diff_old_label')})", f"{ours_shown} ({say('diff_new_label')})")
    summary = [say("diff_head", module=files.module, ours=ours_shown), say("diff_fields", fields=", ".join(changed))]
    summary.append(say("diff_yours", local=local_shown, fields=", ".join(yours), module=files.module) if yours
                   else say("diff_yours_none", local=local_shown, module=files.module))
    return "\n".join(summary) + "\n\n" + "".join(lines)


def main(argv: list[str]) -> int:
    command, args = (argv[0], argv[1:]) if argv else ("", [])
    if command == "adapt" and args == ["--move-bases"]:
        print(move_bases(Path.cwd()))
        return 0
    flag = args[:1] == ["--reviewed"] and command == "adapt"
    if flag:
        args = args[1:]
    if command not in ("adapt", "diff") or not args or ((command == "diff" or flag) and len(args) != 1):
        print(say("adapt_usage"), file=sys.stderr)
        return 2
    if flag:
        return said(lambda: reviewed(Path.cwd(), args[0]))
    if command == "adapt":
        return said(lambda: adapt(Path.cwd(), args[0], args[1:]))
    return said(lambda: diff(Path.cwd(), args[0]))


def said(action: Callable[[], str]) -> int:
    """Print what a command did; a bad argument or broken content is a message (exit 1), never a traceback."""
    try:
        print(action())
    except ArgumentError as err:
        print(err, file=sys.stderr)
        return 1
    except ContentErrors as err:
        print(err.report(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
