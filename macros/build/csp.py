"""The Content-Security-Policy each page carries: no inline handlers, no other hosts.

The policy sits in a ``<meta http-equiv>`` that the theme override puts first in ``<head>``.
Material has a few small inline scripts whose text differs per page (the page's depth is
written into them), so their hashes are filled in after the page is rendered. Which scripts
those are is read from the theme's own templates (``ThemeScripts``): a script on the page is
hashed only if it is one of them, whatever it stands next to. Where a script stands proves
nothing: content, a term or a setting that reached the page could place one anywhere.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Callable, Iterable

MARKER = "__RM_CSP__"
# The live preview's one extra script (mkdocs' live reload, added to each page as it is served):
# allowed by a nonce the preview server draws per response and writes over this marker.
NONCE_MARKER = "__RM_NONCE__"
# The theme templates that hold Material's inline scripts (partials/javascripts/*.html).
THEME_SCRIPT_TEMPLATES = tuple(f"partials/javascripts/{name}.html"
                               for name in ("base", "palette", "content", "outdated", "announce", "consent"))
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_DATA_TYPE = re.compile(r"""\btype=["']?(?!text/javascript|module)[\w/+.-]+""")
_JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
# What the theme writes where its scripts print a value: the page's relative base or the site's
# scope ("..", "../..", "/mentoring/"), never a quote, bracket or anything that ends a string.
_PRINTED_VALUE = r"[A-Za-z0-9._~/:%-]*"

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


@functools.cache
def _hash_source(body: str) -> str:
    # Pages at the same depth carry the same theme scripts: each is hashed once per build.
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _inline_scripts(html: str) -> list[tuple[str, str]]:
    """Return (attributes, body) of each <script> element, as ``_INLINE_SCRIPT.finditer`` finds them.

    By substring search: the regex walks every character of the content looking for an end, and a
    page is mostly content.
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


class ThemeScripts:
    """The inline scripts the theme itself writes, read from its templates, as patterns."""

    def __init__(self, sources: Iterable[str]) -> None:
        self.patterns = [_as_pattern(body) for source in sources for body in _script_bodies(source)]

    @classmethod
    def from_templates(cls, read: Callable[[str], str]) -> ThemeScripts:
        """Read the theme's script templates with ``read`` (the theme's own loader: overrides win)."""
        return cls(read(name) for name in THEME_SCRIPT_TEMPLATES)

    def owns(self, body: str) -> bool:
        return any(pattern.fullmatch(body) for pattern in self.patterns)

    def hashes(self, html: str) -> list[str]:
        """Return CSP hash sources for the page's inline scripts that are the theme's own."""
        found = set()
        for attrs, body in _inline_scripts(html):
            if "src=" in attrs or _DATA_TYPE.search(attrs):
                continue  # external files are covered by 'self'; JSON data blocks never run
            if self.owns(body):
                found.add(_hash_source(body))
        return sorted(found)


def _script_bodies(template: str) -> list[str]:
    return [m.group("body") for m in _INLINE_SCRIPT.finditer(template)]


def _as_pattern(body: str) -> re.Pattern[str]:
    literal = _JINJA_EXPRESSION.split(body)
    return re.compile(_PRINTED_VALUE.join(re.escape(part) for part in literal), re.S)


def policy(html: str, theme: ThemeScripts, preview: bool = False) -> str:
    """Return the policy text for one rendered page (``preview``: also the live-reload script, by nonce)."""
    rules = dict(BASE_POLICY)
    sources = theme.hashes(html) + ([f"'nonce-{NONCE_MARKER}'"] if preview else [])
    rules["script-src"] = " ".join(["'self'", *sources])
    return "; ".join(f"{name} {value}" for name, value in rules.items())


def apply(html: str, theme: ThemeScripts, preview: bool = False) -> str | None:
    """Fill the policy into a page; return None when the page has no placeholder for it."""
    if MARKER not in html:
        return None
    return html.replace(MARKER, policy(html, theme, preview), 1)


def with_nonce(page: bytes, injected_from: int, nonce: str) -> bytes:
    """Return a served preview page whose scripts after ``injected_from`` (the server's own) carry ``nonce``.

    Only the preview server calls this, on the bytes it is about to send: the policy's nonce
    marker becomes ``nonce`` and the live-reload script it added gets the matching attribute.
    """
    head = page[:injected_from].replace(NONCE_MARKER.encode(), nonce.encode(), 1)
    return head + page[injected_from:].replace(b"<script>", b'<script nonce="' + nonce.encode() + b'">')
