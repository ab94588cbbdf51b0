"""The mistakes people make when they edit YAML by hand: each named in German, at its own line.

A corpus of real editing mistakes on the mini fixture: a tab, a colon in unquoted text, a Word
quote closing a straight one, typographic quotes, a list on one line, a missing space, an
e-mail in quotes. Every message says what is wrong and what to do; no parser jargon on the
first line, no traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, handbook, make_project
from macros.base.errors import ContentErrors
from macros.content.curriculum import load_curriculum
from macros.organization.settings import load_settings

MINI = FIXTURES / "mini" / "curriculum"
ROLE = "roles/mentee.yaml"
ORIGINAL = (MINI / "de" / ROLE).read_text(encoding="utf-8")

MISTAKES = [
    ("tab for indentation", ORIGINAL.replace("checklists: [vor-der-sitzung]", "checklists:\n\t- vor-der-sitzung"),
     "12:1: Tabulator zum Einrücken: YAML rückt nur mit Leerzeichen ein. Ersetzen Sie den Tabulator am "
     "Zeilenanfang durch Leerzeichen (meist zwei je Ebene)"),
    ("colon in unquoted text", ORIGINAL.replace("what: Die Führungskraft.", "what: Führung: neu gedacht"),
     "4:1: Doppelpunkt im Text von „what“: YAML liest „: “ als neues Feld. Setzen Sie den ganzen Text in gerade "
     "Anführungszeichen: what: \"Führung: neu gedacht\""),
    ("Word quote closes a straight one", ORIGINAL.replace("what: Die Führungskraft.", 'what: "Die Führungskraft.”'),
     "4:1: Anführungszeichen passen nicht zusammen: der Text beginnt mit einem geraden Anführungszeichen und "
     "endet mit ”. Schließen Sie ihn mit demselben geraden Zeichen (\") wie am Anfang"),
    ("typographic quotes around text with a colon", ORIGINAL.replace("what: Die Führungskraft.",
                                                                     "what: „Führung: neu“"),
     "4:1: der Text von „what“ steht in typografischen Anführungszeichen und enthält einen Doppelpunkt: YAML "
     "braucht hier gerade Anführungszeichen, also what: \"…\""),
    ("typographic quotes around a whole title", ORIGINAL.replace("title: Mentee", "title: „Mentee“"),
     "1:8: 'title': der ganze Text steht in typografischen Anführungszeichen („…“), die dann auf der Seite "
     "erscheinen: lassen Sie sie weg oder nehmen Sie gerade Anführungszeichen (\")"),
    ("no space after the colon", ORIGINAL.replace("why: Sie lernt.", "why:Sie lernt."),
     "5:1: nach „why:“ fehlt ein Leerzeichen: schreiben Sie „why: …“"),
    ("a list written on one line", ORIGINAL.replace("dos: [Zuhören.]", "dos: Zuhören, Nachfragen, Ausprobieren"),
     "9:6: 'dos': hier gehört eine Liste hin, gefunden ist eine Zeile mit Kommas: schreiben Sie jeden Eintrag in "
     "eine eigene Zeile, die mit „- “ beginnt"),
    ("no space after the hyphen", ORIGINAL.replace("dos: [Zuhören.]", "dos:\n  -Zuhören.\n  -Nachfragen."),
     "10:3: 'dos': hier gehört eine Liste hin, aber nach dem Bindestrich fehlt das Leerzeichen: schreiben Sie "
     "„- Eintrag“ statt „-Eintrag“"),
]


def errors_for(tmp_path: Path, content: str) -> list[str]:
    root = tmp_path / "p"
    shutil.copytree(MINI, root / "curriculum")
    (root / "curriculum/de" / ROLE).write_text(content, encoding="utf-8")
    with pytest.raises(ContentErrors) as err:
        load_curriculum(root, "de")
    return [str(e) for e in err.value.errors]


@pytest.mark.parametrize(("mistake", "content", "expected"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_gets_its_german_message_at_its_line(tmp_path: Path, mistake: str, content: str,
                                                          expected: str) -> None:
    errors = errors_for(tmp_path, content)
    assert errors[0].split("\n")[0] == f"curriculum/de/{ROLE}:{expected}", mistake
    assert "Traceback" not in errors[0]


def test_byte_order_mark_and_windows_line_endings_are_accepted(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(MINI, root / "curriculum")
    (root / "curriculum/de" / ROLE).write_bytes(b"\xef\xbb\xbf" + ORIGINAL.replace("\n", "\r\n").encode("utf-8"))
    assert load_curriculum(root, "de").entries["mentee"].module.title == "Mentee"


def test_an_email_in_typographic_quotes_is_refused_in_check(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    settings = root / "curriculum/organization.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('email: "mentoring@beispiel.example"',
                                                                     "email: „mentoring@beispiel.example“"),
                        encoding="utf-8")
    check = handbook(root, "check")
    assert check.result.returncode == 1
    assert ("curriculum/organization.yaml:11:10: 'contact.email': erwartet wird eine E-Mail-Adresse ohne "
            "Anführungszeichen, z. B. mentoring@example.org, gefunden: der Text „„mentoring@beispiel.example““"
            in check.output)
    assert "Traceback" not in check.output


@pytest.mark.parametrize(("added", "expected"), [
    ("site:\n  adapt_page: vielleicht\n", "curriculum/organization.yaml:13:15: 'site.adapt_page': hier gehört ja "
     "oder nein hin: schreiben Sie true oder false, gefunden: der Text „vielleicht“"),
    ("terms: [Mentee, Tandem]\n", "curriculum/organization.yaml:12:1: 'terms': hier gehören Felder hin (Zeilen wie "
     "„titel: Wert“), gefunden: eine Liste"),
])
def test_a_setting_of_the_wrong_shape_gets_its_german_message(tmp_path: Path, added: str, expected: str) -> None:
    root = tmp_path / "p"
    shutil.copytree(MINI, root / "curriculum")
    settings = root / "curriculum/organization.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + added, encoding="utf-8")
    with pytest.raises(ContentErrors) as err:
        load_settings(root)
    assert [str(e) for e in err.value.errors] == [expected]
