"""The whole handbook as one printable document per edition: the source the book PDF is printed from.

Leaders who read on paper get the handbook, not a stack of printouts: a cover, the contents with
page numbers, every page of the navigation in its order, then the templates to fill in (session
templates, checklists, the agreement) as an appendix. It is made from the built site after
mkdocs: the pages as readers get them, each page's ids prefixed so they stay unique, and links
between pages turned into links inside the document. macros/outputs/pdf.py prints it twice: the first
print tells on which page each part starts (its bookmarks), the second fills in the contents.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from macros.content.outputs import AGREEMENT, is_bundle
from macros.rendering.render import url_of
from macros.rendering.sanitize import css_string

# Templates to fill in go to the appendix; the bundle only repeats the session templates.
APPENDIX_KINDS = ("sessions/", "checklists/")
# What a reader on paper cannot use: buttons, hints about this browser, the ¶ links of headings.
REMOVED = ("rm-actions", "rm-screen-only", "headerlink", "md-content__button", "md-source-file", "rm-calendar")


def _having(element: Any, tag: str, *classes: str) -> list[Any]:
    """Return the descendants of ``element`` named ``tag`` that carry one of ``classes``."""
    test = " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {c} ')" for c in classes)
    return list(element.xpath(f".//{tag}[{test}]"))


@dataclass(frozen=True)
class Part:
    """One page of the site in the book: where it is, its anchor in the book, its title."""

    url: str  # relative to the edition's root, e.g. "sessions/x/"
    key: str
    title: str
    appendix: bool


def _page_file(edition: Path, url: str) -> Path | None:
    path = edition / unquote(url)
    path = path / "index.html" if url.endswith("/") or not url else path
    root = edition.resolve()
    if path.is_symlink() or not path.is_file() or not path.resolve().is_relative_to(root):
        return None
    return path


def _nav_links(edition: Path, url: str) -> list[str]:
    """Return the pages the primary navigation of page ``url`` links, in its order."""
    path = _page_file(edition, url)
    if path is None:
        return []
    tree = lxml_html.fromstring(path.read_bytes())
    found = []
    for a in (a for nav in _having(tree, "nav", "md-nav--primary") for a in _having(nav, "a", "md-nav__link")):
        if a.get("href") is None:
            continue
        href = urljoin(url or "./", a.get("href"))
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("/"):
            continue
        target = parts.path.removeprefix("./")
        if target not in found and _page_file(edition, target) is not None:
            found.append(target)
    return found


def nav_order(edition: Path) -> list[str]:
    """Return every page of the navigation in its order (Material prunes it: each section's page shows
    its children, so the sections are opened one by one until nothing new appears)."""
    order = _nav_links(edition, "")
    opened: set[str] = set()
    while unopened := [u for u in order if u not in opened]:
        for url in unopened:
            opened.add(url)
            new = [u for u in _nav_links(edition, url) if u not in order]
            at = order.index(url) + 1
            order[at:at] = new
    return order


def parts(edition: Path, directory_urls: bool = True) -> list[Part]:
    """Return the book's parts: the navigation's pages, then the templates as the appendix."""
    agreement = url_of(AGREEMENT, directory_urls)
    found = []
    for url in nav_order(edition):
        if is_bundle(url):  # it repeats the templates the appendix holds
            continue
        appendix = url == agreement or url.startswith(APPENDIX_KINDS)
        key = "p-" + (re.sub(r"[^A-Za-z0-9]+", "-", url).strip("-") or "start")
        found.append(Part(url, key, _title(edition, url), appendix))
    return [p for p in found if not p.appendix] + [p for p in found if p.appendix]


def _title(edition: Path, url: str) -> str:
    path = _page_file(edition, url)
    assert path is not None  # nav_order keeps only pages that exist
    heading = lxml_html.fromstring(path.read_bytes()).xpath("//article//h1")
    if not heading:
        return url
    for link in _having(heading[0], "*", "headerlink"):
        link.drop_tree()
    return " ".join(heading[0].text_content().split())


def _article(edition: Path, part: Part, keys: dict[str, str], site_url: str | None) -> str:
    """Return a page's article as HTML inside the book: ids prefixed, links kept inside the book."""
    path = _page_file(edition, part.url)
    assert path is not None
    article = lxml_html.fromstring(path.read_bytes()).xpath("//article")[0]
    for element in _having(article, "*", *REMOVED):
        element.drop_tree()
    for element in article.iter():
        if not isinstance(element.tag, str):
            continue
        for name in ("id", "for", "aria-labelledby", "aria-describedby", "aria-controls"):
            if element.get(name):
                element.set(name, " ".join(f"{part.key}--{v}" for v in element.get(name).split()))
        if element.tag == "a" and element.get("href") is not None:
            _relink(element, part, keys, site_url)
        if element.get("src") and not urlsplit(element.get("src")).scheme:
            element.set("src", urljoin(part.url or "./", element.get("src")))
    inner = "".join(etree.tostring(child, encoding="unicode", method="html") for child in article)
    return (article.text or "") + inner


