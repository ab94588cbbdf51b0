"""Word documents: opened again with python-docx, asserting structure and text."""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn

from conftest import FIXTURES, Build, bilingual_project, handbook, make_project
from macros.content import outputs
from macros.content.curriculum import load_curriculum
from macros.organization import editions
from macros.organization.labels import load_labels
from macros.organization.settings import load_settings
from macros.outputs.word import write_documents
from macros.rendering.edition import context, load_edition
from macros.rendering.render import Context
from macros.rendering.terms import Terms

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
    # A signature line never ends a page without the words under it.
    assert all(p.paragraph_format.keep_with_next for c in doc.tables[0].rows[0].cells for p in c.paragraphs)


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


def tiny_png() -> bytes:
    """A 1×1 PNG, made here so no binary file sits in the tests."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x1d\x5c\x63")) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def editions_written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Every Word file of both editions of the two-edition fixture, with a PNG logo, as the build step writes them."""
    root = bilingual_project(tmp_path_factory.mktemp("bilingual"))
    (root / "docs/assets").mkdir(parents=True, exist_ok=True)
    (root / "docs/assets/logo.png").write_bytes(tiny_png())
    settings = root / "curriculum/organization.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "branding:\n  logo: assets/logo.png\n", encoding="utf-8")
    site = root / "site"
    for lang, folder in editions.each(root):
        (site / folder / "assets").mkdir(parents=True)
        (site / folder / "assets/logo.png").write_bytes(tiny_png())  # where mkdocs copies the logo
        write_documents(site / folder, context(load_edition(root, lang=lang), outputs=frozenset({"docx"})))
    return root, site


def xml_of(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def test_every_word_file_is_an_a4_document_in_its_editions_language_with_footer_and_honest_metadata(
        editions_written: tuple[Path, Path]) -> None:
    root, site = editions_written
    today = datetime.now(UTC).date()
    checked = 0
    for lang, folder in editions.each(root):
        settings = load_settings(root, lang)
        ui = load_labels(settings.edition)["ui"]
        files = sorted((site / folder / "docx").rglob("*.docx"))
        assert files, folder
        for path in files:
            doc = docx.Document(str(path))
            where = path.relative_to(site).as_posix()
            section = doc.sections[0]
            assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297), where
            assert [round(m.mm) for m in (section.top_margin, section.right_margin, section.bottom_margin,
                                          section.left_margin)] == [11, 13, 18, 13], where
            # Word's spell checker reads the language from the styles: the edition's, with a region.
            with zipfile.ZipFile(path) as z:
                styles = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/styles"))
            tags = set(re.findall(r'<w:lang w:val="([^"]+)"', styles))
            assert len(tags) == 1 and tags.pop().split("-")[0] == settings.edition, where
            assert "Microsoft" not in xml_of(path, "docProps/app.xml"), where  # no other program claims it
            color = settings.branding.primary_color.lstrip("#").upper()
            assert str(doc.styles["Heading 1"].font.color.rgb) == color, where
            header = xml_of(path, "word/header1.xml")
            assert "<pic:pic" in header and settings.organization.name in header, where  # the logo and who
            footer = [p.text for p in section.footer.paragraphs]
            assert f"{ui['attribution']} CC BY 4.0" in footer, where
            fields = re.findall(r"<w:instrText[^>]*>\s*(\w+)\s*</w:instrText>", xml_of(path, "word/footer1.xml"))
            assert fields == ["PAGE", "NUMPAGES"] and footer[-1].startswith(ui["page_of"] + " "), where
            props = doc.core_properties
            assert props.title == styled(doc, "Title")[0] and props.author == settings.organization.name, where
            assert props.created is not None and props.created.date() == today, where
            with zipfile.ZipFile(path) as z:
                assert not [n for n in z.namelist() if b"python-docx" in z.read(n)], where
            for table in doc.tables:
                rows = table._tbl.findall(qn("w:tr"))
                assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows), where
            checked += 1
    assert checked >= 4


def test_agenda_columns_fit_their_content_and_the_header_repeats(editions_written: tuple[Path, Path]) -> None:
    _, site = editions_written
    for path in sorted(site.rglob("docx/sessions/*.docx")):
        table = docx.Document(str(path)).tables[0]
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        time, step, note = widths
        assert time < step < note, (path.name, widths)  # "0–10" needs less room than a sentence
        first = table._tbl.findall(qn("w:tr"))[0]
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None, path.name
        longest = max((len(w) for row in table.rows for w in row.cells[1].text.split()), default=0)
        assert step / 1440 * 25.4 > longest * 1.5, path.name  # no word of a step is split across lines


def test_word_files_of_a_translated_edition_carry_its_names(editions_written: tuple[Path, Path]) -> None:
    root, site = editions_written
    folders = [folder for _, folder in editions.each(root)]
    names = [{p.name for p in (site / folder / "docx").rglob("*.docx")} for folder in folders]
    assert len(names) == 2 and names[0] and names[1] and not names[0] & names[1]
