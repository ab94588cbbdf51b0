"""`./handbook adapt --absorb`: what the published editor wrote into our files becomes the fork's override.

The published editor (Sveltia's GitHub backend) shows our modules whole and saves one of them on a
branch of its own, `cms/<collection>/<id>`, in our file; the workflow then runs the command as
below, on that branch of a fork cloned from GitHub, and commits the result to it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, GIT_ENV, bilingual_project, env, fork_of, git, handbook, make_project
from macros.content.overlay import blob_id

OURS = "curriculum/de/sessions/erstes-treffen.yaml"
LOCAL = "curriculum/local/de/sessions/erstes-treffen.yaml"
NEW = "curriculum/de/sessions/zweites-treffen.yaml"
BRANCH = "cms/ours-sessions/erstes-treffen"
WORKFLOW = Path(__file__).parent.parent / ".github" / "workflows" / "publish.yml"


def as_the_editor_saves(data: dict[str, object]) -> str:
    """Return a module as the editor writes it: the whole module, no comments, its own quoting."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)


@pytest.fixture
def edited(tmp_path: Path) -> tuple[Path, bytes]:
    """A fork with one of our sessions changed (title, one agenda step) and a new one, on the editor's branch."""
    fork = fork_of(make_project(tmp_path / "ours", FIXTURES / "mini" / "curriculum"), tmp_path)
    original = (fork / OURS).read_bytes()
    git(fork, "switch", "-q", "-c", BRANCH)
    data = yaml.safe_load(original)
    data["title"] = "Erstes Treffen bei uns"
    data["agenda"][1]["note"] = "Lernziele sammeln, mit der Personalabteilung abgestimmt."
    (fork / OURS).write_text(as_the_editor_saves(data), encoding="utf-8")
    (fork / NEW).write_text(as_the_editor_saves({**data, "title": "Zweites Treffen"}), encoding="utf-8")
    git(fork, "add", "-A")
    git(fork, "commit", "-qm", "Erstes Treffen bearbeitet")
    return fork, original


def absorb(fork: Path) -> str:
    done = handbook(fork, "adapt", "--absorb", "origin/main")
    assert done.result.returncode == 0, done.output
    return done.output


def run_as_the_workflow(fork: Path) -> str:
    """Push the editor's branch as Sveltia does, then run the absorb job's steps as publish.yml writes them."""
    git(fork, "push", "-q", "origin", BRANCH)
    job = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["absorb"]
    assert job["steps"][0]["with"] == {"ref": "${{ github.head_ref }}", "fetch-depth": 0}  # this clone, this branch
    github = {"BASE": "main", "HEAD_REF": BRANCH, "GITHUB_OUTPUT": str(fork.parent / "output")}
    said = ""
    for step in (step for step in job["steps"] if "run" in step):
        assert set(step.get("env", {})) <= set(github), step["name"]
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=fork,
                              capture_output=True, text=True, env={**env(), **GIT_ENV, **github,
                                                                    "HANDBOOK_VENV": sys.prefix})
        assert done.returncode == 0, step["name"] + ": " + done.stdout + done.stderr
        said += done.stdout + done.stderr
    return said


def test_the_change_arrives_as_her_override_and_ours_gets_its_bytes_back(edited: tuple[Path, bytes]) -> None:
    fork, original = edited
    said = run_as_the_workflow(fork)
    assert "title, agenda" in said, said
    assert (fork / OURS).read_bytes() == original
    override = yaml.safe_load((fork / LOCAL).read_text(encoding="utf-8"))
    assert list(override) == ["title", "agenda"]
    assert override["title"] == "Erstes Treffen bei uns"
    assert override["agenda"][1]["note"] == "Lernziele sammeln, mit der Personalabteilung abgestimmt."
    assert override["agenda"][0] == yaml.safe_load(original)["agenda"][0]  # the list is one field: all of it
    bases = yaml.safe_load((fork / "curriculum/local/bases.yaml").read_text(encoding="utf-8"))
    assert bases == {"de/sessions/erstes-treffen": blob_id(original)}
    assert not (fork / NEW).exists()
    moved = yaml.safe_load((fork / "curriculum/local/de/sessions/zweites-treffen.yaml").read_text(encoding="utf-8"))
    assert moved["title"] == "Zweites Treffen"
    # The pull request on GitHub now changes the fork's layer only, and the build checks that commit.
    on_github = fork.parent / "fork-on-github.git"
    head = git(on_github, "rev-parse", BRANCH).stdout.strip()
    assert (fork.parent / "output").read_text(encoding="utf-8") == f"head={head}\n"
    changed = git(on_github, "diff", "--name-only", "main", BRANCH).stdout.split()
    assert changed == ["curriculum/local/bases.yaml", LOCAL, "curriculum/local/de/sessions/zweites-treffen.yaml"]
    assert git(fork, "status", "--porcelain").stdout == ""
    check = handbook(fork, "check")
    assert check.result.returncode == 0, check.output
    build = handbook(fork, "build", pdf_env={"CHROMIUM": "/nonexistent"})
    assert build.result.returncode == 0, build.output
    page = build.html("sessions/erstes-treffen/index.html")
    assert "Erstes Treffen bei uns" in page and "mit der Personalabteilung abgestimmt" in page
    assert "Zweites Treffen" in build.html("sessions/zweites-treffen/index.html")


