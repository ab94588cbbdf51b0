"""Shared fixtures: project copies in tmp_path, real builds, a loopback server, real Chromium."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(ROOT))

from macros.outputs.pdf import CHROMIUM_ARGS, QuietHandler  # noqa: E402
from macros.outputs.pdf import serve as serve_directory  # noqa: E402

# Facts true only of our own edition are tested only there: a fork that renamed its organization
# (the first step of the guide) skips them, with this reason, and its CI stays green.
UPSTREAM_ORG = "Beispiel GmbH"


def _live_org() -> str:
    from macros.reader.loader import load_file
    try:
        return str(load_file(ROOT / "curriculum/organization.yaml").data["organization"]["name"])
    except Exception:  # noqa: BLE001 - a broken settings file is for ./handbook check to report
        return ""


upstream_only = pytest.mark.skipif(_live_org() != UPSTREAM_ORG,
                                   reason="upstream edition only: this is a fork (organization.name differs)")

PROJECT_FILES = ["mkdocs.yml", "docs", "macros", "overrides", "requirements.txt", "handbook", "schemas"]


@dataclass
class Build:
    root: Path
    result: subprocess.CompletedProcess[str]

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def output(self) -> str:
        return self.result.stdout + self.result.stderr

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def make_project(dest: Path, curriculum: Path | None = None) -> Path:
    """Copy the engine and a curriculum (the real one by default) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    shutil.copytree(curriculum or ROOT / "curriculum", dest / "curriculum")
    return dest


# In the two-edition fixture, the one German module left untranslated.
UNTRANSLATED = "challenges/hierarchiebarrieren"


def bilingual_project(dest: Path) -> Path:
    """The mini curriculum in two editions: German, and English made from it ("EN " before each title).

    Every English module records the German version it translates, except UNTRANSLATED, which
    has no English file at all.
    """
    from macros.content.translations import update

    root = make_project(dest, FIXTURES / "mini" / "curriculum")
    english = root / "curriculum/en"
    shutil.copytree(root / "curriculum/de", english)
    (english / f"{UNTRANSLATED}.yaml").unlink()
    for path in english.glob("*/*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: EN ", 1), encoding="utf-8")
        update(root, path.stem, "en", "de")
    settings = root / "curriculum/organization.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "languages: [de, en]\neditions:\n  en:\n"
                        "    program:\n      rhythm: every three weeks\n", encoding="utf-8")
    return root


# A fork publishes under an address of its own, often below a path (GitHub Pages: /<repository>/).
# Tests of what that changes build the site both ways: without site.url and with this one.
SUBPATH_URL = "https://example.org/mentoring/"


def with_site_url(root: Path, url: str | None) -> Path:
    """Set ``site.url`` in a project copy's settings (None: leave it unset)."""
    if url:
        settings = root / "curriculum/organization.yaml"
        settings.write_text(settings.read_text(encoding="utf-8") + f"site:\n  url: {url}\n", encoding="utf-8")
    return root


def env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_DOWNLOADS": ""}


def mkdocs_build(root: Path) -> Build:
    """Run the real `mkdocs build --strict` (never -q: it hides warnings) in a project copy."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "site")]
    result = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=env(), timeout=300)
    return Build(root, result)



def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def mkdocs_serve(root: Path, tool: str = "mkdocs", *options: str) -> Iterator[str]:
    """Run the live preview (`mkdocs serve --livereload`, as ./handbook serve does); yield its address.

    ``tool``: another MkDocs 1.x (ProperDocs), ``options``: more of serve's (`--dirty`, as ./handbook serve).
    """
    port = _free_port()
    command = [sys.executable, "-m", tool, "serve", "--livereload", *options, "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=root, env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:  # the first build takes a moment: wait until the server answers
            try:
                urllib.request.urlopen(url, timeout=5).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(server.stdout.read() if server.stdout else "serve did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def build_here(root: Path, site: Path, preview: bool = False) -> None:
    """Build in this process, as `mkdocs build` does (``preview``: one rebuild of `mkdocs serve --dirty`).

    For tests that watch the process itself: a rebuild that reuses its state, Jinja's compiles.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = os.getcwd()
    os.chdir(root)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve" if preview else "build", dirty=preview)
        build(config, dirty=preview)
    finally:
        os.chdir(cwd)

