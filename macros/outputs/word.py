"""The mentoring agreement and every session template as editable Word documents (.docx).

Which pages get a document comes from macros/content/outputs.py, the same list the download links
are rendered from.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument

from macros.content import outputs
from macros.content.curriculum import Entry
from macros.organization.placeholders import substitute
from macros.outputs import word_layout
from macros.outputs.writer import ExportOptions, Writer
from macros.rendering import text
from macros.rendering.render import Context
from macros.schema.models import Session

BOX = "☐"
BLANK = "_" * 60
SHORT_BLANK = "_" * 20


def _new(ctx: Context, title: str, logo: Path | None = None) -> DocxDocument:
    """Start a document on the handbook's page, in the edition's language and the organization's colours."""
    doc = Document()
    s, ui = ctx.settings, ctx.labels["ui"]
    word_layout.set_page(doc)
    word_layout.set_language(doc, ctx.curriculum.lang)
    word_layout.set_styles(doc, s.branding.primary_color)
    word_layout.set_properties(doc, title, s.organization.name, ctx.curriculum.lang)
    word_layout.set_header(doc, f"{s.organization.name} · {s.program.name}", logo)
    who = s.organization.name + (f" · {s.site.url}" if s.site.url else "")
    word_layout.set_footer(doc, [who, f"{ui['attribution']} CC BY 4.0"], ui["page_of"], ui["of_pages"])
    doc.add_heading(title, level=0)
    return doc


def _plain(ctx: Context, value: str) -> str:
    # The fork's own words (settings 'terms') apply here too: the labels already carry them.
    return ctx.terms.text(text.to_plain(substitute(value, ctx.settings.placeholders())))


def _bullets(doc: DocxDocument, ctx: Context, items: list[str], style: str = "List Bullet") -> None:
    for item in items:
        doc.add_paragraph(_plain(ctx, item), style=style)


def _boxes(doc: DocxDocument, ctx: Context, items: list[str]) -> None:
    # A printed box to tick by hand; Word's own checkbox controls do not survive every editor.
    for item in items:
        doc.add_paragraph(f"{BOX} {_plain(ctx, item)}")


def _blank_lines(doc: DocxDocument, count: int) -> None:
    for _ in range(count):
        doc.add_paragraph(BLANK)


def _agenda(doc: DocxDocument, ctx: Context, session: Session) -> None:
    cols = ctx.labels["agenda_columns"]
    rows = [[cols["time"], cols["step"], cols["note"]]]
    start = 0
    for step in session.agenda:
        rows.append([f"{start}–{start + step.minutes}", _plain(ctx, step.title), _plain(ctx, step.note)])
        start += step.minutes
    table = doc.add_table(rows=len(rows), cols=3)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    word_layout.shape_table(table, word_layout.content_widths(rows))
    word_layout.shade_header(table, ctx.settings.branding.primary_color)


def _preparation(doc: DocxDocument, ctx: Context, session: Session) -> None:
    for prep in session.preparation:
        role = doc.add_paragraph()
        role.add_run(_plain(ctx, ctx.curriculum.entries[prep.role].module.title)).bold = True
        _boxes(doc, ctx, prep.items)


def session_document(entry: Entry, ctx: Context, logo: Path | None = None) -> DocxDocument:
    """Return one session template as a Word document."""
    m, ui, h = entry.module, ctx.labels["ui"], ctx.labels["headings"]
    doc = _new(ctx, _plain(ctx, m.title), logo)
    doc.add_paragraph(_plain(ctx, m.summary))
    doc.add_paragraph(f"{ui['audience']}: {ctx.labels['audience'][m.audience]} · "
                      f"{ui['duration']}: {m.duration} {ui['minutes']}")
    doc.add_paragraph(f"{ui['pair']}: {BLANK[:36]}   {ui['date']}: {SHORT_BLANK}")
    doc.add_heading(h["goals"], level=1)
    _bullets(doc, ctx, m.goals)
    if m.preparation:
        doc.add_heading(h["preparation"], level=1)
        _preparation(doc, ctx, m)
    doc.add_heading(h["agenda"], level=1)
    _agenda(doc, ctx, m)
    doc.add_heading(h["questions"], level=1)
    _bullets(doc, ctx, m.questions)
    if m.materials:
        doc.add_heading(h["materials"], level=1)
        _bullets(doc, ctx, m.materials)
    doc.add_heading(h["next_steps"], level=1)
    _bullets(doc, ctx, m.next_steps)
    if m.notes_lines:
        doc.add_heading(h["notes"], level=1)
        _blank_lines(doc, m.notes_lines)
    return doc


def _signatures(doc: DocxDocument, ctx: Context) -> None:
    ui = ctx.labels["ui"]
    table = doc.add_table(rows=2, cols=2)
    for i, role in enumerate((ui["agreement_mentor"], ui["agreement_mentee"])):
        table.rows[0].cells[i].text = "\n\n" + "_" * 34
        table.rows[1].cells[i].text = f"{ui['place_date']}, {ui['signature'].format(role=role)}"
    word_layout.size_columns(table, [word_layout.TEXT_WIDTH_MM / 2] * 2)
    word_layout.keep_rows(table, header=False)
    # The line and what it is for stay on one page: Word keeps a row with the next one this way.
    for paragraph in (p for cell in table.rows[0].cells for p in cell.paragraphs):
        paragraph.paragraph_format.keep_with_next = True


def agreement_document(ctx: Context, logo: Path | None = None) -> DocxDocument:
    """Return the mentoring agreement as a Word document, blanks and signature lines included."""
    ui = ctx.labels["ui"]
    doc = _new(ctx, ui["agreement_title"], logo)
    doc.add_paragraph(ui["agreement_intro"])
    for label in ("agreement_mentor", "agreement_mentee", "agreement_start", "agreement_end",
                  "agreement_rhythm", "agreement_channel"):
        doc.add_paragraph(f"{ui[label]}: {BLANK[:44]}")
    doc.add_heading(ui["agreement_goals"], level=1)
    _blank_lines(doc, 3)
    doc.add_heading(ui["agreement_rules"], level=1)
    for rule in ctx.curriculum.of_kind("ground-rules"):
        clause = doc.add_paragraph(style="List Number")
        clause.add_run(f"{_plain(ctx, rule.module.title)}: ").bold = True
        clause.add_run(_plain(ctx, rule.module.agreement_clause))
    contact = ctx.settings.contact
    doc.add_paragraph(f"{ui['agreement_contact']}: {contact.name}, {contact.email}")
    doc.add_heading(ui["agreement_signatures"], level=1)
    _signatures(doc, ctx)
    return doc


def write_documents(site: Path, ctx: Context) -> list[Path]:
    """Write every Word document the engine lists into the built site; return the files written."""
    written = []
    logo = word_layout.logo_file(site, ctx.settings.branding.logo)
    for src, target in outputs.documents(ctx.curriculum, ctx.settings.translated).items():
        if src == outputs.AGREEMENT:
            doc = agreement_document(ctx, logo)
        else:
            doc = session_document(ctx.curriculum.entries[Path(src).stem], ctx, logo)
        path = site / target
        path.parent.mkdir(parents=True, exist_ok=True)
        doc.save(str(path))
        written.append(path)
    return written


@contextmanager
def writer(site: Path, options: ExportOptions) -> Iterator[Writer]:
    """Write each edition's Word documents into its folder of the built site ``site``."""
    yield lambda ctx, folder: write_documents(site / folder, ctx)
