"""Validate all content without building the site: `python -m macros.check`."""

from __future__ import annotations

import sys
from pathlib import Path

from macros.curriculum import load_curriculum
from macros.errors import ContentErrors
from macros.settings import load_settings


def check(root: Path) -> list[str]:
    """Return every problem in settings and curriculum as 'file:line:col: field: message'."""
    problems: list[str] = []
    lang = "de"
    try:
        lang = load_settings(root).language
    except ContentErrors as err:
        problems += [str(e) for e in err.errors]
    try:
        curriculum = load_curriculum(root, lang)
    except ContentErrors as err:
        problems += [str(e) for e in err.errors]
    else:
        if not problems:
            print(f"ok: {len(curriculum.entries)} modules in curriculum/{lang} are valid")
    return problems


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
