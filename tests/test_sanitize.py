"""YAML text → HTML: every known way to smuggle script or a foreign request is neutralised."""

from __future__ import annotations

import html as htmllib
import re
from urllib.parse import urlsplit

import pytest

from macros.rendering.sanitize import as_browser_reads, is_same_site
from macros.rendering.text import md_escape, to_html

# Link targets that run script on click once the browser has decoded them.
SCRIPT_LINKS = [
    "javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "java&#x09;script:alert(1)",
    "java&#9;script:alert(1)",
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "&#0000106avascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
]
# Image sources that make the reader's browser fetch from another host.
FOREIGN_IMAGES = [
    "https://tracker.example/p.png",
    "http://tracker.example/p.png",
    "//tracker.example/p.png",
    "&#47;/tracker.example/p.png",
    "&#x2F;&#x2F;tracker.example/p.png",
    "/\\tracker.example/p.png",
    "\\\\tracker.example/p.png",
    "https&#58;//tracker.example/p.png",
    "https:/tracker.example/p.png",
    "/&#9;/tracker.example/p.png",
    "data:image/svg+xml;base64,PHN2Zy8+",
]


def hrefs(html: str) -> list[str]:
    """Return every link target as the browser reads it (entities decoded)."""
    return [as_browser_reads(htmllib.unescape(v)) for v in re.findall(r'href="([^"]*)"', html)]


def attributes(html: str) -> set[tuple[str, str]]:
    return {(tag, name) for tag, attrs in re.findall(r"<(\w+)([^>]*)>", html)
            for name in re.findall(r"([\w-]+)=", attrs)}


@pytest.mark.parametrize("target", SCRIPT_LINKS)
@pytest.mark.parametrize("form", ["inline", "reference"])
def test_script_links_lose_their_target(target: str, form: str) -> None:
    text = f"[klick]({target})" if form == "inline" else f"[klick][r]\n\n[r]: {target}"
    html = str(to_html(text))
    assert "klick" in html  # the text stays
    for href in hrefs(html):
        assert urlsplit(href).scheme.lower() in ("", "http", "https", "mailto"), href


@pytest.mark.parametrize("src", FOREIGN_IMAGES)
@pytest.mark.parametrize("form", ["inline", "reference"])
def test_images_from_other_hosts_are_not_loaded(src: str, form: str) -> None:
    text = f"![Zähler]({src})" if form == "inline" else f"![Zähler][i]\n\n[i]: {src}"
    html = str(to_html(text))
    assert "tracker" not in html and "data:" not in html, html


def test_local_images_and_ordinary_links_survive() -> None:
    html = str(to_html("![Ablauf](../assets/ablauf.png) [Studie](https://example.org/studie) "
                       "[Mail](mailto:a@example.org) [Seite](../rollen/)"))
    assert '<img alt="Ablauf" src="../assets/ablauf.png">' in html
    assert 'href="https://example.org/studie"' in html and 'rel="noopener noreferrer"' in html
    assert 'href="mailto:a@example.org"' in html and 'href="../rollen/"' in html


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    "<!-- <script>alert(1)</script> -->",
])
def test_raw_html_is_text_not_markup(payload: str) -> None:
    html = str(to_html(f"Vorher {payload} nachher"))
    assert "<script" not in html and "<img" not in html and "<svg" not in html and "<iframe" not in html
    assert "<style" not in html and "<a " not in html
    assert "Vorher" in html and "nachher" in html


def test_no_attribute_outside_the_allow_list() -> None:
    html = str(to_html('*kursiv*{: onclick=alert(1) } [x](../y "t"){: style="x" } ![b](b.png "t")'))
    allowed = {("a", "href"), ("a", "title"), ("a", "rel"), ("img", "src"), ("img", "alt"), ("img", "title")}
    assert attributes(html) <= allowed, html


@pytest.mark.parametrize(("url", "same"), [
    ("bild.png", True), ("../assets/a.png", True), ("/assets/a.png", True), ("#top", True),
    ("//host/a.png", False), ("/\\host/a.png", False), ("\t//host/a.png", False), ("/\n/host/a.png", False),
    ("https://host/a.png", False), ("HTTPS:host/a.png", False), (" //host/a.png", False),
])
def test_same_site_judges_urls_as_a_browser_reads_them(url: str, same: bool) -> None:
    assert is_same_site(url) is same


def test_one_line_text_never_carries_a_line_break_into_page_markdown() -> None:
    assert str(md_escape("Titel # mit *Sternen*")) == "Titel \\# mit \\*Sternen\\*"
    with pytest.raises(ValueError):
        md_escape("Titel\n| a | b |")
