"""The PDF step writes only inside the site, and only what the engine lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from macros.pdf import inside, targets


@pytest.mark.parametrize("bad", ["../outside.pdf", "/tmp/evil.pdf", "pdf/../../evil.pdf", ".", "pdf/../.."])
def test_a_path_outside_the_site_is_refused(tmp_path: Path, bad: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(ValueError, match="refusing to write outside"):
        inside(site, bad)


def test_a_path_inside_the_site_is_kept(tmp_path: Path) -> None:
    assert inside(tmp_path, "pdf/sessions/a.pdf") == (tmp_path / "pdf/sessions/a.pdf").resolve()


def test_targets_come_from_the_curriculum_not_from_the_html(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "sessions/erstes-treffen").mkdir(parents=True)
    # A page in the built site that links elsewhere has no say in what is printed.
    (site / "sessions/erstes-treffen/index.html").write_text(
        '<a class="md-button rm-pdf" href="../../../../evil.pdf">x</a>', encoding="utf-8")
    found = dict(targets(FIXTURES / "mini", site))
    assert found["sessions/erstes-treffen/"] == "pdf/sessions/erstes-treffen.pdf"
    assert set(found.values()) == {"pdf/sessions/erstes-treffen.pdf", "pdf/all-sessions.pdf", "pdf/agreement.pdf"}
