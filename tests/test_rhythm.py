"""One fact, one source: the rhythm in words comes from program.every_weeks, or must agree with it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, bilingual_project
from macros.base.errors import ContentErrors
from macros.organization.rhythm import weeks_in, worded
from macros.organization.settings import load_settings


@pytest.mark.parametrize(("weeks", "de", "en"), [
    (1, "jede Woche", "every week"), (2, "alle zwei Wochen", "every two weeks"),
    (4, "alle vier Wochen", "every four weeks"), (12, "alle zwölf Wochen", "every twelve weeks"),
])
def test_each_edition_words_the_number_and_reads_it_back(weeks: int, de: str, en: str) -> None:
    assert (worded(weeks, "de"), worded(weeks, "en")) == (de, en)
    assert weeks_in(de, "de") == weeks_in(en, "en") == weeks


@pytest.mark.parametrize(("lang", "rhythm", "weeks"), [
    ("de", "Alle 3 Wochen, dienstags", 3), ("de", "zweiwöchentlich", 2), ("de", "wöchentlich", 1),
    ("de", "alle 14 Tage", 2), ("de", "nach Absprache", None), ("de", "monatlich", None),
    ("en", "once a week", 1), ("en", "every 3 weeks", 3), ("en", "weekly", 1), ("en", "as agreed", None),
])
def test_a_worded_rhythm_is_read_for_its_number_of_weeks(lang: str, rhythm: str, weeks: int | None) -> None:
    assert weeks_in(rhythm, lang) == weeks


def settings_file(root: Path, old: str, new: str) -> None:
    path = root / "curriculum/organization.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_without_a_worded_rhythm_each_edition_words_every_weeks(tmp_path: Path) -> None:
    root = bilingual_project(tmp_path / "p")
    settings_file(root, '  rhythm: "alle drei Wochen"\n', "  every_weeks: 4\n")
    settings_file(root, "    program:\n      rhythm: every three weeks\n", "    program: {}\n")
    german, english = load_settings(root), load_settings(root, "en")
    assert german.placeholders()["rhythm"] == "alle vier Wochen"
    assert english.placeholders()["rhythm"] == "every four weeks"


def test_the_default_editions_words_never_reach_another_edition(tmp_path: Path) -> None:
    root = bilingual_project(tmp_path / "p")
    settings_file(root, '  rhythm: "alle drei Wochen"\n', '  rhythm: "alle vier Wochen"\n  every_weeks: 4\n')
    settings_file(root, "    program:\n      rhythm: every three weeks\n", "    program: {}\n")
    assert load_settings(root).placeholders()["rhythm"] == "alle vier Wochen"
    assert load_settings(root, "en").placeholders()["rhythm"] == "every four weeks"


def test_a_worded_rhythm_that_contradicts_every_weeks_is_an_error_naming_both(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    settings_file(tmp_path, '  rhythm: "alle drei Wochen"\n', '  rhythm: "alle drei Wochen"\n  every_weeks: 4\n')
    with pytest.raises(ContentErrors) as err:
        load_settings(tmp_path)
    assert [str(e) for e in err.value.errors] == [
        "curriculum/organization.yaml:8:11: 'program.rhythm': „alle drei Wochen“ passt nicht zu "
        "program.every_weeks: 4 („alle vier Wochen“); Seiten und Kalender sagten Verschiedenes. Stellen Sie "
        "every_weeks auf 3, oder löschen Sie die Zeile rhythm: Dann schreibt das Handbuch „alle vier Wochen“"]


def test_another_editions_own_wording_is_checked_at_its_own_line(tmp_path: Path) -> None:
    root = bilingual_project(tmp_path / "p")
    settings_file(root, "      rhythm: every three weeks\n", "      rhythm: every two weeks\n")
    assert load_settings(root).placeholders()["rhythm"] == "alle drei Wochen"
    with pytest.raises(ContentErrors) as err:
        load_settings(root, "en")
    (error,) = err.value.errors
    text = (root / "curriculum/organization.yaml").read_text(encoding="utf-8").splitlines()
    assert "every two weeks" in text[error.line - 1] and error.field == "program.rhythm"
    # Said in the fork's language (the settings file is its own), with the edition's words quoted.
    assert "„every two weeks“ passt nicht zu program.every_weeks: 3 („every three weeks“)" in error.message
