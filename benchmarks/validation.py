"""Validation against its floor: libyaml's C composer reading the same files."""

from __future__ import annotations

import contextlib
import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from macros.commands.check import check
from macros.organization.settings import SETTINGS_FILE, load_settings


def checked_files(root: Path) -> list[Path]:
    """Return the files `macros.commands.check` reads: the settings and every edition it builds, ours and local."""
    editions = load_settings(root).built()
    folders = [root / "curriculum" / sub / lang for lang in editions for sub in ("", "local")]
    return [root / SETTINGS_FILE] + sorted(p for folder in folders for p in folder.rglob("*.yaml"))


def c_parse(root: Path) -> int:
    """Compose the files check reads with libyaml, the way the floor is defined; return the count."""
    files = checked_files(root)
    for path in files:
        yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return len(files)


def _validate(root: Path) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        problems = check(root)
    if problems:
        raise RuntimeError(f"{len(problems)} problems in {root}: {problems[:3]}")


def _timed(fn: Callable[[Path], Any], root: Path) -> float:
    # CPU time of this process: other work on a shared machine barely moves it.
    start = time.process_time()
    fn(root)
    return time.process_time() - start


def compare_validation(root: Path, rounds: int) -> dict[str, Any]:
    """Time `macros.commands.check` and the C parse interleaved in this process; return medians and ratio."""
    _validate(root)  # warm: imports, pydantic's schema build, the file cache
    check_s: list[float] = []
    floor_s: list[float] = []
    sides: list[tuple[list[float], Callable[[Path], Any]]] = [(check_s, _validate), (floor_s, c_parse)]
    for round_ in range(rounds):
        # Each goes first every other round (see builds.compare_builds).
        for times, fn in sides[::-1] if round_ % 2 else sides:
            times.append(_timed(fn, root))
    check_med, floor_med = sorted(check_s)[rounds // 2], sorted(floor_s)[rounds // 2]
    return {"check_s": check_med, "c_parse_s": floor_med, "ratio": check_med / floor_med}
