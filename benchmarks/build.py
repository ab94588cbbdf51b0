"""Build speed and size targets: `.venv/bin/python benchmarks/build.py`.

Targets, not tests: the numbers depend on the machine. On the project's 2-core machine the
engine (load, validate, render all pages) should stay under 2 s and the whole site under 15 MB.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.curriculum import load_curriculum  # noqa: E402
from macros.pages import generate, load_labels  # noqa: E402
from macros.render import Context  # noqa: E402
from macros.settings import load_settings  # noqa: E402

ENGINE_SECONDS, SITE_MB = 2.0, 15.0


def engine_seconds(rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        settings = load_settings(ROOT)
        ctx = Context(load_curriculum(ROOT, settings.language), settings, load_labels(settings.language))
        generate(ctx)
        best = min(best, time.perf_counter() - start)
    return best


def site_megabytes() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", tmp],
                       cwd=ROOT, check=True, capture_output=True)
        return sum(p.stat().st_size for p in Path(tmp).rglob("*") if p.is_file()) / 1e6


if __name__ == "__main__":
    engine, size = engine_seconds(), site_megabytes()
    print(f"engine: {engine:.2f} s (target < {ENGINE_SECONDS} s)")
    print(f"site:   {size:.1f} MB (target < {SITE_MB} MB)")
    sys.exit(0 if engine < ENGINE_SECONDS and size < SITE_MB else 1)
