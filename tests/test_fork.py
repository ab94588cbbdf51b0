"""A fork: renamed organization, own colours and logo, one module removed, one added."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, Build, make_project, mkdocs_build

FORK = FIXTURES / "fork"


@pytest.fixture(scope="module")
def fork_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = make_project(tmp_path_factory.mktemp("fork"))
    shutil.copy(FORK / "organization.yaml", root / "curriculum/organization.yaml")
    (root / "docs/assets").mkdir(parents=True, exist_ok=True)
    shutil.copy(FORK / "logo.svg", root / "docs/assets/logo.svg")
    shutil.rmtree(root / "curriculum/de/glossary")
    shutil.copy(FORK / "topics/ki-im-alltag.yaml", root / "curriculum/de/topics/ki-im-alltag.yaml")
    build = mkdocs_build(root)
    assert build.result.returncode == 0, build.output
    return build


def test_settings_rebrand_every_page(fork_site: Build) -> None:
    pages = [p for p in fork_site.site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 60
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "--md-primary-fg-color: #7a1f5c;" in html, page
        assert "- Seitenwechsel</title>" in html or "<title>Seitenwechsel</title>" in html, page
        assert 'assets/logo.svg" alt="logo"' in html, page
        assert "Reverse Mentoring</title>" not in html, page
    # The default organization name is gone wherever the setting is used.
    assert "Ihre Organisation" not in fork_site.html("index.html")
    assert "Ihre Organisation" not in fork_site.html("basics/was-ist-reverse-mentoring/index.html")


def test_placeholders_in_content_follow_the_settings(fork_site: Build) -> None:
    assert "Nordlicht Stadtwerke" in fork_site.html("index.html")
    agreement = fork_site.html("toolkit/agreement/index.html")
    assert "Jana Beispiel" in agreement and "mailto:seitenwechsel@nordlicht.example" in agreement
    assert "alle vier Wochen" in fork_site.html("ground-rules/verbindliche-termine/index.html")


def test_removed_module_is_gone_and_added_one_is_there(fork_site: Build) -> None:
    assert not (fork_site.site / "glossary").exists()
    assert "glossary/" not in fork_site.html("index.html")
    html = fork_site.html("topics/ki-im-alltag/index.html")
    assert "Routinearbeit bei Nordlicht Stadtwerke" in html
    assert '<a href="ki-im-alltag/">KI im Arbeitsalltag der Stadtwerke</a>' in fork_site.html("topics/index.html")


def test_removing_a_referenced_module_says_who_still_needs_it(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / "curriculum/de/benefits/innovation.yaml").unlink()
    build = mkdocs_build(root)
    assert build.result.returncode != 0
    assert "unknown id 'innovation'" in build.output
    assert "Traceback" not in build.output


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('"#1d5c63"', "blau",
     "curriculum/organization.yaml:24:18: 'branding.primary_color': "
     "expected a colour as '#rrggbb', e.g. '#1d5c63', got text 'blau'"),
    ('"#b34700"', '"#ffcc00"',
     "curriculum/organization.yaml:25:17: 'branding.accent_color': #ffcc00 has a contrast of 1.5:1 with "
     "white; WCAG AA needs at least 4.5:1, so text in this colour is hard to read: choose a darker shade"),
    ("logo: null", 'logo: "assets/fehlt.svg"',
     "curriculum/organization.yaml:23:9: 'branding.logo': file docs/assets/fehlt.svg not found"),
    *[("logo: null", f"logo: '{logo}'",
       "curriculum/organization.yaml:23:9: 'branding.logo': expected a file inside docs/ such as "
       "'assets/logo.svg' (letters, digits, '-', '_', '/' and an image ending: .svg, .png, .jpg, .webp, .gif, "
       f".ico; no web address, no spaces or quotes), got text {logo!r}")
      for logo in ["https://cdn.example/logo.svg", "https:/cdn.example/logo.svg", 'logo.svg" onerror="x',
                   "../../etc/logo.png", "/logo.png", "assets/logo.svg?x=1"]],
])
def test_bad_settings_are_reported_with_place(tmp_path: Path, old: str, new: str, expected: str) -> None:
    root = make_project(tmp_path / "p")
    path = root / "curriculum/organization.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    build = mkdocs_build(root)
    assert build.result.returncode != 0
    assert expected in build.output
