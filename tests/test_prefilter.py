"""The quick tests in front of the fact checks' searches: they may let too much through, never too little."""

from __future__ import annotations

import re

import pytest

from macros.base.prefilter import TextIndex, may_match, required_texts
from macros.organization.labels import load_labels


@pytest.mark.parametrize(("pattern", "required"), [
    ("spätestens ([^,.;()]+?) vorher", ("spätestens ", " vorher")),
    (r"(\S+(?: bis \S+)?) Minuten Vor(?:- und Nach)?bereitung", (" Minuten Vor", "bereitung")),
    ("[Nn]ach (.+?) ausgefallenen (?:Terminen|Treffen)", (" ausgefallenen T", "ach ")),  # the parser factors out "T"
    (r"Auftakt(?:-Workshop)? \((\S+) Minuten", (" Minuten", "Auftakt", " (")),
    ("x{2,}yz", ("yz", "x")),
    ("(?:abc)?d", ("d",)),
    ("ab{0}c", ("a", "c")),
    ("ab|cd", ()),  # either will do: nothing is certain
    ("(?i)abc", ()),  # any case: a plain substring test would miss "ABC"
    ("a(?i:bc)d", ("a", "d")),
    ("(?=abc)x", ("x",)),
])
def test_required_texts_are_those_every_match_holds(pattern: str, required: tuple[str, ...]) -> None:
    assert required_texts(re.compile(pattern)) == required


def test_every_phrasing_of_the_edition_has_a_prefilter_that_keeps_its_matches() -> None:
    samples = ["Absagen spätestens 48 Stunden vorher.", "Nach 2 ausgefallenen Treffen melden.", "Für 4 bis 8 Tandems.",
               "Je 15 bis 30 Minuten Vor- und Nachbereitung.", "Das Treffen eröffnet wer mag.",
               "Auftakt-Workshop (90 Minuten", "Abschlussveranstaltung (60 Minuten",
               "Einführungstraining von 2 Minuten"]
    for patterns in load_labels("de")["slots"].values():
        for pattern in map(re.compile, patterns):
            assert required_texts(pattern), pattern.pattern
            for text in samples:
                if pattern.search(text):
                    assert may_match(required_texts(pattern), text), (pattern.pattern, text)


def test_the_index_names_the_strings_that_hold_a_text() -> None:
    index = TextIndex(["ab", "", "b a", "Straße"])
    assert index.holding("ß") == [3]
    assert index.holding("a") == [0, 2, 3]
    assert index.holding("b a") == [2]
    assert index.holding("") == [0, 1, 2, 3]
    assert index.holding("\0") == []  # the separator is in no string
    assert index.holding_all(("a", "b")) == [0, 2]
    assert index.holding_all(("a", "x")) == []
    assert index.casefolded().holding("strasse") == [3]


def test_a_string_holding_the_separator_makes_every_string_a_candidate() -> None:
    index = TextIndex(["a\0b", "c"])
    assert index.holding("c") == [0, 1]
    assert index.holding_all(("x",)) == [0, 1]
    assert index.casefolded().holding("x") == [0, 1]
