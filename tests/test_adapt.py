"""`./handbook adapt`, `adapt --reviewed`, `diff` and `translate-status --update`, as a fork runs them.

Each command reads and writes files named by an argument: every hostile argument (a way out of
curriculum/, a bad id, a symbolic link, a file not in UTF-8) gets a German message and touches nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, bilingual_project, handbook, make_project
from macros.content.overlay import blob_id

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
LOCAL = "curriculum/local/de/roles/mentee.yaml"


def git(cwd: Path, *args: str) -> None:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV})
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def fork(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p", FIXTURES / "mini" / "curriculum")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "ours")
    return root


def test_adapting_one_field_writes_just_that_field_with_our_current_text(fork: Path) -> None:
    done = handbook(fork, "adapt", "roles/mentee", "summary")
    assert done.result.returncode == 0, done.output
    local = (fork / LOCAL).read_text(encoding="utf-8")
    ours = (fork / "curriculum/de/roles/mentee.yaml").read_text(encoding="utf-8")
    summary = next(line for line in ours.splitlines() if line.startswith("summary:"))
    fields = [line.split(":")[0] for line in local.splitlines() if line and not line.startswith(("#", " ", "-"))]
    assert fields == ["summary"] and summary in local
    assert local.startswith("# Ihre Fassung von roles/mentee: Nur die Felder in dieser Datei ersetzen unsere.")
    assert "de/roles/mentee: " in (fork / "curriculum/local/bases.yaml").read_text(encoding="utf-8")
    # A list field keeps its lines as ours writes them; a field already there is left alone.
    assert handbook(fork, "adapt", "roles/mentee", "dos").result.returncode == 0
    local = (fork / LOCAL).read_text(encoding="utf-8")
    assert ours[ours.index("\ndos:") + 1:].split("\ndonts:")[0] in local
    again = handbook(fork, "adapt", "roles/mentee", "summary")
    assert "„summary“ steht schon in curriculum/local/de/roles/mentee.yaml" in again.output
    assert handbook(fork, "check").result.returncode == 0


def test_an_unknown_field_is_named_with_the_fields_there_are(fork: Path) -> None:
    done = handbook(fork, "adapt", "roles/mentee", "sumary")
    assert done.result.returncode == 1 and not (fork / LOCAL).exists()
    assert "roles/mentee hat kein Feld „sumary“; vorhanden sind: title, summary," in done.output


def test_diff_names_the_files_and_fields_and_reviewed_quiets_the_notice(fork: Path) -> None:
    assert handbook(fork, "adapt", "roles/mentee", "summary").result.returncode == 0
    ours = fork / "curriculum/de/roles/mentee.yaml"
    ours.write_text(ours.read_text(encoding="utf-8").replace("order: 2", "order: 3"), encoding="utf-8")
    git(fork, "commit", "-qam", "our update")
    assert "hat sich geändert, seit Sie es angepasst haben" in handbook(fork, "check").output
    shown = handbook(fork, "diff", "roles/mentee").output
    assert "Was sich in unserem Modul roles/mentee (curriculum/de/roles/mentee.yaml) geändert hat" in shown
    assert "geänderte Felder: order" in shown and "keines davon steht in Ihrer Fassung" in shown
    assert "--- curriculum/de/roles/mentee.yaml (als Sie angepasst haben)" in shown
    assert "+++ curriculum/de/roles/mentee.yaml (jetzt)" in shown and "-order: 2" in shown and "+order: 3" in shown
    reviewed = handbook(fork, "adapt", "--reviewed", "roles/mentee")
    assert reviewed.result.returncode == 0 and "als geprüft vermerkt" in reviewed.output
    assert "hat sich geändert" not in handbook(fork, "check").output
    assert "hat sich nicht geändert" in handbook(fork, "diff", "roles/mentee").output


@pytest.mark.parametrize("arg", ["../../x", "roles/../../../etc/passwd", "/etc/passwd", "roles/Mentee",
                                 "roles/mentee.yaml", "de/roles/../mentee", "xx/roles/mentee/extra", "../roles/x",
                                 "roles/", "", "DE/roles/mentee"])
def test_a_hostile_module_argument_is_refused_and_touches_nothing(fork: Path, arg: str, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    # In this process (./handbook adapt|diff runs this very main): 44 runs of the script would take a minute.
    from macros.commands.adapt import main

    monkeypatch.chdir(fork)
    before = sorted(p for p in fork.rglob("*") if ".git" not in p.parts)
    for command in (["adapt", arg], ["adapt", arg, "summary"], ["adapt", "--reviewed", arg], ["diff", arg]):
        code = main(command)
        said = capsys.readouterr()
        assert code != 0 and said.out == "", (command, said)
        assert any(words in said.err for words in ("nennt kein Modul", "keine Art", "Aufruf:")), (command, said)
    assert sorted(p for p in fork.rglob("*") if ".git" not in p.parts) == before


def test_a_symbolic_link_is_refused_for_reading_and_writing(fork: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: geheim\n", encoding="utf-8")
    (fork / "curriculum/local/de/roles").mkdir(parents=True)
    (fork / LOCAL).symlink_to(secret)
    for command in (["adapt", "roles/mentee", "summary"], ["adapt", "--reviewed", "roles/mentee"],
                    ["diff", "roles/mentee"]):
        done = handbook(fork, *command)
        assert done.result.returncode == 1 and "curriculum/local/de/roles/mentee.yaml ist ein symbolischer Link: " \
            "abgelehnt" in done.output, (command, done.output)
    assert secret.read_text(encoding="utf-8") == "title: geheim\n"
    # A linked folder on the way, too.
    (fork / LOCAL).unlink()
    (fork / "curriculum/local/de/roles").rmdir()
    (fork / "curriculum/local/de/roles").symlink_to(tmp_path)
    done = handbook(fork, "adapt", "roles/mentee")
    assert done.result.returncode == 1 and "curriculum/local/de/roles ist ein symbolischer Link" in done.output
    assert not (tmp_path / "mentee.yaml").exists()


def test_translate_status_update_refuses_links_bad_ids_and_names_a_non_utf8_file(tmp_path: Path) -> None:
    root = bilingual_project(tmp_path / "p")
    translation = root / "curriculum/en/roles/mentee.yaml"
    bad = handbook(root, "translate-status", "--update", "../../mentee")
    assert bad.result.returncode == 1 and "„../../mentee“ nennt kein Modul" in bad.output
    translation.write_bytes(translation.read_bytes().replace(b"title: EN ", b"title: EN \xe4 ", 1))
    broken = handbook(root, "translate-status", "--update", "mentee")
    assert broken.result.returncode == 1 and "Traceback" not in broken.output
    assert "curriculum/en/roles/mentee.yaml:" in broken.output and "kein gültiges UTF-8 (Byte 0xe4)" in broken.output
    outside = tmp_path / "outside.yaml"
    outside.write_text("# translation of: x @ " + "0" * 40 + "\ntitle: x\n", encoding="utf-8")
    translation.unlink()
    translation.symlink_to(outside)
    linked = handbook(root, "translate-status", "--update", "mentee")
    assert linked.result.returncode == 1 and "ist ein symbolischer Link: abgelehnt" in linked.output
    assert outside.read_text(encoding="utf-8").startswith("# translation of: x @ ")


def test_move_bases_takes_the_old_comment_lines_to_bases_yaml(fork: Path) -> None:
    # A fork adapted before bases.yaml: the base is a comment line in the override itself.
    ours = fork / "curriculum/de/roles/mentee.yaml"
    old = blob_id(ours.read_bytes())
    (fork / LOCAL).parent.mkdir(parents=True)
    head, body = "# Ihre Fassung von roles/mentee\n", "summary: Unsere Mentees lernen.\n"
    (fork / LOCAL).write_text(f"{head}# beruht auf: {old}\n{body}", encoding="utf-8")
    ours.write_text(ours.read_text(encoding="utf-8").replace("order: 2", "order: 3"), encoding="utf-8")
    assert "hat sich geändert, seit Sie es angepasst haben" in handbook(fork, "check").output  # still read there
    moved = handbook(fork, "adapt", "--move-bases")
    assert moved.result.returncode == 0 and "1 Vermerk(e)" in moved.output
    assert (fork / LOCAL).read_text(encoding="utf-8") == head + body
    assert f"de/roles/mentee: {old}\n" in (fork / "curriculum/local/bases.yaml").read_text(encoding="utf-8")
    assert "hat sich geändert, seit Sie es angepasst haben" in handbook(fork, "check").output


def test_the_forks_own_translation_is_recorded_beside_it_and_old_marks_move(tmp_path: Path) -> None:
    # A fork's own module in both editions: its English file translates its German one.
    root = bilingual_project(tmp_path / "p")
    own_de, own_en = (root / f"curriculum/local/{lang}/sessions/eigene-sitzung.yaml" for lang in ("de", "en"))
    for path in (own_de, own_en):
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(root / "curriculum/de/sessions/erstes-treffen.yaml", path)
    source = blob_id(own_de.read_bytes())
    own_en.write_text(f"# translation of: curriculum/local/de/sessions/eigene-sitzung.yaml @ {source}\n"
                      + own_en.read_text(encoding="utf-8"), encoding="utf-8")
    assert handbook(root, "adapt", "--move-bases").result.returncode == 0
    assert "translation of" not in own_en.read_text(encoding="utf-8")
    assert f"en/sessions/eigene-sitzung: {source}\n" in (root / "curriculum/local/translations.yaml").read_text("utf-8")
    assert "Ausgabe en: 11 aktuell, 0 veraltet, 0 ohne Angabe" in handbook(root, "translate-status").output
    # The German one changes: outdated; --update records the new version, in the record, not the file.
    own_de.write_text(own_de.read_text(encoding="utf-8").replace("Erstes Treffen", "Eigene Sitzung"), encoding="utf-8")
    assert "Ausgabe en: 10 aktuell, 1 veraltet, 0 ohne Angabe" in handbook(root, "translate-status").output
    assert handbook(root, "translate-status", "--update", "eigene-sitzung").result.returncode == 0
    record = (root / "curriculum/local/translations.yaml").read_text("utf-8")
    assert f"en/sessions/eigene-sitzung: {blob_id(own_de.read_bytes())}\n" in record
    assert "translation of" not in own_en.read_text(encoding="utf-8")
