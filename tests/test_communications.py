"""The communications kind and the online section: YAML text is filled in and escaped, never live."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES
from macros.content.curriculum import load_curriculum
from macros.organization.labels import load_labels
from macros.organization.settings import load_settings
from macros.rendering.pages import generate
from macros.rendering.render import Context

MINI = FIXTURES / "mini"

MESSAGE = """# yaml-language-server: $schema=../../../schemas/communications.schema.json
title: Einladung
summary: Eine Einladung zum Kopieren, mit Platzhaltern.
sender: mentee
audience: Alle Führungskräfte
when: Vor dem Auftakt
subject: "Willkommen bei {program}"
body: |
  Hallo, <b>fett</b> bleibt Text.

  Fragen an {contact}.
hints:
  - Anrede anpassen.
"""


def pages_for(root: Path) -> dict[str, str]:
    settings = load_settings(root)
    curriculum = load_curriculum(root, settings.language)
    return {p.src: p.markdown for p in generate(Context(curriculum, settings, load_labels(settings.language)))}


def test_a_message_is_filled_in_escaped_and_listed(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(MINI / "curriculum", root / "curriculum")
    (root / "curriculum/de/communications").mkdir()
    (root / "curriculum/de/communications/einladung.yaml").write_text(MESSAGE, encoding="utf-8")
    pages = pages_for(root)
    page = pages["communications/einladung.md"]
    assert "Willkommen bei Perspektivwechsel" in page
    assert "Fragen an Petra Programm." in page
    assert "&lt;b&gt;fett&lt;/b&gt;" in page and "<b>fett</b>" not in page
    assert 'href="einladung/"' in pages["communications/index.md"]
    assert 'communications/einladung' in pages["toolkit/index.md"]


def test_a_session_shows_its_online_variant(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(MINI / "curriculum", root / "curriculum")
    path = root / "curriculum/de/sessions/erstes-treffen.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "online: Per Video mit {rhythm} Treffen.\n", encoding="utf-8")
    page = pages_for(root)["sessions/erstes-treffen.md"]
    assert "Online und hybrid" in page
    assert "Per Video mit alle drei Wochen Treffen." in page
