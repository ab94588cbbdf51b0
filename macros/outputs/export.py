"""The export step of `./handbook build`: every download the registry lists, written into the built site.

    python -m macros.outputs.export --which [--chromium PATH]     the outputs this machine makes
    python -m macros.outputs.export SITE [--chromium PATH]         write them into SITE

One loop over the editions for all outputs (macros/content/outputs.py): each writer is opened
once on the site and called per edition. Outputs printed by Chromium are made only where it is.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from macros.base.errors import ContentErrors
from macros.base.messages import say, speaking
from macros.content.outputs import OUTPUTS, Output
from macros.organization import editions
from macros.organization.settings import fork_language
from macros.outputs.writer import ExportOptions, OpenWriter
from macros.rendering.edition import context, load_edition


def made_here(options: ExportOptions) -> list[Output]:
    """Return the outputs this machine can make, in registry order."""
    return [output for output in OUTPUTS if not output.printed or options.chromium]


def opener(output: Output) -> OpenWriter:
    """Return an output's writer, imported now (a writer may need a browser library the build does not)."""
    module, _, name = output.writer.partition(":")
    found: OpenWriter = getattr(importlib.import_module(module), name)
    return found


def export(site: Path, root: Path, options: ExportOptions) -> dict[str, list[Path]]:
    """Write every output made here into ``site`` for every edition; return the files by output name."""
    made = made_here(options)
    names = frozenset(output.name for output in made)
    loaded = [(folder, context(load_edition(root, lang=lang), outputs=names)) for lang, folder in editions.each(root)]
    written: dict[str, list[Path]] = {}
    for output in made:
        with opener(output)(site, options) as write:
            written[output.name] = [path for folder, ctx in loaded for path in write(ctx, folder)]
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, nargs="?")
    parser.add_argument("--which", action="store_true", help="print the names of the outputs made here")
    parser.add_argument("--chromium", help="path to the Chromium executable that prints PDFs")
    parser.add_argument("--paper", default="A4", choices=["A4", "Letter"])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the handbook's folder (mkdocs.yml)")
    args = parser.parse_args(argv)
    options = ExportOptions(args.chromium, args.paper)
    if args.which or args.site is None:
        print(" ".join(output.name for output in made_here(options)))
        return 0
    with speaking(fork_language(args.root)):  # said in the fork's own language, after every edition's
        try:
            written = export(args.site, args.root, options)
        except ContentErrors as err:
            print(err.report(), file=sys.stderr)
            return 1
        except Exception as err:  # a writer's library raises its own errors (Playwright, python-docx): one line
            print(say("export_failed", detail=f"{type(err).__name__}: {err}"), file=sys.stderr)
            return 1
        for name, files in written.items():
            print(say(f"{name}_written", count=len(files), site=args.site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
