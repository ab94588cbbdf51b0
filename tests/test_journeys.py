"""Role journeys: assembled from the curriculum's references (engine) and built as pages (mkdocs)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, Build, make_project, mkdocs_build
from macros.base.errors import ContentErrors
from macros.content.curriculum import load_curriculum
from macros.content.hiding import hide
from macros.organization.labels import load_labels
from macros.rendering.journeys import Journey, journeys, start_page_links

PROGRAM = FIXTURES / "journeys"


def by_role() -> dict[str, Journey]:
    return {j.role.id: j for j in journeys(load_curriculum(PROGRAM, "de"))}


def outline(j: Journey) -> list[tuple[str, list[str], list[tuple[str, list[str]]], list[str]]]:
    return [(s.phase.id, s.tasks, [(p.entry.id, p.preparation) for p in s.sessions], [c.id for c in s.checklists])
            for s in j.stages]


def test_mentee_walks_only_their_phases_in_order_with_their_preparation() -> None:
    mentee = by_role()["mentee"]
    assert outline(mentee) == [
        ("auftakt", ["Das erste Treffen ansetzen."], [("erstes-treffen", ["Lernziele notieren."])],
         ["vor-der-sitzung"]),
        # nach-der-sitzung names the mentee, though the mentee's role file does not name it;
        # programm-aufsetzen belongs to the phase but not to the mentee.
        ("abschluss", [], [("rueckblick", ["Lernziele vom Anfang heraussuchen."])], ["nach-der-sitzung"]),
    ]
    assert [f.id for f in mentee.faq] == ["fragen-von-mentees"]
    assert mentee.other_checklists == []


def test_session_without_the_roles_preparation_is_not_theirs() -> None:
    lead = by_role()["programmleitung"]
    assert outline(lead) == [
        ("planung", ["Das Konzept schreiben."], [("matching", ["Interessensbögen sortieren."])],
         ["programm-aufsetzen"]),
        ("abschluss", ["Die Abschlussbefragung verschicken."], [], ["programm-aufsetzen"]),
    ]
    assert lead.faq == []


def test_checklists_outside_the_roles_phases_are_listed_once_at_the_end() -> None:
    mentor = by_role()["mentorin"]
    assert [s.phase.id for s in mentor.stages] == ["auftakt"]
    assert mentor.stages[0].tasks == ["Die eigene Arbeit vorstellen.", "Die Vereinbarung ausfüllen."]
    assert [c.id for c in mentor.other_checklists] == ["tandem-ende"]


@pytest.mark.parametrize(("tasks", "expected"), [
    ("  - role: programmleitung\n    items: [Planen.]\n",
     "curriculum/de/phases/auftakt.yaml:14:1: 'tasks': Aufgaben für „programmleitung“, aber die Rolle steht "
     "nicht unter roles dieser Phase: ergänzen Sie sie dort, sonst erscheinen die Aufgaben auf keiner Seite"),
    ("  - role: mentee\n    items: [Eins.]\n  - role: mentee\n    items: [Zwei.]\n",
     "curriculum/de/phases/auftakt.yaml:14:1: 'tasks': die Rolle „mentee“ hat zwei Aufgabenlisten: "
     "führen Sie sie zu einer zusammen"),
    ("  - role: niemand\n    items: [Planen.]\n",
     "curriculum/de/phases/auftakt.yaml:14:1: 'tasks': Aufgaben für „niemand“, aber die Rolle steht nicht unter "
     "roles dieser Phase: ergänzen Sie sie dort, sonst erscheinen die Aufgaben auf keiner Seite"),
])
def test_tasks_name_roles_of_the_phase_once(tmp_path: Path, tasks: str, expected: str) -> None:
    shutil.copytree(PROGRAM, tmp_path, dirs_exist_ok=True)
    phase = tmp_path / "curriculum/de/phases/auftakt.yaml"
    text = phase.read_text(encoding="utf-8")
    phase.write_text(text[: text.index("tasks:")] + "tasks:\n" + tasks, encoding="utf-8")
    with pytest.raises(ContentErrors) as err:
        load_curriculum(tmp_path, "de")
    assert [str(e) for e in err.value.errors] == [expected]


@pytest.fixture(scope="module")
def program_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = make_project(tmp_path_factory.mktemp("journeys"), PROGRAM / "curriculum")
    build = mkdocs_build(root)
    assert build.result.returncode == 0, build.output
    return build


def text_of(html: str) -> str:
    article = html[html.index("<article"):html.index("</article>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article))


def test_journey_page_shows_phases_sessions_checklists_and_faq(program_site: Build) -> None:
    html = program_site.html("journeys/mentee/index.html")
    assert re.search(r"<h1[^>]*>Ich bin Mentee", html)
    text = text_of(html)
    assert text.index("1. Auftakt") < text.index("Erstes Treffen") < text.index("Lernziele notieren.")
    assert text.index("Lernziele notieren.") < text.index("2. Abschluss") < text.index("Rückblick im Tandem")
    assert "Drei Themen überlegen." not in text  # the mentor's preparation
    assert "Planung" not in text and "Matching-Runde" not in text
    for href in ['../../sessions/erstes-treffen/', '../../sessions/rueckblick/', '../../checklists/vor-der-sitzung/',
                 '../../checklists/nach-der-sitzung/', '../../faq/fragen-von-mentees/']:
        assert f'href="{href}"' in html, href
    assert "Wer erfährt, was wir besprechen?" in text


def test_start_page_leads_each_role_to_its_journey_in_one_click(program_site: Build) -> None:
    html = program_site.html("index.html")
    section = html[html.index('id="für-wen-was"'):]
    for role, title in [("mentorin", "Ich bin Mentor:in"), ("mentee", "Ich bin Mentee"),
                        ("programmleitung", "Ich leite das Programm")]:
        assert f'<a href="journeys/{role}/">{title}</a>' in section, role


def test_phase_page_says_who_does_what_with_links_to_journeys(program_site: Build) -> None:
    html = program_site.html("phases/auftakt/index.html")
    assert "Wer was tut" in html
    assert '<a href="../../journeys/mentorin/">Mentor:in</a>' in html
    assert "Die Vereinbarung ausfüllen." in html


def test_a_session_in_two_phases_shows_its_preparation_where_it_first_appears(tmp_path: Path) -> None:
    shutil.copytree(PROGRAM, tmp_path, dirs_exist_ok=True)
    phase = tmp_path / "curriculum/de/phases/abschluss.yaml"
    phase.write_text(phase.read_text(encoding="utf-8").replace("sessions: [rueckblick]",
                                                               "sessions: [erstes-treffen, rueckblick]"))
    mentee = {j.role.id: j for j in journeys(load_curriculum(tmp_path, "de"))}["mentee"]
    seen = [(s.phase.id, p.entry.id, p.again) for s in mentee.stages for p in s.sessions]
    assert seen == [("auftakt", "erstes-treffen", False), ("abschluss", "erstes-treffen", True),
                    ("abschluss", "rueckblick", False)]


def test_hidden_modules_leave_the_journeys_without_gaps() -> None:
    cur = load_curriculum(PROGRAM, "de")
    hide(cur, ["programmleitung", "erstes-treffen"])
    by_id = {j.role.id: j for j in journeys(cur)}
    assert sorted(by_id) == ["mentee", "mentorin"]
    assert outline(by_id["mentee"])[0] == ("auftakt", ["Das erste Treffen ansetzen."], [], ["vor-der-sitzung"])


def test_start_page_links_are_escaped_for_the_docs_page(tmp_path: Path) -> None:
    shutil.copytree(PROGRAM, tmp_path, dirs_exist_ok=True)
    role = tmp_path / "curriculum/de/roles/mentee.yaml"
    role.write_text(role.read_text(encoding="utf-8").replace(
        "summary: Die erfahrene Führungskraft, die lernt.",
        "summary: \"Die <script>x</script> Führungskraft bei {org}, die *lernt*.\""), encoding="utf-8")
    links = start_page_links(load_curriculum(tmp_path, "de"), load_labels("de"), {"org": "Beispiel AG"})
    mentee = next(link for link in links if link["src"] == "journeys/mentee.md")
    assert mentee["title"] == "Ich bin Mentee"
    assert mentee["summary"] == r"Die &lt;script&gt;x&lt;/script&gt; Führungskraft bei Beispiel AG, die \*lernt\*."


def test_a_phase_that_only_repeats_what_the_role_met_before_is_left_out(tmp_path: Path) -> None:
    shutil.copytree(PROGRAM, tmp_path, dirs_exist_ok=True)
    phases = tmp_path / "curriculum/de/phases"
    planung = (phases / "planung.yaml").read_text(encoding="utf-8")
    head = planung[: planung.index("roles:")].replace("order: 1", "order: 4")
    # A timetable phase: every session and checklist again, no task of its own.
    (phases / "zeitplan.yaml").write_text(head.replace("Planung", "Zeitplan") + "roles: [mentee]\n"
                                          "sessions: [erstes-treffen, rueckblick]\n"
                                          "checklists: [vor-der-sitzung, nach-der-sitzung]\n", encoding="utf-8")
    # A phase the role takes part in without any session or checklist: still shown, with its timing.
    (phases / "pause.yaml").write_text(head.replace("Planung", "Sommerpause").replace("order: 4", "order: 5")
                                       + "roles: [mentee]\n", encoding="utf-8")
    mentee = {j.role.id: j for j in journeys(load_curriculum(tmp_path, "de"))}["mentee"]
    assert [s.phase.id for s in mentee.stages] == ["auftakt", "abschluss", "pause"]
