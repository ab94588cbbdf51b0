"""Validate all content without building the site: `python -m macros.check`."""

from __future__ import annotations

import sys
from pathlib import Path

from macros.curriculum import Curriculum, load_curriculum
from macros.errors import ContentErrors
from macros.facts import check_facts
from macros.pages import load_labels
from macros.settings import Settings, load_settings


def check(root: Path) -> list[str]:
    """Return every problem in settings and curriculum as 'file:line:col: field: message'."""
    problems: list[str] = []
    lang, settings = "de", None
    try:
        settings = load_settings(root)
        lang = settings.language
    except ContentErrors as err:
        problems += [str(e) for e in err.errors]
    try:
        curriculum = load_curriculum(root, lang)
    except ContentErrors as err:
        problems += [str(e) for e in err.errors]
    else:
        problems += _facts(curriculum, settings, lang)
        if not problems:
            print(f"ok: {len(curriculum.entries)} modules in curriculum/{lang} are valid")
    return problems


def _facts(curriculum: Curriculum, settings: Settings | None, lang: str) -> list[str]:
    # Facts are compared with the settings, so they wait until the settings are valid.
    if settings is None:
        return []
    return [str(e) for e in sorted(check_facts(curriculum, settings, load_labels(lang)))]


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    problems = check(root)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
