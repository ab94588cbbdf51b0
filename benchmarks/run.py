"""Run every benchmark: the shipped curriculum, and synthetic ones 10x and 30x larger with texts of their own.

    python -m benchmarks.run [--quick] [--json benchmarks/results.json]
    python -m benchmarks.run --reader     only what a reader downloads and Lighthouse, shipped size (minutes)

Prints a table and writes the figures as JSON. Each target is a ratio measured within this one
run (candidate and baseline interleaved, medians), so a busy machine slows both alike; only the
preview's seconds and the reader's bytes and scores are absolute, as their rows say.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.builds import compare_builds, mkdocs_build
from benchmarks.project import ROOT, copy_project, multiply
from benchmarks.reader import lighthouse, transfers
from benchmarks.serve import serve_latency
from benchmarks.validation import compare_validation
from macros.build.theme_assets import purge_site

PREVIEW_FACTOR, LARGE_FACTOR = 10, 30
TARGETS = {"cold_shipped": 1.25, "warm_shipped": 1.15, "cold_large": 1.10, "warm_large": 1.10, "memory_large": 1.6,
           "per_page_html": 1.25, "validation_ratio": 3.0, "serve_shipped_s": 1.0, "serve_preview_s": 2.0,
           "first_view_shipped_kb": 100.0, "first_view_large_kb": 150.0, "lighthouse_min": 95.0}


def _chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise SystemExit("the reader's rows need Chromium: install Debian's chromium (or set CHROMIUM)")


def _query(root: Path) -> str:
    """A word the first search looks for: the first long word of a session's title."""
    first = sorted((root / "site" / "sessions").glob("*/index.html"))[0].read_text(encoding="utf-8")
    title = re.search(r"<h1[^>]*>([^<]+)", first)
    words = [w for w in re.findall(r"\w{5,}", title.group(1) if title else "") if not w.isdigit()]
    return words[0] if words else "Sitzung"


def measure_size(root: Path, rounds: int, chromium: str, reader: bool = True) -> dict[str, Any]:
    """Builds cold and warm, validation, and what a reader downloads, for one curriculum."""
    cold = compare_builds(root, rounds, cold=True)
    warm = compare_builds(root, rounds)  # leaves the handbook's site in root/site
    found: dict[str, Any] = {"cold": cold, "warm": warm, "per_page_html_bytes": warm["html_bytes"] / warm["pages"],
                             "validation": compare_validation(root, rounds=max(rounds, 5))}
    if reader:
        purge_site(root / "site")  # as `./handbook build` does after mkdocs
        found["transfer"] = transfers(root / "site", chromium, _query(root))
    return found


def summarize(shipped: dict[str, Any], large: dict[str, Any], preview: dict[str, Any],
              scores: dict[str, list[dict[str, float]]]) -> list[tuple[str, float, float, str]]:
    """Rows of (measure, value, target, unit); a value meets its target when value <= target (scores: >=)."""
    lf = f"{LARGE_FACTOR}×"
    view = {name: max(v for k, v in size["transfer"].items() if k != "first_search") / 1000
            for name, size in (("shipped", shipped), ("large", large))}
    return [
        ("build ÷ plain MkDocs, cold (as on CI), shipped", shipped["cold"]["ratio"], TARGETS["cold_shipped"], "×"),
        ("build ÷ plain MkDocs, warm (as on a laptop), shipped", shipped["warm"]["ratio"], TARGETS["warm_shipped"],
         "×"),
        (f"build ÷ plain MkDocs, cold, {lf} distinct", large["cold"]["ratio"], TARGETS["cold_large"], "×"),
        (f"build ÷ plain MkDocs, warm, {lf} distinct", large["warm"]["ratio"], TARGETS["warm_large"], "×"),
        (f"peak memory ÷ plain MkDocs, {lf} distinct", large["warm"]["memory_ratio"], TARGETS["memory_large"], "×"),
        (f"per-page HTML size, {lf} ÷ shipped", large["per_page_html_bytes"] / shipped["per_page_html_bytes"],
         TARGETS["per_page_html"], "×"),
        ("`./handbook check` ÷ libyaml C parse, shipped", shipped["validation"]["ratio"], TARGETS["validation_ratio"],
         "×"),
        (f"`./handbook check` ÷ libyaml C parse, {lf}", large["validation"]["ratio"], TARGETS["validation_ratio"], "×"),
        ("preview: YAML saved → page served, shipped (seconds)", preview["shipped"]["median_s"],
         TARGETS["serve_shipped_s"], "s"),
        (f"preview: YAML saved → page served, {PREVIEW_FACTOR}× (seconds)", preview["large"]["median_s"],
         TARGETS["serve_preview_s"], "s"),
        ("first page view, heaviest page type, gzip, shipped", view["shipped"], TARGETS["first_view_shipped_kb"], "KB"),
        (f"first page view, heaviest page type, gzip, {lf}", view["large"], TARGETS["first_view_large_kb"], "KB"),
        *reader_rows(scores),
    ]


def reader_rows(scores: dict[str, list[dict[str, float]]], shipped: dict[str, Any] | None = None) -> list[
        tuple[str, float, float, str]]:
    """The Lighthouse row (lowest score of every run and page type); with ``shipped``, its first-view row too."""
    rows = []
    if shipped is not None:
        view = max(v for k, v in shipped["transfer"].items() if k != "first_search") / 1000
        rows.append(("first page view, heaviest page type, gzip, shipped", view, TARGETS["first_view_shipped_kb"],
                     "KB"))
    runs = len(next(iter(scores.values())))
    rows.append((f"Lighthouse mobile performance, lowest of four page types × {runs} runs",
                 min(run["score"] for runs in scores.values() for run in runs), TARGETS["lighthouse_min"], "points"))
    return rows


