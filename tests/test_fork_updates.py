"""A fork takes our updates with git: no conflicts, and the overrides that went stale are named.

Real git in tmp_path: an "upstream" repository with the mini curriculum and our settings
file, a fork cloned from it that changes only what the guide says to change, then an
upstream commit that edits the module the fork overrode, another module and the comments of
the settings file. The update runs the guide's own commands, read from the guide (section 9), on
git's default configuration; the merge must be clean and ./handbook check must name the stale override.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from conftest import FIXTURES, GIT_ENV, ROOT, bilingual_project, fork_of, git, handbook, make_project, upstream_only


def update_commands(guide: str) -> list[str]:
    """Return the commands of the guide's code block that brings in our updates, as written there."""
    text = (ROOT / f"docs/{guide}/anpassen.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```\n(.*?)^```$", text, flags=re.M | re.S)
    block = next(b for b in blocks if "git remote add upstream" in b)
    return [re.sub(r"\s+#.*$", "", line) for line in block.splitlines() if line.strip()]


def test_both_guides_give_the_same_update_commands_that_work_on_gits_defaults() -> None:
    german, english = update_commands("de"), update_commands("en")
    placeholder = re.compile(r"https://github\.com/<[^>]+>/<[^>]+>\.git")
    assert [placeholder.sub("URL", c) for c in german] == [placeholder.sub("URL", c) for c in english]
    # Plain `git pull` stops on a branch with commits of its own (git >= 2.27, no pull.rebase set).
    pull = next(c for c in german if c.startswith("git pull --no-rebase --no-edit upstream "))
    assert f"`{pull}`" in (ROOT / "README.md").read_text(encoding="utf-8")  # the README gives the same


def run_guide(fork: Path, home: Path, upstream: Path) -> subprocess.CompletedProcess[str]:
    """Run the German guide's update commands in ``fork``, our repository at ``upstream``.

    git as installed: no global or system configuration (so no pull.rebase), a fresh HOME.
    """
    script = "set -e\n" + "\n".join(re.sub(r"https://github\.com/<[^>]+>/<[^>]+>\.git", str(upstream), c)
                                     for c in update_commands("de"))
    home.mkdir()
    return subprocess.run(["bash", "-c", script], cwd=fork, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV, "HOME": str(home)})


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fork_merges_our_update_without_conflict_and_names_the_stale_override(tmp_path: Path) -> None:
    upstream = make_project(tmp_path / "upstream", FIXTURES / "mini" / "curriculum")
    # Our settings file as we ship it (a copy, so this test holds on a fork that changed its own).
    shutil.copy(FIXTURES / "settings/organization.yaml", upstream / "curriculum/organization.yaml")
    fork = fork_of(upstream, tmp_path)  # her fork on GitHub, and her clone of it

    # The fork, as the guide says: values only in the settings, its own files under local/.
    settings = fork / "curriculum/organization.yaml"
    edit(settings, 'name: "Beispiel GmbH"', 'name: "Nordlicht Stadtwerke"')
    edit(settings, 'primary_color: "#1d5c63"', 'primary_color: "#7a1f5c"')
    edit(settings, 'rhythm: "alle drei Wochen"', "every_weeks: 4")  # the rhythm in words follows it
    edit(settings, "languages: [de, en]", "languages: [de]")  # this fork builds German only
    settings.write_text(settings.read_text(encoding="utf-8") + "\nhidden:\n  - klare-rollen\n"
                        "terms:\n  Mentee: Lernpartner:in\n", encoding="utf-8")
    adapted = handbook(fork, "adapt", "roles/mentee")
    assert adapted.result.returncode == 0, adapted.output
    local = fork / "curriculum/local/de/roles/mentee.yaml"
    text = re.sub(r"(?m)^summary: .*$", "summary: Die Führungskraft, die bei uns lernt.", local.read_text("utf-8"))
    local.write_text(text, encoding="utf-8")
    shutil.copytree(FIXTURES / "fork/local/de/topics", fork / "curriculum/local/de/topics")
    assert handbook(fork, "check").result.returncode == 0
    git(fork, "add", "-A")
    git(fork, "commit", "-qm", "our fork")

    # Upstream moves on: the overridden module, another module, the comments around the settings.
    edit(upstream / "curriculum/de/roles/mentee.yaml", "order: 2", "order: 3")
    edit(upstream / "curriculum/de/roles/mentorin.yaml", "title: Mentor:in", "title: Mentor:in (Tandem)")
    edit(upstream / "curriculum/organization.yaml", "# Die eine Stelle", "# Die einzige Stelle")
    edit(upstream / "curriculum/organization.yaml", "  # Zahl der Tandemtreffen", "  # Zahl der Tandemtreffen (6-12)")
    git(upstream, "commit", "-qam", "upstream update")

    merged = run_guide(fork, tmp_path / "home", upstream)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert git(fork, "log", "-1", "--format=%s").stdout.startswith("Merge branch 'main'")  # both sides kept
    assert "CONFLICT" not in merged.stdout + merged.stderr
    assert 'name: "Nordlicht Stadtwerke"' in settings.read_text(encoding="utf-8")
    assert "# Zahl der Tandemtreffen (6-12)" in settings.read_text(encoding="utf-8")

    check = handbook(fork, "check")
    assert check.result.returncode == 0, check.output  # a notice, not a failure
    assert ("Hinweis: curriculum/local/de/roles/mentee.yaml: unser Modul roles/mentee hat sich geändert, seit Sie "
            "es angepasst haben; was sich geändert hat, zeigt ./handbook diff roles/mentee") in check.output
    diff = handbook(fork, "diff", "roles/mentee")
    assert "-order: 2" in diff.output and "+order: 3" in diff.output


