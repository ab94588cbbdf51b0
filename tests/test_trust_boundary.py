"""Every input outside the module fields crosses one boundary (SECURITY.md): settings and terms,
hand-written pages (front matter, body, Jinja), files under docs/ and curriculum/, symbolic links,
what the browser editor sends to `./handbook edit`.

Each vector is planted in a fixture project and must be refused with a located message, in check
and build alike, without a traceback, without running code at build time and without publishing
anything from outside the repository. What is allowed but inert (a title with markup, a link
written with entities) is loaded in Chromium by tests/test_hostile.py.
"""

from __future__ import annotations

import os
import random
import shutil
import string
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, Build, bilingual_project, handbook, make_project
from macros.commands import edit_files
from macros.commands.check import check
from macros.organization.settings import load_settings

MINI = FIXTURES / "mini" / "curriculum"
MARKER = "PWNED-AT-BUILD-TIME"


def _settings(root: Path, extra: str) -> None:
    path = root / "curriculum/organization.yaml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def _page(root: Path, name: str, text: str, lang: str = "de") -> None:
    (root / "docs" / lang / name).write_text(text, encoding="utf-8")


def refused(root: Path, *expected: str) -> tuple[Build, Build]:
    """Run check and build; both must fail naming every ``expected`` text, with no traceback and nothing run."""
    (root / "site").mkdir(exist_ok=True)
    (root / "site/keep.html").write_text("old", encoding="utf-8")
    checked, built = handbook(root, "check"), handbook(root, "build")
    for run in (checked, built):
        assert run.result.returncode != 0, run.output
        assert "Traceback" not in run.output, run.output
        for text in expected:
            assert text in run.output, (text, run.output)
    assert (root / "site/keep.html").is_file(), "a failed build must leave the previous site/ as it was"
    assert not list(root.rglob(MARKER)), "a page ran code at build time"
    return checked, built


# Payloads a term might carry: markup, a redirect, a placeholder, Markdown.
@pytest.mark.parametrize("term", ["</article><script>alert(1)</script><article>",
                                  '<meta http-equiv=refresh content=0;url=//evil.example>',
                                  "{org}", "[x](javascript:alert(1))", "*fett*"])
def test_a_term_is_a_plain_word(tmp_path: Path, term: str) -> None:
    root = make_project(tmp_path / "p", MINI)
    _settings(root, f"terms:\n  Mentee: '{term}'\n")
    problems = check(root)
    assert len(problems) == 1 and problems[0].startswith("curriculum/organization.yaml:")
    assert "'terms.Mentee': erwartet wird ein schlichtes Wort" in problems[0], problems


def test_a_terms_key_and_another_editions_terms_are_checked_too(tmp_path: Path) -> None:
    root = bilingual_project(tmp_path / "p")
    _settings(root, "terms:\n  '<b>Mentee</b>': Lernpartner:in\n")
    assert "'terms.<b>Mentee</b>.[key]': erwartet wird ein schlichtes Wort" in "\n".join(check(root))
    root = bilingual_project(tmp_path / "q")
    text = (root / "curriculum/organization.yaml").read_text(encoding="utf-8")
    text = text.replace("      rhythm: every three weeks\n",
                        "      rhythm: every three weeks\n    terms:\n      Mentee: '<i>x</i>'\n")
    (root / "curriculum/organization.yaml").write_text(text, encoding="utf-8")
    assert "organization.yaml:18:15: 'terms.Mentee': erwartet wird ein schlichtes Wort" in "\n".join(check(root))


def test_a_plain_term_is_escaped_in_html_all_the_same() -> None:
    from macros.rendering.terms import Terms

    terms = Terms({"Mentee": "A&B"})
    assert terms.html("<p title='Mentee'>Die Mentee</p>") == "<p title='Mentee'>Die A&amp;B</p>"


