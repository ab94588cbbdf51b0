"""A fork's term keeps German grammar: a noun of another gender than ours is refused with what fits."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, make_project, mkdocs_build
from macros.commands.check import check
from macros.organization.term_grammar import guessed

MINI = FIXTURES / "mini" / "curriculum"


def _with_terms(tmp_path: Path, terms: str) -> Path:
    root = make_project(tmp_path / "p", MINI)
    settings = root / "curriculum/organization.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "terms:\n" + terms, encoding="utf-8")
    return root


@pytest.mark.parametrize("word, genus", [("Lernpartner:in", "f"), ("Lernpartnerin", "f"), ("Lernbegleitung", "f"),
                                         ("Lern*partnerin", "f"), ("Mädchen", "n"), ("Lernpartner", None),
                                         ("Coachee", None)])
def test_the_ending_tells_the_gender_or_nothing(word: str, genus: str | None) -> None:
    assert guessed(word) == genus


def test_a_masculine_word_for_a_feminine_one_is_refused_with_what_fits(tmp_path: Path) -> None:
    root = _with_terms(tmp_path, "  Mentee: {word: Lernpartner, genus: m}\n")
    problems = check(root)
    assert problems == ["curriculum/organization.yaml:13:3: 'terms.Mentee': „Lernpartner“ passt nicht: unsere Texte "
                        "schreiben „die Mentee“ (weiblich) an vielen Stellen, daraus würde „die Lernpartner“. Wählen "
                        "Sie ein Wort mit dem Artikel „die“, etwa die inklusive Form „Lernpartner:in“"]


def test_a_word_whose_gender_nobody_can_tell_asks_for_it(tmp_path: Path) -> None:
    root = _with_terms(tmp_path, "  Mentee: Lernpartner\n")
    (problem,) = check(root)
    assert "bei „Lernpartner“ ist das Geschlecht nicht zu erkennen" in problem
    assert "„Mentee: {word: Lernpartner, genus: f}“" in problem


def test_words_that_fit_build_and_show_in_the_text(tmp_path: Path) -> None:
    root = _with_terms(tmp_path, "  Mentee: Lernpartner:in\n  Tandem: {word: Lernpaar, genus: n}\n")
    assert check(root) == []
    build = mkdocs_build(root)
    assert build.result.returncode == 0, build.output
    pages = "".join(p.read_text(encoding="utf-8") for p in build.site.rglob("*.html"))
    assert "Mentor:in und Lernpartner:in zusammen" in pages and "im Lernpaar gesagt" in pages
