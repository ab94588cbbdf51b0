"""The live preview (`mkdocs serve`) shows content errors in the browser and recovers by itself."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, make_project, mkdocs_serve, scripts_ran

pytestmark = pytest.mark.browser


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = make_project(tmp_path / "p", FIXTURES / "mini" / "curriculum")
    with mkdocs_serve(root) as url:
        yield root, url


def test_error_page_appears_and_goes_when_the_file_is_fixed(preview: tuple[Path, str], page: Any) -> None:
    root, url = preview
    page.goto(url + "roles/mentee/", wait_until="load")
    assert page.locator("h1").first.inner_text().startswith("Mentee")
    module = root / "curriculum/de/roles/mentee.yaml"
    good = module.read_text(encoding="utf-8")
    module.write_text(good.replace("order: 2", "order: zwei"), encoding="utf-8")
    # Live reload reloads the open page; it now shows the problem where the page was.
    errors = page.locator(".rm-preview-errors")
    errors.wait_for(timeout=90_000)
    assert ("curriculum/de/roles/mentee.yaml:3:8: 'order': hier gehört eine ganze Zahl hin (zum Beispiel 3), "
            "gefunden: der Text „zwei“" in errors.inner_text())
    module.write_text(good, encoding="utf-8")
    page.locator("h1", has_text="Mentee").wait_for(timeout=90_000)
    assert page.locator(".rm-preview-errors").count() == 0


def test_the_preview_runs_only_the_themes_scripts_and_its_own_reload(preview: tuple[Path, str], page: Any) -> None:
    """The preview's policy is the site's plus its live-reload script, by a nonce drawn for each response."""
    _, url = preview
    sent = [urllib.request.urlopen(url, timeout=30).read().decode("utf-8") for _ in range(2)]
    nonces = []
    for html in sent:
        script_src = html.split("script-src ", 1)[1].split(";", 1)[0]
        assert "unsafe-inline" not in script_src
        nonce = script_src.split("'nonce-", 1)[1].split("'", 1)[0]
        assert f'<script nonce="{nonce}">' in html and html.count(f'nonce="{nonce}"') == 1
        nonces.append(nonce)
    assert nonces[0] != nonces[1]
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.goto(url, wait_until="load")
    page.wait_for_function("() => typeof livereload === 'function'", timeout=30_000)
    scripts_ran(page)
    assert blocked == []
