"""`./handbook translate-status`: every edition's translation state, or record that modules were updated."""

from __future__ import annotations

import sys
from pathlib import Path

from macros.base.errors import ContentErrors
from macros.base.messages import say, speaking
from macros.content.translations import COMPLETE, MISSING, OUTDATED, UNRECORDED, status, update
from macros.organization.settings import Settings, load_settings


def main(argv: list[str]) -> int:
    """`./handbook translate-status [--update <id> …]`: list every edition's state, or record updates."""
    root = Path.cwd()
    try:
        settings = load_settings(root)
    except ContentErrors as err:
        print(err.report(), file=sys.stderr)
        return 1
    with speaking(settings.language):
        return _report(root, settings, argv)


def _report(root: Path, settings: Settings, argv: list[str]) -> int:
    others = settings.built()[1:]
    if not others:
        print(say("translation_one_edition", lang=settings.language))
        return 0
    if argv[:1] == ["--update"]:
        if len(argv) < 2:
            print(say("translation_update_usage"), file=sys.stderr)
            return 2
        for module_id in argv[1:]:
            for lang in others:
                try:
                    print(say("translation_updated", file=update(root, module_id, lang, settings.language)))
                except LookupError as err:
                    print(err, file=sys.stderr)
                    return 1
        return 0
    for lang in others:
        states = [t for t in status(root, lang, settings.language) if t.id not in settings.hidden]
        for found in states:
            if found.state != COMPLETE:
                print(found.problem())
        counts = {state: sum(1 for t in states if t.state == state) for state in (COMPLETE, OUTDATED, UNRECORDED,
                                                                                   MISSING)}
        print(say("translation_summary", lang=lang, **counts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
