"""The strict YAML loader: every refusal, word for word, with its line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from conftest import ROOT
from macros.base.errors import ContentError
from macros.base.positions import line_at, position
from macros.reader import loader
from macros.reader.loader import MAX_BYTES, VERBOSE, load_file, parse


def load(tmp_path: Path, content: str | bytes) -> object:
    path = tmp_path / "m.yaml"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return load_file(path, "m.yaml")


def error_of(tmp_path: Path, content: str | bytes) -> str:
    with pytest.raises(ContentError) as err:
        load(tmp_path, content)
    return str(err.value)


def test_positions_map_every_value_to_its_line(tmp_path: Path) -> None:
    doc = load(tmp_path, "title: A\nagenda:\n  - title: B\n    minutes: 5\n")
    assert doc.where(("agenda", 0, "minutes")) == (4, 14)  # type: ignore[attr-defined]
    assert doc.where(("title",)) == (1, 8)  # type: ignore[attr-defined]
    assert doc.where(("agenda", 3, "x")) == (2, 1)  # type: ignore[attr-defined]


def test_duplicate_key_is_refused_with_both_lines(tmp_path: Path) -> None:
    assert error_of(tmp_path, "title: A\nsummary: x\ntitle: B\n") == (
        "m.yaml:3:1: das Feld „title“ steht zweimal (zuerst in Zeile 1): YAML würde still nur das letzte "
        "behalten. Löschen oder benennen Sie eines um"
    )


def test_alias_is_refused(tmp_path: Path) -> None:
    assert error_of(tmp_path, "a: &x [1]\nb: *x\n") == (
        "m.yaml:2:4: Anker und Verweise (&name, *name) werden nicht unterstützt: schreiben Sie den Wert aus"
    )


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    assert "Anker und Verweise" in error_of(tmp_path, bomb)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("v: no", "no"), ("v: off", "off"), ("v: yes", "yes"), ("v: 10:30", "10:30"),
        ("v: 010", "010"), ("v: 2024-05-01", "2024-05-01"), ("v: 0x1F", "0x1F"),
        ("v: true", True), ("v: 12", 12), ("v: 1.5", 1.5), ("v: ~", None),
    ],
)
def test_yaml_12_scalars_never_change_what_was_written(source: str, expected: object) -> None:
    data, _ = parse(source, "m.yaml")
    assert data == {"v": expected}


class _PyYAMLResolve(yaml.CSafeLoader):
    """Our implicit scalar types with PyYAML's own resolve(): what loader._Composer must match."""

    yaml_implicit_resolvers = loader._Composer.yaml_implicit_resolvers


def _tags(node: Node | None) -> list[tuple[str, str]]:
    if node is None:
        return []
    if isinstance(node, MappingNode):
        return [(node.tag, "{")] + [t for k, v in node.value for t in _tags(k) + _tags(v)]
    if isinstance(node, SequenceNode):
        return [(node.tag, "[")] + [t for item in node.value for t in _tags(item)]
    return [(node.tag, node.value)]


TRICKY = ("a: \nb: ~\nc: null\nd: Null\ne: -x\nf: -1\ng: +.5\nh: .\ni: 1.\nj: truex\nk: 'true'\n"
          "l: !!str 12\nm: !!int '7'\nn: [1, 'x', {o: false}]\n? p\n: !custom q\nr: |\n  12\n")


def test_the_composers_shortcut_tags_every_node_as_pyyaml_does() -> None:
    files = [p for top in ("curriculum", "tests/fixtures") for p in sorted((ROOT / top).rglob("*.yaml"))]
    texts = [TRICKY] + [p.read_text(encoding="utf-8-sig") for p in files]
    assert len(texts) > 20
    composed = 0
    for text in texts:
        try:
            expected = _tags(yaml.compose(text, Loader=_PyYAMLResolve))
        except yaml.YAMLError:  # the fixtures of mistakes: ours must refuse them too
            with pytest.raises(yaml.YAMLError):
                yaml.compose(text, Loader=loader._Composer)
            continue
        assert _tags(yaml.compose(text, Loader=loader._Composer)) == expected
        composed += 1
    assert composed > 20
    assert _tags(yaml.compose(TRICKY, Loader=_PyYAMLResolve))  # TRICKY itself was compared


def test_message_catalogues_read_by_libyaml_as_by_pyyaml() -> None:
    from macros.base import messages

    paths = sorted(messages.CATALOGUES.glob("*.yaml"))
    assert paths
    for path in paths:
        assert messages.catalogue(path.stem) == yaml.safe_load(path.read_text(encoding="utf-8"))


def test_empty_file(tmp_path: Path) -> None:
    assert error_of(tmp_path, "# only a comment\n") == ("m.yaml:1:1: die Datei ist leer: ein Modul braucht "
                                                        "mindestens einen Titel (title: …)")


def test_not_a_mapping(tmp_path: Path) -> None:
    assert error_of(tmp_path, "- a\n- b\n") == ("m.yaml:1:1: die Datei muss aus Feldern bestehen (Zeilen wie "
                                                "„title: …“), gefunden: eine Liste")
    assert error_of(tmp_path, "just text\n") == (
        "m.yaml:1:1: die Datei muss aus Feldern bestehen (Zeilen wie „title: …“), gefunden: der Text „just text“"
    )


def test_non_utf8_names_line_and_byte(tmp_path: Path) -> None:
    assert error_of(tmp_path, b"title: A\nsummary: Gr\xf6\xdfe\n") == (
        "m.yaml:2:12: kein gültiges UTF-8 (Byte 0xf6): speichern Sie die Datei als UTF-8 (in vielen Editoren "
        "unter „Kodierung“)"
    )


