"""Navigation structure: large sections are split so no page carries hundreds of links."""

from __future__ import annotations

from macros.pages import chunked


def test_small_section_is_left_as_it_is() -> None:
    links = [{f"T{i}": f"k/{i}.md"} for i in range(15)]
    assert chunked(links) == links


def test_large_section_gets_numbered_subsections_in_order() -> None:
    links = [{f"T{i}": f"k/{i}.md"} for i in range(40)]
    parts = chunked(links)
    assert [next(iter(p)) for p in parts] == ["1–15", "16–30", "31–40"]
    assert [link for p in parts for link in next(iter(p.values()))] == links
