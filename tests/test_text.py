"""The plain-text shortcut in text.to_html gives exactly what Python-Markdown gives."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from macros.organization.placeholders import PLACEHOLDER
from macros.reader.loader import load_file
from macros.rendering import text


def markdown(source: str) -> str:
    text._MD.reset()
    return text._MD.convert(source)


def converted(source: str) -> str:
    return text.clean(markdown(source))


# Letters, digits, spaces and every character Markdown or smarty gives a meaning to.
ALPHABET = "aZäß0 1.-:;,()/%+=#*_`[]<>&!'\"|~{}\\\t\n\r\xa0„“–…"
# Mostly harmless characters and line breaks, so that many cases take the shortcut.
CALM = "aZäß0 1.-:;,()[]/%+!\xa0„“–…\n"
LINE = st.text(alphabet="aZäß0 .-:,()[]!„§", min_size=1, max_size=20)


@given(st.one_of(st.text(alphabet=ALPHABET, max_size=40), st.text(alphabet=CALM, min_size=1, max_size=60),
                 st.lists(st.one_of(LINE, LINE.map(lambda s: f"**{s}** {s}"), LINE.map(lambda s: f"{s}**{s}**{s}"),
                                    LINE.map(lambda s: f"- {s}"), LINE.map(lambda s: f"2. {s}"),
                                    LINE.map(lambda s: f"  {s}"), LINE.map(lambda s: f"1. **{s}** {s}"),
                                    st.just("")), max_size=8)
                 .map("\n".join)))
@example("Klare Rollen")
@example("Fragen: was, wie, wozu (kurz)")
@example("**Um Feedback bitten:** Die Führungskraft bittet.\nZweite Zeile.\n\nNeuer Absatz.\n")
@example("**a ** b")
@example("Das Muster **Situation – Verhalten** macht **daraus** etwas.")
@example("**a****b** c")
@example("a**b**c")
@example("Intro:\n\n- **A:** x\n  weiter\n- b\n\nOutro.")
@example("3. a\n4. b\n   c")
@example("- a\n\n- b")
@example("Intro:\n- a")
@example("Sagt „Genau!“ dazu.")
@example("a -- b")
@example("a ... b")
@example("Satz mit Zeilenumbruch  \nweiter")
@example("Titel\n===")
@example("8 Treffen à 60 Minuten.\n30. März")
@example("**„Es ist freiwillig“:** (§ 138 StGB) gilt.")
@example("2. a\n8 b")
@example("Guten Tag [Anrede und Name],\n\n[Name] war 6 Monate lang dabei.")
@example("- [Name] und [Name][a]\n- ![Bild] [x] [y]")
@example("[Name]: https://example.org")
@example("Siehe [Text](ziel.md) und [a] (b)")
@example("**[Variante A]** gilt.\n[\n]")
@settings(max_examples=6000, deadline=None, derandomize=True)
def test_shortcut_gives_what_the_converter_gives(source: str) -> None:
    assert str(text.to_html(source)) == converted(source)
    if text.is_plain(source):
        assert markdown(source) == f"<p>{source}</p>"


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


@given(st.text(alphabet="{}a_Z x", max_size=16))
@settings(max_examples=3000, deadline=None, derandomize=True)
def test_placeholder_pattern_reads_as_written(source: str) -> None:
    # {name} with no brace right before or after it: the pattern as one would write it, compared.
    plain = re.compile(r"(?<!\{)\{([a-z_]+)\}(?!\})")
    assert [m.span(1) for m in PLACEHOLDER.finditer(source)] == [m.span(1) for m in plain.finditer(source)]
