"""A generated page converts to the same HTML whether its blocks are set aside by us or by Python-Markdown.

macros/rendering/raw_html.py stashes the engine's HTML blocks itself, so that Python-Markdown's
HTML parser need not read them again. These tests convert with mkdocs.yml's Markdown settings
both ways: every generated page of every fixture curriculum and of this repository's curriculum
(whatever it holds) and of the hostile corpus (tests/test_hostile.py: markup and references planted in
every field), and documents made up to reach each edge of the rules.
"""

from __future__ import annotations

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data
from test_hostile import hostile_project

from conftest import FIXTURES, ROOT, make_project
from macros.build.cache import OneShot
from macros.build.tree import make_tree
from macros.organization.settings import load_settings
from macros.rendering.raw_html import GeneratedHtml, set_aside

_CONFIG = load_config(str(ROOT / "mkdocs.yml"))


def convert(text: str, ours: bool) -> str:
    extensions: list[object] = list(_CONFIG.markdown_extensions)
    if ours:
        generated = GeneratedHtml()
        generated.active = True
        extensions.append(generated)
    md = markdown.Markdown(extensions=extensions, extension_configs=_CONFIG.mdx_configs)
    return md.convert(text)


@pytest.fixture(scope="module", params=["repository", "mini", "journeys", "hostile"])
def generated_pages(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    if request.param == "repository":
        root = ROOT
    elif request.param == "hostile":
        root = hostile_project(tmp_path_factory.mktemp("hostile") / "p")
    else:
        root = make_project(tmp_path_factory.mktemp(request.param), FIXTURES / request.param / "curriculum")
    pages = []
    for lang in load_settings(root).built():
        tree = make_tree(root, OneShot(), True, frozenset(), lang)
        pages += [get_data(page.markdown)[0] for page in tree.pages]
    return pages


def test_every_generated_page_converts_as_python_markdown_alone_converts_it(generated_pages: list[str]) -> None:
    differing = [text[:200] for text in generated_pages if convert(text, ours=True) != convert(text, ours=False)]
    assert not differing
    # And the step does its work: most of the HTML is set aside before Python-Markdown's parser.
    md = markdown.Markdown()
    tags = sum(text.count("<") for text in generated_pages)
    left = sum(set_aside(md, text).count("<") for text in generated_pages)
    assert tags and left < tags * 0.2


def test_a_hand_written_page_is_left_to_python_markdown() -> None:
    generated = GeneratedHtml()
    md = markdown.Markdown(extensions=[generated])
    assert md.convert('<div class="a">\n<p>x</p>\n</div>\n') == '<div class="a">\n<p>x</p>\n</div>'
    assert md.htmlStash.html_counter == 1  # stored by html_block: ours was not active


_BLOCKS = ['<div class="a">\n<p>x &amp; y</p>\n</div>', "<p>eins</p>", '<ul class="b">\n<li>x</li>\n</ul>',
           '<div>\n<input type="checkbox" id="c" checked><label for="c">L</label>\n</div>',
           '<div class="d">\n<p>a</p>\n\n<p>b</p>\n</div>', '<svg viewBox="0 0 8 8"><rect x="1"/></svg>',
           "<hr>", "<!-- c -->", '<p title="a>b">x</p>', "<p>a &amp b</p>", "<div><p>x</div></p>",
           "<script>a</script>", "<textarea>t &lt; u</textarea>", "<pre><code>x\n\ny</code></pre>",
           '<p class="x">t</p> nach', "<span>inline</span>", "<DIV>gross</DIV>", "<p>a<br>b</p>"]
_TEXT = ["# Titel", "## Ziele {: #z }", "Text mit *Betonung*.", "- Liste\n- zwei", "a < b", "Q&A", "x &amp; y",
         "!!! note\n    Hinweis"]
_JOIN = ["\n\n", "\n", "\n \n", "  \n\n", "\n\n\n", ""]


@given(st.lists(st.tuples(st.sampled_from(_BLOCKS + _TEXT), st.sampled_from(_JOIN)), min_size=1, max_size=8))
@example([(_BLOCKS[0], "\n"), (_BLOCKS[1], "\n\n"), (_TEXT[0], "")])
@example([(_BLOCKS[0], "\n"), (_TEXT[1], "\n\n"), (_BLOCKS[4], "\n")])
@example([(_BLOCKS[2], "\n \n"), (_BLOCKS[6], "\n\n"), (_BLOCKS[1], "")])
@settings(max_examples=1500, deadline=None, derandomize=True)
def test_made_up_documents_convert_as_python_markdown_alone_converts_them(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + join for piece, join in parts)
    assert convert(text, ours=True) == convert(text, ours=False)
