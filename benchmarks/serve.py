"""Live preview: seconds from saving a YAML file to `mkdocs serve` serving the changed page."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from benchmarks.builds import env_for

START_TIMEOUT_S, EDIT_TIMEOUT_S, POLL_S = 900.0, 120.0, 0.05


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(url: str, marker: str, timeout: float) -> float:
    """Poll ``url`` until its body contains ``marker``; return the seconds it took."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if marker in _fetch(url):
            return time.perf_counter() - start
        time.sleep(POLL_S)
    raise TimeoutError(f"{url} did not show {marker!r} within {timeout:.0f} s")


@contextlib.contextmanager
def _serving(root: Path) -> Iterator[str]:
    port = _free_port()
    # The flags ./handbook serve uses: --dirty lets unchanged pages keep their HTML (macros/build/preview.py).
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, cwd=root, env=env_for(root), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)


def _target(root: Path) -> tuple[Path, str]:
    """Pick the first session module: its file and its page's path."""
    path = sorted((root / "curriculum").glob("*/sessions/*.yaml"))[0]
    return path, f"sessions/{path.stem}/"


def _write_summary(path: Path, data: dict[str, Any], summary: str) -> None:
    text = yaml.safe_dump({**data, "summary": summary}, allow_unicode=True, sort_keys=False, width=10**6)
    path.write_text(text, encoding="utf-8")


def serve_latency(root: Path, edits: int) -> dict[str, Any]:
    """Start `mkdocs serve`, edit one module's summary ``edits`` times; return the median latency."""
    path, page = _target(root)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    original = str(data["summary"])[:300]
    _write_summary(path, data, f"Benchmarkstart {original}")
    latencies = []
    with _serving(root) as base:
        _wait_for(base + page, "Benchmarkstart", START_TIMEOUT_S)
        for n in range(edits):
            marker = f"Benchmarkmarke{n}x{time.monotonic_ns()}"
            time.sleep(1.0)  # let the server settle, so each edit is measured alone
            start = time.perf_counter()
            _write_summary(path, data, f"{marker} {original}")
            _wait_for(base + page, marker, EDIT_TIMEOUT_S)
            latencies.append(time.perf_counter() - start)
    return {"page": page, "median_s": sorted(latencies)[len(latencies) // 2], "latencies": latencies}
