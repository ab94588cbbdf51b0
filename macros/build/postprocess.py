"""What the plugin does to each page, done to HTML another builder wrote from an exported tree.

    python -m macros.build.postprocess SITE TREE

TREE is the folder `./handbook tree` wrote (its handbook-tree.json says what this step needs).
On each page's article: hand-written pages sanitized, links to hidden modules turned into text,
the fork's terms put in; then the Content-Security-Policy filled into every page. The result is
what the MkDocs plugin writes, but for the language switcher, which needs every edition planned.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path

from macros.base.messages import say
from macros.build import csp
from macros.rendering.links import drop_links_to
from macros.rendering.sanitize import clean_page
from macros.rendering.terms import Terms

SIDECAR = "handbook-tree.json"
_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)


def page_content(html: str, url: str, by_hand: bool, hidden: set[str], terms: Terms) -> str:
    """Return a page's content as the site shows it: a hand-written page's HTML sanitized (generated
    pages were, field by field), links to hidden modules turned into text, the fork's terms put in."""
    if by_hand:
        html = clean_page(html)
    return str(terms.html(drop_links_to(html, url, hidden)))


def theme_scripts(overrides: Path) -> csp.ThemeScripts:
    """Read the theme's script templates as the theme's loader would: overrides first, then Material's."""
    spec = importlib.util.find_spec("material")
    folders = [overrides, *([Path(spec.origin).parent / "templates"] if spec and spec.origin else [])]

    def read(name: str) -> str:
        for folder in folders:
            if (folder / name).is_file():
                return (folder / name).read_text(encoding="utf-8")
        return ""

    return csp.ThemeScripts.from_templates(read)


def page_url(site: Path, path: Path) -> str:
    """Return a written page's URL as mkdocs gives it ('' for the start page, 'roles/' for roles/index.html)."""
    relative = path.relative_to(site).as_posix()
    return relative.removesuffix("index.html")


def postprocess(site: Path, tree: Path) -> int:
    """Process every HTML page of ``site``; return how many pages were written."""
    facts = json.loads((tree / SIDECAR).read_text(encoding="utf-8"))
    terms, hidden, written_by_hand = Terms(facts["terms"]), set(facts["hidden_urls"]), set(facts["handwritten"])
    scripts = theme_scripts(Path(facts["overrides"]))
    count = 0
    for path in sorted(site.rglob("*.html")):
        url = page_url(site, path)
        html = path.read_text(encoding="utf-8")

        def article(match: re.Match[str], url: str = url) -> str:
            body = page_content(match.group(2), url, url in written_by_hand, hidden, terms)
            return match.group(1) + body + match.group(3)

        html = _ARTICLE.sub(article, html, count=1)
        path.write_text(csp.apply(html, scripts) or html, encoding="utf-8")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("tree", type=Path)
    args = parser.parse_args(argv)
    print(say("postprocess_done", count=postprocess(args.site, args.tree)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
