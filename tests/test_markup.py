"""The W3C Nu HTML Checker (vnu.jar, from npm) finds no error that comes from our templates.

It reads one built page of each type in each edition, the 404 pages included. The only errors
it may report are those of Material's own base template, which we do not override (listed
below with where they come from); anything else is ours to fix.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import Build

VNU = "vnu-jar@26.9.27"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "handbook-tests" / "vnu"
# Material's base.html (not overridden) writes autocomplete="off" on its two hidden toggles,
# <input type="checkbox" id="__drawer"> and id="__search": the checker allows it on text inputs only.
MATERIALS_OWN = ("Attribute “autocomplete” is only allowed when the input type is",)


def _need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is required in CI for the Nu HTML Checker")
        pytest.skip(f"no {tool} here: the Nu HTML Checker needs Java and npm")
    return found


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    java, npm = _need("java"), _need("npm")
    jar = CACHE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "-E", "--prefix", str(CACHE), VNU],
                       check=True, timeout=600, capture_output=True)
    assert java and jar.is_file()
    return jar


def _sample(site: Path) -> list[Path]:
    pages = []
    for edition in [site, *(p.parent for p in site.glob("*/404.html"))]:
        pages += [edition / "index.html", edition / "404.html"]
        for kind in ("basics", "sessions", "checklists", "phases", "roles"):
            first = sorted((edition / kind).glob("*/index.html"))[:1]
            pages += first + ([edition / kind / "index.html"] if (edition / kind / "index.html").is_file() else [])
        pages += [p for p in (edition / "toolkit/agreement/index.html", edition / "anpassen/index.html") if p.is_file()]
    return pages


def test_the_nu_checker_finds_no_error_of_ours(real_site: Build, vnu_jar: Path) -> None:
    pages = _sample(real_site.site)
    assert len(pages) >= 20
    result = subprocess.run(["java", "-jar", str(vnu_jar), "--format", "json", *map(str, pages)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] == "error" and not m["message"].startswith(MATERIALS_OWN)]
    assert errors == []