def test_render_macros_is_refused_and_runs_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    payload = ("{{ config.__class__.__init__.__globals__['os'].popen('touch " + MARKER + "').read() }}\n"
               "{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    _page(root, "macht.md", "---\nrender_macros: true\n---\n\n# Macht\n\n" + payload)
    refused(root, "docs/de/macht.md:2:1: 'render_macros': „render_macros“ wird nicht mehr gebraucht",
            "docs/de/macht.md:7:1: unbekannter Name „config“")


@pytest.mark.parametrize("jinja, expected", [
    ("{{ org.nothing.deeper }}", "„nothing“ gibt es hier nicht"),
    ("{{ org.__class__.__mro__ }}", "nicht erlaubt"),
    ("{{ p.org.format.__globals__ }}", "nicht erlaubt"),
    ("{{ 'x' * 100000000 }}", "nicht erlaubt"),
    ("{% include '/etc/passwd' %}", "die Vorlage auf dieser Seite lässt sich nicht auswerten"),
    ("{% for x in range(1000000000) %}{% endfor %}", "die Vorlage auf dieser Seite lässt sich nicht auswerten"),
])
def test_jinja_on_a_page_runs_in_the_sandbox_and_fails_located(tmp_path: Path, jinja: str, expected: str) -> None:
    from macros.handwritten.docs_sandbox import render

    out, errors = render(f"# Titel\n\nText\n{jinja}\n", {"org": "Beispiel", "p": {"org": "Beispiel"}}, "docs/de/x.md")
    assert len(errors) == 1 and errors[0].line == 4 and expected in errors[0].message, errors


def test_a_page_with_jinja_the_sandbox_refuses_fails_check_and_build(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    _page(root, "tief.md", "# Tief\n\nBei {{ org.nothing.deeper }}.\n")
    refused(root, "docs/de/tief.md:3:1: die Vorlage auf dieser Seite lässt sich nicht auswerten („nothing“ gibt es")


def test_front_matter_is_data_with_a_schema(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    _page(root, "kopf.md", "---\ntemplate: ../../../etc/passwd\nicon: ../../x\nfarbe: rot\n---\n\n# Kopf\n")
    _page(root, "kaputt.md", "---\ntitle: [offen\n---\n\n# Kaputt\n")
    _page(root, "zeile.md", "Hinweis: erste Zeile\n\n# Zeile\n")
    refused(root, "docs/de/kopf.md:2:1: 'template': die Seitenvorlage „../../../etc/passwd“ gibt es nicht",
            "docs/de/kopf.md:3:7: 'icon'", "docs/de/kopf.md:4:8: 'farbe': unbekanntes Feld",
            "docs/de/kaputt.md:3:1:", "docs/de/zeile.md:1:1: die erste Zeile „Hinweis: erste Zeile“")


@pytest.mark.parametrize("html", ["</article><script>window.x=1</script><article>",
                                  '<meta http-equiv=refresh content=0;url=//evil.example>',
                                  "<iframe src=https://evil.example/></iframe>", '<img src=x onerror="x()">',
                                  "[klick](javascript:alert(1))", "[r]: javascript:alert(1)",
                                  '<a href="javascript:alert(1)">x</a>', "<form action=https://evil.example/>"])
def test_raw_html_that_runs_or_leaves_is_refused_where_it_stands(tmp_path: Path, html: str) -> None:
    root = make_project(tmp_path / "p", MINI)
    _page(root, "roh.md", f"# Roh\n\nErst Text.\n\n{html}\n\n`<script>` in Code ist nur Text.\n")
    problems = check(root)
    assert len(problems) == 1 and problems[0].startswith("docs/de/roh.md:5:1: „"), problems


@pytest.mark.parametrize("name, content", [("docs/evil.js", b"alert(1)"), ("docs/de/seite.html", b"<script>x</script>"),
                                           ("docs/assets/eigen.css", b"body{}"), ("docs/x.mjs", b"x"),
                                           ("docs/bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>'),
                                           ("docs/b.svg", b'<svg><foreignObject><p>x</p></foreignObject></svg>'),
                                           ("docs/c.svg", b'<svg><image href="https://evil.example/t.png"/></svg>'),
                                           ("docs/de/<img src=x onerror=alert(1)>.md", b"Kein Titel"),
                                           ("docs/de/Über uns.md", b"# Titel")])
def test_docs_holds_only_what_a_page_shows(tmp_path: Path, name: str, content: bytes) -> None:
    root = make_project(tmp_path / "p", MINI)
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_bytes(content)
    problems = check(root)
    assert len(problems) == 1 and problems[0].startswith(name + ":"), problems


def test_prose_about_script_is_prose(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    _page(root, "technik.md", "# Technik\n\nJavaScript: eine Programmiersprache. Ein Button on: aus.\n")
    assert check(root) == []


def test_pictures_pdfs_and_fonts_are_welcome(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    for name in ("assets/logo.png", "assets/plan.pdf", "assets/schrift.woff2"):
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_bytes(b"\x89PNG")
    (root / "docs/assets/ok.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"><rect/></a>'
                                             '</svg>', encoding="utf-8")
    assert check(root) == []


@pytest.mark.parametrize("link", ["docs/de/passwort.md", "docs/assets", "curriculum/de/basics/geheim.yaml",
                                  "overrides/partials/x.html", "curriculum/organization.yaml"])
def test_a_symbolic_link_is_refused_and_never_followed(tmp_path: Path, link: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("title: GEHEIMNIS-VOM-BUILD-RECHNER\n", encoding="utf-8")
    root = make_project(tmp_path / "p", MINI)
    target = root / link
    if target.exists():
        target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(secret if link != "docs/assets" else tmp_path)
    checked, built = refused(root, f"{link}:1:1: eine Verknüpfung (symbolischer Link)")
    for run in (checked, built):
        assert "GEHEIMNIS" not in run.output


def test_files_nothing_reads_are_named(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    basics = root / "curriculum/de/basics"
    shutil.copy(next(basics.glob("*.yaml")), basics / ".versteckt.yaml")
    (root / "curriculum/local/dee").mkdir(parents=True)
    (root / "docs/de/latin1.md").write_bytes("# Überblick\n".encode("latin-1"))
    problems = "\n".join(check(root)) + "\n".join(check(root))
    assert "curriculum/de/basics/.versteckt.yaml:1:1: diese Datei wird nicht gelesen" in problems
    (basics / ".versteckt.yaml").unlink()
    problems = "\n".join(check(root))
    assert "curriculum/local/dee:1:1: den Ordner „dee“ liest keine Ausgabe" in problems
    assert "docs/de/latin1.md:1:1: kein gültiges UTF-8" in problems


@pytest.mark.parametrize("field, value, expected", [
    ("title", '"Erstes\\vTreffen"', "'title': unsichtbares Steuerzeichen U+000B"),
    ("title", '"Erstes\\x01Treffen"', "'title': unsichtbares Steuerzeichen U+0001"),
])
def test_control_characters_by_escape_are_located(tmp_path: Path, field: str, value: str, expected: str) -> None:
    root = make_project(tmp_path / "p", MINI)
    module = next((root / "curriculum/de/sessions").glob("*.yaml"))
    text = module.read_text(encoding="utf-8")
    lines = [f"{field}: {value}" if line.startswith(f"{field}:") else line for line in text.splitlines()]
    module.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refused(root, expected)


@pytest.mark.parametrize("start", ["9999-12-01", "0001-01-01"])
def test_a_start_date_out_of_any_program_is_located(tmp_path: Path, start: str) -> None:
    root = make_project(tmp_path / "p", MINI)
    text = (root / "curriculum/organization.yaml").read_text(encoding="utf-8")
    (root / "curriculum/organization.yaml").write_text(text.replace("program:\n", f"program:\n  start: '{start}'\n"),
                                                       encoding="utf-8")
    refused(root, f"'program.start': das Datum „{start}“ liegt außerhalb der Jahre")


def test_what_check_reports_fails_the_build(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    module = next((root / "curriculum/de/basics").glob("*.yaml"))
    lines = module.read_text(encoding="utf-8").splitlines()
    lines = [line + " Es dauert {hours_mentee}." if line.startswith("summary:") else line for line in lines]
    module.write_text("\n".join(lines) + "\n", encoding="utf-8")
    roles = sorted(p.stem for p in (root / "curriculum/de/roles").glob("*.yaml"))
    _settings(root, f"hidden: [{', '.join(roles)}]\n")
    checked, built = refused(root, "{hours_mentee} nennt keine Rolle")
    assert not (root / "site/basics").exists()


# Fuzz: random names, files and links dropped into docs/ and curriculum/; only located messages come out.
NAMES = st.text(alphabet=string.ascii_letters + string.digits + "._-äß ", min_size=1, max_size=12).filter(
    lambda n: n not in (".", ".."))
SUFFIXES = st.sampled_from(["", ".md", ".yaml", ".yml", ".js", ".html", ".svg", ".png", ".txt"])
BODIES = st.sampled_from([b"", b"# x\n", b"---\nx: [\n---\n", b"\xff\xfe", b"{{ x }}", b"title: x\n", b"- a\n",
                          b"<script>x</script>", b"---\nrender_macros: true\n---\n{{ config }}", b"{% for %}"])
PLACES = st.sampled_from(["docs", "docs/de", "docs/de/sub", "curriculum", "curriculum/de", "curriculum/de/basics",
                          "curriculum/local", "curriculum/local/de/basics", "curriculum/xx"])


@given(st.lists(st.tuples(PLACES, NAMES, SUFFIXES, BODIES, st.booleans()), min_size=1, max_size=4))
@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_check_never_crashes_on_dropped_files(fuzz_root: Callable[[], Path], drops: list[tuple]) -> None:
    root = fuzz_root()
    for place, name, suffix, body, as_link in drops:
        path = root / place / (name + suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            continue
        if as_link:
            path.symlink_to("/etc/hostname")
        else:
            path.write_bytes(body)
    for problem in check(root):
        assert problem.count(":") >= 3, problem  # file:line:col: message


@pytest.fixture
def fuzz_root(tmp_path: Path) -> Callable[[], Path]:
    base = make_project(tmp_path / "base", MINI)
    count = [0]

    def fresh() -> Path:
        count[0] += 1
        dest = tmp_path / f"p{count[0]}"
        shutil.copytree(base, dest, symlinks=True)
        return dest

    return fresh


def test_build_and_commands_never_crash_on_a_tree_full_of_mistakes(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", MINI)
    rng = random.Random(21)
    for i in range(12):
        place = rng.choice(["docs/de", "curriculum/de/basics", "curriculum/local/de/roles", "docs"])
        (root / place).mkdir(parents=True, exist_ok=True)
        name = f"{rng.choice(['a', 'B c', 'ä-ß', '.h'])}{i}{rng.choice(['.md', '.yaml', '.js', '.svg'])}"
        (root / place / name).write_bytes(rng.choice([b"\xff", b"title: [", b"<script>x</script>", b"# ok\n"]))
    os.symlink("/etc/hostname", root / "docs/de/link.md")
    for args in (["check"], ["build"], ["adapt", "../../x"], ["adapt", "basics/../../x"], ["diff", "/etc/passwd"],
                 ["translate-status"], ["translate-status", "--update", "../x"]):
        run = handbook(root, *args)
        assert "Traceback" not in run.output, (args, run.output)
    assert not (root.parent / "x.yaml").exists() and not (root / "x.yaml").exists()


@pytest.fixture
def fork(tmp_path: Path) -> Path:
    root = tmp_path / "fork"
    shutil.copytree(MINI, root / "curriculum")
    (root / "docs").mkdir()
    return root


@pytest.mark.parametrize("path", ["curriculum/de/sessions/erstes-treffen.yaml", "curriculum/local/de/../de.yaml",
                                  "curriculum/local/fr/sessions/x.yaml", "curriculum/local/de/scripts/x.yaml",
                                  "curriculum/local/de/sessions/X.yaml", "docs/assets/images/a.js",
                                  "docs/assets/images/../../mkdocs.yml", "mkdocs.yml", "/etc/passwd"])
def test_the_browser_editor_writes_nothing_but_the_forks_files(fork: Path, path: str) -> None:
    # What a save in `./handbook edit` sends is a path and a body, from a browser: data.
    with pytest.raises(edit_files.Refused, match="Nicht gespeichert"):
        edit_files.save(fork, load_settings(fork), path, b"title: x\n")


def test_the_browser_editor_never_writes_through_a_symbolic_link(fork: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (fork / "docs/assets").mkdir(parents=True)
    (fork / "docs/assets/images").symlink_to(outside)
    (fork / "curriculum/local/de").mkdir(parents=True)
    (fork / "curriculum/local/de/sessions").symlink_to(outside)
    for path in ("docs/assets/images/logo.png", "curriculum/local/de/sessions/erstes-treffen.yaml"):
        with pytest.raises(edit_files.Refused):
            edit_files.save(fork, load_settings(fork), path, b"title: Anders als unseres\n")
    assert list(outside.iterdir()) == []


def test_a_picture_the_editor_uploads_is_checked_like_any_file_in_docs(fork: Path) -> None:
    # The upload's name is checked when it is written; what it holds, with everything in docs/.
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    edit_files.save(fork, load_settings(fork), "docs/logo.svg", svg)
    assert [p for p in check(fork) if p.startswith("docs/logo.svg")]
