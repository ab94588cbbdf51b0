"""The CSP step's substring searches find exactly what its reference patterns find."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from macros import csp

PIECES = ["<article>", '<article class="md-content">', "<articles>", "</article>", "<script>", "</script>",
          '<script src="a.js">', '<script type="application/json">', "<scrip", ">", "x", "\n", "<", "/"]
HTML = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


@given(HTML)
@example('<header><script>a</script></header><article><script>b</script></article><script>c</script>')
@example("<script>unclosed <script>x</script>")
@example("<article>unclosed <script>x</script>")
@settings(max_examples=3000, deadline=None, derandomize=True)
def test_substring_search_finds_what_the_patterns_find(html: str) -> None:
    assert csp._outside_articles(html) == csp._ARTICLE.sub("", html)
    expected = [(m.group("attrs"), m.group("body")) for m in csp._INLINE_SCRIPT.finditer(html)]
    assert csp._inline_scripts(html) == expected


def test_only_the_themes_inline_scripts_are_hashed() -> None:
    html = ('<head><script>theme()</script><script src="x.js"></script>'
            '<script type="application/json">{}</script></head><article><script>alert(1)</script></article>')
    assert csp.theme_script_hashes(html) == [csp._hash_source("theme()")]
