"""A fork takes our updates with git: no conflicts, and the overrides that went stale are named.

Real git in tmp_path: an "upstream" repository with the mini curriculum and our settings
file, a fork cloned from it that changes only what the guide says to change, then an
upstream commit that edits the module the fork overrode, another module and the comments of
the settings file. The merge must be clean and ./handbook check must name the stale override.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from conftest import FIXTURES, ROOT, handbook, make_project, upstream_only

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, **GIT_ENV})
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fork_merges_our_update_without_conflict_and_names_the_stale_override(tmp_path: Path) -> None:
    upstream = make_project(tmp_path / "upstream", FIXTURES / "mini" / "curriculum")
    # Our settings file as we ship it (a copy, so this test holds on a fork that changed its own).
    shutil.copy(FIXTURES / "settings/organization.yaml", upstream / "curriculum/organization.yaml")
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-qm", "upstream")
    fork = tmp_path / "fork"
    git(tmp_path, "clone", "-q", str(upstream), str(fork))

    # The fork, as the guide says: values only in the settings, its own files under local/.
    settings = fork / "curriculum/organization.yaml"
    edit(settings, 'name: "Beispiel GmbH"', 'name: "Nordlicht Stadtwerke"')
    edit(settings, 'primary_color: "#1d5c63"', 'primary_color: "#7a1f5c"')
    edit(settings, 'rhythm: "alle drei Wochen"', 'rhythm: "alle vier Wochen"')
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
    edit(upstream / "curriculum/organization.yaml", "# The one place to adapt", "# The single place to adapt")
    edit(upstream / "curriculum/organization.yaml", "  # number of pair sessions", "  # number of pair sessions (6-12)")
    git(upstream, "commit", "-qam", "upstream update")

    merged = subprocess.run(["git", "pull", "--no-rebase", "-q", "origin", "main"], cwd=fork,
                            capture_output=True, text=True, env={**os.environ, **GIT_ENV})
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "CONFLICT" not in merged.stdout + merged.stderr
    assert 'name: "Nordlicht Stadtwerke"' in settings.read_text(encoding="utf-8")
    assert "# number of pair sessions (6-12)" in settings.read_text(encoding="utf-8")

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