def test_oversized_file(tmp_path: Path) -> None:
    message = error_of(tmp_path, "title: " + "x" * MAX_BYTES)
    assert message == (f"m.yaml:1:1: die Datei ist {MAX_BYTES + 7} Bytes groß, erlaubt sind {MAX_BYTES}: teilen "
                       "Sie das Modul in mehrere auf")


def test_syntax_error_names_line(tmp_path: Path) -> None:
    assert error_of(tmp_path, "title: A\nsummary: [unclosed\nwhat: x\n").startswith("m.yaml:3:")


def test_multiple_documents_are_refused(tmp_path: Path) -> None:
    message = error_of(tmp_path, "title: A\n---\ntitle: B\n")
    assert message.startswith("m.yaml:2:1: diese Zeile kann nicht gelesen werden")
    assert "YAML-Parser" not in message and "expected" not in message  # no English for editors


def test_the_parsers_own_words_follow_only_when_asked_for(tmp_path: Path) -> None:
    # -v (check or mkdocs build) turns the handbook's logger to DEBUG: then an indented second line
    # carries the parser's words, for developers.
    VERBOSE.setLevel(logging.DEBUG)
    try:
        message = error_of(tmp_path, "title: A\n---\ntitle: B\n")
    finally:
        VERBOSE.setLevel(logging.NOTSET)
    assert "\n      Meldung des YAML-Parsers: expected a single document" in message


def test_check_v_shows_the_parsers_words_and_check_alone_does_not(tmp_path: Path) -> None:
    from conftest import FIXTURES, handbook, make_project

    root = make_project(tmp_path / "p", FIXTURES / "mini" / "curriculum")
    module = next((root / "curriculum/de/roles").glob("*.yaml"))
    module.write_text(module.read_text(encoding="utf-8") + "---\ntitle: B\n", encoding="utf-8")
    plain, verbose = handbook(root, "check"), handbook(root, "check", "-v")
    assert plain.result.returncode == verbose.result.returncode == 1
    assert "diese Zeile kann nicht gelesen werden" in plain.output and "YAML-Parser" not in plain.output
    assert "Meldung des YAML-Parsers: expected a single document" in verbose.output


def test_control_character_names_its_place(tmp_path: Path) -> None:
    assert error_of(tmp_path, "title: A\nsummary: x\x1fy\n") == (
        "m.yaml:2:11: unsichtbares Steuerzeichen U+001F im Text: löschen Sie es (oft beim Kopieren aus Word oder "
        "PDF entstanden)"
    )


def test_explicit_tags_keep_pyyamls_meaning_and_refusals(tmp_path: Path) -> None:
    data, _ = parse('a: !!int "12"\nb: !!str 12\nc: !!int 0x1F\n', "m.yaml")
    assert data == {"a": 12, "b": "12", "c": 31}
    assert error_of(tmp_path, "a: !!str x\nb: !!int 1\nb: 2\n") == (
        "m.yaml:3:1: das Feld „b“ steht zweimal (zuerst in Zeile 2): YAML würde still nur das letzte behalten. "
        "Löschen oder benennen Sie eines um"
    )


def test_alias_to_a_scalar_and_a_list_as_key_are_refused(tmp_path: Path) -> None:
    assert error_of(tmp_path, "a: &x text\nb: [1, *x]\n") == (
        "m.yaml:2:8: Anker und Verweise (&name, *name) werden nicht unterstützt: schreiben Sie den Wert aus"
    )
    assert error_of(tmp_path, "? [a]\n: b\n") == ("m.yaml:1:3: ein Feldname muss ein einfaches Wort sein, keine "
                                                  "Liste und keine Gruppe")


def test_leftover_merge_conflict_markers_are_named_as_such() -> None:
    text = "title: Mentee\n<<<<<<< HEAD\nsummary: Unsere Fassung.\n=======\nsummary: Ihre Fassung.\n>>>>>>> upstream\n"
    with pytest.raises(ContentError) as err:
        parse(text, "curriculum/de/roles/mentee.yaml")
    assert str(err.value) == (
        "curriculum/de/roles/mentee.yaml:2:1: übrig gebliebene Konfliktmarkierung von git: Behalten Sie zwischen den "
        "Zeilen „<<<<<<<“, „=======“ und „>>>>>>>“ die Fassung, die Sie wollen, und löschen Sie die drei "
        "Markierungszeilen")


def test_a_file_changed_after_loading_gives_no_wrong_places(tmp_path: Path) -> None:
    # Places are read from the file again when a message asks: an edit in between must not shift them.
    doc = load(tmp_path, "title: A\nsummary: B\n")
    (tmp_path / "m.yaml").write_text("# new first line\ntitle: A\nsummary: B\n", encoding="utf-8")
    assert doc.where(("summary",)) == (1, 1)  # type: ignore[attr-defined]
    same = load(tmp_path, "title: A\nsummary: B\n")
    assert same.where(("summary",)) == (2, 10)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "offset", "expected"), [
    ("abc", 0, (1, 1)), ("ab\ncd", 3, (2, 1)), ("ab\ncd", 4, (2, 2)), ("ab\n\nx", 4, (3, 1)),
    ("Öl\nÜx", 4, (2, 2)), ("Öl\nÜx".encode(), 6, (2, 3)),  # a character counts one, a byte counts one
])
def test_a_place_is_its_line_and_column_from_one(text: str | bytes, offset: int, expected: tuple[int, int]) -> None:
    assert position(text, offset) == expected
    assert line_at(text, offset) == expected[0]
