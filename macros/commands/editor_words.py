"""The words of the editor's forms in one interface language: names, hints, pattern explanations.

Field names come from the headings the handbook already prints (`headings:` in
macros/i18n/<lang>.yaml) or from its `editor.fields`; the hint under a field is the model's
description, which is English, so another language gives its own under `editor_hints`, keyed by
the field's path (`agenda.minutes`) or, where one kind means something else by it, by
`<kind>.<path>`. A reference's hint names the kinds it points to, in the language's kind names.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from macros.base.messages import catalogue
from macros.organization.labels import load_labels
from macros.schema.field_types import PATTERN_NAMES

DESCRIBED_IN = "en"  # the language the models' descriptions are written in


class Words:
    """The labels of one interface language."""

    def __init__(self, lang: str) -> None:
        labels = load_labels(lang)
        editor = labels["editor"]
        self.lang = lang
        self.kinds = {kind: texts["title"] for kind, texts in labels["kinds"].items()}
        self.fields = {**labels["headings"], **editor["fields"]}
        self.settings = editor["settings"]
        self.hints: dict[str, str] = labels.get("editor_hints") or {}
        self.refs = editor["refs"]
        self.ours = editor["ours"]
        self.messages = catalogue(lang)

    def field(self, name: str) -> str:
        return str(self.fields.get(name, name.replace("_", " ").capitalize()))

    def pattern(self, pattern: str) -> list[str] | None:
        # The editor checks the same pattern as the model and explains it in the same words.
        name = PATTERN_NAMES.get(pattern)
        return [pattern, self.messages[name]] if name else None


@dataclass(frozen=True)
class At:
    """Where the walk through a schema is: the words, the schema's definitions, the kind and the field's path."""

    words: Words
    defs: dict[str, Any]
    kind: str
    path: str = ""
    collections: str = ""  # the prefix of the collections a reference chooses from (OURS: our modules)

    def child(self, name: str) -> At:
        return replace(self, path=f"{self.path}.{name}" if self.path else name)

    def hint(self, node: dict[str, Any]) -> str | None:
        """Return the hint under the field here: its description in the interface language."""
        words = self.words
        if "x-kinds" in node:
            return str(words.refs.format(kinds=", ".join(words.kinds[k] for k in node["x-kinds"])))
        if words.lang == DESCRIBED_IN:
            return node.get("description")
        found = words.hints.get(f"{self.kind}.{self.path}") or words.hints.get(self.path)
        return found or node.get("description")  # tests/test_editor.py: none is left in English