def lighthouse_line(scores: dict[str, list[dict[str, float]]]) -> str:
    """One cell: each page type's score in each run, with the first and largest paint (s) and blocking time (ms)."""
    def run(r: dict[str, float]) -> str:
        return f"{r['score']:.0f} ({r['fcp_ms'] / 1000:.1f}/{r['lcp_ms'] / 1000:.1f} s, {r['tbt_ms']:.0f} ms)"
    return ("| Lighthouse mobile performance per page type, each run (first/largest paint, blocking time): "
            + "; ".join(f"{k} {', '.join(run(r) for r in runs)}" for k, runs in scores.items()) + " | | | |")


def met(value: float, target: float, unit: str) -> bool:
    return value >= target if unit == "points" else value <= target


def row_lines(rows: list[tuple[str, float, float, str]]) -> list[str]:
    lines = ["| measure | value | target | met |", "|---|---|---|---|"]
    for name, value, target, unit in rows:
        sign = "≥" if unit == "points" else "≤"
        lines.append(f"| {name} | {value:.2f} {unit} | {sign} {target:g} {unit} | "
                     f"{'yes' if met(value, target, unit) else 'NO'} |")
    return lines


def table(rows: list[tuple[str, float, float, str]], shipped: dict[str, Any], large: dict[str, Any],
          scores: dict[str, list[dict[str, float]]]) -> str:
    lines = row_lines(rows)
    for label, size in (("shipped", shipped), (f"{LARGE_FACTOR}×", large)):
        cold, warm, t = size["cold"], size["warm"], size["transfer"]
        views = ", ".join(f"{k} {v / 1000:.0f} KB" for k, v in t.items() if k != "first_search")
        spread = f"{warm['round_ratios'][0]:.2f}–{warm['round_ratios'][-1]:.2f}"
        memory = f"{warm['memory_mb']['handbook']:.0f} vs {warm['memory_mb']['plain']:.0f} MB"
        lines.append(f"| {label}: {warm['pages']} pages; CPU cold {cold['handbook_s']:.1f} s vs "
                     f"{cold['plain_s']:.1f} s, warm {warm['handbook_s']:.1f} s vs {warm['plain_s']:.1f} s (one warm "
                     f"round's ratio {spread}); peak memory {memory}; first view {views}; until the first search "
                     f"result {t['first_search'] / 1000:.0f} KB | | | |")
    lines.append(lighthouse_line(scores))
    return "\n".join(lines)


def reader_only(chromium: str, runs: int) -> int:
    """Build the shipped curriculum once; measure what a reader downloads and Lighthouse's scores."""
    with tempfile.TemporaryDirectory(prefix="handbook-reader-") as tmp:
        root = copy_project(Path(tmp) / "shipped")
        mkdocs_build(root, root / "site")
        purge_site(root / "site")  # as `./handbook build` does after mkdocs
        shipped = {"transfer": transfers(root / "site", chromium, _query(root))}
        scores = lighthouse(root / "site", chromium, runs)
    rows = reader_rows(scores, shipped)
    views = ", ".join(f"{k} {v / 1000:.0f} KB" for k, v in shipped["transfer"].items())
    print("\n".join([*row_lines(rows), f"| shipped, first view and first search: {views} | | | |",
                     lighthouse_line(scores)]))
    return 0 if all(met(v, t, u) for _, v, t, u in rows) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (for a first look)")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--reader", action="store_true",
                        help="only the reader's rows at the shipped size (bytes, Lighthouse); writes no JSON")
    parser.add_argument("--lighthouse-runs", type=int, default=3, metavar="N", help="rounds of Lighthouse (default 3)")
    args = parser.parse_args()
    chromium = _chromium()
    if args.reader:
        return reader_only(chromium, args.lighthouse_runs)
    # On a shared VM one build's CPU time varies by a fifth: enough rounds for medians that hold.
    rounds, large_rounds, edits = (1, 1, 1) if args.quick else (8, 3, 3)
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as tmp:
        shipped_root = copy_project(Path(tmp) / "shipped")
        shipped = measure_size(shipped_root, rounds, chromium)
        scores = lighthouse(shipped_root / "site", chromium, 1 if args.quick else args.lighthouse_runs)
        preview = {"shipped": serve_latency(shipped_root, edits)}
        shutil.rmtree(shipped_root)
        preview_root = copy_project(Path(tmp) / "preview")
        multiply(preview_root, PREVIEW_FACTOR, distinct=True)
        preview["large"] = serve_latency(preview_root, edits)
        shutil.rmtree(preview_root)
        large_root = copy_project(Path(tmp) / "large")
        modules = multiply(large_root, LARGE_FACTOR, distinct=True)
        large = measure_size(large_root, large_rounds, chromium)
    rows = summarize(shipped, large, preview, scores)
    print(table(rows, shipped, large, scores))
    machine = {"cpus": os.cpu_count(), "load_before": os.getloadavg(), "python": platform.python_version(),
               "platform": platform.platform()}
    result = {"machine": machine, "seconds": time.time() - started, "large_modules": modules,
              "rows": [{"measure": n, "value": v, "target": t, "unit": u, "met": met(v, t, u)} for n, v, t, u in rows],
              "shipped": shipped, "large": large, "preview": preview, "lighthouse": scores}
    args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {args.json}")
    return 0 if all(met(v, t, u) for _, v, t, u in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