def test_absorbing_twice_changes_nothing_more(edited: tuple[Path, bytes]) -> None:
    fork, _ = edited
    absorb(fork)
    files = {p: p.read_bytes() for p in sorted((fork / "curriculum").rglob("*.yaml"))}
    said = absorb(fork)
    assert "Nichts zu übernehmen" in said, said
    assert {p: p.read_bytes() for p in sorted((fork / "curriculum").rglob("*.yaml"))} == files


def test_a_second_edit_updates_her_override_and_keeps_its_other_fields_and_comments(
        edited: tuple[Path, bytes]) -> None:
    fork, original = edited
    absorb(fork)
    local = fork / LOCAL
    local.write_text(local.read_text(encoding="utf-8") + "# unsere Dauer\nduration: 75\n", encoding="utf-8")
    git(fork, "add", "-A")
    git(fork, "commit", "-qm", "übernommen")
    # The editor shows ours again (her override lives in her layer) and she changes the summary.
    data = yaml.safe_load(original)
    data["summary"] = "Kennenlernen bei uns."
    (fork / OURS).write_text(as_the_editor_saves(data), encoding="utf-8")
    absorb(fork)
    text = local.read_text(encoding="utf-8")
    assert "# unsere Dauer\n" in text
    assert list(yaml.safe_load(text)) == ["title", "agenda", "duration", "summary"]
    assert yaml.safe_load(text)["summary"] == "Kennenlernen bei uns."
    assert (fork / OURS).read_bytes() == original


def test_a_link_in_our_folders_is_refused_and_nothing_is_written(edited: tuple[Path, bytes], tmp_path: Path) -> None:
    fork, _ = edited
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: geheim\n", encoding="utf-8")
    (fork / "curriculum/de/sessions/link.yaml").symlink_to(secret)
    done = handbook(fork, "adapt", "--absorb", "origin/main")
    assert done.result.returncode == 1
    assert "symbolischer Link" in done.output
    assert not (fork / "curriculum/local").exists()  # checked before anything was written
    assert secret.read_text(encoding="utf-8") == "title: geheim\n"


@pytest.mark.parametrize("ref", ["--output=/tmp/x", "kein-zweig", "main..HEAD"])
def test_a_ref_that_names_no_commit_is_refused(edited: tuple[Path, bytes], ref: str) -> None:
    fork, _ = edited
    done = handbook(fork, "adapt", "--absorb", ref)
    assert done.result.returncode == 1
    assert "nennt keinen Stand" in done.output
    assert not (fork / "curriculum/local").exists()


def test_the_workflow_absorbs_only_on_the_editors_pull_requests_and_builds_what_it_committed() -> None:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    assert "startsWith(github.head_ref, 'cms/')" in jobs["absorb"]["if"]
    assert "github.event.pull_request.head.repo.full_name == github.repository" in jobs["absorb"]["if"]
    assert jobs["absorb"]["permissions"] == {"contents": "write"}  # the one job that may push
    assert jobs["build"]["needs"] == "absorb" and "needs.absorb.result != 'failure'" in jobs["build"]["if"]
    assert jobs["build"]["steps"][0]["with"]["ref"] == "${{ needs.absorb.outputs.head }}"


def test_more_than_one_ref_is_the_usage_and_nothing_is_written(edited: tuple[Path, bytes]) -> None:
    fork, _ = edited
    done = handbook(fork, "adapt", "--absorb", "main", "main")
    assert done.result.returncode == 2 and "./handbook adapt --absorb" in done.output
    assert not (fork / "curriculum/local").exists()


def test_a_file_that_does_not_read_is_a_located_message_and_nothing_is_written(edited: tuple[Path, bytes]) -> None:
    fork, original = edited
    (fork / OURS).write_text("title: [kaputt\n", encoding="utf-8")
    done = handbook(fork, "adapt", "--absorb", "origin/main")
    assert done.result.returncode == 1
    assert f"{OURS}:2:1: diese Zeile kann nicht gelesen werden" in done.output, done.output
    assert not (fork / "curriculum/local").exists() and (fork / NEW).exists()


def test_with_two_editions_only_the_edition_she_changed_gets_an_override(tmp_path: Path) -> None:
    fork = fork_of(bilingual_project(tmp_path / "ours"), tmp_path)
    german, english = (fork / OURS).read_bytes(), (fork / OURS.replace("/de/", "/en/")).read_bytes()
    git(fork, "switch", "-q", "-c", BRANCH)
    # The editor saves both editions of the entry, each rewritten in its own style; she changed the English title.
    (fork / OURS).write_text(as_the_editor_saves(yaml.safe_load(german)), encoding="utf-8")
    changed = {**yaml.safe_load(english), "title": "First meeting, our way"}
    (fork / OURS.replace("/de/", "/en/")).write_text(as_the_editor_saves(changed), encoding="utf-8")
    git(fork, "commit", "-qam", "English title")
    said = absorb(fork)
    assert (fork / OURS).read_bytes() == german and (fork / OURS.replace("/de/", "/en/")).read_bytes() == english
    assert not (fork / LOCAL).exists(), said
    override = yaml.safe_load((fork / LOCAL.replace("/de/", "/en/")).read_text(encoding="utf-8"))
    assert override == {"title": "First meeting, our way"}
    check = handbook(fork, "check")
    assert check.result.returncode == 0, check.output