def _relink(a: Any, part: Part, keys: dict[str, str], site_url: str | None) -> None:
    href = a.get("href")
    if href.startswith("#"):
        a.set("href", f"#{part.key}--{href[1:]}" if href[1:] else f"#{part.key}")
        return
    target = urlsplit(urljoin(part.url or "./", href))
    if target.scheme or target.netloc:
        return  # another site: the address stays
    url = target.path.removeprefix("./")
    if url in keys:
        a.set("href", f"#{keys[url]}--{target.fragment}" if target.fragment else f"#{keys[url]}")
    elif site_url:
        a.set("href", site_url.rstrip("/") + "/" + url)  # a download of the site: its public address
    else:
        del a.attrib["href"]  # no address to give on paper: the words stay, the link goes
        a.attrib.pop("download", None)


@dataclass(frozen=True)
class Cover:
    """What the cover and the running header say, from the settings and the edition's labels."""

    lang: str
    organization: str
    program: str
    labels: dict[str, Any]
    logo: str | None
    site_url: str | None
    today: date


def _contents(found: list[Part], numbers: dict[str, int], ui: dict[str, Any]) -> str:
    def entry(p: Part) -> str:
        number = numbers.get(p.key, "")
        return (f'<li><a href="#{p.key}"><span class="rm-book-title">{html.escape(p.title)}</span>'
                f'<span class="rm-book-number">{number}</span></a></li>')
    main = "".join(entry(p) for p in found if not p.appendix)
    appendix = "".join(entry(p) for p in found if p.appendix)
    return (f'<h1 id="rm-book-contents">{html.escape(ui["book_contents"])}</h1><ol class="rm-book-toc">{main}</ol>'
            + (f'<p class="rm-book-toc-group">{html.escape(ui["book_appendix"])}</p>'
               f'<ol class="rm-book-toc">{appendix}</ol>' if appendix else ""))


def _page_css(cover: Cover) -> str:
    ui = cover.labels["ui"]
    head = f"{cover.organization} · {cover.program} · {ui['book_title']}"
    foot = f"{ui['attribution']} CC BY 4.0" + (f" · {cover.site_url}" if cover.site_url else "")
    return ("@page { @top-left { content: " + css_string(head) + "; font-family: -apple-system, "
            "BlinkMacSystemFont, Helvetica, Arial, sans-serif; font-size: 7pt; color: #444; vertical-align: bottom; }"
            " @bottom-left { content: " + css_string(foot + "\n" + ui["page_of"] + " ") + " counter(page) "
            + css_string(" " + ui["of_pages"] + " ") + " counter(pages); } }"
            " @page :first { @top-left { content: none; } @bottom-left { content: none; } }")


def document(edition: Path, found: list[Part], cover: Cover, numbers: dict[str, int]) -> str:
    """Return the book as one HTML document, to be saved at the edition's root and printed."""
    ui = cover.labels["ui"]
    keys = {p.url: p.key for p in found}
    index = (edition / "index.html").read_text(encoding="utf-8")
    styles = "".join(re.findall(r'<link rel="stylesheet" href="[^"]*">', index))
    logo = f'<img class="rm-book-logo" src="{html.escape(cover.logo)}" alt="">' if cover.logo else ""
    body = [f'<div class="rm-book-cover">{logo}<p class="rm-book-org">{html.escape(cover.organization)}</p>'
            f'<p class="rm-book-program">{html.escape(cover.program)}</p>'
            f'<p class="rm-book-kind">{html.escape(ui["book_title"])}</p>'
            f'<p class="rm-book-date">{html.escape(ui["book_as_of"])}: {cover.today.strftime("%d.%m.%Y")}</p></div>',
            f'<section class="rm-book-part">{_contents(found, numbers, ui)}</section>']
    body += [f'<section class="rm-book-part" id="{p.key}">{_article(edition, p, keys, cover.site_url)}</section>'
             for p in found]
    title = f"{cover.program} – {ui['book_title']}"
    return (f'<!doctype html><html lang="{html.escape(cover.lang)}"><head><meta charset="utf-8">'
            f'<title>{html.escape(title)}</title><meta name="author" content="{html.escape(cover.organization)}">'
            f'{styles}<style>{_page_css(cover)}</style></head><body><div class="md-content">'
            f'<article class="md-content__inner md-typeset rm-book">{"".join(body)}</article></div></body></html>')


def starts(outline: list[Any], found: list[Part], page_of: Any) -> dict[str, int]:
    """Return each part's first page, from the first print's bookmarks (one per page title, in order)."""
    top = [entry for entry in outline if not isinstance(entry, list)]
    numbers, at = {}, 0
    for part in found:
        for i in range(at, len(top)):
            if " ".join(str(top[i].title).split()) == part.title:
                numbers[part.key], at = page_of(top[i]) + 1, i + 1
                break
    return numbers
