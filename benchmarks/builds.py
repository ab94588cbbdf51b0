"""Whole-site builds: the handbook against plain MkDocs + Material on the very same Markdown."""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CAPTURE_HOOK = Path(__file__).resolve().parent / "capture.py"
THEME_FILTERS = Path(__file__).resolve().parent / "theme_filters.py"


def env_for(root: Path, **extra: str) -> dict[str, str]:
    """Return the environment of every process the benchmark starts in the copy ``root``.

    Compiled Python is kept between runs, as Python does by default and ./handbook does: MkDocs
    and Material come compiled from pip; without this our engine alone would be compiled from
    source on every build, which no second build of a user's pays. It goes into the throwaway
    copy, away from the folders `mkdocs serve` watches. (The tests, which leave nothing behind,
    pass PYTHONDONTWRITEBYTECODE in ``extra``.)
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "0",
           "PYTHONPYCACHEPREFIX": str(root / ".pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return {**env, **extra}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def mkdocs_build(root: Path, site: Path, config: str = "mkdocs.yml", **env: str) -> tuple[float, float]:
    """Run `mkdocs build --strict` in a fresh process; return its CPU and wall time in seconds.

    CPU time (user + system) is what the comparisons use: on a machine shared with other work,
    wall time mostly measures the neighbours.
    """
    shutil.rmtree(site, ignore_errors=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", str(site)]
    cpu, start = _children_cpu(), time.perf_counter()
    result = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=env_for(root, **env), timeout=1800)
    wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed in {root}:\n{result.stderr[-3000:]}")
    return cpu, wall


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !!python tags (we only need the plugin list)."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def _plain_config(root: Path, captured: dict[str, Any]) -> str:
    """Return a config that inherits mkdocs.yml minus our hooks and mkdocs-macros."""
    base = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Lenient)
    plugins = [p for p in base.get("plugins", []) if p != "macros" and not (isinstance(p, dict) and "macros" in p)]
    # No hooks but the Jinja filter the theme overrides call (benchmarks/theme_filters.py).
    child = {"INHERIT": "mkdocs.yml", "docs_dir": "plain-docs", "hooks": [str(THEME_FILTERS)], "plugins": plugins,
             **captured}
    return json.dumps(child, ensure_ascii=False)


def prepare_plain(root: Path, **env: str) -> str:
    """Capture a real build's Markdown and config; write the plain-MkDocs config; return its name."""
    out = root / "captured"
    hooked = (root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "hooks:\n", f"hooks:\n  - {CAPTURE_HOOK}\n", 1)
    (root / "mkdocs-capture.yml").write_text(hooked, encoding="utf-8")
    mkdocs_build(root, root / "site-capture", "mkdocs-capture.yml", BENCH_CAPTURE=str(out), **env)
    shutil.copytree(root / "docs", root / "plain-docs", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(out / "docs", root / "plain-docs", dirs_exist_ok=True)
    captured = json.loads((out / "config.json").read_text(encoding="utf-8"))
    (root / "mkdocs-plain.yml").write_text(_plain_config(root, captured), encoding="utf-8")
    return "mkdocs-plain.yml"


@dataclass
class Site:
    """What a build produced: page count and HTML bytes."""

    pages: int
    html_bytes: int

    @classmethod
    def of(cls, site: Path) -> Site:
        pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
        return cls(len(pages), sum(p.stat().st_size for p in pages))


def compare_builds(root: Path, rounds: int) -> dict[str, Any]:
    """Time handbook and plain builds interleaved; return medians, their ratio and the sites.

    A first, untimed round of each fills the caches every later build on a machine finds filled:
    compiled Python for both; compiled Jinja templates for the handbook, which keeps its own and
    Material's (macros/compiled_templates.py), while plain MkDocs compiles Material's in every
    build. The figures are those of a rebuild.
    """
    plain_config = prepare_plain(root)
    cpu: dict[str, list[float]] = {"handbook": [], "plain": []}
    wall: dict[str, list[float]] = {"handbook": [], "plain": []}
    sides = [("handbook", "site", "mkdocs.yml"), ("plain", "site-plain", plain_config)]
    for round_ in range(rounds + 1):
        # Each side goes first every other round: a machine that slows down (or speeds up) during
        # the run does not favour the side that always comes first.
        for name, site, config in sides if round_ % 2 else sides[::-1]:
            spent, elapsed = mkdocs_build(root, root / site, config)
            if round_ == 0:
                continue
            cpu[name].append(spent)
            wall[name].append(elapsed)
    handbook, plain = Site.of(root / "site"), Site.of(root / "site-plain")
    if handbook.pages != plain.pages:
        raise RuntimeError(f"plain build has {plain.pages} pages, the handbook {handbook.pages}")
    if differing := different_pages(root / "site", root / "site-plain"):
        raise RuntimeError(f"plain MkDocs built other pages than the handbook: {', '.join(differing[:5])}")
    med = {k: _median(v) for k, v in cpu.items()}
    # How far one round's ratio strays: the noise a single comparison on this machine carries.
    round_ratios = sorted(h / p for h, p in zip(cpu["handbook"], cpu["plain"], strict=True))
    return {"handbook_s": med["handbook"], "plain_s": med["plain"], "ratio": med["handbook"] / med["plain"],
            "round_ratios": round_ratios, "wall_ratio": _median(wall["handbook"]) / _median(wall["plain"]),
            "pages": handbook.pages, "html_bytes": handbook.html_bytes, "cpu_s": cpu, "wall_s": wall}


# The one thing plain MkDocs leaves out: our hook fills in each page's policy (macros/csp.py).
_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
# And how a hand-written page's HTML is written down: nh3 (macros/sanitize.py) writes the
# characters Python-Markdown wrote as entities. Both sides are read alike, so content still counts.
_SPELLED = {"&quot;": '"', "&para;": "¶", "&#39;": "'"}


def _comparable(html: str) -> str:
    html = _POLICY.sub("", html)
    for entity, char in _SPELLED.items():
        html = html.replace(entity, char)
    return html


def different_pages(handbook: Path, plain: Path) -> list[str]:
    """Return the HTML pages the two builds made differently, their security policies aside.

    Like with like: if plain MkDocs made other pages (metadata lost in the capture, a missing
    setting), its time would be that of other work.
    """
    found = []
    for page in sorted(handbook.rglob("*.html")):
        twin = plain / page.relative_to(handbook)
        mine = _comparable(page.read_text(encoding="utf-8"))
        if not twin.is_file() or _comparable(twin.read_text(encoding="utf-8")) != mine:
            found.append(page.relative_to(handbook).as_posix())
    return found


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]
