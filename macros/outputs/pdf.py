"""Print session templates, the bundle and the agreement to PDF with headless Chromium.

Runs after `mkdocs build` on the built site, as one of the export step's writers (macros/outputs/export.py).
Which pages become which PDF comes from the engine (macros/content/outputs.py), the same list the
download links are rendered from, never from the built HTML. Every file written must land
inside SITE_DIR. The site is served on 127.0.0.1; the printing browser runs without
JavaScript and may load nothing from anywhere else.

Each PDF is tagged (a structure tree screen readers follow), carries bookmarks made from the
page's headings, its language from `<html lang>`, its title from `<title>`, and the organization
from the settings as its author (Chromium writes no author, so it is added afterwards).
"""

from __future__ import annotations

import functools
import http.server
import io
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from macros.base.messages import say
from macros.content import outputs
from macros.organization import editions
from macros.organization.labels import load_labels
from macros.outputs.writer import ExportOptions, Writer
from macros.rendering import book
from macros.rendering.edition import context, load_edition
from macros.rendering.render import Context, url_of

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
        raise ValueError(say("write_outside", relative=relative, site=site))
    return target


@dataclass(frozen=True)
class Job:
    """One page to print: where it is served, where its PDF goes, who published it."""

    page: str
    pdf: str
    author: str


def edition_jobs(site: Path, ctx: Context, folder: str) -> list[Job]:
    """Return a print job for every page of one edition that the engine says offers a PDF."""
    pdfs = outputs.pdfs(ctx.curriculum, ctx.settings.translated)
    # mkdocs.yml decides between sessions/x/ and sessions/x.html; the built site shows which.
    directory_urls = any((site / folder / url_of(src, True)).is_dir() for src in pdfs)
    author = ctx.settings.organization.name
    return [Job(folder + url_of(src, directory_urls), folder + pdf, author) for src, pdf in pdfs.items()]


def targets(root: Path, site: Path) -> list[tuple[str, str]]:
    """Return (page URL path, PDF path) for every page the engine says offers a PDF, in every edition."""
    return [(job.page, job.pdf) for lang, folder in editions.each(root)
            for job in edition_jobs(site, context(load_edition(root, lang=lang)), folder)]


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


@contextmanager
def writer(site: Path, options: ExportOptions) -> Iterator[Writer]:
    """Print each edition's pages (and its whole handbook) to PDF files inside ``site``, in one browser."""
    from playwright.sync_api import sync_playwright

    if options.chromium is None:
        raise ValueError("printing needs Chromium")  # the export step offers PDFs only where it is
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=options.chromium, args=CHROMIUM_ARGS)
        context_ = browser.new_context(java_script_enabled=False)
        context_.route("**/*", _local_only(base))
        page = context_.new_page()

        def write(ctx: Context, folder: str) -> list[Path]:
            todo = [(job, inside(site, job.pdf)) for job in edition_jobs(site, ctx, folder)]  # refuse before printing
            written = []
            for job, out in todo:
                page.goto(base + job.page, wait_until="load")
                out.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(out), format=options.paper, print_background=True, prefer_css_page_size=True,
                         tagged=True, outline=True)
                set_author(out, job.author)
                written.append(out)
            return [*written, print_book(page, base, site, ctx, folder, options.paper)]

        try:
            yield write
        finally:
            browser.close()


def print_book(page: Any, base: str, site: Path, ctx: Context, folder: str, paper: str) -> Path:
    """Print one edition's whole handbook (macros/rendering/book.py) into its PDF; return the file written."""
    import pypdf

    edition, settings = site / folder, ctx.settings
    out = inside(site, folder + outputs.book(settings.edition))
    source = inside(site, folder + "book-print.html")
    directory_urls = (edition / url_of(outputs.AGREEMENT, True)).is_dir()  # as in edition_jobs(): the site shows
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

