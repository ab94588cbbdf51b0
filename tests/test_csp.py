"""The CSP step: substring searches find what the reference pattern finds; only the theme's own scripts are hashed."""

from __future__ import annotations

from pathlib import Path

import jinja2
from hypothesis import example, given, settings
from hypothesis import strategies as st

from macros.build import csp

PIECES = ["<article>", '<article class="md-content">', "<articles>", "</article>", "<script>", "</script>",
          '<script src="a.js">', '<script type="application/json">', "<scrip", ">", "x", "\n", "<", "/"]
HTML = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


@given(HTML)
@example('<header><script>a</script></header><article><script>b</script></article><script>c</script>')
@example("<script>unclosed <script>x</script>")
@settings(max_examples=3000, deadline=None, derandomize=True)
def test_substring_search_finds_what_the_pattern_finds(html: str) -> None:
    expected = [(m.group("attrs"), m.group("body")) for m in csp._INLINE_SCRIPT.finditer(html)]
    assert csp._inline_scripts(html) == expected


def _templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def _material() -> csp.ThemeScripts:
    return csp.ThemeScripts.from_templates(lambda name: (_templates() / name).read_text(encoding="utf-8"))


def test_the_themes_scripts_are_hashed_at_every_depth_and_nothing_else() -> None:
    theme = _material()
    env = jinja2.Environment()
    base = (_templates() / "partials/javascripts/base.html").read_text(encoding="utf-8")
    for depth in (".", "..", "../..", "/", "/mentoring/"):
        script = env.from_string(base).render(base_url=depth, config={"extra": {}})
        body = script.split("<script>", 1)[1].rsplit("</script>", 1)[0]
        assert theme.hashes(script) == [csp._hash_source(body)]
    # A planted script is not the theme's, wherever it stands: after the content, in the header,
    # or dressed as the theme's with a value that ends the string.
    planted = ["</article><script>alert(1)</script><article>", "<header><script>alert(1)</script></header>",
               '<script>__md_scope=new URL("x",location),alert(1)//",location)</script>',
               '<script>__md_scope=new URL("");alert(1);("",location),__md_hash=1</script>']
    for html in planted:
        assert theme.hashes(html) == [], html


def test_the_preview_allows_only_the_script_its_server_adds() -> None:
    page = f'<meta content="{csp.MARKER}"><body><script>theme()</script></body>'
    filled = csp.apply(page, csp.ThemeScripts([]), preview=True)
    assert filled is not None
    script_src = filled.split("script-src ", 1)[1].split(";", 1)[0]
    assert script_src == f"'self' 'nonce-{csp.NONCE_MARKER}'"  # no 'unsafe-inline', no theme script here
    end = filled.rfind("</body>")
    served = filled[:end] + "<script>livereload(1, 2);</script>" + filled[end:]
    sent = csp.with_nonce(served.encode(), end, "N0nce").decode()
    assert "'nonce-N0nce'" in sent and '<script nonce="N0nce">livereload(1, 2);' in sent
    assert "<script>theme()</script>" in sent  # the page's own scripts get no nonce