@upstream_only
def test_the_settings_file_we_ship_keeps_comments_on_their_own_lines() -> None:
    # git conflicts on neighbouring lines: a value with its comment on the same line would
    # conflict whenever we touch the comment. The fixture above must be this very file.
    shipped = (ROOT / "curriculum/organization.yaml").read_text(encoding="utf-8")
    assert shipped == (FIXTURES / "settings/organization.yaml").read_text(encoding="utf-8")
    for number, line in enumerate(shipped.splitlines(), 1):
        assert line.lstrip().startswith("#") or "#" not in line.split('"')[-1], f"line {number}: {line}"


def test_an_update_is_announced_once_by_check(tmp_path: Path) -> None:
    # Ours: two editions on disk, German built alone, and a CHANGELOG with one release so far.
    upstream = bilingual_project(tmp_path / "upstream")
    edit(upstream / "curriculum/organization.yaml", "languages: [de, en]", "languages: [de]")
    (upstream / ".gitignore").write_text((ROOT / ".gitignore").read_text(encoding="utf-8"), encoding="utf-8")
    changelog = upstream / "CHANGELOG.md"
    changelog.write_text("# Änderungen\n\n## 2027-01\n\n### Für Organisationen\n\n- Erstes Update.\n\n"
                         "### For organizations\n\n- First update.\n", encoding="utf-8")
    fork = fork_of(upstream, tmp_path)
    edit(fork / "curriculum/organization.yaml", 'name: "Beispiel AG"', 'name: "Nordlicht Stadtwerke"')
    first = handbook(fork, "check")
    assert first.result.returncode == 0, first.output
    assert "Neu seit Ihrem letzten Update" in first.output and "2027-01: Erstes Update." in first.output
    assert "Neu seit" not in handbook(fork, "check").output  # said once
    git(fork, "commit", "-qam", "our name")

    # Our next release: the English edition built too, a new default, and its CHANGELOG entry.
    edit(upstream / "curriculum/organization.yaml", "languages: [de]", "languages: [de, en]")
    edit(upstream / "macros/organization/program.py", "escalate_after: int = Field(2,",
         "escalate_after: int = Field(3,")
    edit(changelog, "## 2027-01\n", "## 2027-02\n\n### Für Organisationen\n\n- Englisch kommt dazu.\n\n"
         "### For organizations\n\n- English is added.\n\n## 2027-01\n")
    git(upstream, "commit", "-qam", "upstream update")
    merged = run_guide(fork, tmp_path / "home", upstream)
    assert merged.returncode == 0, merged.stdout + merged.stderr

    told = handbook(fork, "check")
    assert told.result.returncode == 0, told.output
    news = told.output[told.output.index("Neu seit"):told.output.index("ok: ")]
    assert "2027-02: Englisch kommt dazu." in news and "Erstes Update" not in news and "English" not in news
    assert "Die Ausgabe „en“ wird jetzt mitgebaut (unter /en/). Nur eine Ausgabe bauen: languages: [de]" in news
    assert ("Die Einstellung program.escalate_after hat einen neuen Standardwert: 3 statt 2. Sie setzen sie "
            "nicht selbst, also gilt jetzt 3") in news
    assert "Neu seit" not in handbook(fork, "check").output


def conflict_commands(guide: str) -> list[str]:
    """Return the guide's commands that keep the fork's settings when organization.yaml conflicts."""
    text = (ROOT / f"docs/{guide}/anpassen.md").read_text(encoding="utf-8")
    return [line for block in re.findall(r"^```shell\n(.*?)^```$", text, flags=re.M | re.S)
            if "--ours curriculum/organization.yaml" in block for line in block.splitlines() if line.strip()]


def test_a_conflict_in_the_settings_file_is_resolved_by_the_guides_commands(tmp_path: Path) -> None:
    # The one conflict a fork that keeps the basic rule can meet: we reword the comment right
    # above a value the fork changed (git conflicts on neighbouring lines).
    assert len(conflict_commands("de")) == len(conflict_commands("en")) == 2
    upstream = bilingual_project(tmp_path / "upstream")
    edit(upstream / "curriculum/organization.yaml", "organization:\n", "organization:\n  # the organization\n")
    fork = fork_of(upstream, tmp_path)
    edit(fork / "curriculum/organization.yaml", 'name: "Beispiel AG"', 'name: "Nordlicht Stadtwerke"')
    git(fork, "commit", "-qam", "our name")
    edit(upstream / "curriculum/organization.yaml", "# the organization", "# die Organisation")
    edit(upstream / "curriculum/de/roles/mentorin.yaml", "title: Mentor:in", "title: Mentor:in (neu)")
    git(upstream, "commit", "-qam", "comments in German, and a module")

    stopped = run_guide(fork, tmp_path / "home", upstream)
    assert stopped.returncode != 0 and "organization.yaml" in stopped.stdout + stopped.stderr
    script = "set -e\n" + "\n".join(conflict_commands("de"))
    resolved = subprocess.run(["bash", "-c", script], cwd=fork, capture_output=True, text=True,
                              env={**os.environ, **GIT_ENV, "HOME": str(tmp_path / "home")})
    assert resolved.returncode == 0, resolved.stdout + resolved.stderr
    assert git(fork, "status", "--porcelain").stdout == ""  # the merge is complete
    settings = (fork / "curriculum/organization.yaml").read_text(encoding="utf-8")
    assert 'name: "Nordlicht Stadtwerke"' in settings and "<<<<<<<" not in settings
    assert "Mentor:in (neu)" in (fork / "curriculum/de/roles/mentorin.yaml").read_text(encoding="utf-8")
    check = handbook(fork, "check")
    assert check.result.returncode == 0, check.output
