"""Print session templates, the bundle and the agreement to PDF with headless Chromium.

Runs after `mkdocs build` on the built site: `python -m macros.pdf SITE_DIR --chromium PATH`.
The site is served on 127.0.0.1 so pages load exactly as a reader's browser loads them.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import posixpath
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_ARGS = ["--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-sandbox"]


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a directory on a free loopback port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


# The templates decide which page offers which PDF (the "rm-pdf" download link); this step
# only follows those links, so the two can never disagree.
PDF_LINK = re.compile(r'<a class="md-button rm-pdf" href="([^"]+)"')


def targets(site: Path) -> list[tuple[str, str]]:
    """Return (page path, pdf path) for every built page that links a PDF download."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for href in PDF_LINK.findall(page.read_text(encoding="utf-8")):
            pdf = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), href))
            found.append((page.relative_to(site).as_posix(), pdf))
    return found


def render_pdfs(site: Path, chromium: str, paper: str = "A4") -> list[Path]:
    """Print each target page of ``site`` to a PDF file inside it."""
    from playwright.sync_api import sync_playwright

    written = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for page_path, pdf_path in targets(site):
            page.goto(base + page_path, wait_until="networkidle")
            out = site / pdf_path
            out.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(out), format=paper, print_background=True, prefer_css_page_size=True)
            written.append(out)
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("--chromium", required=True, help="path to the Chromium executable")
    parser.add_argument("--paper", default="A4", choices=["A4", "Letter"])
    args = parser.parse_args()
    try:
        written = render_pdfs(args.site, args.chromium, args.paper)
    except Exception as err:  # Playwright raises its own error types; report them in one line
        print(f"PDF step failed: {err}", file=sys.stderr)
        return 1
    print(f"PDFs: {len(written)} written to {args.site / 'pdf'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
