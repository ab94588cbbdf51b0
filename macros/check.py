"""Validate all content without building the site: `python -m macros.check`."""

from __future__ import annotations

import sys
from pathlib import Path

from macros.curriculum import load_curriculum
from macros.edition import load_edition
from macros.errors import ContentErrors
from macros.settings import load_settings


def check(root: Path) -> list[str]:
    """Return every problem in settings and curriculum as 'file:line:col: field: message'."""
    try:
        edition = load_edition(root)
    except ContentErrors as err:
        return [str(e) for e in err.errors] + _curriculum_problems_too(root, err)
    for notice in edition.notices:
        print(f"note: {notice}")
    count, lang = len(edition.curriculum.entries), edition.settings.language
    print(f"ok: {count} modules in curriculum/{lang} are valid")
    return []


def _curriculum_problems_too(root: Path, err: ContentErrors) -> list[str]:
    # When the settings themselves are broken, still check the modules, so one run shows everything.
    try:
        load_settings(root)
        return []
    except ContentErrors:
        try:
            load_curriculum(root, "de")
        except ContentErrors as more:
            return [str(e) for e in more.errors]
        return []


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
