"""The Content-Security-Policy each page carries: no inline handlers, no other hosts.

The policy sits in a ``<meta http-equiv>`` that the theme override puts first in ``<head>``.
Material has a few small inline scripts whose text differs per page (the page's depth is
written into them), so their hashes are filled in after the page is rendered. Only scripts
outside the page's ``<article>`` are hashed: those are the theme's own; a script that reached
the content is not, and the browser refuses to run it.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re

MARKER = "__RM_CSP__"
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_OPENING = re.compile(r"<article\b")
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_DATA_TYPE = re.compile(r"""\btype=["']?(?!text/javascript|module)[\w/+.-]+""")

BASE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",  # the brand colours are an inline <style>
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def _outside_articles(html: str) -> str:
    """Return ``html`` without its <article> elements, as ``_ARTICLE.sub("", html)`` would.

    The same cut by plain substring search: the regex walks every character of the content
    looking for its end, and a page is mostly content.
    """
    pieces, pos = [], 0
    start = html.find("<article")
    while start >= 0:
        end = html.find("</article>", start)
        if end < 0:
            break  # no element closes here, nor after any later opening
        if _OPENING.match(html, start):  # "<article" as a whole tag name
            pieces.append(html[pos:start])
            pos = start = end + len("</article>")
        else:
            start += 1
        start = html.find("<article", start)
    pieces.append(html[pos:])
    return "".join(pieces)


@functools.cache
def _hash_source(body: str) -> str:
    # Pages at the same depth carry the same theme scripts: each is hashed once per build.
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _inline_scripts(html: str) -> list[tuple[str, str]]:
    """Return (attributes, body) of each <script> element, as ``_INLINE_SCRIPT.finditer`` finds them.

    By substring search, for the reason given in ``_outside_articles``.
    """
    found, start = [], html.find("<script")
    while start >= 0:
        attrs_end = html.find(">", start)
        end = html.find("</script>", attrs_end) if attrs_end >= 0 else -1
        if end < 0:
            break  # unclosed: no later opening finds a closing either
        found.append((html[start + len("<script"):attrs_end], html[attrs_end + 1:end]))
        start = html.find("<script", end + len("</script>"))
    return found


def theme_script_hashes(html: str) -> list[str]:
    """Return CSP hash sources for the inline scripts outside the page content."""
    hashes = []
    for attrs, body in _inline_scripts(_outside_articles(html)):
        if "src=" in attrs or _DATA_TYPE.search(attrs):
            continue  # external files are covered by 'self'; JSON data blocks never run
        hashes.append(_hash_source(body))
    return sorted(set(hashes))


def policy(html: str, allow_inline: bool = False) -> str:
    """Return the policy text for one rendered page (``allow_inline`` only for the live preview)."""
    rules = dict(BASE_POLICY)
    sources = ["'unsafe-inline'"] if allow_inline else theme_script_hashes(html)
    rules["script-src"] = " ".join(["'self'", *sources])
    return "; ".join(f"{name} {value}" for name, value in rules.items())


def apply(html: str, allow_inline: bool = False) -> str | None:
    """Fill the policy into a page; return None when the page has no placeholder for it."""
    if MARKER not in html:
        return None
    return html.replace(MARKER, policy(html, allow_inline), 1)
