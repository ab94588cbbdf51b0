"""The plain-text shortcut in text.to_html gives exactly what Python-Markdown gives."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from macros import text
from macros.loader import load_file


def markdown(source: str) -> str:
    text._MD.reset()
    return text._MD.convert(source)


def converted(source: str) -> str:
    return text.clean(markdown(source))


# Letters, digits, spaces and every character Markdown or smarty gives a meaning to.
ALPHABET = "aZäß0 1.-:;,()/%+=#*_`[]<>&!'\"|~{}\\\t\n\r\xa0„“–…"
# Mostly harmless characters, so that many cases take the shortcut.
CALM = "aZäß0 1.-:;,()/%+\xa0„“–…"


@given(st.one_of(st.text(alphabet=ALPHABET, max_size=40), st.text(alphabet=CALM, min_size=1, max_size=60)))
@example("Klare Rollen")
@example("Fragen: was, wie, wozu (kurz)")
@example("a -- b")
@example("a ... b")
@example("Satz mit Zeilenumbruch  ")
@settings(max_examples=3000, deadline=None, derandomize=True)
def test_shortcut_only_where_markdown_would_only_wrap_in_a_paragraph(source: str) -> None:
    if text.is_plain(source):
        assert markdown(source) == f"<p>{source}</p>"
        assert str(text.to_html(source)) == converted(source)


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_fixture_texts_render_as_the_converter_renders_them() -> None:
    texts = [s for path in sorted(Path(FIXTURES).rglob("*.yaml")) for s in _strings(load_file(path).data)]
    assert any(text.is_plain(s) for s in texts)
    assert [str(text.to_html(s)) for s in texts] == [converted(s) for s in texts]
