"""Check that two builds of the same curriculum differ only in the primary navigation.

    python -m benchmarks.same_content OLD_SITE NEW_SITE

Speed work must not change what a page says; navigation pruning may only remove links from the
sidebar. Every HTML page is compared with its primary navigation cut out; every other file
(search index, CSS, JavaScript, ...) must be byte for byte the same.
"""

from __future__ import annotations

import sys
from pathlib import Path

NAV_START = '<nav class="md-nav md-nav--primary"'
PRUNE_FEATURE = '"navigation.prune", '  # listed in each page's theme config, which the JavaScript reads


def without_primary_nav(html: str) -> str:
    """Cut the primary navigation (nested <nav> elements included) and the prune flag out of a page."""
    html = html.replace(PRUNE_FEATURE, "", 1)
    start = html.find(NAV_START)
    if start < 0:
        return html
    depth, pos = 0, start
    while True:
        opening, closing = html.find("<nav", pos), html.find("</nav>", pos)
        if 0 <= opening < closing:
            depth, pos = depth + 1, opening + 4
            continue
        depth, pos = depth - 1, closing + len("</nav>")
        if depth == 0:
            return html[:start] + html[pos:]


def differences(old: Path, new: Path) -> list[str]:
    """Return the files that differ beyond the primary navigation, or exist on one side only."""
    names = {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
    names |= {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    found = []
    for name in sorted(names):
        a, b = old / name, new / name
        if not (a.is_file() and b.is_file()):
            found.append(f"only in {'new' if b.is_file() else 'old'}: {name}")
        elif name.suffix == ".html":
            if without_primary_nav(a.read_text("utf-8")) != without_primary_nav(b.read_text("utf-8")):
                found.append(f"content differs: {name}")
        elif name.name != "sitemap.xml.gz" and a.read_bytes() != b.read_bytes():  # gzip stores a time
            found.append(f"differs: {name}")
    return found


def main() -> int:
    old, new = Path(sys.argv[1]), Path(sys.argv[2])
    found = differences(old, new)
    print("\n".join(found[:50]) or f"same content: {sum(1 for _ in new.rglob('*.html'))} pages")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
