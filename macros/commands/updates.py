"""What changed for this fork since its last update, said once by `./handbook check`.

Three sources: our CHANGELOG.md (its "Für Organisationen" / "For organizations" section of each
release the fork has not been told about), the editions built now that were not before, and
settings whose default changed while the fork does not set them. What was said is recorded in
STATE, a file of this working copy (in .gitignore: never shipped, so never a merge conflict);
a working copy without it hears the newest release and the editions beyond the default one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from macros.base.messages import catalogue

STATE = ".handbook/updates.yaml"
CHANGELOG = "CHANGELOG.md"


@dataclass
class Known:
    """What this working copy has been told: the newest release, the editions, the defaults."""

    release: str | None = None
    editions: list[str] = field(default_factory=list)
    defaults: dict[str, Any] = field(default_factory=dict)


def releases(text: str, section: str) -> list[tuple[str, list[str]]]:
    """Return (release id, its items under ``section``) for every "## " release, newest first."""
    found = []
    for block in re.split(r"(?m)^## ", text)[1:]:
        release, _, body = block.partition("\n")
        part = re.search(rf"(?ms)^### {re.escape(section)}\s*$(.*?)(?=^##|\Z)", body)
        items = re.split(r"(?m)^- ", part.group(1))[1:] if part else []
        found.append((release.strip(), [" ".join(item.split()) for item in items]))
    return found


def defaults(model: type[BaseModel], prefix: str = "") -> dict[str, Any]:
    """Return every plain default of the settings model, by dotted name: {"program.every_weeks": 3}."""
    found: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        kind = info.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            found.update(defaults(kind, f"{prefix}{name}."))
        elif not info.is_required() and isinstance(info.default, (str, int, float, bool, type(None))):
            found[f"{prefix}{name}"] = info.default
    return found


def _sets(data: dict[str, Any], dotted: str) -> bool:
    value: Any = data
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return False
        value = value[part]
    return True


def news(root: Path, lang: str, built: list[str], current: dict[str, Any],
         data: dict[str, Any]) -> tuple[list[str], Known]:
    """Return what to tell this fork (in ``lang``, its default edition's language) and what it then knows."""
    words = catalogue(lang)
    known = read_state(root)
    changelog = root / CHANGELOG
    listed = releases(changelog.read_text(encoding="utf-8"), words["update_section"]) if changelog.is_file() else []
    ids = [release for release, _ in listed]
    unheard = listed[:1] if known is None else listed[:ids.index(known.release)] if known.release in ids else listed
    said = [f"{release}: {item}" for release, items in reversed(unheard) for item in items]
    before = known.editions if known is not None else built[:1]
    said += [words["update_new_edition"].format(lang=e, default=built[0]) for e in built if e not in before]
    for name, old in (known.defaults if known is not None else {}).items():
        if name in current and current[name] != old and not _sets(data, name):
            said.append(words["update_new_default"].format(setting=name, old=_shown(old), new=_shown(current[name])))
    return said, Known(ids[0] if ids else None, list(built), current)


def _shown(value: Any) -> str:
    return "—" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def read_state(root: Path) -> Known | None:
    """Return what this working copy was told, or None if it never ran check with this feature."""
    path = root / STATE
    if path.is_symlink() or not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return None  # a damaged record: better to say something twice than to fail the check
    if not isinstance(data, dict):
        return None
    return Known(data.get("release"), list(data.get("editions") or []), dict(data.get("defaults") or {}))


def write_state(root: Path, known: Known, lang: str) -> None:
    """Record what was said, with a comment on what the file is for."""
    path = root / STATE
    if path.is_symlink() or path.parent.is_symlink():
        return
    path.parent.mkdir(exist_ok=True)
    body = yaml.safe_dump({"release": known.release, "editions": known.editions, "defaults": known.defaults},
                          allow_unicode=True, sort_keys=True)
    path.write_text(catalogue(lang)["update_state_header"] + "\n" + body, encoding="utf-8")


def tell(root: Path) -> list[str]:
    """Return the lines check prints about our updates (none if nothing is new); record them as said.

    Read from the settings file as it is, valid or not: a setting that an update made wrong is
    exactly when a fork needs to hear what changed.
    """
    from macros.organization.settings import SETTINGS_FILE, Settings, language_of
    from macros.reader.loader import load_file

    try:
        data = load_file(root / SETTINGS_FILE, SETTINGS_FILE).data
    except Exception:  # noqa: BLE001 - a broken settings file is the check's to report, with its place
        return []
    lang = language_of(data)
    languages = data.get("languages") if isinstance(data.get("languages"), list) else []
    built = [lang] + [str(other) for other in languages if other != lang]
    said, known = news(root, lang, built, defaults(Settings), data)
    write_state(root, known, lang)
    return [catalogue(lang)["update_head"], *(f"  - {line}" for line in said)] if said else []
