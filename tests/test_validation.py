"""The schema and cross-checks: a corpus of broken modules, each with its exact message and place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from macros.base.errors import ContentErrors
from macros.content.curriculum import load_curriculum

MINI = FIXTURES / "mini"

SESSION = (MINI / "curriculum/de/sessions/erstes-treffen.yaml").read_text(encoding="utf-8")

# file (relative to curriculum/de), content, expected messages (all of them, in order)
CORPUS = [
    ("roles/mentorin.yaml", "title: Mentor:in\nsumary: x\n", None),  # checked separately below
    (
        "sessions/erstes-treffen.yaml",
        SESSION.replace("minutes: 40", "minutes: 35"),
        ["curriculum/de/sessions/erstes-treffen.yaml:11:1: 'agenda': die Minuten im Ablauf ergeben 55, "
         "die Dauer (duration) ist aber 60: gleichen Sie beides an"],
    ),
    (
        "sessions/erstes-treffen.yaml",
        SESSION.replace("minutes: 40", "minutes: 10:30"),
        ["curriculum/de/sessions/erstes-treffen.yaml:16:14: 'agenda[1].minutes': "
         "hier gehört eine ganze Zahl hin (zum Beispiel 3), gefunden: der Text „10:30“"],
    ),
    (
        "sessions/erstes-treffen.yaml",
        SESSION.replace("audience: pair", "audience: paar"),
        ["curriculum/de/sessions/erstes-treffen.yaml:3:11: 'audience': erlaubt ist einer dieser Werte: "
         "pair, cohort, facilitators; gefunden: der Text „paar“"],
    ),
    (
        "success-factors/klare-rollen.yaml",
        "title: Klare Rollen\nsummary: Themen und Ziele sind vereinbart.\nwhat: no\nwhy: true\nhow: [a]\n"
        "signs: [b]\npitfalls: [c]\n",
        ["curriculum/de/success-factors/klare-rollen.yaml:4:6: 'why': hier gehört Text hin, gefunden: ja/nein "
         "(true). Ist es als Text gemeint, setzen Sie es in Anführungszeichen"],
    ),
    (
        "success-factors/klare-rollen.yaml",
        "title: Klare Rollen\nsummary: Themen und Ziele sind vereinbart.\nwhat: no\nwhy: Damit.\nhow: [a]\n"
        "signs: [b]\npitfalls: [c]\nground_rules: [vertraulichkeit, gibts-nicht]\n",
        ["curriculum/de/success-factors/klare-rollen.yaml:8:33: 'ground_rules[1]': unbekannte id „gibts-nicht“; "
         "erwartet wird ein Modul der Art: ground-rules"],
    ),
    (
        "challenges/hierarchiebarrieren.yaml",
        (MINI / "curriculum/de/challenges/hierarchiebarrieren.yaml").read_text(encoding="utf-8")
        .replace("addressed_by: [klare-rollen, vertraulichkeit]", "addressed_by: [mentee]"),
        ["curriculum/de/challenges/hierarchiebarrieren.yaml:9:16: 'addressed_by[0]': unbekannte id „mentee“ "
         "(das ist ein Modul der Art roles); erwartet wird ein Modul der Art: success-factors, ground-rules, "
         "skills, phases"],
    ),
    (
        "ground-rules/vertraulichkeit.yaml",
        (MINI / "curriculum/de/ground-rules/vertraulichkeit.yaml").read_text(encoding="utf-8")
        .replace("what: Vertraulich.", "what: Bei {orga} vertraulich."),
        ["curriculum/de/ground-rules/vertraulichkeit.yaml:3:7: 'what': unbekannter Platzhalter {orga}; bekannt sind: "
         "{org}, {program}, {months}, {sessions}, {minutes}, {rhythm}, {contact}, {email}, {notice}, "
         "{escalate_after}, {cohort}, {kickoff_minutes}, {closing_minutes}, {training_minutes}, {prep_minutes}, "
         "{opener}, {report_min}, {hours_<role id>}"],
    ),
    *[(f"roles/{name}", "title: x\n",
       [f"curriculum/de/roles/{name}:1:1: diese Datei wird nicht gelesen: Ein Modul heißt <id>.yaml "
        f"(Kleinbuchstaben, Ziffern und Bindestriche); benennen Sie sie um in {proper}"])
      for name, proper in [("Mentor In.yaml", "mentor-in.yaml"), ("führung.yaml", "fuehrung.yaml"),
                           ("fuehrung.yaml.txt", "fuehrung.yaml"), ("neu.yml", "neu.yaml"),
                           ("Straße_neu.YAML", "strasse-neu.yaml")]],
    *[(f"roles/{name}", "x",
       [f"curriculum/de/roles/{name}:1:1: kein Modul (hier werden nur <id>.yaml-Dateien gelesen): "
        "verschieben Sie die Datei aus dem Ordner curriculum"]) for name in ["notizen.docx", "mentee.yaml~"]],
    ("lose-datei.yaml", "title: x\n",
     ["curriculum/de/lose-datei.yaml:1:1: ein Modul gehört in den Ordner seiner Art, "
      "z. B. curriculum/de/topics/lose-datei.yaml"]),
    ("basics/mentee.yaml", (MINI / "curriculum/de/basics/was-ist-reverse-mentoring.yaml").read_text(),
     None),
    ("rollen/x.yaml", "title: x\n", None),
    ("checklists/vor-der-sitzung.yaml",
     (MINI / "curriculum/de/checklists/vor-der-sitzung.yaml").read_text().replace("Thema festlegen.",
                                                                               "Termin bestätigen."),
     ["curriculum/de/checklists/vor-der-sitzung.yaml:5:1: 'sections': dieser Punkt steht zweimal in der "
      "Checkliste: „Termin bestätigen.“; streichen oder ändern Sie einen"]),
]


def curriculum_with(tmp_path: Path, rel: str, content: str) -> Path:
    root = tmp_path / "p"
    shutil.copytree(MINI / "curriculum", root / "curriculum")
    target = root / "curriculum" / "de" / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    return root


def errors_for(tmp_path: Path, rel: str, content: str) -> list[str]:
    root = curriculum_with(tmp_path, rel, content)
    with pytest.raises(ContentErrors) as err:
        load_curriculum(root, "de")
    return [str(e) for e in err.value.errors]


def test_fixture_is_valid() -> None:
    curriculum = load_curriculum(MINI, "de")
    assert len(curriculum.entries) == 11


@pytest.mark.parametrize(("rel", "content", "expected"), [c for c in CORPUS if c[2] is not None])
def test_corpus_message_and_location(tmp_path: Path, rel: str, content: str, expected: list[str]) -> None:
    assert errors_for(tmp_path, rel, content) == expected


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, "roles/mentorin.yaml", "title: Mentor:in\nsumary: Die Person, die lehrt.\n")
    assert "curriculum/de/roles/mentorin.yaml:2:9: 'sumary': unbekanntes Feld: meinten Sie „summary“?" in errors
    assert ("curriculum/de/roles/mentorin.yaml:1:1: 'summary': Pflichtfeld fehlt: ergänzen Sie eine Zeile "
            "„summary: …“") in errors
    assert len(errors) == 9  # every missing field, not just the first
    # mentorin's file has its own errors: references to it are not repeated as unknown ids
    assert all(e.startswith("curriculum/de/roles/mentorin.yaml") for e in errors)


def test_duplicate_ids_across_kinds(tmp_path: Path) -> None:
    content = (MINI / "curriculum/de/basics/was-ist-reverse-mentoring.yaml").read_text(encoding="utf-8")
    errors = errors_for(tmp_path, "basics/mentee.yaml", content)
    assert ("curriculum/de/roles/mentee.yaml:1:1: doppelte id „mentee“: auch curriculum/de/basics/mentee.yaml. "
            "Jede Datei braucht einen eigenen Namen") in errors


def test_unknown_kind_folder(tmp_path: Path) -> None:
    assert errors_for(tmp_path, "rollen/x.yaml", "title: x\n") == [
        "curriculum/de/rollen:1:1: unbekannter Ordner, seine Dateien werden nicht gelesen; meinten Sie „roles“? "
        "bekannte Arten: basics, reasons, "
        "benefits, topics, "
        "success-factors, challenges, roles, ground-rules, phases, skills, sessions, checklists, communications, "
        "faq, glossary"
    ]


def test_a_misspelt_kind_folder_gets_a_suggestion(tmp_path: Path) -> None:
    assert errors_for(tmp_path, "sesions/x.yaml", "title: x\n")[0].startswith(
        "curriculum/de/sesions:1:1: unbekannter Ordner, seine Dateien werden nicht gelesen; meinten Sie „sessions“? ")


def test_empty_and_non_utf8_files_are_reported_with_other_problems(tmp_path: Path) -> None:
    root = curriculum_with(tmp_path, "basics/leer.yaml", "")
    (root / "curriculum/de/basics/kaputt.yaml").write_bytes(b"title: \xff\n")
    with pytest.raises(ContentErrors) as err:
        load_curriculum(root, "de")
    assert [str(e) for e in err.value.errors] == [
        "curriculum/de/basics/kaputt.yaml:1:8: kein gültiges UTF-8 (Byte 0xff): speichern Sie die Datei als UTF-8 "
        "(in vielen Editoren unter „Kodierung“)",
        "curriculum/de/basics/leer.yaml:1:1: die Datei ist leer: ein Modul braucht mindestens einen Titel (title: …)",
    ]


def test_a_suggested_shade_passes_and_keeps_the_hue() -> None:
    import colorsys

    from macros.organization.branding import contrast_with_white, darker_passing

    for light in ["#f2a541", "#ffcc00", "#7fd1ae", "#ffffff", "#ff00ff"]:
        dark = darker_passing(light)
        assert contrast_with_white(dark) >= 4.5, (light, dark)
        hue = [colorsys.rgb_to_hls(*(int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)))[0] for c in (light, dark)]
        assert abs(hue[0] - hue[1]) < 0.02, (light, dark)
        # and it is the lightest such shade: one step lighter fails
        r, g, b = (int(dark[i:i + 2], 16) for i in (1, 3, 5))
        assert contrast_with_white(f"#{min(r + 3, 255):02x}{min(g + 3, 255):02x}{min(b + 3, 255):02x}") < 4.6


def test_a_deleted_module_still_referenced_is_one_message_listing_every_reference(tmp_path: Path) -> None:
    root = curriculum_with(tmp_path, "basics/platzhalter.yaml", "title: x\n")
    (root / "curriculum/de/basics/platzhalter.yaml").unlink()
    (root / "curriculum/de/success-factors/klare-rollen.yaml").unlink()
    with pytest.raises(ContentErrors) as err:
        load_curriculum(root, "de")
    assert [str(e) for e in err.value.errors] == [
        "curriculum/de/basics/was-ist-reverse-mentoring.yaml:12:12: 'see_also[0]': kein Modul hat die id "
        "„klare-rollen“ (gelöscht oder umbenannt?), aber 2 Stellen verweisen darauf: hier und "
        "curriculum/de/challenges/hierarchiebarrieren.yaml:9. Entfernen Sie diese Verweise, oder behalten Sie "
        "das Modul und tragen Sie es in curriculum/organization.yaml unter „hidden“ ein"]


def test_a_misspelt_reference_gets_a_suggestion(tmp_path: Path) -> None:
    content = (MINI / "curriculum/de/challenges/hierarchiebarrieren.yaml").read_text(encoding="utf-8")
    errors = errors_for(tmp_path, "challenges/hierarchiebarrieren.yaml",
                        content.replace("[klare-rollen, vertraulichkeit]", "[klare-rollen, vertraulichkeitt]"))
    assert errors == ["curriculum/de/challenges/hierarchiebarrieren.yaml:9:30: 'addressed_by[1]': unbekannte id "
                      "„vertraulichkeitt“; erwartet wird ein Modul der Art: success-factors, ground-rules, skills, "
                      "phases; meinten Sie „vertraulichkeit“?"]


def test_a_copied_module_with_the_same_title_is_reported(tmp_path: Path) -> None:
    content = (MINI / "curriculum/de/roles/mentee.yaml").read_text(encoding="utf-8")
    errors = errors_for(tmp_path, "roles/mentee-kopie.yaml", content)
    assert errors == ["curriculum/de/roles/mentee.yaml:1:8: 'title': gleicher Titel wie "
                      "curriculum/de/roles/mentee-kopie.yaml: Ist das eine Kopie, geben Sie ihr einen eigenen "
                      "Titel und Inhalt, oder löschen Sie sie"]
