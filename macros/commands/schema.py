"""Write schemas/: one JSON Schema per kind (editors' YAML support) and the browser editor's configuration.

`python -m macros.commands.schema` regenerates them; `--check` fails when the committed files
differ from what the models produce (tests run it too). Editors' YAML support understands
draft-07, so pydantic's 2020-12 output is converted: `$defs` becomes `definitions`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macros.base.messages import say
from macros.commands.editor import all_configs
from macros.organization.settings import Settings
from macros.schema.models import KINDS

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


def draft07(model: type[BaseModel], name: str) -> dict[str, Any]:
    """Return the model's JSON Schema in draft-07 form."""
    schema = model.model_json_schema(ref_template="#/definitions/{model}")
    if "$defs" in schema:
        schema["definitions"] = schema.pop("$defs")
    return {"$schema": "http://json-schema.org/draft-07/schema#", "$id": f"{name}.schema.json", **schema}


def all_schemas() -> dict[str, str]:
    """Return file name -> JSON text for every kind and for the settings file."""
    models: dict[str, type[BaseModel]] = {**KINDS, "organization": Settings}
    return {f"{name}.schema.json": json.dumps(draft07(m, name), indent=2, ensure_ascii=False) + "\n"
            for name, m in models.items()}


def main() -> int:
    check = "--check" in sys.argv
    stale = []
    generated = {**all_schemas(), **all_configs()}  # the editor's forms come from the same models
    for name, text in generated.items():
        path = SCHEMAS / name
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print(say("schema_stale", names=", ".join(stale)), file=sys.stderr)
        return 1
    print(say("schema_fresh") if check else say("schema_written", count=len(generated)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
