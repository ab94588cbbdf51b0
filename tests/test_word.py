"""Word documents: opened again with python-docx, asserting structure and text."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.document import Document

from conftest import FIXTURES, Build, handbook, make_project
from macros import outputs
from macros.curriculum import load_curriculum
from macros.labels import load_labels
from macros.render import Context
from macros.settings import load_settings
from macros.terms import Terms
from macros.word_file import write_documents

PROGRAM = FIXTURES / "journeys"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    settings = load_settings(PROGRAM)
    ctx = Context(load_curriculum(PROGRAM, "de"), settings, load_labels("de"))
    paths = write_documents(site, ctx)
    assert sorted(p.relative_to(site).as_posix() for p in paths) == sorted(
        outputs.documents(ctx.curriculum).values())
    return site


def open_doc(site: Path, path: str) -> Document:
    return docx.Document(str(site / path))


def styled(doc: Document, style: str) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style is not None and p.style.name == style]


def test_session_has_word_headings_an_agenda_table_and_boxes(written: Path) -> None:
    doc = open_doc(written, "docx/sessions/erstes-treffen.docx")
    assert styled(doc, "Title") == ["Erstes Treffen"]
    assert styled(doc, "Heading 1") == ["Ziele", "Vorbereitung", "Ablauf", "Fragen für Ihre Sitzungen",
                                        "Vereinbarungen und nächste Schritte", "Notizen"]
    assert [[c.text for c in row.cells] for row in doc.tables[0].rows] == [
        ["Zeit", "Schritt", "Hinweis"],
        ["0–10", "Ankommen", "Persönlich beginnen."],
        ["10–50", "Ziele", "Lernziele sammeln."],
        ["50–60", "Vereinbarung", "Spielregeln festhalten."],
    ]
    texts = [p.text for p in doc.paragraphs]
    assert "☐ Drei Themen überlegen." in texts and "☐ Lernziele notieren." in texts
    assert texts.index("Mentor:in") < texts.index("☐ Drei Themen überlegen.") < texts.index("Mentee")
    assert styled(doc, "List Bullet")[:1] == ["Einander kennenlernen."]
    assert any(t.startswith("Tandem: ___") and "Datum: ___" in t for t in texts)
    assert texts[-8:] == ["_" * 60] * 8  # notes_lines defaults to 8 blank lines


def test_documents_carry_the_organizations_name_and_colour(written: Path) -> None:
    doc = open_doc(written, "docx/sessions/rueckblick.docx")
    assert doc.sections[0].header.paragraphs[0].text == "Beispiel AG · Perspektivwechsel"
    assert str(doc.styles["Heading 1"].font.color.rgb) == "1D5C63"
    assert doc.core_properties.author == "Beispiel AG"


def test_agreement_has_blanks_rules_and_signature_lines(written: Path) -> None:
    doc = open_doc(written, "docx/mentoring-vereinbarung.docx")
    texts = [p.text for p in doc.paragraphs]
    assert styled(doc, "Title") == ["Mentoring-Vereinbarung"]
    for label in ("Mentor:in", "Mentee", "Beginn", "Geplantes Ende", "Wir treffen uns", "Ort oder Kanal"):
        assert any(t.startswith(f"{label}: ____") for t in texts), label
    assert styled(doc, "Heading 1") == ["Unsere Lernziele", "Unsere Spielregeln", "Unterschriften"]
    assert styled(doc, "List Number") == []  # the journeys fixture has no ground rules
    assert "Ansprechperson bei Fragen oder Problemen: Petra Programm, mentoring@beispiel.example" in texts
    signatures = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert signatures[1] == ["Ort, Datum, Unterschrift Mentor:in", "Ort, Datum, Unterschrift Mentee"]
    assert all("_" * 30 in cell for cell in signatures[0])


def test_build_writes_the_listed_documents_and_links_them_next_to_the_pdf(tmp_path: Path) -> None:
    # The README's build command makes the downloads after mkdocs (Word always, PDFs with Chromium).
    root = make_project(tmp_path / "p", FIXTURES / "mini" / "curriculum")
    built = handbook(root, "build", pdf_env={"CHROMIUM": "/nonexistent"})
    assert built.result.returncode == 0, built.output
    listed = outputs.documents(load_curriculum(FIXTURES / "mini", "de"))
    for src, path in listed.items():
        assert (built.site / path).read_bytes().startswith(b"PK"), path  # a .docx is a zip file
        page = built.html(src.replace(".md", "/index.html"))
        assert 'class="md-button rm-docx"' in page, src
    agreement = open_doc(built.site, listed[outputs.AGREEMENT])
    rules = styled(agreement, "List Number")
    assert len(rules) == 1 and rules[0].startswith("Vertraulichkeit: ")
    html = built.html("sessions/erstes-treffen/index.html")
    assert 'href="../../docx/sessions/erstes-treffen.docx" download' in html


def test_a_plain_mkdocs_build_links_no_word_file_it_did_not_write(mini_site: Build) -> None:
    assert not (mini_site.site / "docx").exists()
    assert "rm-docx" not in mini_site.html("sessions/erstes-treffen/index.html")


def test_the_forks_own_words_reach_the_documents(tmp_path: Path) -> None:
    terms = Terms({"Mentee": "Lernpartner:in"})
    ctx = Context(load_curriculum(PROGRAM, "de"), load_settings(PROGRAM), terms.labels(load_labels("de")), terms=terms)
    write_documents(tmp_path, ctx)
    doc = open_doc(tmp_path, "docx/sessions/erstes-treffen.docx")
    texts = [p.text for p in doc.paragraphs]
    assert "Lernpartner:in" in texts and "Mentee" not in texts  # the preparation's role heading
    agreement = [p.text for p in open_doc(tmp_path, "docx/mentoring-vereinbarung.docx").paragraphs]
    assert any(t.startswith("Lernpartner:in: ___") for t in agreement)
