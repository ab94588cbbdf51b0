"""The last word on HTML made from YAML text: an allow-list sanitizer (nh3, Rust's ammonia).

Python-Markdown keeps character references in attribute values and the browser decodes them,
so a check on the raw string misses ``&#106;avascript:`` or ``&#47;/host``. nh3 parses the
HTML as a browser does, judges every URL after decoding, and keeps only the tags and
attributes listed here.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3

TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h3", "h4", "h5", "h6", "hr", "i", "img",
        "li", "ol", "p", "pre", "strong", "sub", "sup", "ul"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}, "abbr": {"title"}}
LINK_SCHEMES = {"http", "https", "mailto"}
# What a browser drops from a URL before reading it (WHATWG URL standard): tab, line feed,
# carriage return anywhere; C0 controls and spaces at either end.
_IGNORED_INSIDE = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))


def as_browser_reads(url: str) -> str:
    """Return a decoded URL the way a browser's URL parser sees it."""
    return _IGNORED_INSIDE.sub("", url).strip(_C0_AND_SPACE)


def is_same_site(url: str) -> bool:
    """Tell whether a decoded URL can only point into this site (no scheme, no host)."""
    seen = as_browser_reads(url)
    # Browsers read "\" as "/" in web URLs, so "/\host/x.png" is "//host/x.png": another host.
    if "\\" in seen or seen.startswith("//"):
        return False
    parts = urlsplit(seen)
    return not parts.scheme and not parts.netloc


def _only_local_images(tag: str, attribute: str, value: str) -> str | None:
    # Links may go anywhere http(s)/mailto (nh3 checks the scheme); an image from another host
    # is a request every reader's browser makes on its own: a GDPR problem.
    if tag == "img" and attribute == "src" and not is_same_site(value):
        return None
    return value


_CLEANER = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, url_schemes=LINK_SCHEMES,
                       attribute_filter=_only_local_images, link_rel="noopener noreferrer")


def clean(html: str) -> str:
    """Return ``html`` with everything outside the allow-list removed."""
    return _CLEANER.clean(html)


# A hand-written page (docs/<lang>/*.md) is Markdown too, with what our extensions make of it:
# headings with ids and permalinks (toc), admonitions (div/p with classes), tables (alignment as
# a style), attribute lists (classes and ids only). Nothing else: no script, no frames, no forms,
# no <meta http-equiv="refresh">, no style of its own beyond a cell's alignment.
PAGE_TAGS = TAGS | {"h1", "h2", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "div", "span",
                    "details", "summary", "dl", "dt", "dd", "figure", "figcaption", "kbd", "mark", "small", "s",
                    "u", "q", "cite", "ins"}
_PAGE_ATTRIBUTES = {"*": {"class", "id", "title"}, "a": {"href"}, "img": {"src", "alt", "width", "height"},
                    "ol": {"start"}, "th": {"style", "align", "colspan", "rowspan"},
                    "td": {"style", "align", "colspan", "rowspan"}, "details": {"open"}}


def _page_attribute(tag: str, attribute: str, value: str) -> str | None:
    # Ids that begin with "__" are the theme's own switches (#__drawer, #__search): a page that
    # reused one would take over the theme's controls.
    if attribute == "id" and value.startswith("__"):
        return None
    return _only_local_images(tag, attribute, value)


_PAGE_CLEANER = nh3.Cleaner(tags=PAGE_TAGS, attributes=_PAGE_ATTRIBUTES, url_schemes=LINK_SCHEMES,
                            attribute_filter=_page_attribute, link_rel=None,
                            filter_style_properties={"text-align"})


def clean_page(html: str) -> str:
    """Return a hand-written page's HTML with everything outside its allow-list removed."""
    return _PAGE_CLEANER.clean(html)


def css_string(text: str) -> str:
    """Return ``text`` as a quoted CSS string that cannot end the string or the <style> element."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,:;·/-_()@" else f"\\{ord(ch):x} " for ch in text)
    return f'"{escaped}"'
