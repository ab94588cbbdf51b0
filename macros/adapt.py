"""`./handbook adapt <kind>/<id>` and `./handbook diff <kind>/<id>`: a fork's own version of one module.

adapt copies our module (`kind/id` of the default edition, `lang/kind/id` of another) into
curriculum/local/<lang>/ as a starting point and records which
version of ours it was based on. diff shows what we changed in our module since then, so a
fork can carry the change over into its own file (or delete its file to take ours whole).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from macros import overlay
from macros.errors import ContentErrors
from macros.messages import say
from macros.settings import load_settings

HEADER = """# Your version of {kind}/{id}: only the fields in this file replace ours; delete a field to
# take ours again, delete the file to take our whole module. Keep the next line: it tells
# ./handbook check when our module changed, and ./handbook diff {kind}/{id} what changed.
# based on: {blob}
"""


def _paths(root: Path, module: str) -> tuple[Path, Path]:
    # kind/id in the default edition; lang/kind/id in another, e.g. en/roles/mentee.
    parts = module.split("/")
    lang = parts.pop(0) if len(parts) == 3 else load_settings(root).language
    kind, module_id = (parts + [""])[:2]
    return (root / "curriculum" / lang / kind / f"{module_id}.yaml",
            root / "curriculum" / overlay.LOCAL / lang / kind / f"{module_id}.yaml")


def adapt(root: Path, module: str) -> str:
    """Write the local starting point for ``module``; return what was done."""
    ours, local = _paths(root, module)
    if not ours.is_file():
        return say("adapt_no_module", module=module, path=ours.relative_to(root))
    if local.exists():
        return say("adapt_exists", path=local.relative_to(root))
    kind, module_id = ours.parent.name, ours.stem
    body = ours.read_text(encoding="utf-8")
    body = body.replace("$schema=../../../schemas/", "$schema=../../../../schemas/", 1)
    local.parent.mkdir(parents=True, exist_ok=True)
    local.write_text(HEADER.format(kind=kind, id=module_id, blob=overlay.blob_id(ours.read_bytes())) + body,
                     encoding="utf-8")
    return say("adapt_written", path=local.relative_to(root))


def diff(root: Path, module: str) -> str:
    """Return what changed in our module since the local override was based on it."""
    ours, local = _paths(root, module)
    if not local.is_file() or not ours.is_file():
        return say("diff_no_override", module=module, path=local.relative_to(root))
    base = overlay.based_on(local)
    if base is None:
        return say("diff_no_base", path=local.relative_to(root))
    now = overlay.blob_id(ours.read_bytes())
    if base == now:
        return say("diff_unchanged", module=module)
    result = subprocess.run(["git", "diff", base, now], cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        return say("diff_unknown_base", base=base[:10], ours=ours.relative_to(root), local=local.relative_to(root))
    return result.stdout


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("adapt", "diff"):
        print(say("adapt_usage"), file=sys.stderr)
        return 2
    try:
        print((adapt if sys.argv[1] == "adapt" else diff)(Path.cwd(), sys.argv[2]))
    except ContentErrors as err:
        print(err.report(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
