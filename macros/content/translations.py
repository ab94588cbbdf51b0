"""Which modules of another edition translate the current version of the default edition's.

Each module of a non-default edition names, on a comment line near its top, the file it
translates and that file's content hash as git computes it (so `git diff <hash> <file>` shows
a translator what changed since):

    # translation of: curriculum/de/sessions/auftakt-workshop.yaml @ 19a5725c…

`./handbook translate-status` lists every module as complete, outdated or missing;
`./handbook translate-status --update <id>` records the source's current hash once a
translator has brought the module up to date. Check and build report missing and outdated
modules as notices, or as errors with `translations: error` in the settings.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from macros.base.errors import ContentError
from macros.base.messages import catalogue, say
from macros.base.positions import line_at
from macros.content import bases
from macros.content.overlay import LOCAL, blob_id, drop_line
from macros.reader.loader import utf8

_MARK = re.compile(r"^# translation of: (\S+) @ ([0-9a-f]{40})[ \t]*$", re.M)
COMPLETE, OUTDATED, MISSING, UNRECORDED = "complete", "outdated", "missing", "unrecorded"


@dataclass(frozen=True)
class Translation:
    """One module of the default edition and its state in another edition."""

    kind: str
    id: str
    source: str  # the default edition's file, relative to the project: curriculum/de/…
    target: str  # where the translation is (or belongs): curriculum/en/…
    state: str  # COMPLETE, OUTDATED, MISSING or UNRECORDED
    line: int = 1  # of the mark in the target, for messages
    recorded: str = ""  # the source's hash the translation names

    @property
    def urgency(self) -> int:
        """Missing first, up to date last: the order a translator works in."""
        return [MISSING, OUTDATED, UNRECORDED, COMPLETE].index(self.state)

    def problem(self, lang: str | None = None) -> ContentError:
        """Return this translation's state as a located problem (for notices and errors alike), in
        ``lang``'s words (the fork's own language) or the current one."""
        key, values = f"translation_{self.state}", {"source": self.source, "id": self.id, "hash": self.recorded[:10]}
        words = catalogue(lang)[key].format(**values) if lang else say(key, **values)
        return ContentError(self.target if self.state != MISSING else self.source, self.line, 1, None, words)


def _module_files(folder: str) -> list[tuple[str, str]]:
    """Return (kind folder, file name) of every ``*/*.yaml`` below ``folder``, in path order."""
    # os.scandir and plain strings: pathlib's glob, relative_to and path objects cost more here
    # than reading the files does, and check and build ask for this once per edition.
    try:
        kinds = [entry.name for entry in os.scandir(folder) if entry.is_dir()]
    except OSError:
        return []
    return sorted((kind, entry.name) for kind in kinds for entry in os.scandir(os.path.join(folder, kind))
                  if entry.name.endswith(".yaml"))


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return file.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def status(root: Path, lang: str, default: str) -> list[Translation]:
    """Return the state of every module of the default edition in edition ``lang``."""
    found = []
    local, kept = f"curriculum/{LOCAL}/", bases.recorded(root, bases.TRANSLATIONS)
    # Ours translate ours (curriculum/de -> curriculum/en), the fork's its own (local/de -> local/en).
    for source_dir, target_dir in ((f"curriculum/{default}", f"curriculum/{lang}"),
                                   (f"curriculum/{LOCAL}/{default}", f"curriculum/{LOCAL}/{lang}")):
        for kind, name in _module_files(os.path.join(root, source_dir)):
            source_shown, target_shown = f"{source_dir}/{kind}/{name}", f"{target_dir}/{kind}/{name}"
            module_id = name.removesuffix(".yaml")
            raw = _read(os.path.join(root, target_shown))
            if raw is None:
                found.append(Translation(kind, module_id, source_shown, target_shown, MISSING))
                continue
            text = raw.decode("utf-8", errors="replace")
            mark = _MARK.search(text[:4000])
            # The fork's own translations are recorded in curriculum/local/translations.yaml (an editor
            # rewrites files without comments); a comment mark is read until adapt --move-bases.
            hashed = kept.get(f"{lang}/{kind}/{module_id}") if source_dir.startswith(local) else None
            if hashed is None and mark is None:
                found.append(Translation(kind, module_id, source_shown, target_shown, UNRECORDED))
                continue
            line = 1 if hashed else line_at(text, mark.start()) if mark else 1
            hashed = hashed or (mark.group(2) if mark else "")
            state = COMPLETE if hashed == blob_id(Path(root, source_shown).read_bytes()) else OUTDATED
            found.append(Translation(kind, module_id, source_shown, target_shown, state, line, hashed))
    return found


def update(root: Path, module_id: str, lang: str, default: str) -> str:
    """Record in the translation of ``module_id`` that it translates the source's current version.

    Return the file changed; raise LookupError with a message when there is nothing to update.
    """
    from macros.schema.field_types import ID_PATTERN
    from macros.schema.models import KINDS  # pydantic: only this command needs it

    parts = module_id.split("/")
    if len(parts) > 2 or not re.fullmatch(ID_PATTERN, parts[-1]) or len(parts) == 2 and parts[0] not in KINDS:
        raise LookupError(say("arg_bad_module", arg=module_id))
    for found in status(root, lang, default):
        if found.id != parts[-1] or (len(parts) == 2 and found.kind != parts[0]):
            continue
        if found.state == MISSING:
            raise LookupError(say("translation_update_missing", target=found.target, source=found.source))
        target = _translation_file(root, found.target)
        if found.target.startswith(f"curriculum/{LOCAL}/"):  # the fork's own: recorded beside it
            bases.record(root, bases.key(target), blob_id((root / found.source).read_bytes()), bases.TRANSLATIONS)
            drop_mark(target)
            return found.target
        mark = f"# translation of: {found.source} @ {blob_id((root / found.source).read_bytes())}"
        lines = _text(target.read_bytes(), found.target).split("\n")
        at = next((i for i, line in enumerate(lines) if _MARK.match(line)), None)
        if at is None:  # below the editor's schema line, if there is one
            at = 1 if lines and lines[0].startswith("# yaml-language-server:") else 0
            lines.insert(at, mark)
        else:
            lines[at] = mark
        target.write_text("\n".join(lines), encoding="utf-8")
        return found.target
    raise LookupError(say("translation_update_unknown", id=module_id))


def commented_mark(path: Path) -> str | None:
    """Return the source hash a translation still names in its comment line, if any."""
    match = _MARK.search(path.read_text(encoding="utf-8", errors="replace")[:4000])
    return match.group(2) if match else None


def drop_mark(path: Path) -> None:
    """Remove a translation's comment line (its record is in curriculum/local/translations.yaml now)."""
    drop_line(path, _MARK)


def _translation_file(root: Path, shown: str) -> Path:
    """Return the translation ``shown`` (curriculum/…) to write; refuse a link or a way out of curriculum/."""
    from macros.content.module_files import ArgumentError, inside

    try:
        return inside(root / "curriculum", Path(shown).relative_to("curriculum"))
    except ArgumentError:
        raise LookupError(say("translation_symlink", path=shown)) from None


def _text(raw: bytes, shown: str) -> str:
    """Return a translation's text; a file not saved as UTF-8 is named with the place of its first bad byte."""
    try:
        return utf8(raw, shown)
    except ContentError as err:
        raise LookupError(str(err)) from None
