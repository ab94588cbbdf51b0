"""Which files the build makes besides the HTML pages: one list for links and producers.

The page templates render a download link for each entry here, and the PDF step prints
exactly these pages, so a link and its file can never disagree and nothing in the built
HTML can choose where a file is written.
"""

from __future__ import annotations

from macros.curriculum import Curriculum
from macros.labels import load_labels

AGREEMENT = "toolkit/agreement.md"
BUNDLE = "toolkit/all-sessions.md"


def pdfs(curriculum: Curriculum) -> dict[str, str]:
    """Return page source path -> site path of its PDF, for every page that offers one."""
    found = {f"sessions/{e.id}.md": f"pdf/sessions/{e.id}.pdf" for e in curriculum.of_kind("sessions")}
    found[BUNDLE] = "pdf/all-sessions.pdf"
    found[AGREEMENT] = "pdf/agreement.pdf"
    return found


def documents(curriculum: Curriculum) -> dict[str, str]:
    """Return page source path -> site path of its editable Word file (agreement and each session)."""
    found = {f"sessions/{e.id}.md": f"docx/sessions/{e.id}.docx" for e in curriculum.of_kind("sessions")}
    # Named in the edition's language, like the agreement's Markdown export: it lands in people's downloads.
    found[AGREEMENT] = f"docx/{load_labels(curriculum.lang)['ui']['agreement_export']}.docx"
    return found
