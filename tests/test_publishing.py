"""The Pages workflow a fork switches on: it gates deployment on validation, tests and build."""

from __future__ import annotations

import yaml

from conftest import ROOT


def test_workflow_deploys_only_after_check_test_and_build() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    build = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in build]
    check = next(i for i, run in enumerate(runs) if "./handbook check" in run)
    assert check < runs.index("CI=true ./handbook test") < runs.index("./handbook build")
    # Its findings on the run's Summary page, where the guide sends whoever edits in the browser.
    assert '>> "$GITHUB_STEP_SUMMARY"' in runs[check] and runs[check].rstrip().endswith("exit $status")
    for guide, words in (("de", "**Zusammenfassung**"), ("en", "**Summary**")):
        assert words in (ROOT / f"docs/{guide}/anpassen.md").read_text("utf-8")
    assert build[-1]["uses"].startswith("actions/upload-pages-artifact")
    # The same site as a download, for a web server other than Pages (the guide names it).
    download = next(step for step in build if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert download["with"]["path"] == "site" and build.index(download) > runs.index("./handbook build")
    for guide in ("de", "en"):
        assert f"*Artifacts*: `{download['with']['name']}`" in (ROOT / f"docs/{guide}/anpassen.md").read_text("utf-8")
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "pull_request" in deploy["if"]


def test_dev_container_installs_checks_and_forwards_the_preview() -> None:
    import json
    import re

    text = (ROOT / ".devcontainer/devcontainer.json").read_text(encoding="utf-8")
    config = json.loads(re.sub(r"^\s*//.*$", "", text, flags=re.M))  # JSON with comments
    assert "chromium" in config["postCreateCommand"] and "./handbook check" in config["postCreateCommand"]
    assert config["postAttachCommand"].startswith("./handbook serve") and "8000" in config["postAttachCommand"]
    assert config["forwardPorts"] == [8000]
    assert "redhat.vscode-yaml" in config["customizations"]["vscode"]["extensions"]
