"""A fork made the documented way, on top of the mini curriculum standing in for ours:
rebranded, one field of one module overridden, one referenced module hidden, one module
added, one term renamed, legal links set and the adapt page switched off."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, Build, handbook, make_project, mkdocs_build

FORK = FIXTURES / "fork"
MINI = FIXTURES / "mini" / "curriculum"


def make_fork(dest: Path) -> Path:
    root = make_project(dest, MINI)
    shutil.copy(FORK / "organization.yaml", root / "curriculum/organization.yaml")
    shutil.copytree(FORK / "local", root / "curriculum/local")
    (root / "docs/assets").mkdir(parents=True, exist_ok=True)
    shutil.copy(FORK / "logo.svg", root / "docs/assets/logo.svg")
    return root


@pytest.fixture(scope="module")
def fork_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = mkdocs_build(make_fork(tmp_path_factory.mktemp("fork") / "p"))
    assert build.result.returncode == 0, build.output
    return build


def pages(build: Build) -> list[Path]:
    return [p for p in build.site.rglob("*.html") if p.name != "404.html"]


def test_settings_rebrand_every_page(fork_site: Build) -> None:
    assert len(pages(fork_site)) > 15
    for page in pages(fork_site):
        html = page.read_text(encoding="utf-8")
        assert "--md-primary-fg-color: #7a1f5c;" in html, page
        assert "- Seitenwechsel</title>" in html or "<title>Seitenwechsel</title>" in html, page
        assert 'assets/logo.svg" alt="logo"' in html, page
        assert "Perspektivwechsel" not in html, page  # the name of the curriculum it was forked from


def test_placeholders_in_content_follow_the_settings(fork_site: Build) -> None:
    agreement = fork_site.html("toolkit/agreement/index.html")
    assert "Jana Beispiel" in agreement and "mailto:seitenwechsel@nordlicht.example" in agreement


def test_a_local_file_overrides_only_its_fields(fork_site: Build) -> None:
    html = fork_site.html("roles/mentee/index.html")
    assert "Die Führungskraft bei Nordlicht Stadtwerke, die von einer Mentor:in lernt." in html
    assert "Fragen mitbringen." in html  # every other field still comes from ours


def test_added_module_is_there(fork_site: Build) -> None:
    html = fork_site.html("topics/ki-im-alltag/index.html")
    assert "Routinearbeit bei Nordlicht Stadtwerke" in html
    assert '<a href="ki-im-alltag/">KI im Arbeitsalltag der Stadtwerke</a>' in fork_site.html("topics/index.html")


def test_hidden_module_is_gone_everywhere_and_links_to_it_are_dropped(fork_site: Build) -> None:
    assert not (fork_site.site / "success-factors/klare-rollen").exists()
    for page in pages(fork_site):
        assert "klare-rollen" not in page.read_text(encoding="utf-8"), page
    index = json.loads((fork_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not any("klare-rollen" in doc["location"] for doc in index["docs"])
    # A link to it written in prose becomes plain text; other links stay.
    topic = fork_site.html("topics/ki-im-alltag/index.html")
    assert "Dabei helfen Klare Rollen und" in topic
    assert '<a href="../../ground-rules/vertraulichkeit/" rel="noopener noreferrer">Vertraulichkeit</a>' in topic
    # The challenge that referred to it keeps its other reference.
    assert "../../ground-rules/vertraulichkeit/" in fork_site.html("challenges/hierarchiebarrieren/index.html")


def test_terms_rename_words_in_text_titles_and_navigation_not_in_urls(fork_site: Build) -> None:
    html = fork_site.html("roles/mentee/index.html")
    assert "<title>Lernpartner:in - Seitenwechsel</title>" in html
    assert ">Lernpartner:in<" in html  # the heading and the nav entry
    assert 'href="mentee/"' in fork_site.html("roles/index.html")  # the URL keeps our id
    for page in pages(fork_site):
        text = page.read_text(encoding="utf-8")
        assert ">Mentee<" not in text and " Mentee " not in text and "Mentees" not in text, page
    index = (fork_site.site / "search/search_index.json").read_text(encoding="utf-8")
    assert "Lernpartner:in" in index and "Mentee " not in index


def test_legal_links_and_address_on_every_page_and_no_adapt_page(fork_site: Build) -> None:
    assert not (fork_site.site / "anpassen").exists()
    for page in pages(fork_site):
        html = page.read_text(encoding="utf-8")
        assert '<a href="https://www.nordlicht.example/impressum">Impressum</a>' in html, page
        assert '<a href="https://www.nordlicht.example/datenschutz">Datenschutz</a>' in html, page
        assert "CC BY 4.0" in html, page
    session = fork_site.html("sessions/erstes-treffen/index.html")
    assert '<link rel="canonical" href="https://mentoring.nordlicht.example/handbuch/sessions/erstes-treffen/">' \
        in session
    # Printed pages carry the address and the legal links in the page margin (CSS-escaped text).
    margin = session.split("@bottom-left { content: ")[1].split("; }")[0]
    assert "https://mentoring.nordlicht.example/handbuch/sessions/erstes-treffen/" in margin
    assert "Impressum: https://www.nordlicht.example/impressum" in margin and "CC BY 4.0" in margin
    sitemap = (fork_site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://mentoring.nordlicht.example/handbuch/roles/mentee/</loc>" in sitemap


def test_each_page_describes_itself_with_its_summary(fork_site: Build) -> None:
    assert ('<meta name="description" content="Die Führungskraft bei Nordlicht Stadtwerke, die von einer '
            'Mentor:in lernt.">') in fork_site.html("roles/mentee/index.html")


def test_check_lists_what_is_hidden_and_terms_that_occur_nowhere(tmp_path: Path) -> None:
    root = make_fork(tmp_path / "p")
    path = root / "curriculum/organization.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  Mentorn: Coaches\n", encoding="utf-8")
    result = handbook(root, "check")
    assert result.result.returncode == 0, result.output
    assert "Hinweis: ausgeblendet: success-factors/klare-rollen (Klare Rollen)" in result.output
    assert ("Hinweis: der Begriff „Mentorn“ (Einstellung „terms“) kommt nirgends vor: prüfen Sie die Schreibweise"
            in result.output)
    assert "'Mentee'" not in result.output


def test_a_bad_value_in_a_local_file_names_that_file(tmp_path: Path) -> None:
    root = make_fork(tmp_path / "p")
    (root / "curriculum/local/de/roles/mentee.yaml").write_text("order: zwei\n", encoding="utf-8")
    build = mkdocs_build(root)
    assert build.result.returncode != 0
    assert "curriculum/local/de/roles/mentee.yaml:1:8: 'order': hier gehört eine ganze Zahl hin (zum Beispiel 3), " \
        "gefunden: der Text „zwei“" \
        in build.output


def test_an_unknown_hidden_id_is_reported_with_its_line(tmp_path: Path) -> None:
    root = make_fork(tmp_path / "p")
    path = root / "curriculum/organization.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- klare-rollen", "- klare-rolle"), encoding="utf-8")
    build = mkdocs_build(root)
    assert build.result.returncode != 0
    assert ("curriculum/organization.yaml:24:5: 'hidden[0]': kein Modul hat die id „klare-rolle“: "
            "prüfen Sie die Schreibweise (der Dateiname ohne .yaml)") in build.output


def test_removing_a_referenced_module_says_who_still_needs_it(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    (root / "curriculum/de/success-factors/klare-rollen.yaml").unlink()
    build = mkdocs_build(root)
    assert build.result.returncode != 0
    assert "kein Modul hat die id „klare-rollen“ (gelöscht oder umbenannt?), aber 2 Stellen verweisen" in build.output
    assert "Traceback" not in build.output


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('"#7a1f5c"', "blau",
     "curriculum/organization.yaml:15:18: 'branding.primary_color': "
     "erwartet wird eine Farbe als „#rrggbb“, z. B. „#1d5c63“, gefunden: der Text „blau“"),
    ('"#0b6e4f"', '"#ffcc00"',
     "curriculum/organization.yaml:16:17: 'branding.accent_color': #ffcc00 hat zu Weiß nur einen Kontrast "
     "von 1,5:1; lesbar (WCAG AA) ist ab 4,5:1. Nehmen Sie einen dunkleren Ton, etwa „#907300“ (derselbe "
     "Farbton, gerade dunkel genug)"),
    ("logo: assets/logo.svg", 'logo: "assets/fehlt.svg"',
     "curriculum/organization.yaml:14:9: 'branding.logo': Datei docs/assets/fehlt.svg nicht gefunden: legen Sie "
     "das Logo dort ab oder korrigieren Sie den Pfad"),
    *[("logo: assets/logo.svg", f"logo: '{logo}'",
       "curriculum/organization.yaml:14:9: 'branding.logo': erwartet wird eine Datei in docs/ wie "
       "„assets/logo.svg“ (Buchstaben, Ziffern, -, _, / und eine Bildendung: .svg, .png, .jpg, .webp, .gif, "
       f".ico; keine Webadresse, keine Leerzeichen oder Anführungszeichen), gefunden: der Text „{logo}“")
      for logo in ["https://cdn.example/logo.svg", "https:/cdn.example/logo.svg", 'logo.svg" onerror="x',
                   "../../etc/logo.png", "/logo.png", "assets/logo.svg?x=1"]],
    ('imprint: "https://www.nordlicht.example/impressum"', 'imprint: "javascript:alert(1)"',
     "curriculum/organization.yaml:20:12: 'site.imprint': erwartet wird eine Webadresse, die mit https:// "
     "beginnt (ohne Leerzeichen und Anführungszeichen), gefunden: der Text „javascript:alert(1)“"),
])
def test_bad_settings_are_reported_with_place(tmp_path: Path, old: str, new: str, expected: str) -> None:
    root = make_fork(tmp_path / "p")
    path = root / "curriculum/organization.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    build = mkdocs_build(root)
    assert build.result.returncode != 0
    assert expected in build.output
