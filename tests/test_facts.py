"""Program facts: one source per fact, checked on whatever curriculum is there."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, make_project, upstream_only
from macros.commands.check import check
from macros.content.curriculum import load_curriculum
from macros.content.facts import check_facts, hour_placeholders, hours, role_minutes, stated_totals
from macros.organization.labels import load_labels
from macros.organization.placeholders import FACTS
from macros.organization.settings import load_settings
from macros.rendering.pages import GROUPS, generate
from macros.rendering.render import Context

MINI = FIXTURES / "mini"


def mini_with(tmp_path: Path, rel: str, old: str, new: str) -> Path:
    """Copy the mini fixture and replace ``old`` by ``new`` in one of its files."""
    root = tmp_path / "p"
    shutil.copytree(MINI / "curriculum", root / "curriculum")
    shutil.copytree(ROOT / "docs", root / "docs")  # check() also checks the hand-written pages
    path = root / "curriculum/de" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return root


def test_every_fact_is_a_placeholder_with_a_default() -> None:
    settings = load_settings(MINI)  # the fixture sets none of the facts
    values = settings.placeholders()
    assert all(values[fact] for fact in FACTS)
    assert values["cohort"] == f"{settings.program.cohort_min} bis {settings.program.cohort_max}"


def _with_program(tmp_path: Path, lines: str) -> Path:
    """Return a copy of the mini curriculum whose program settings also hold ``lines`` (after sessions)."""
    root = tmp_path / "p"
    shutil.copytree(MINI / "curriculum", root / "curriculum")
    path = root / "curriculum/organization.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  sessions: 8\n", "  sessions: 8\n" + lines),
                    encoding="utf-8")
    return root


def test_a_cohort_range_upside_down_is_reported(tmp_path: Path) -> None:
    root = _with_program(tmp_path, "  cohort_min: 10\n  cohort_max: 4\n")
    assert check(root) == ["curriculum/organization.yaml:8:15: 'program.cohort_max': 4 ist kleiner als cohort_min "
                           "10: tauschen Sie die beiden Werte"]


def test_a_reporting_minimum_the_smallest_cohort_cannot_reach_is_reported(tmp_path: Path) -> None:
    # Six pairs answering at two thirds give four answers per role: a minimum of five could never be met.
    root = _with_program(tmp_path, "  cohort_min: 6\n  report_min: 5\n")
    assert check(root) == ["curriculum/organization.yaml:8:15: 'program.report_min': 5 Antworten je Gruppe erreicht "
                           "die kleinste Kohorte nicht: 6 Tandems ergeben bei zwei Dritteln Rücklauf 4 Antworten je "
                           "Rolle; senken Sie report_min oder erhöhen Sie cohort_min"]


def test_the_mini_curriculum_passes_the_fact_checks(tmp_path: Path) -> None:
    assert check(make_project(tmp_path / "p", MINI / "curriculum")) == []


def test_a_fact_written_out_is_reported(tmp_path: Path) -> None:
    root = mini_with(tmp_path, "ground-rules/vertraulichkeit.yaml", "what: Vertraulich.",
                     "what: Vertraulich. Wer absagt, meldet sich 24 Stunden im Voraus.")
    assert check(root) == [
        "curriculum/de/ground-rules/vertraulichkeit.yaml:3:7: 'what': nennt den Programmwert „24 Stunden“ "
        "direkt: schreiben Sie {notice}, dann passt der Text zu den Einstellungen"
    ]


def test_another_value_in_a_facts_usual_phrasing_is_reported(tmp_path: Path) -> None:
    root = mini_with(tmp_path, "ground-rules/vertraulichkeit.yaml", "what: Vertraulich.",
                     "what: Vertraulich. Absagen bitte spätestens zwei Arbeitstage vorher.")
    assert check(root) == [
        "curriculum/de/ground-rules/vertraulichkeit.yaml:3:7: 'what': nennt {notice} als „zwei Arbeitstage“ in "
        "„spätestens zwei Arbeitstage vorher“: schreiben Sie {notice}"
    ]


def test_a_fact_written_as_placeholder_or_without_its_context_is_fine(tmp_path: Path) -> None:
    root = mini_with(tmp_path, "ground-rules/vertraulichkeit.yaml", "what: Vertraulich.",
                     "what: Vertraulich. Absagen spätestens {notice} vorher. Die Übung dauert 24 Stunden.")
    assert check(root) == []


def test_an_avoided_term_is_reported_with_the_one_to_use(tmp_path: Path) -> None:
    root = mini_with(tmp_path, "ground-rules/vertraulichkeit.yaml", "what: Vertraulich.",
                     "what: Vertraulich, wie in der Tandem-Vereinbarung steht.")
    assert check(root) == [
        "curriculum/de/ground-rules/vertraulichkeit.yaml:3:7: 'what': „Tandem-Vereinbarung“ verwendet dieses "
        "Handbuch nicht mehr: schreiben Sie Mentoring-Vereinbarung"
    ]


def test_glossaries_are_in_alphabetical_order() -> None:
    settings = load_settings(ROOT)
    for entry in load_curriculum(ROOT, settings.language).of_kind("glossary"):
        terms = [t.term for t in entry.module.entries]
        assert terms == sorted(terms, key=str.casefold), entry.id


def test_a_template_longer_than_its_setting_is_reported(tmp_path: Path) -> None:
    root = mini_with(tmp_path, "sessions/erstes-treffen.yaml", "duration: 60",
                     "duration: 60\nlength_of: kickoff_minutes")
    assert check(root) == [
        "curriculum/de/sessions/erstes-treffen.yaml:4:11: 'duration': die Dauer 60 passt nicht zur Einstellung "
        "program.kickoff_minutes (180): gleichen Sie beides an"
    ]


def test_more_pair_templates_than_sessions_are_reported(tmp_path: Path) -> None:
    root = mini_with(tmp_path, "sessions/erstes-treffen.yaml", "duration: 60", "duration: 60\nrepeats: 9")
    assert check(root) == [
        "curriculum/de/sessions/erstes-treffen.yaml:1:1: 'repeats': die Tandem-Vorlagen ergeben zusammen 9 Treffen, "
        "das Programm hat aber 8 (program.sessions): passen Sie „repeats“ oder die Einstellung an"
    ]


def test_a_stated_total_that_the_templates_do_not_add_up_to_is_reported(tmp_path: Path) -> None:
    settings = load_settings(MINI)
    computed = hours(role_minutes(load_curriculum(MINI, "de"), "mentee", settings))
    rel = "roles/mentee.yaml"
    line = next(li for li in (MINI / "curriculum/de" / rel).read_text().splitlines() if "time_commitment" in li)
    right = mini_with(tmp_path / "a", rel, line, f'time_commitment: "Insgesamt rund {computed} Stunden."')
    assert check(right) == []
    wrong = mini_with(tmp_path / "b", rel, line, 'time_commitment: "Insgesamt rund 99 Stunden."')
    problems = check(wrong)
    assert len(problems) == 1
    assert (f"'time_commitment': nennt insgesamt 99 Stunden, aus den Sitzungsvorlagen ergeben sich {computed} "
            "(Dauer mal Wiederholungen plus Vorbereitung)") in problems[0]


def test_hours_placeholders_are_computed_and_unknown_roles_reported(tmp_path: Path) -> None:
    settings = load_settings(MINI)
    curriculum = load_curriculum(MINI, "de")
    values = hour_placeholders(curriculum, settings)
    assert values["hours_mentee"] == hours(role_minutes(curriculum, "mentee", settings))
    rel = "roles/mentee.yaml"
    line = next(li for li in (MINI / "curriculum/de" / rel).read_text().splitlines() if "time_commitment" in li)
    root = mini_with(tmp_path, rel, line, 'time_commitment: "Insgesamt rund {hours_mentee} Stunden, {hours_chef}."')
    problems = check(root)
    assert len(problems) == 1
    assert "'time_commitment': {hours_chef} nennt keine Rolle: ids der Rollen sind mentee, mentorin" in problems[0]


def test_pair_meetings_without_a_template_count_at_the_usual_length() -> None:
    settings = load_settings(MINI)
    curriculum = load_curriculum(MINI, "de")
    first = curriculum.entries["erstes-treffen"].module
    usual = settings.program.session_minutes + settings.program.prep_minutes
    expected = first.duration + settings.program.prep_minutes + (settings.program.sessions - 1) * usual
    assert role_minutes(curriculum, "mentee", settings) == expected


def test_this_curriculum_states_no_fact_twice() -> None:
    settings = load_settings(ROOT)
    curriculum = load_curriculum(ROOT, settings.language)
    assert [str(e) for e in check_facts(curriculum, settings, load_labels(settings.language))] == []


def test_the_program_name_always_reads_as_a_name() -> None:
    # "{program}" is a proper name: "bei {program} mitmachen" breaks with "Reverse Mentoring".
    settings = load_settings(ROOT)
    for path in sorted((ROOT / "curriculum" / settings.language).rglob("*.yaml")):
        for match in re.finditer(r"(.{0,12})\{program\}(.?)", path.read_text(encoding="utf-8")):
            before, after = match.groups()
            assert before.endswith(("Programm „", "Programms „")) and after == "“", (path.name, match.group(0))


def test_lowercase_placeholders_never_start_a_sentence() -> None:
    # {opener} reads "die Mentor:in": at the start of a sentence it would print in lower case.
    settings = load_settings(ROOT)
    starts = re.compile(r"(?:^|[.!?:]\s+|\*\*|[„\"]|- )\{opener\}", re.MULTILINE)
    for path in sorted((ROOT / "curriculum" / settings.language).rglob("*.yaml")):
        assert not starts.search(path.read_text(encoding="utf-8")), path.name


# Modules issue #11 added; each must exist and be linked from its kind's overview page.
NEW_MODULES = {
    "basics": ["mitbestimmung", "datenschutz", "formate", "barrierefreiheit", "belege-und-geschichte"],
    "skills": ["wissen-vermitteln"],
    "challenges": ["gelebte-erfahrung"],
    "phases": ["zeitplan-und-zweite-kohorte"],
    "sessions": ["einfuehrungstraining"],
    "checklists": ["auswertungs-kit"],
    "communications": ["einladung-fuehrungskraefte", "intranet-aufruf", "brief-an-vorgesetzte", "vorstellungsmail",
                       "erinnerungen", "sitzungsnotiz", "datenschutzhinweis"],
}


@pytest.fixture(scope="module")
def upstream_pages() -> dict[str, str]:
    settings = load_settings(ROOT)
    curriculum = load_curriculum(ROOT, settings.language)
    pages = generate(Context(curriculum, settings, load_labels(settings.language)))
    return {p.src: p.markdown for p in pages}


@upstream_only
@pytest.mark.parametrize(("kind", "module"), [(k, m) for k, ms in NEW_MODULES.items() for m in ms])
def test_new_modules_exist_and_are_reachable(upstream_pages: dict[str, str], kind: str, module: str) -> None:
    assert f"{kind}/{module}.md" in upstream_pages
    # The start page links every kind of a navigation group; the kind's overview links the module.
    assert any(kind in members for members in GROUPS.values())
    assert f'href="{module}/"' in upstream_pages[f"{kind}/index.md"]


@upstream_only
def test_every_session_has_an_online_variant_and_a_buffer(upstream_pages: dict[str, str]) -> None:
    settings = load_settings(ROOT)
    for entry in load_curriculum(ROOT, settings.language).of_kind("sessions"):
        assert entry.module.online, entry.id
        assert "Online und hybrid" in upstream_pages[f"sessions/{entry.id}.md"], entry.id
        assert any("Puffer" in step.title or "Puffer" in step.note for step in entry.module.agenda), entry.id



@pytest.mark.parametrize("lang, right, wrong", [("de", "Insgesamt rund 10,5 Stunden.", "99,5"),
                                                ("en", "In total about 10.5 hours.", "99.5")])
def test_a_stated_total_is_read_with_the_editions_decimal_mark(lang: str, right: str, wrong: str) -> None:
    settings = load_settings(MINI, lang)
    curriculum = load_curriculum(MINI, "de")
    assert hours(role_minutes(curriculum, "mentee", settings), lang) in right
    mentee = curriculum.entries["mentee"]

    def reported(text: str) -> list[str]:
        module = mentee.module.model_copy(update={"time_commitment": text})
        curriculum.entries["mentee"] = replace(mentee, module=module)
        curriculum.changed()
        return [e.message for e in stated_totals(curriculum, settings, load_labels(lang))]

    assert reported(right) == []
    found = reported(right.replace(hours(role_minutes(curriculum, "mentee", settings), lang), wrong))
    assert len(found) == 1 and wrong in found[0]
