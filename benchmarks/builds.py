"""Whole-site builds: the handbook against plain MkDocs + Material on the very same Markdown."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def env_for(root: Path, **extra: str) -> dict[str, str]:
    """Return the environment of every process the benchmark starts in the copy ``root``.

    Compiled Python is kept between runs, as Python does by default and ./handbook does: MkDocs
    and Material come compiled from pip; without this our engine alone would be compiled from
    source on every build, which no second build of a user's pays. It goes into the throwaway
    copy, away from the folders `mkdocs serve` watches. (The tests, which leave nothing behind,
    pass PYTHONDONTWRITEBYTECODE in ``extra``.)
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_DOWNLOADS": "",
           "PYTHONPYCACHEPREFIX": str(root / ".pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return {**env, **extra}


@dataclass
class Run:
    """One build process: its CPU time (user + system), wall time and peak memory."""

    cpu_s: float
    wall_s: float
    max_rss_mb: float


def forget_compiled(root: Path) -> None:
    """Throw away what a build keeps for the next one: our engine's bytecode and the compiled templates.

    That is a cold build, as on CI's fresh clone: the installed packages keep the bytecode pip
    wrote, the project's own code and every template are compiled again.
    """
    shutil.rmtree(root / ".pycache" / str(root.resolve()).lstrip("/"), ignore_errors=True)
    jinja = Path(tempfile.gettempdir()) / f"_jinja2-cache-{os.getuid()}"
    for cached in jinja.glob("handbook-*.cache"):
        cached.unlink(missing_ok=True)


def mkdocs_build(root: Path, site: Path, config: str = "mkdocs.yml", **env: str) -> Run:
    """Run `mkdocs build --strict` in a fresh process; return its CPU and wall time and peak memory.

    CPU time (user + system) is what the comparisons use: on a machine shared with other work,
    wall time mostly measures the neighbours. Both, and the memory, are the process's own (wait4).
    """
    shutil.rmtree(site, ignore_errors=True)
    # The previous build's 200 MB of pages are written out first: otherwise the kernel makes this
    # build wait for that (counted as its system time, up to 4 s at 30x, whichever side comes next).
    os.sync()
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", str(site)]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(cmd, cwd=root, stdout=subprocess.DEVNULL, stderr=errors, env=env_for(root, **env))
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"mkdocs build failed in {root}:\n{errors.read().decode()[-3000:]}")
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)



def prepare_plain(root: Path, **env: str) -> str:
    """Write the handbook's tree into root/tree: the very Markdown and settings the handbook builds from,
    with a mkdocs.yml without our plugin (macros/commands/tree.py); return that config's name."""
    subprocess.run([sys.executable, "-m", "macros.commands.tree", "tree"], cwd=root, env=env_for(root, **env),
                   check=True, capture_output=True)
    return "tree/mkdocs.yml"


@dataclass
class Site:
    """What a build produced: page count and HTML bytes."""

    pages: int
    html_bytes: int

    @classmethod
    def of(cls, site: Path) -> Site:
        pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
        return cls(len(pages), sum(p.stat().st_size for p in pages))


def compare_builds(root: Path, rounds: int, cold: bool = False) -> dict[str, Any]:
    """Time handbook and plain builds interleaved; return medians, their ratio, peak memory and the sites.

    Warm (the default): a first, untimed round of each fills what every later build on a laptop
    finds filled: compiled Python for both; compiled Jinja templates for the handbook, which keeps
    its own and Material's (macros/rendering/compiled_templates.py), while plain MkDocs compiles Material's
    in every build. ``cold``: both are thrown away before every build (``forget_compiled``), as on
    CI, where every build is a fresh clone's first.
    """
    plain_config = prepare_plain(root)
    runs: dict[str, list[Run]] = {"handbook": [], "plain": []}
    sides = [("handbook", "site", "mkdocs.yml"), ("plain", "site-plain", plain_config)]
    for round_ in range(rounds + 1):
        # Each side goes first every other round: a machine that slows down (or speeds up) during
        # the run does not favour the side that always comes first.
        for name, site, config in sides if round_ % 2 else sides[::-1]:
            if cold:
                forget_compiled(root)
            run = mkdocs_build(root, root / site, config)
            if round_ > 0:
                runs[name].append(run)
    handbook, plain = Site.of(root / "site"), Site.of(root / "site-plain")
    if handbook.pages != plain.pages:
        raise RuntimeError(f"plain build has {plain.pages} pages, the handbook {handbook.pages}")
    if differing := different_pages(root / "site", root / "site-plain"):
        raise RuntimeError(f"plain MkDocs built other pages than the handbook: {', '.join(differing[:5])}")
    cpu = {k: [r.cpu_s for r in v] for k, v in runs.items()}
    med = {k: _median(v) for k, v in cpu.items()}
    memory = {k: max(r.max_rss_mb for r in v) for k, v in runs.items()}
    # How far one round's ratio strays: the noise a single comparison on this machine carries.
    round_ratios = sorted(h / p for h, p in zip(cpu["handbook"], cpu["plain"], strict=True))
    wall = {k: _median([r.wall_s for r in v]) for k, v in runs.items()}
    return {"handbook_s": med["handbook"], "plain_s": med["plain"], "ratio": med["handbook"] / med["plain"],
            "round_ratios": round_ratios, "wall_ratio": wall["handbook"] / wall["plain"],
            "memory_mb": memory, "memory_ratio": memory["handbook"] / memory["plain"],
            "pages": handbook.pages, "html_bytes": handbook.html_bytes, "cpu_s": cpu}


# The one thing plain MkDocs leaves out: our plugin fills in each page's policy (macros/build/csp.py).
_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
# And how a hand-written page's HTML is written down: nh3 (macros/rendering/sanitize.py) writes the
# characters Python-Markdown wrote as entities. Both sides are read alike, so content still counts.
_SPELLED = {"&quot;": '"', "&para;": "¶", "&#39;": "'"}


def _comparable(html: str) -> str:
    html = _POLICY.sub("", html)
    for entity, char in _SPELLED.items():
        html = html.replace(entity, char)
    return html


def different_pages(handbook: Path, plain: Path) -> list[str]:
    """Return the HTML pages the two builds made differently, their security policies aside.

    Like with like: if plain MkDocs made other pages (something the tree left out, a missing
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
