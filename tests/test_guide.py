"""The guide is executable: every command in its code blocks, run as written on a scratch fork.

docs/de/anpassen.md and docs/en/anpassen.md give the same commands; the German ones run in the
order the guide gives them, in a fork cloned from a scratch "upstream" (the two-edition fixture)
with a commit of its own, on git's default configuration. Only the placeholder address of our
repository becomes the scratch one, and the preview's port a free one (in the fork's mkdocs.yml).
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

from conftest import GIT_ENV, ROOT, bilingual_project, env, fork_of, git

OUR_ADDRESS = re.compile(r"https://github\.com/<[^>]+>/<[^>]+>\.git")


def commands(guide: str) -> list[str]:
    """Return the command lines of the guide's shell blocks, in order, without their comments."""
    found, fence = [], None  # fence: the open block's language ("" for none), None outside blocks
    for line in (ROOT / f"docs/{guide}/anpassen.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fence = line[3:].strip() if fence is None else None
        elif fence in ("", "sh", "bash") and line.strip():
            found.append(re.sub(r"\s+#.*$", "", line))
    return found


def test_both_guides_give_the_same_commands() -> None:
    german, english = commands("de"), commands("en")
    assert [OUR_ADDRESS.sub("URL", c) for c in german] == [OUR_ADDRESS.sub("URL", c) for c in english]
    assert any(c.startswith("./handbook") for c in german) and any(c.startswith("git pull") for c in german)


def scratch_fork(tmp_path: Path) -> tuple[Path, Path]:
    """Return (our scratch repository, a fork of it with one commit of its own and one new of ours)."""
    upstream = bilingual_project(tmp_path / "upstream")
    fork = fork_of(upstream, tmp_path)
    settings = fork / "curriculum/organization.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('"Beispiel AG"', '"Nordlicht Stadtwerke"'),
                        encoding="utf-8")
    git(fork, "commit", "-qam", "our name")
    module = upstream / "curriculum/de/roles/mentorin.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace("title: Mentor:in", "title: Mentor:in (neu)"),
                      encoding="utf-8")
    git(upstream, "commit", "-qam", "our update")
    return upstream, fork


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    # No Chromium for this build: the guide's build command without PDFs is what is run here.
    return {**env(), **GIT_ENV, "HOME": str(home), "HANDBOOK_VENV": sys.prefix, "CHROMIUM": "/nonexistent"}


def preview(fork: Path, command: str, environment: dict[str, str], port: int) -> str:
    """Start the guide's preview command, return the start page it serves, stop it."""
    server = subprocess.Popen(["bash", "-c", command], cwd=fork, env=environment, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    stop = threading.Timer(300, server.kill)  # a preview that never comes up must not hang the run
    stop.start()
    try:
        said = []
        for line in server.stdout:  # type: ignore[union-attr]
            said.append(line)
            if "Serving on" in line:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60) as answer:
                    return str(answer.read().decode("utf-8"))
        raise AssertionError("".join(said))
    finally:
        stop.cancel()
        server.terminate()
        server.wait(timeout=30)


def test_every_command_of_the_guide_runs_as_written(tmp_path: Path) -> None:
    upstream, fork = scratch_fork(tmp_path)
    port = free_port()
    with (fork / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"dev_addr: 127.0.0.1:{port}\n")
    environment = run_env(tmp_path)
    for command in commands("de"):
        if command.startswith("./handbook serve"):
            lang = command.split()[2] if len(command.split()) > 2 else "de"
            assert f'<html lang="{lang}"' in preview(fork, command, environment, port), command
            continue
        done = subprocess.run(["bash", "-c", OUR_ADDRESS.sub(str(upstream), command)], cwd=fork, env=environment,
                              capture_output=True, text=True, timeout=900)
        assert done.returncode == 0 and "Traceback" not in done.stderr, (command, done.stdout + done.stderr)
    local = (fork / "curriculum/local/de/roles/mentee.yaml").read_text(encoding="utf-8")
    assert [line.split(":")[0] for line in local.splitlines() if not line.startswith("#")] == ["summary"]
    assert "Mentor:in (neu)" in (fork / "site/roles/mentorin/index.html").read_text(encoding="utf-8")  # merged
    assert "Nordlicht Stadtwerke" in (fork / "site/en/index.html").read_text(encoding="utf-8")
