"""The Pages workflow a fork switches on: it gates deployment on validation, tests and build."""

from __future__ import annotations

import yaml

from conftest import ROOT


def test_workflow_deploys_only_after_check_test_and_build() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    build = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in build]
    assert runs.index("./handbook check") < runs.index("CI=true ./handbook test") < runs.index("./handbook build")
    assert build[-1]["uses"].startswith("actions/upload-pages-artifact")
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "pull_request" in deploy["if"]
