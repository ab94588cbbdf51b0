"""What the handbook says comes from the language data: every edition's catalogue and labels say the same things.

A message to the people who edit the handbook lives in `macros/i18n/messages/<lang>.yaml` and is
named in code by key (`say`); an edition's interface texts live in `macros/i18n/<lang>.yaml`. So a
third language is data only, and no English sentence reaches a German fork from a raise or a print.
"""

from __future__ import annotations

import ast
import string
from typing import Any

import pytest
import yaml

from conftest import ROOT
from macros.base.messages import CATALOGUES, DEFAULT, catalogue
from macros.build.serve_errors import error_context
from macros.organization.labels import load_labels

LANGUAGES = sorted(path.stem for path in CATALOGUES.glob("*.yaml"))

# Calls whose text a person editing the handbook reads, and which argument holds it (None: every one).
SPOKEN = {"ValueError": 0, "LookupError": 0, "ArgumentError": 0, "SystemExit": 0, "PluginError": 0,
          "ContentError": 4, "print": None}
# Calls that look their words up by key: what they are given is a key or a value, never the words.
LOOKUPS = {"say", "for_developers", "catalogue"}
# English written in code that a module being reworked still holds (issue 23): remove each entry
# when its words move into the catalogues.
KNOWN_LEAKS: set[tuple[str, str]] = set()
# Guards against our own mistakes, which content cannot trigger: their words are for developers.
GUARDS = {
    ("macros/rendering/text.py", "ValueError"),  # md_escape(): validation refuses line breaks in one-line fields
}
# Guards in a module whose other calls of the same kind speak to people: told apart by their words.
GUARD_TEXTS = {"printing needs Chromium"}  # pdf.writer(): the export step opens it only where Chromium is


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def written_words(node: ast.AST) -> list[str]:
    """Return the texts with letters that an expression writes out itself, leaving out looked-up ones."""
    if isinstance(node, ast.Call) and _name(node.func) in LOOKUPS:
        return []
    if isinstance(node, ast.Subscript):  # catalogue(lang)["key"]: the key names the words
        return written_words(node.value)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if any(c.isalpha() for c in node.value) else []
    return [words for child in ast.iter_child_nodes(node) for words in written_words(child)]


def spoken_literals(source: str) -> list[tuple[int, str, str]]:
    """Return (line, call, its texts) for each spoken call of ``source`` that writes its words out in code."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and (name := _name(node.func)) in SPOKEN:
            at = SPOKEN[name]
            said = node.args if at is None else node.args[at:at + 1]
            if words := [words for arg in said for words in written_words(arg)]:
                found.append((node.lineno, name, "…".join(words)))
    return found


def test_no_message_is_written_out_in_code() -> None:
    leaks = []
    for path in sorted((ROOT / "macros").rglob("*.py")):
        shown = path.relative_to(ROOT).as_posix()
        for line, name, words in spoken_literals(path.read_text(encoding="utf-8")):
            if (shown, name) not in KNOWN_LEAKS | GUARDS and words not in GUARD_TEXTS:
                leaks.append(f"{shown}:{line}: {name}({words!r}): name a message of macros/i18n/messages/")
    assert not leaks, "\n".join(leaks)


@pytest.mark.parametrize(("source", "leaks"), [
    ('raise ValueError(f"role {r!r} has two task lists")', 1),
    ('raise ValueError(say("tasks_twice", role=r))', 0),
    ('raise ContentError(shown, 1, 1, "title", "too long")', 1),
    ('raise ContentError(shown, 1, 1, "title", say("too_long_text", n=3) + for_developers(str(e)))', 0),
    ('print("wrote " + str(n) + " files", file=sys.stderr)', 1),
    ('print(catalogue(lang)["update_head"], f"  - {line}")', 0),
    ('raise LookupError(str(error))', 0),
])
def test_a_message_written_out_is_found(source: str, leaks: int) -> None:
    assert len(spoken_literals(source)) == leaks


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != DEFAULT])
def test_every_catalogue_says_what_the_default_one_says(lang: str) -> None:
    ours, theirs = catalogue(DEFAULT), catalogue(lang)
    assert sorted(set(ours) ^ set(theirs)) == []
    assert {key: _placeholders(theirs[key]) for key in ours} == {key: _placeholders(ours[key]) for key in ours}


# Word lists of one language: what its check avoids, the grammatical gender of its nouns; the
# editor's hints in a language other than the models' (English), whose descriptions are its hints.
OWN_WORDS = {"avoid", "genus", "editor_hints"}


def _keys(data: dict[str, Any], path: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    return {key for name, value in data.items() if name not in OWN_WORDS or path
            for key in (_keys(value, (*path, name)) if isinstance(value, dict) else {(*path, name)})}


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != DEFAULT])
def test_every_edition_has_the_interface_texts_of_the_default_one(lang: str) -> None:
    labels = {name: yaml.safe_load((ROOT / "macros/i18n" / f"{name}.yaml").read_text(encoding="utf-8"))
              for name in (DEFAULT, lang)}
    assert sorted(_keys(labels[DEFAULT]) ^ _keys(labels[lang])) == []


def test_the_catalogues_are_the_languages_of_the_labels() -> None:
    assert sorted(path.stem for path in (ROOT / "macros/i18n").glob("*.yaml")) == LANGUAGES


@pytest.mark.parametrize(("lang", "names"), [("de", ("Handbuch (Vorschau)", "Vorschau")),
                                             ("en", ("Handbook (preview)", "Preview"))])
def test_the_previews_stand_in_settings_speak_the_editions_language(lang: str, names: tuple[str, str]) -> None:
    settings = error_context(load_labels(lang), directory_urls=True).settings
    assert (settings.program.name, settings.organization.name) == names
