"""Print session templates, the bundle and the agreement to PDF with headless Chromium.

Runs after `mkdocs build` on the built site: `python -m macros.outputs.pdf SITE_DIR --chromium PATH`.
Which pages become which PDF comes from the engine (macros/content/outputs.py), the same list the
download links are rendered from, never from the built HTML. Every file written must land
inside SITE_DIR. The site is served on 127.0.0.1; the printing browser runs without
JavaScript and may load nothing from anywhere else.

Each PDF is tagged (a structure tree screen readers follow), carries bookmarks made from the
page's headings, its language from `<html lang>`, its title from `<title>`, and the organization
from the settings as its author (Chromium writes no author, so it is added afterwards).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from macros.base.errors import ContentErrors
from macros.base.messages import say, speaking
from macros.content import outputs
from macros.organization import editions
from macros.organization.labels import load_labels
from macros.organization.settings import load_settings
from macros.rendering import book
from macros.rendering.edition import load_edition
from macros.rendering.render import url_of

CHROMIUM_ARGS = ["--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-sandbox"]


@contextmanager
def serve(directory: Path, handler: Callable[..., http.server.BaseHTTPRequestHandler] | None = None,
          path: str = "/") -> Iterator[str]:
    """Serve a directory on a free loopback port (by ``handler``, a quiet static one by default); yield its address."""
    made = functools.partial(handler or QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), made)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{path}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def inside(site: Path, relative: str) -> Path:
    """Return site/relative, or raise ValueError if it would point outside ``site``."""
    root = site.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root) or target == root:
        raise ValueError(f"refusing to write outside {site}: {relative}")
    return target


@dataclass(frozen=True)
class Job:
    """One page to print: where it is served, where its PDF goes, who published it."""

    page: str
    pdf: str
    author: str


def jobs(root: Path, site: Path) -> list[Job]:
    """Return a print job for every page the engine says offers a PDF, in every edition."""
    found = []
    for lang, folder in editions.each(root):
        edition = load_edition(root, lang=lang)
        pdfs = outputs.pdfs(edition.curriculum, edition.settings.translated)
        # mkdocs.yml decides between sessions/x/ and sessions/x.html; the built site shows which.
        directory_urls = any((site / folder / url_of(src, True)).is_dir() for src in pdfs)
        author = edition.settings.organization.name
        found += [Job(folder + url_of(src, directory_urls), folder + pdf, author) for src, pdf in pdfs.items()]
    return found


def targets(root: Path, site: Path) -> list[tuple[str, str]]:
    """Return (page URL path, PDF path) for every page the engine says offers a PDF, in every edition."""
    return [(job.page, job.pdf) for job in jobs(root, site)]


def set_author(path: Path, author: str) -> None:
    """Write ``author`` into the PDF's document information, keeping everything else as Chromium wrote it."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(path))
    writer.add_metadata({"/Author": author})
    with path.open("wb") as out:
        writer.write(out)


def _local_only(base: str) -> Any:
    def handle(route: Any) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            route.abort()
    return handle


def render_pdfs(site: Path, root: Path, chromium: str, paper: str = "A4") -> list[Path]:
    """Print each target page of ``site`` to a PDF file inside it."""
    from playwright.sync_api import sync_playwright

    todo = [(job, inside(site, job.pdf)) for job in jobs(root, site)]  # refuse before printing
    written = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(java_script_enabled=False)
        context.route("**/*", _local_only(base))
        page = context.new_page()
        for job, out in todo:
            page.goto(base + job.page, wait_until="load")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(out), format=paper, print_background=True, prefer_css_page_size=True,
                     tagged=True, outline=True)
            set_author(out, job.author)
            written.append(out)
        written += [print_book(page, base, site, root, lang, folder, paper) for lang, folder in editions.each(root)]
        browser.close()
    return written


def print_book(page: Any, base: str, site: Path, root: Path, lang: str | None, folder: str, paper: str) -> Path:
    """Print one edition's whole handbook (macros/rendering/book.py) into its PDF; return the file written."""
    import pypdf

    edition, settings = site / folder, load_edition(root, lang=lang).settings
    out = inside(site, folder + outputs.book(settings.edition))
    source = inside(site, folder + "book-print.html")
    directory_urls = (edition / url_of(outputs.AGREEMENT, True)).is_dir()  # as in jobs(): the built site shows
    found = book.parts(edition, directory_urls)
    cover = book.Cover(settings.edition, settings.organization.name, settings.program.name,
                       load_labels(settings.edition), settings.branding.logo, settings.site.url, date.today())
    options = {"format": paper, "print_background": True, "prefer_css_page_size": True, "tagged": True,
               "outline": True}
    try:
        source.write_text(book.document(edition, found, cover, {}), encoding="utf-8")
        page.goto(base + folder + source.name, wait_until="load")
        # The first print tells where each part starts; the contents then show those pages (the
        # numbers take no more room than the empty places they fill: nothing moves).
        first = pypdf.PdfReader(io.BytesIO(page.pdf(**options)))
        numbers = book.starts(first.outline, found, first.get_destination_page_number)
        source.write_text(book.document(edition, found, cover, numbers), encoding="utf-8")
        page.goto(base + folder + source.name, wait_until="load")
        out.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(out), **options)
    finally:
        source.unlink(missing_ok=True)
    set_author(out, settings.organization.name)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("--chromium", required=True, help="path to the Chromium executable")
    parser.add_argument("--paper", default="A4", choices=["A4", "Letter"])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the handbook's folder (mkdocs.yml)")
    args = parser.parse_args()
    try:
        written = render_pdfs(args.site, args.root, args.chromium, args.paper)
    except ContentErrors as err:
        print(err.report(), file=sys.stderr)
        return 1
    except Exception as err:  # Playwright raises its own error types; report them in one line
        print(say("pdf_failed", detail=err), file=sys.stderr)
        return 1
    with speaking(load_settings(args.root).language):  # the fork's own language, after every edition's
        print(say("pdf_written", count=len(written), site=args.site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
