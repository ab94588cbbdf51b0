"""The page and the look of every Word document: paper, language, styles, header, footer, metadata.

python-docx starts from a template made for US Letter, in en-US, signed "python-docx" in 2013;
everything a reader or Word itself notices is set here, the same for every document, so that
macros/outputs/word.py only says what a document contains. The page matches the printed PDFs
(A4, margins of overrides/assets/stylesheets/print.css).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

TABLE_STYLE = "Handbook Table"
# Word's spell checker needs a region: the language alone ("de") is not enough for every version.
REGIONS = {"de": "de-DE", "en": "en-GB", "fr": "fr-FR", "es": "es-ES", "it": "it-IT", "nl": "nl-NL", "pl": "pl-PL"}
# Word reads pictures it can place; an SVG logo stays on the website only.
PICTURES = {".png", ".jpg", ".jpeg", ".gif", ".bmp"}
FONT = "Arial"


def language_tag(lang: str) -> str:
    """Return the language tag Word's proofing tools expect for an edition: 'de' -> 'de-DE'."""
    return REGIONS.get(lang, lang)


def set_page(doc: DocxDocument) -> None:
    """A4 with the printed PDFs' margins; header and footer inside those margins."""
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(11), Mm(18)
        section.left_margin = section.right_margin = Mm(13)
        section.header_distance = section.footer_distance = Mm(6)


def set_language(doc: DocxDocument, lang: str) -> None:
    """Mark every style's text as the edition's language (python-docx's template says en-US)."""
    tag = language_tag(lang)
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if defaults.find(qn("w:lang")) is None:
        defaults.append(OxmlElement("w:lang"))
    for element in styles.iter(qn("w:lang")):
        element.set(qn("w:val"), tag)
        element.set(qn("w:eastAsia"), tag)
    doc.core_properties.language = tag
    # Word 2010 reads its styles from this copy, which python-docx leaves in en-US.
    marked = f'<w:lang w:val="{tag}" w:eastAsia="{tag}" w:bidi="ar-SA"/>'.encode()
    _replace_part(doc, "/word/stylesWithEffects.xml", lambda blob: re.sub(rb"<w:lang [^>]*/>", marked, blob))


def set_styles(doc: DocxDocument, color: str) -> None:
    """Body text, headings in the brand colour, and a table style of our own."""
    rgb = RGBColor.from_string(color.lstrip("#").upper())
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 20), ("Heading 1", 13), ("Heading 2", 11.5)):
        style = doc.styles[name]
        style.font.name, style.font.size, style.font.color.rgb = FONT, Pt(size), rgb
        style.paragraph_format.keep_with_next = True
    table = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    table.base_style = doc.styles["Table Grid"]
    table.font.size = Pt(9.5)


def set_properties(doc: DocxDocument, title: str, author: str, lang: str) -> None:
    """Honest metadata: the document's title, the organization as author, made today."""
    now = datetime.now(UTC).replace(microsecond=0)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, author, author
    props.comments, props.keywords, props.subject = "", "", ""
    props.created = props.modified = now
    props.revision = 1
    props.language = language_tag(lang)
    # The template's app.xml names "Microsoft Macintosh Word" and counts the words of an empty page.
    _replace_part(doc, "/docProps/app.xml", lambda blob: APP_PROPERTIES)


APP_PROPERTIES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
                  b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                  b"<Application>Reverse Mentoring Handbook</Application></Properties>")


def _replace_part(doc: DocxDocument, name: str, change: Callable[[bytes], bytes]) -> None:
    """Rewrite a package part python-docx keeps as plain bytes (it has no API for these)."""
    for part in doc.part.package.iter_parts():
        if part.partname == name:
            part._blob = change(part.blob)  # noqa: SLF001 - a generic Part holds its bytes here


