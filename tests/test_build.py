"""Real `mkdocs build --strict` runs, asserting on the produced HTML and search index."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from conftest import FIXTURES, Build, handbook, make_project, mkdocs_build
from macros.content.curriculum import load_curriculum
from macros.content.outputs import bundle_parts

MINI = FIXTURES / "mini" / "curriculum"
HREF = re.compile(r'(?:href|src)="([^"]+)"')


def test_every_module_has_its_page_with_its_content(mini_site: Build) -> None:
    curriculum = load_curriculum(MINI.parent, "de")
    for entry in curriculum.entries.values():
        html = mini_site.html(f"{entry.kind}/{entry.id}/index.html")
        assert f">{entry.module.title}<a class=\"headerlink\"" in html, entry.id
        summary = entry.module.summary.split("{")[0]
        assert summary in html, entry.id


def test_overview_pages_list_their_modules_with_links(mini_site: Build) -> None:
    html = mini_site.html("roles/index.html")
    assert '<a href="mentorin/">Mentor:in</a>' in html
    assert '<a href="mentee/">Mentee</a>' in html
    assert html.index("Mentor:in</a>") < html.index("Mentee</a>")  # order: 1 before 2


def test_cross_references_become_links_that_resolve(mini_site: Build) -> None:
    html = mini_site.html("challenges/hierarchiebarrieren/index.html")
    assert '<a href="../../success-factors/klare-rollen/">Klare Rollen</a>' in html
    broken = []
    # 404.html is served for any path, so Material gives it root-absolute links on purpose.
    for page in (p for p in mini_site.site.rglob("*.html") if p.name != "404.html"):
        for url in HREF.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("#", "mailto:")) or "pdf/" in url:
                continue
            target = (page.parent / urldefrag(parts.path)[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(mini_site.site)} -> {url}")
    assert broken == []


def test_placeholders_take_the_organizations_values(mini_site: Build) -> None:
    assert "lernt die <strong>Führungskraft</strong> bei Beispiel AG" in mini_site.html(
        "basics/was-ist-reverse-mentoring/index.html")
    assert "Etwa eine Stunde alle drei Wochen." in mini_site.html("faq/fragen-von-mentees/index.html")
    assert "<title>Mentor:in - Perspektivwechsel</title>" in mini_site.html("roles/mentorin/index.html")


def test_search_index_has_every_module_and_german_stemming(mini_site: Build) -> None:
    index = json.loads((mini_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["de"]
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    for entry in load_curriculum(MINI.parent, "de").entries.values():
        assert f"{entry.kind}/{entry.id}/" in locations
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Spielregeln festhalten" in text
    assert list(mini_site.site.glob("assets/javascripts/lunr/min/lunr.de.min.js"))


def test_search_finds_a_session_on_its_own_page_only_not_again_in_the_print_bundle(mini_site: Build) -> None:
    index = json.loads((mini_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    for src, _ in bundle_parts(load_curriculum(MINI.parent, "de")):
        page = src.removesuffix(".md") + "/"
        assert (mini_site.site / page / "index.html").is_file()  # built, printable, only not searched
        assert page not in locations


def test_adding_one_yaml_file_adds_page_and_nav_entry(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    (root / "curriculum/de/basics/neu-hier.yaml").write_text(
        "title: Ganz neues Modul\nsummary: Ein Modul, das erst im Test entsteht.\norder: 50\nwhat: Neu.\n"
        "why: Weil.\nhow: [Machen.]\nsigns: [Gemacht.]\npitfalls: [Vergessen.]\n", encoding="utf-8")
    build = mkdocs_build(root)
    assert build.result.returncode == 0, build.output
    assert "Ganz neues Modul<a class=\"headerlink\"" in build.html("basics/neu-hier/index.html")
    # The navigation links it from its section's pages (pruned: other sections link only the section).
    assert 'href="../neu-hier/" class="md-nav__link"' in build.html("basics/was-ist-reverse-mentoring/index.html")
    assert '<a href="neu-hier/">Ganz neues Modul</a>' in build.html("basics/index.html")


def test_hostile_text_renders_inert(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    path = root / "curriculum/de/roles/mentorin.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Mentor:in", 'title: "<script>alert(1)</script> Mentor:in"')
    text = text.replace("what: Die Mentor:in.", "what: |\n  {{ 7*7 }} and {% if true %}x{% endif %}\n"
                        "  <img src=x onerror=alert(2)> [klick](javascript:alert(3))\n"
                        "  ![t](https://tracker.example/p.png)")
    path.write_text(text, encoding="utf-8")
    build = mkdocs_build(root)
    assert build.result.returncode == 0, build.output
    for page in build.site.rglob("*.html"):
        # <title> is RCDATA: browsers show its content as text, never as markup (Material unescapes it).
        html = re.sub(r"<title>.*?</title>", "", page.read_text(encoding="utf-8"), flags=re.S)
        assert "<script>alert" not in html, page
        assert "<img src=x" not in html and "onerror=alert" not in html.replace("onerror=alert(2)&gt;", ""), page
        assert "javascript:alert" not in html, page
        assert "tracker.example" not in html, page
    html = build.html("roles/mentorin/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Mentor:in<a class=\"headerlink\"" in html
    assert "{{ 7*7 }} and {% if true %}x{% endif %}" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html


def test_invalid_module_stops_build_with_file_line_field_and_keeps_site(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    first = handbook(root, "build", pdf_env={"CHROMIUM": "/nonexistent"})
    assert first.result.returncode == 0, first.output
    assert "Hinweis: kein Chromium gefunden" in first.output and "baue ohne PDFs" in first.output
    assert not (root / "site/pdf").exists()
    assert "rm-pdf" not in first.html("sessions/erstes-treffen/index.html")  # no link to a missing PDF
    before = {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*")}
    session = root / "curriculum/de/sessions/erstes-treffen.yaml"
    session.write_text(session.read_text(encoding="utf-8").replace("minutes: 40", "minutes: 45"), encoding="utf-8")
    second = handbook(root, "build")
    assert second.result.returncode != 0
    assert ("curriculum/de/sessions/erstes-treffen.yaml:11:1: 'agenda': die Minuten im Ablauf ergeben 65, "
            "die Dauer (duration) ist aber 60: gleichen Sie beides an") in second.output
    assert "Traceback" not in second.output
    assert "Bauen fehlgeschlagen: site/ bleibt, wie es war" in second.output
    assert "Aborted with" not in second.output  # mkdocs' own English line: the German one says it
    assert {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*")} == before


def test_plain_mkdocs_build_also_fails_before_touching_site(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    (root / "site").mkdir()
    (root / "site/keep.html").write_text("old", encoding="utf-8")
    (root / "curriculum/de/roles/mentee.yaml").write_text("title: Mentee\ntitle: doppelt\n", encoding="utf-8")
    build = mkdocs_build(root)
    assert build.result.returncode != 0
    assert "curriculum/de/roles/mentee.yaml:2:1: das Feld „title“ steht zweimal" in build.output
    assert "Traceback" not in build.output
    assert (root / "site/keep.html").read_text(encoding="utf-8") == "old"


def test_no_third_party_requests_in_built_html(mini_site: Build) -> None:
    external = set()
    for page in mini_site.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html):
            for url in HREF.findall(tag):
                if urlsplit(url).scheme or url.startswith("//"):
                    external.add(url)
    assert external == set()
    css = " ".join(p.read_text(encoding="utf-8") for p in mini_site.site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_a_generated_page_cannot_be_shadowed_silently(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    (root / "docs/de/roles").mkdir()
    shutil.copy(root / "docs/de/index.md", root / "docs/de/roles/mentee.md")
    build = mkdocs_build(root)
    assert build.result.returncode != 0
    assert ("docs/de/roles/mentee.md gibt es, aber diese Seite entsteht aus dem Curriculum: entfernen Sie die Datei"
            in build.output)


def test_check_command_validates_without_building(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    ok = handbook(root, "check")
    assert ok.result.returncode == 0, ok.output
    assert "ok: 11 Module in curriculum/de sind gültig" in ok.output
    (root / "curriculum/de/roles/mentee.yaml").write_text("title: Mentee\norder: no\n", encoding="utf-8")
    bad = handbook(root, "check")
    assert bad.result.returncode == 1
    assert ("curriculum/de/roles/mentee.yaml:2:8: 'order': hier gehört eine ganze Zahl hin (zum Beispiel 3), "
            "gefunden: der Text „no“") in bad.output
    assert not (root / "site").exists()


def test_a_large_print_bundle_comes_in_parts_each_in_nav_and_pdf_list_never_in_search(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import build_here
    from macros.content import outputs

    root = make_project(tmp_path / "p", MINI)
    session = next((root / "curriculum/de/sessions").glob("*.yaml"))
    text = session.read_text(encoding="utf-8")
    for n in (2, 3):  # more templates: copies under their own id and title
        (session.parent / f"{session.stem}-{n}.yaml").write_text(text.replace("title: ", f"title: Nr. {n} ", 1),
                                                                 encoding="utf-8")
    curriculum = load_curriculum(root, "de")
    sessions = curriculum.of_kind("sessions")
    # A part holds what fits in BUNDLE_TEXT: with room for one template each, every one is a part.
    monkeypatch.setattr(outputs, "BUNDLE_TEXT", 1)
    parts = outputs.bundle_parts(curriculum)
    assert [entries for _, entries in parts] == [[e] for e in sessions] and len(parts) >= 2
    assert parts[0][0] == outputs.BUNDLE  # the first part keeps the bundle's address
    assert {outputs.pdfs(curriculum)[src] for src, _ in parts} == {
        "pdf/all-sessions.pdf", *(f"pdf/all-sessions-{i}.pdf" for i in range(2, len(parts) + 1))}
    build_here(root, root / "site")
    index = json.loads((root / "site/search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    for number, (src, entries) in enumerate(parts, start=1):
        page = src.removesuffix(".md") + "/"
        html = (root / "site" / page / "index.html").read_text(encoding="utf-8")
        assert f"Teil {number} von {len(parts)}" in html and entries[0].module.title in html
        assert page not in locations
    # Each part names the others, and the navigation lists every part.
    first = (root / "site/toolkit/all-sessions/index.html").read_text(encoding="utf-8")
    for n in range(2, len(parts) + 1):
        assert f'<a href="../all-sessions-{n}/">' in first  # the parts line
        assert f'<a href="../all-sessions-{n}/" class="md-nav__link">' in first  # the navigation
