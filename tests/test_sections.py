"""Generic module pages: text that is not converted Markup is escaped in every section style."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from markupsafe import Markup

from macros.rendering import sections

HOSTILE = '<script>x</script> & "quoted"'
CONVERT = SimpleNamespace(md=lambda s: Markup(f"<p>{s}</p>"), inline=lambda s: Markup(f"<em>{s}</em>"),
                          mdesc=lambda s: Markup(s))
LABELS: dict[str, Any] = {"kinds": {"roles": {"title": HOSTILE}}}


def _entry(kind: str, module_id: str, title: str) -> Any:
    return SimpleNamespace(kind=kind, id=module_id, module=SimpleNamespace(title=title))


def _link(to: str) -> str:
    return f"../{to}?a=1&b=2"


def test_every_style_escapes_plain_text_and_keeps_converted_html() -> None:
    role = _entry("roles", "mentor", "Mentor")
    cases = {
        "text": "Absatz",
        "label": HOSTILE,
        "ordered": ["eins", "zwei"],
        "list": ["eins"],
        "refs": [role],
        "tasks": [(role, ["vorbereiten"])],
    }
    for style, value in cases.items():
        html = sections._section({"name": style, "style": style, "value": value}, _link, CONVERT, LABELS)
        assert "<script>" not in html, style
        assert "?a=1&b=2" not in html, style  # link URLs are attribute values: escaped too
        if style in ("label", "refs"):  # a label, a kind's name: plain text, shown as written
            assert "&lt;script&gt;x&lt;/script&gt; &amp; &#34;quoted&#34;" in html, style
        else:  # converted text is already safe HTML and stays as it is
            assert "<p>" in html or "<em>" in html, style


def test_refs_are_the_same_markup_in_module_pages_and_templates() -> None:
    html = sections.refs([_entry("roles", "mentor", "Mentor")], _link, CONVERT, LABELS)
    assert isinstance(html, Markup)
    assert html == ('<ul class="rm-refs">\n<li><a href="../roles/mentor.md?a=1&amp;b=2"><em>Mentor</em></a> '
                    '<span class="rm-ref-kind">&lt;script&gt;x&lt;/script&gt; &amp; &#34;quoted&#34;</span></li>\n'
                    '</ul>\n')
