"""What a reader's browser downloads and how fast a phone shows a page: measured in real Chromium.

Bytes are those of the files the browser asked for, as a server sends them with gzip: what a
first view of a page costs (everything before the reader acts), and what the first search costs
on top. Lighthouse (its mobile preset: a slow phone on a slow network) scores the same pages.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from macros.outputs.pdf import CHROMIUM_ARGS, serve

LIGHTHOUSE = "lighthouse@12.2.3"  # 13 wants Node 22
LIGHTHOUSE_DIR = Path(__file__).resolve().parent / ".lighthouse"  # installed on first use, never committed


def gzip_size(path: Path) -> int:
    """Return the bytes a server sends for ``path`` with gzip (level 6, the usual default)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def page_types(site: Path) -> dict[str, str]:
    """Return one page of each type a reader lands on: the start page, a module, a session template, the agreement."""
    module = sorted(p.parent for p in (site / "basics").glob("*/index.html"))[0]
    session = sorted(p.parent for p in (site / "sessions").glob("*/index.html"))[0]
    return {"start": "", "module": f"basics/{module.name}/", "session": f"sessions/{session.name}/",
            "agreement": "toolkit/agreement/"}


def _file_of(site: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        raise RuntimeError(f"a page asked another host: {url}")
    path = site / unquote(urlsplit(url).path[len(urlsplit(base).path):])
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def _bytes(site: Path, base: str, urls: list[str]) -> int:
    files = {f for url in urls if (f := _file_of(site, base, url)) is not None}
    return sum(gzip_size(f) for f in files)


def transfers(site: Path, chromium: str, query: str) -> dict[str, Any]:
    """Return the gzip bytes of a first view of each page type, and of a first search on the start page."""
    from playwright.sync_api import sync_playwright

    found: dict[str, Any] = {}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for name, path in page_types(site).items():
            context = browser.new_context()  # an empty cache: a reader's first visit
            page = context.new_page()
            urls: list[str] = []
            page.on("request", lambda request: urls.append(request.url))  # noqa: B023 - used before the next page
            page.goto(base + path, wait_until="networkidle")
            found[name] = _bytes(site, base, urls)
            if name == "start":
                page.keyboard.press("s")  # the first sign of a search: the index loads now
                page.locator("input.md-search__input").fill(query)
                page.locator("input.md-search__input").press("End")
                page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
                found["first_search"] = _bytes(site, base, urls)
            context.close()
        browser.close()
    return found


def _lighthouse_bin() -> Path:
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("Lighthouse needs Node.js and npm (Debian: nodejs, npm)")
        subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "-E", "--prefix", str(LIGHTHOUSE_DIR),
                        LIGHTHOUSE], check=True, timeout=900)
    return binary


# What each run reports besides the score: the metrics the score is made of (ms; layout shift unitless).
METRICS = {"fcp_ms": "first-contentful-paint", "lcp_ms": "largest-contentful-paint", "tbt_ms": "total-blocking-time",
           "cls": "cumulative-layout-shift"}


def lighthouse(site: Path, chromium: str, runs: int = 3) -> dict[str, list[dict[str, float]]]:
    """Return Lighthouse's mobile performance (score 0-100 and its metrics) per page type and run.

    ``runs`` rounds over the four page types, default throttling: one score moves with the
    machine's load (Lighthouse simulates the phone from timings observed on this one), so the row
    reports the lowest of all, and the metrics say what moved.
    """
    binary = _lighthouse_bin()
    flags = " ".join(["--headless=new", "--no-sandbox", *CHROMIUM_ARGS])
    found: dict[str, list[dict[str, float]]] = {}
    with serve(site) as base:
        for _ in range(runs):
            for name, path in page_types(site).items():
                out = site.parent / f"lighthouse-{name}.json"
                subprocess.run([str(binary), base + path, "--only-categories=performance", "--quiet", "--output=json",
                                f"--output-path={out}", f"--chrome-flags={flags}"], check=True, timeout=600,
                               env={**os.environ, "CHROME_PATH": chromium})
                found.setdefault(name, []).append(_run(json.loads(out.read_text(encoding="utf-8"))))
    return found


def _run(report: dict[str, Any]) -> dict[str, float]:
    audits = report["audits"]
    return {"score": 100 * float(report["categories"]["performance"]["score"]),
            **{key: round(float(audits[audit]["numericValue"]), 3) for key, audit in METRICS.items()}}