def handbook(root: Path, *args: str, pdf_env: dict[str, str] | None = None) -> Build:
    """Run the README's ./handbook command in a project copy, reusing this test run's venv."""
    run_env = {**env(), "HANDBOOK_VENV": sys.prefix, **(pdf_env or {})}
    run_env.pop("HANDBOOK_DOWNLOADS")
    result = subprocess.run(["bash", "handbook", *args], cwd=root, capture_output=True, text=True,
                            env=run_env, timeout=900)
    return Build(root, result)


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    def _make(curriculum: Path | None = None) -> Path:
        return make_project(tmp_path / "project", curriculum)
    return _make


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The tiny fixture curriculum, built once."""
    root = make_project(tmp_path_factory.mktemp("mini"), FIXTURES / "mini" / "curriculum")
    build = mkdocs_build(root)
    assert build.result.returncode == 0, build.output
    return build


@pytest.fixture(scope="session", params=[None, SUBPATH_URL], ids=["no-site-url", "site-url-subpath"])
def bilingual_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The two-edition fixture, built once with `mkdocs build --strict`, without and with site.url
    (a sub-path): every test of it runs both ways (a build takes a few seconds)."""
    build = mkdocs_build(with_site_url(bilingual_project(tmp_path_factory.mktemp("bilingual")), request.param))
    assert build.result.returncode == 0, build.output
    return build


def site_path(root: Path) -> str:
    """Return the path below the host the site in ``root`` expects to be served at: "/" or e.g. "/mentoring/"."""
    from macros.organization.settings import load_settings

    url = load_settings(root).site.url
    return (urlsplit(url).path.rstrip("/") + "/") if url else "/"


@contextlib.contextmanager
def serve(site: Path, path: str = "/") -> Iterator[str]:
    """Serve ``site`` at ``path`` on a free loopback port, as a static host would; yield its address.

    Nothing is served outside ``path``; a missing page gets the 404 page of the edition whose
    folder the address is in (as GitHub Pages or an nginx error_page would), with status 404.
    """
    with serve_directory(site, functools.partial(_SiteHandler, path), path) as address:
        yield address


class _SiteHandler(QuietHandler):
    def __init__(self, prefix: str, *args: Any, **kwargs: Any) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def send_head(self) -> Any:
        address = urlsplit(self.path).path
        if not address.startswith(self.prefix):
            return self._not_found(None)
        self.path = "/" + self.path[len(self.prefix):]
        local = Path(self.translate_path(self.path))
        if not (local / "index.html" if local.is_dir() else local).is_file():
            return self._not_found(address[len(self.prefix):].split("/")[0])
        return super().send_head()

    def _not_found(self, folder: str | None) -> io.BytesIO | None:
        root = Path(self.directory)
        pages = [root / folder / "404.html", root / "404.html"] if folder is not None else []
        page = next((p for p in pages if p.is_file()), None)
        if page is None:
            self.send_error(404)
            return None
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def find_chromium() -> str | None:
    chosen = os.environ.get("CHROMIUM")
    for candidate in [chosen] if chosen else ["/usr/bin/chromium", "/usr/bin/chromium-browser"]:
        if os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI: .ci/run installs Debian's chromium")
        pytest.skip("no Chromium here: install Debian's chromium to run browser tests")
    return path


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Build:
    """The real curriculum built by the README's build command, PDFs included."""
    root = make_project(tmp_path_factory.mktemp("real"))
    build = handbook(root, "build", pdf_env={"CHROMIUM": chromium})
    assert build.result.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def site_url(real_site: Build) -> Iterator[str]:
    """The real site on 127.0.0.1, at the path its site.url names (no test needs the public host)."""
    with serve(real_site.site, site_path(real_site.root)) as base:
        yield base


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


def search(page: Any, html: str, query: str) -> str:
    """Type ``query`` into Material's search once its index is ready; return the results' text.

    ``html`` is the page's built file: its search panel first says "Initializing search" (in the
    page's language) and changes when the worker has loaded the index. The index is fetched when a
    reader starts to search (overrides/assets/javascripts/search-on-demand.js): so click into the
    search first, then wait for that event, never for a fixed time, then type.
    """
    initializing = re.search(r'class="md-search-result__meta">\s*([^<]*?)\s*<', html)
    assert initializing, "no search panel on this page"
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.wait_for_function("(t) => document.querySelector('.md-search-result__meta').textContent.trim() !== t",
                           arg=initializing.group(1), timeout=90_000)
    # Material asks its worker on every keyup (and on focus) for whatever the box holds then, and
    # renders each answer as it comes. Typed key by key, the first results shown on a busy machine
    # may be those of "H" or "Hier", not of the whole word. So the box gets the whole query at
    # once (fill() sends no keyup), then one real key press: every question the page can ask is
    # then "" (answered with no items) or the whole query, and the first items are its answer.
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=90_000)
    return str(page.locator(".md-search-result").inner_text())


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    pg = context.new_page()
    yield pg
    context.close()


# git as a new user has it: no global or system configuration (so no pull.rebase), a fixed author.
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, **GIT_ENV})
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def fork_of(upstream: Path, where: Path) -> Path:
    """Commit ``upstream`` as our repository, publish a fork of it (a bare copy, as on GitHub) in
    ``where`` and return her clone of that fork: its `origin` is her fork, not ours."""
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-qm", "ours")
    git(where, "clone", "-q", "--bare", str(upstream), str(where / "fork-on-github.git"))
    fork = where / "fork"
    git(where, "clone", "-q", str(where / "fork-on-github.git"), str(fork))
    return fork
