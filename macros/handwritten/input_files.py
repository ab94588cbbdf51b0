"""The files a fork may add: what stands under docs/, curriculum/ and overrides/ before anything reads it.

MkDocs copies every file under docs/ into the site and follows symbolic links, so a link to
/etc/passwd (or to CI's environment) would be published, and a .js or .html file dropped into
docs/ would run as the site's own script. So: no symbolic links anywhere in these folders
(a file that points elsewhere is refused, not followed), under docs/ only the kinds of files
a page shows or offers (pictures, PDFs, fonts, the pages themselves), and a picture in SVG only
without script, event handlers, embedded HTML or references to other hosts (opened on its
own, an SVG runs its script with the site's rights).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from macros.base.errors import ContentError
from macros.base.messages import say
from macros.base.positions import line_at

WATCHED = ("docs", "curriculum", "overrides")
# What a fork may put under docs/: its pages, pictures, documents to download, fonts.
DOCS_SUFFIXES = frozenset({".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".svg", ".pdf",
                           ".woff", ".woff2", ".ttf", ".otf"})
# A name under docs/ becomes part of an address and, for a page without a heading, its title in
# the navigation (which the theme prints as it is): letters, digits, dot, hyphen and underscore.
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# Read case-insensitively from an SVG's text: anything that runs, embeds HTML, loads from elsewhere
# or declares entities (the way to hide all of these, and to blow up a parser).
_SVG_ACTIVE = re.compile(r"<\s*(?:script|foreignobject|iframe|embed|object|handler|listener)\b|\son[a-z]+\s*="
                         r"|javascript:|<!entity|(?:href|src)\s*=\s*[\"']?\s*(?:https?:|//|data:text)"
                         r"|url\(\s*[\"']?\s*(?:https?:|//)|@import", re.I)


def problems(root: Path) -> list[ContentError]:
    """Return every symbolic link under the watched folders and every file docs/ may not hold."""
    found: list[ContentError] = []
    for top in WATCHED:
        for folder, dirs, files in os.walk(root / top):  # never follows links: they are reported instead
            here = Path(folder)
            for name in sorted(dirs + files):
                path = here / name
                if path.is_symlink():
                    found.append(ContentError(_shown(path, root), 1, 1, None, say("symlink_refused")))
                elif top == "docs" and not name.startswith("."):
                    found += _docs_name(path, root) or (_docs_file(path, root) if name in files else [])
            dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
    return found


def _docs_name(path: Path, root: Path) -> list[ContentError]:
    if _SAFE_NAME.match(path.name):
        return []
    return [ContentError(_shown(path, root), 1, 1, None, say("docs_name_refused"))]


def _docs_file(path: Path, root: Path) -> list[ContentError]:
    shown = _shown(path, root)
    suffix = path.suffix.lower()
    if suffix not in DOCS_SUFFIXES:
        allowed = ", ".join(sorted(DOCS_SUFFIXES))
        return [ContentError(shown, 1, 1, None, say("docs_file_refused", suffix=suffix or path.name, allowed=allowed))]
    if suffix == ".svg":
        text = path.read_bytes().decode("utf-8", errors="replace")
        active = _SVG_ACTIVE.search(text)
        if active:
            message = say("svg_active", found=active.group().strip()[:40])
            return [ContentError(shown, line_at(text, active.start()), 1, None, message)]
    return []


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()
