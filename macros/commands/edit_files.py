"""What `./handbook edit` shows the browser editor, and what a save in it writes.

The editor's collections point at the fork's layer, `curriculum/local/<lang>/<kind>/<id>.yaml`
(macros/commands/editor.py). Locally every module is there as the form should show it: ours with
the fork's fields over it. A save keeps only what differs from ours, as `./handbook adapt` would
have written it, with the base it was made on; a new id is the fork's own module, written whole.
The base goes to curriculum/local/bases.yaml. The settings go through edit_settings.py.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

from macros.base.messages import say
from macros.commands.adapt import header
from macros.commands.edit_settings import save_settings
from macros.commands.editor import settings_fields
from macros.commands.yaml_text import dump
from macros.content import bases, overlay
from macros.content.module_files import ArgumentError, ModuleFiles, inside, module_files
from macros.organization.settings import SETTINGS_FILE, Settings
from macros.reader.loader import load_file, parse
from macros.schema.field_types import ID_PATTERN
from macros.schema.models import KINDS

MODULE = re.compile(rf"curriculum/local/([a-z]{{2}})/([a-z-]+)/({ID_PATTERN[1:-1]})\.yaml")
# Pictures the editor uploads: the logo into docs/, pictures for texts into docs/assets/images/.
PICTURE = re.compile(r"docs/(?:assets/images/)?[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:svg|png|jpg|jpeg|webp|gif)")


class Refused(Exception):
    """A save the editor may not make (the message says why, in the fork's language)."""


def _files(root: Path, settings: Settings, lang: str, kind: str, module_id: str) -> ModuleFiles:
    return module_files(root, f"{lang}/{kind}/{module_id}", settings.language)


def _data(path: Path) -> dict[str, Any]:
    return dict(load_file(path).data) if path.is_file() else {}


def pictures(root: Path) -> dict[str, str]:
    """Return path -> base64 of the pictures the editor shows (the logo, pictures for texts)."""
    docs = root / "docs"
    found = [p for folder in (docs, docs / "assets" / "images") if folder.is_dir() and not folder.is_symlink()
             for p in sorted(folder.iterdir()) if p.is_file() and not p.is_symlink()]
    return {path: base64.b64encode((root / path).read_bytes()).decode("ascii")
            for p in found if PICTURE.fullmatch(path := p.relative_to(root).as_posix())}


def shown(root: Path, settings: Settings) -> dict[str, str]:
    """Return path -> text of every file the editor works on: each module merged, and the settings."""
    found = {SETTINGS_FILE: (root / SETTINGS_FILE).read_text(encoding="utf-8")}
    for lang in settings.built():
        for kind in KINDS:
            ids = {p.stem for layer in (Path(lang), Path("local", lang))
                   for p in (root / "curriculum" / layer / kind).glob("*.yaml")}
            for module_id in sorted(ids):
                files = _files(root, settings, lang, kind, module_id)
                found[f"curriculum/local/{lang}/{kind}/{module_id}.yaml"] = dump(
                    {**_data(files.ours), **_data(files.local)})
    return found


def save(root: Path, settings: Settings, path: str, body: bytes) -> str:
    """Write what the editor saved at ``path``; return what was done, in the fork's words."""
    try:
        return _save(root, settings, path, body)
    except ArgumentError as err:  # a symbolic link on the way, or a path leading out
        raise Refused(str(err)) from None


def _save(root: Path, settings: Settings, path: str, body: bytes) -> str:
    if path == SETTINGS_FILE:
        if (root / SETTINGS_FILE).is_symlink():
            raise Refused(say("editor_refused", path=path))
        # edit_settings.py: value by value, comments kept; a form field left out was emptied
        return save_settings(root, _parsed(path, body), settings_fields())
    if PICTURE.fullmatch(path):
        target = inside(root / "docs", Path(path).relative_to("docs"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)  # what it may hold is checked with docs/ (./handbook check)
        return say("editor_saved", path=path)
    return save_module(root, _module_files(root, settings, path), _parsed(path, body))


def _module_files(root: Path, settings: Settings, path: str) -> ModuleFiles:
    """Return the files of the module the editor names by ``path``; refuse any other path."""
    match = MODULE.fullmatch(path)
    if not match or match[1] not in settings.built() or match[2] not in KINDS:
        raise Refused(say("editor_refused", path=path))
    try:
        return _files(root, settings, *match.groups())
    except ArgumentError as err:  # a symbolic link on the way, or a path leading out
        raise Refused(str(err)) from None


def _parsed(path: str, body: bytes) -> dict[str, Any]:
    try:
        data, _ = parse(body.decode("utf-8"), path)
    except Exception as err:  # noqa: BLE001 - any reason it does not read is said the same way
        raise Refused(say("editor_not_yaml", path=path, detail=str(err)[:200])) from None
    if not isinstance(data, dict):
        raise Refused(say("editor_not_yaml", path=path, detail="mapping"))
    return data


def save_module(root: Path, files: ModuleFiles, data: dict[str, Any]) -> str:
    """Write the fork's file of a module: only the fields that differ from ours (all of a new one)."""
    shown_path = files.local.relative_to(root).as_posix()
    if not files.ours.is_file():
        files.local.parent.mkdir(parents=True, exist_ok=True)
        files.local.write_text(dump(data), encoding="utf-8")
        return say("editor_saved", path=shown_path)
    changed = changed_fields(_data(files.ours), data)
    if not changed:
        return _revert(root, files)
    files.local.parent.mkdir(parents=True, exist_ok=True)
    base = overlay.blob_id(files.ours.read_bytes())
    files.local.write_text(header(root, files, base) + dump(changed), encoding="utf-8")
    return say("editor_saved", path=shown_path)


def changed_fields(ours: dict[str, Any], shown: dict[str, Any]) -> dict[str, Any]:
    """Return the fields of ``shown`` that differ from ``ours`` (see ``same``)."""
    return {key: value for key, value in shown.items() if not same(ours.get(key), value)}


def same(ours: Any, shown: Any) -> bool:
    """Tell whether a value came back from the form as it was: a block's final line break is no change."""
    if isinstance(ours, str) and isinstance(shown, str):
        return ours.rstrip() == shown.rstrip()  # the Markdown field drops the "|" block's last newline
    if isinstance(ours, list) and isinstance(shown, list):
        return len(ours) == len(shown) and all(same(a, b) for a, b in zip(ours, shown, strict=True))
    if isinstance(ours, dict) and isinstance(shown, dict):
        return ours.keys() == shown.keys() and all(same(ours[k], shown[k]) for k in ours)
    return bool(ours == shown)


def delete(root: Path, settings: Settings, path: str) -> str:
    """Remove the fork's file at ``path`` (one of ours is then shown as ours again)."""
    return _revert(root, _module_files(root, settings, path))


def _revert(root: Path, files: ModuleFiles) -> str:
    """Remove the fork's file of a module and its recorded base: ours is shown as it is."""
    files.local.unlink(missing_ok=True)
    bases.record(root, bases.key(files.local), None)
    return say("editor_reverted", path=files.local.relative_to(root).as_posix())
