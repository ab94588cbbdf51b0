"""Each page carries what it shows: the sidebars without the blank runs Material's templates write."""

from __future__ import annotations

import re

from conftest import Build
from macros.site.theme_filters import single_gaps

_SIDEBARS = re.compile(r'<div class="md-sidebar md-sidebar--primary".*?(?=<div class="md-content")', re.S)


def test_a_run_of_white_space_between_tags_becomes_one_line_break() -> None:
    assert single_gaps("<li>\n      <a>x  y</a>\n    </li> <li>") == "<li>\n<a>x  y</a>\n</li> <li>"
    assert single_gaps("<b>\xa0\xa0</b>") == "<b>\xa0\xa0</b>"  # a no-break space is text


def test_the_sidebars_of_every_page_hold_no_blank_runs_and_the_content_keeps_its_own(mini_site: Build) -> None:
    pages = sorted(mini_site.site.rglob("*.html"))
    with_sidebars = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        sidebars = _SIDEBARS.search(html)
        if sidebars is None:
            continue
        with_sidebars += 1
        assert not re.search(r">[ \t\n\r\f]{2,}<", sidebars.group()), page
    assert with_sidebars > len(pages) // 2
    # Preformatted text in the content (the guide's commands) keeps its line breaks and indents.
    guide = next(p for p in pages if "<pre" in p.read_text(encoding="utf-8"))
    code = re.search(r"<pre[^>]*>(.*?)</pre>", guide.read_text(encoding="utf-8"), re.S)
    assert code is not None and "\n" in code.group(1)
