"""Generated pages: large sections are split so no page carries hundreds of links; front matter survives."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from macros.rendering.pages import chunked
from macros.rendering.render import front_matter


def test_small_section_is_left_as_it_is() -> None:
    links = [{f"T{i}": f"k/{i}.md"} for i in range(15)]
    assert chunked(links) == links


def test_large_section_gets_numbered_subsections_in_order() -> None:
    links = [{f"T{i}": f"k/{i}.md"} for i in range(40)]
    parts = chunked(links)
    assert [next(iter(p)) for p in parts] == ["1–15", "16–30", "31–40"]
    assert [link for p in parts for link in next(iter(p.values()))] == links


def test_every_level_of_a_huge_section_holds_at_most_fifteen_entries() -> None:
    links = [{f"T{i}": f"k/{i}.md"} for i in range(1350)]
    parts = chunked(links)
    assert [next(iter(p)) for p in parts] == ["1–225", "226–450", "451–675", "676–900", "901–1125", "1126–1350"]
    second = next(iter(parts[1].values()))
    assert [next(iter(p)) for p in second][:2] == ["226–240", "241–255"] and len(second) == 15

    def flat(items: list[object]) -> list[object]:
        out: list[object] = []
        for item in items:
            value = next(iter(item.values()))  # type: ignore[attr-defined]
            out += flat(value) if isinstance(value, list) else [item]
        return out

    def widest(items: list[object]) -> int:
        inner = [widest(v) for i in items if isinstance(v := next(iter(i.values())), list)]  # type: ignore[attr-defined]
        return max([len(items), *inner])

    assert flat(parts) == links and widest(parts) <= 15


@given(st.text())
@example("Anführungszeichen: „so“ \"so\" 'so' # kein Kommentar: {nicht: yaml} [auch nicht] & *x !tag %")
@example("---\nzweite Zeile\n...")
@example("\x85\u2028\ufeff\x00\x1b\t 😀 \\")
@settings(max_examples=500, deadline=None, derandomize=True)
def test_front_matter_gives_mkdocs_the_description_as_it_was(description: str) -> None:
    # mkdocs reads a page's front matter with its own YAML reader: any summary survives the trip.
    markdown, meta = get_data(front_matter({"description": description}) + "# Titel\n")
    assert meta == {"description": description}
    assert markdown == "# Titel\n"
