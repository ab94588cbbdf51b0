"""The committed JSON Schemas are generated from the models and must not drift."""

from __future__ import annotations

import json

from conftest import ROOT
from macros.commands.schema import all_schemas
from macros.schema.models import KINDS


def test_committed_schemas_match_the_models() -> None:
    for name, text in all_schemas().items():
        path = ROOT / "schemas" / name
        assert path.exists(), f"{name} missing: run ./handbook schema"
        assert path.read_text(encoding="utf-8") == text, f"{name} is stale: run ./handbook schema"


def test_schemas_are_draft_07_with_definitions() -> None:
    for kind in KINDS:
        schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert "$defs" not in json.dumps(schema)
        assert schema["additionalProperties"] is False
    session = json.loads((ROOT / "schemas/sessions.schema.json").read_text(encoding="utf-8"))
    assert session["properties"]["audience"]["enum"] == ["pair", "cohort", "facilitators"]
    assert session["definitions"]["Step"]["properties"]["minutes"]["minimum"] == 1


def test_vscode_maps_every_kind_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    for kind in KINDS:
        assert settings[f"schemas/{kind}.schema.json"] == [f"curriculum/*/{kind}/*.yaml",
                                                          f"curriculum/local/*/{kind}/*.yaml"]
