"""Hand-written pages in docs/: {org}-style placeholders work and every mistake is located."""

from __future__ import annotations

from pathlib import Path

import jinja2
import jinja2.meta
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, handbook, make_project, mkdocs_build
from macros.handwritten import docs_pages
from macros.organization.placeholders import PLACEHOLDERS

MINI = FIXTURES / "mini" / "curriculum"
PAGE = """# Über uns

Das Programm bei {org} leitet {contact}.

Im Text schreiben Sie `{org}`, und so sieht ein Block aus:

```
Kontakt: {contact}
```
"""


def test_placeholders_in_a_docs_page_take_the_settings_outside_code(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    (root / "docs/de/ueber-uns.md").write_text(PAGE, encoding="utf-8")
    build = mkdocs_build(root)
    assert build.result.returncode == 0, build.output
    html = build.html("ueber-uns/index.html")
    assert "Das Programm bei Beispiel AG leitet Petra Programm." in html
    assert "<code>{org}</code>" in html and "Kontakt: {contact}" in html


def test_unknown_placeholder_and_jinja_name_are_located_in_check_and_build(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    (root / "docs/de/ueber-uns.md").write_text(PAGE.replace("{contact}.", "{kontakt}."), encoding="utf-8")
    index = root / "docs/de/index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text + "\nFragen an {{ firma }}.\n", encoding="utf-8")
    line = len(text.splitlines()) + 2  # the start page is the fork's own: count, don't assume
    (root / "site").mkdir()
    (root / "site/keep.html").write_text("old", encoding="utf-8")
    expected = [
        f"docs/de/index.md:{line}:1: " "unbekannter Name „firma“ in {{ … }}: für Text aus den Einstellungen nutzen Sie "
        "Platzhalter wie {org} oder {contact}",
        "docs/de/ueber-uns.md:3:1: unbekannter Platzhalter {kontakt}; bekannt sind: "
        + ", ".join("{" + name + "}" for name in sorted(PLACEHOLDERS)),
    ]
    check = handbook(root, "check")
    assert check.result.returncode == 1
    build = mkdocs_build(root)
    assert build.result.returncode != 0
    for output in (check.output, build.output):
        for message in expected:
            assert message in output
        assert "Traceback" not in output
    assert (root / "site/keep.html").read_text(encoding="utf-8") == "old"


def test_broken_jinja_is_located(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    index = root / "docs/de/index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text + "\nFragen an {{ org \n", encoding="utf-8")
    check = handbook(root, "check")
    assert check.result.returncode == 1
    assert f"docs/de/index.md:{len(text.splitlines()) + 2}:1: Vorlagensyntax: schließen Sie jedes" in check.output
    assert "Traceback" not in check.output and "Jinja" not in check.output  # its English words only with -v
    verbose = handbook(root, "check", "-v")
    assert "Meldung von Jinja: " in verbose.output


# Jinja's delimiters, names (keywords among them), dots, spaces and a little else.
JINJA_BITS = st.sampled_from(["{{", "}}", "{%", "%}", "{#", "#}", "{", "}", "-", ".", " ", "\n", "org", "p", "x_1",
                              "range", "none", "True", "not", "if", "for", "in", "endfor", "raw", "5", "(", ")", "|",
                              "'", '"', "\\", "a b", "ü", "%", "#"])


@given(st.lists(JINJA_BITS, max_size=14).map("".join))
@example("Bei {{ org }} fragen Sie {{- p.contact -}}.")
@example("{{ range }} und {{ p.email }}")
@example("{{{ org }}}")
@example("HTML und `{{ '{{ … }}' }}` bleibt Text, {{ \"}}\" }} auch.")
@example("{{ org }}}")
@example("{{ none }}")
@example("{{ org . x }}")
@example("{% raw %}{{ x }}{% endraw %}")
@settings(max_examples=3000, deadline=None, derandomize=True)
def test_printed_names_are_what_jinja_finds(text: str) -> None:
    names = docs_pages.printed_names(text)
    if names is None:
        return  # Jinja's own parser and compiler answer
    env = jinja2.Environment()
    assert docs_pages.undeclared_names(text) == jinja2.meta.find_undeclared_variables(env.parse(text))
