"""Run every benchmark at the shipped size and at a synthetic curriculum ~15x larger.

    python -m benchmarks.run [--quick] [--json benchmarks/results.json]

Prints a table and writes the figures as JSON. Each target is a ratio measured within this one
run (candidate and baseline interleaved, medians), so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.builds import compare_builds
from benchmarks.project import ROOT, copy_project, multiply
from benchmarks.serve import serve_latency
from benchmarks.transfer import page_transfer
from benchmarks.validation import compare_validation

FACTOR = 15
TARGETS = {"build_ratio_shipped": 1.25, "build_ratio_large": 1.10, "per_page_time": 1.25, "per_page_html": 1.25,
           "validation_ratio": 3.0, "serve_shipped_s": 2.0, "serve_large_s": 5.0, "session_page_kb": 250.0}


def measure_size(root: Path, rounds: int, edits: int) -> dict[str, Any]:
    """Every measurement for one curriculum size."""
    builds = compare_builds(root, rounds)
    session = sorted((root / "site" / "sessions").glob("*/index.html"))[0].parent.name
    return {
        "build": builds,
        "per_page_s": builds["handbook_s"] / builds["pages"],
        "per_page_html_bytes": builds["html_bytes"] / builds["pages"],
        "validation": compare_validation(root, rounds=max(rounds, 5)),
        "transfer": page_transfer(root / "site", f"sessions/{session}"),
        "serve": serve_latency(root, edits),
    }


def summarize(shipped: dict[str, Any], large: dict[str, Any]) -> list[tuple[str, float, float, str]]:
    """Rows of (measure, value, target, unit); a value meets its target when value <= target."""
    return [
        ("build ÷ plain MkDocs, shipped", shipped["build"]["ratio"], TARGETS["build_ratio_shipped"], "×"),
        (f"build ÷ plain MkDocs, {FACTOR}×", large["build"]["ratio"], TARGETS["build_ratio_large"], "×"),
        (f"per-page build time, {FACTOR}× ÷ shipped", large["per_page_s"] / shipped["per_page_s"],
         TARGETS["per_page_time"], "×"),
        (f"per-page HTML size, {FACTOR}× ÷ shipped", large["per_page_html_bytes"] / shipped["per_page_html_bytes"],
         TARGETS["per_page_html"], "×"),
        ("validation ÷ libyaml C parse, shipped", shipped["validation"]["ratio"], TARGETS["validation_ratio"], "×"),
        (f"validation ÷ libyaml C parse, {FACTOR}×", large["validation"]["ratio"], TARGETS["validation_ratio"], "×"),
        ("serve: YAML saved → page shows it, shipped", shipped["serve"]["median_s"], TARGETS["serve_shipped_s"], "s"),
        (f"serve: YAML saved → page shows it, {FACTOR}×", large["serve"]["median_s"], TARGETS["serve_large_s"], "s"),
        ("session page + CSS + JS (gzip), shipped", shipped["transfer"]["gzip_bytes"] / 1000,
         TARGETS["session_page_kb"], "KB"),
    ]


def table(rows: list[tuple[str, float, float, str]], shipped: dict[str, Any], large: dict[str, Any]) -> str:
    lines = ["| measure | value | target | met |", "|---|---|---|---|"]
    for name, value, target, unit in rows:
        lines.append(f"| {name} | {value:.2f} {unit} | ≤ {target:g} {unit} | {'yes' if value <= target else 'NO'} |")
    for label, size in (("shipped", shipped), (f"{FACTOR}×", large)):
        b, t = size["build"], size["transfer"]
        index = f"{t['search_index_gzip_bytes'] / 1000:.0f} KB gzip ({t['search_index_bytes'] / 1e6:.1f} MB)"
        each = b["round_ratios"]
        quarter = len(each) // 4
        lines.append(f"| {label}: {b['pages']} pages, CPU handbook {b['handbook_s']:.1f} s, plain {b['plain_s']:.1f} s "
                     f"(wall-clock ratio {b['wall_ratio']:.2f}; one round's ratio {each[0]:.2f}–{each[-1]:.2f}, "
                     f"middle half {each[quarter]:.2f}–{each[-1 - quarter]:.2f}), "
                     f"{size['per_page_html_bytes'] / 1000:.0f} KB HTML/page, search index {index} | | | |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (for a first look)")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results.json")
    args = parser.parse_args()
    # On a shared VM one build's CPU time varies by a fifth: enough rounds for medians that hold.
    rounds, large_rounds, edits = (1, 1, 1) if args.quick else (16, 8, 3)
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as tmp:
        shipped = measure_size(copy_project(Path(tmp) / "shipped"), rounds, edits)
        large_root = copy_project(Path(tmp) / "large")
        modules = multiply(large_root, FACTOR)
        large = measure_size(large_root, large_rounds, edits)
    rows = summarize(shipped, large)
    print(table(rows, shipped, large))
    machine = {"cpus": os.cpu_count(), "load_before": os.getloadavg(), "python": platform.python_version(),
               "platform": platform.platform()}
    result = {"machine": machine, "seconds": time.time() - started, "large_modules": modules,
              "rows": [{"measure": n, "value": v, "target": t, "unit": u, "met": v <= t} for n, v, t, u in rows],
              "shipped": shipped, "large": large}
    args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {args.json}")
    return 0 if all(v <= t for _, v, t, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