def _field(paragraph: Paragraph, instruction: str) -> None:
    """Append a field Word fills in when it lays out the page (PAGE, NUMPAGES)."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def set_header(doc: DocxDocument, line: str, logo: Path | None) -> None:
    """The organization and program in the page header, after the logo when there is one to place."""
    paragraph = doc.sections[0].header.paragraphs[0]
    if logo is not None:
        paragraph.add_run().add_picture(str(logo), height=Mm(8))
        paragraph.add_run("   ")
    run = paragraph.add_run(line)
    run.font.size, run.font.color.rgb = Pt(8.5), RGBColor(0x44, 0x44, 0x44)


def set_footer(doc: DocxDocument, lines: list[str], page: str, of: str) -> None:
    """Who published it and the licence (CC BY 4.0 asks for the attribution), then page x of y."""
    footer = doc.sections[0].footer
    paragraph = footer.paragraphs[0]
    for text in lines:
        paragraph.text = text
        paragraph = footer.add_paragraph()
    paragraph.add_run(f"{page} ")
    _field(paragraph, "PAGE")
    paragraph.add_run(f" {of} ")
    _field(paragraph, "NUMPAGES")
    for p in footer.paragraphs:
        p.paragraph_format.space_after = Pt(0)
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        for run in p.runs:
            run.font.size, run.font.color.rgb = Pt(7.5), RGBColor(0x44, 0x44, 0x44)


def logo_file(site: Path, logo: str | None) -> Path | None:
    """Return the built site's copy of the logo if Word can place it (not SVG, not a link elsewhere)."""
    if not logo:
        return None
    path = site / logo
    if path.suffix.lower() not in PICTURES or path.is_symlink() or not path.is_file():
        return None
    return path if path.resolve().is_relative_to(site.resolve()) else None


def shape_table(table: Table, widths_mm: list[float]) -> None:
    """Our table style, fixed column widths, the header row repeated on every page."""
    table.style = TABLE_STYLE
    size_columns(table, widths_mm)
    keep_rows(table, header=True)


def size_columns(table: Table, widths_mm: list[float]) -> None:
    """Give each column its width (Word reads the grid, LibreOffice the cells: both are set)."""
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def keep_rows(table: Table, header: bool) -> None:
    """Keep every row on one page; repeat the first on each page when it is a header."""
    for i, row in enumerate(table.rows):
        row_pr = row._tr.get_or_add_trPr()
        row_pr.append(_on("w:cantSplit"))
        if header and i == 0:
            row_pr.append(_on("w:tblHeader"))


def _on(tag: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    return element


def shade_header(table: Table, color: str) -> None:
    """The header row in the brand colour with white bold text (the colour passes 4.5:1 with white)."""
    for cell in table.rows[0].cells:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), color.lstrip("#").upper())
        cell._tc.get_or_add_tcPr().append(shading)
        for run in (r for p in cell.paragraphs for r in p.runs):
            run.bold, run.font.color.rgb = True, RGBColor(0xFF, 0xFF, 0xFF)


# Roughly how wide a character of 9.5 pt Arial (bold headers, wider fallbacks) is, and what a
# cell adds around its text (Word's default cell margins, 1.9 mm each side).
CHAR_MM, PADDING_MM = 2.1, 4.2
TEXT_WIDTH_MM = 210 - 2 * 13


def content_widths(rows: list[list[str]], total: float = TEXT_WIDTH_MM) -> list[float]:
    """Return column widths (mm) sized to the content, as a browser lays out a table: each column
    at least as wide as its longest word, the space left shared by how much more text each holds."""
    columns = list(zip(*rows, strict=True))
    # One character to spare: a word that only just fits is broken by some editors (at "–" in "15–20").
    least = [(max(len(w) for v in col for w in v.split() or [""]) + 1) * CHAR_MM + PADDING_MM for col in columns]
    most = [max(len(v) for v in col) * CHAR_MM + PADDING_MM for col in columns]
    if sum(most) <= total:
        extra = (total - sum(most)) / len(most)
        return [m + extra for m in most]
    spare = max(total - sum(least), 0)
    wants = [m - n for m, n in zip(most, least, strict=True)]
    return [n + spare * w / (sum(wants) or 1) for n, w in zip(least, wants, strict=True)]
