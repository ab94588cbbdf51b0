"""Which downloads the handbook offers besides its HTML pages: the one registry of outputs.

Each output has a name (its switch in mkdocs.yml's plugin options), a label (its link text), the
files it makes per page of an edition, and the writer that makes them after the site is built
(`./handbook build`'s export step, macros/outputs/export.py). The page templates link exactly
these files and the writers write exactly these, so a link and its file never disagree and
nothing in the built HTML can choose where a file is written. A new format is one entry here,
its writer in macros/outputs/ and its label in macros/i18n/<lang>.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from macros.content.curriculum import Curriculum, Entry
from macros.content.filenames import suggest_id
from macros.organization.labels import load_labels

AGREEMENT = "toolkit/agreement.md"
BUNDLE = "toolkit/all-sessions.md"
# Characters of session text per part of the print bundle. A template's page runs to about 3.5
# bytes of HTML per character of its text (fields, headings, lists), so a part stays well under
# 1 MB however many templates there are: at 30 times our curriculum, seven parts, not one of 5 MB.
BUNDLE_TEXT = 200_000


_BUNDLE_PART = re.compile(r"^toolkit/all-sessions(?:-[0-9]+)?(?:\.md|/|\.html)$")


def is_bundle(path: str) -> bool:
    """Tell whether a page source or address is (a part of) the print bundle of all session templates."""
    return _BUNDLE_PART.match(path) is not None


def bundle_parts(curriculum: Curriculum) -> list[tuple[str, list[Entry]]]:
    """Return the print bundle's pages in order: (page source, the session templates it holds).

    The first part keeps the bundle's address; a curriculum with few templates has that one.
    """
    parts: list[list[Entry]] = [[]]
    size = 0
    for entry in curriculum.of_kind("sessions"):
        text = sum(len(value) for _, value in entry.doc.strings)
        if parts[-1] and size + text > BUNDLE_TEXT:
            parts.append([])
            size = 0
        parts[-1].append(entry)
        size += text
    return [(BUNDLE if i == 0 else BUNDLE.replace(".md", f"-{i + 1}.md"), part) for i, part in enumerate(parts)]


def file_stems(curriculum: Curriculum, translated: bool) -> dict[str, str]:
    """Return session id -> the name its downloads get, in the edition's language.

    Ids are written in the default edition's language, so they name its files; a translated
    edition names them after the title's first part ("First meeting: …" -> first-meeting).
    Downloads land in people's folders: an English reader should not find `erstes-treffen.docx`.
    """
    stems: dict[str, str] = {}
    for entry in curriculum.of_kind("sessions"):
        stem = suggest_id(entry.module.title.split(":")[0]) if translated else entry.id
        # A title that slugs to nothing readable or to a name taken already keeps the id.
        stems[entry.id] = entry.id if stem in stems.values() or stem == "modul" else stem
    return stems


def pdfs(curriculum: Curriculum, translated: bool = False) -> dict[str, str]:
    """Return page source path -> site path of its PDF, for every page that offers one."""
    found = {f"sessions/{i}.md": f"pdf/sessions/{stem}.pdf" for i, stem in file_stems(curriculum, translated).items()}
    for src, _ in bundle_parts(curriculum):
        found[src] = src.replace("toolkit/", "pdf/").replace(".md", ".pdf")
    found[AGREEMENT] = "pdf/agreement.pdf"
    return found


def documents(curriculum: Curriculum, translated: bool = False) -> dict[str, str]:
    """Return page source path -> site path of its editable Word file (agreement and each session)."""
    stems = file_stems(curriculum, translated)
    found = {f"sessions/{i}.md": f"docx/sessions/{stem}.docx" for i, stem in stems.items()}
    # Named in the edition's language, like the agreement's Markdown export: it lands in people's downloads.
    found[AGREEMENT] = f"docx/{load_labels(curriculum.lang)['ui']['agreement_export']}.docx"
    return found


def book(lang: str) -> str:
    """Return the site path of the whole handbook as one PDF (made with the other PDFs), in an edition."""
    return f"pdf/{load_labels(lang)['ui']['book_export']}.pdf"


@dataclass(frozen=True)
class Output:
    """A kind of download the export step makes after the site is built."""

    name: str  # its switch (the plugin option in mkdocs.yml) and its link's class, rm-<name>
    label: str  # its link text: `ui.<label>` in macros/i18n/<lang>.yaml
    files: Callable[[Curriculum, bool], dict[str, str]]  # page source -> site path, per edition (translated?)
    writer: str  # "module:function" opening its writer (macros/outputs/), imported only when it runs
    printed: bool = False  # printed by Chromium: made only where Chromium is installed


OUTPUTS = (
    Output("pdf", "pdf", pdfs, "macros.outputs.pdf:writer", printed=True),
    Output("docx", "docx", documents, "macros.outputs.word:writer"),
)


@dataclass(frozen=True)
class Download:
    """One download link of a page."""

    name: str
    label: str
    path: str  # site path of the file


def downloads(curriculum: Curriculum, translated: bool, enabled: frozenset[str]) -> dict[str, list[Download]]:
    """Return page source -> its download links, in registry order, for the outputs switched on."""
    found: dict[str, list[Download]] = {}
    for output in OUTPUTS:
        if output.name in enabled:
            for src, path in output.files(curriculum, translated).items():
                found.setdefault(src, []).append(Download(output.name, output.label, path))
    return found
