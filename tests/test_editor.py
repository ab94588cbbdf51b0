"""The browser editor: its forms come from the models, a save writes the fork's own small file, and its
page asks no other host.

The configuration is checked field by field against the committed JSON Schemas of every kind and of
the settings. Then a real Chromium works with `./handbook edit` on a scratch copy of the mini fixture:
it changes a session's title, one agenda step and a setting, and what lands on disk is the fork's
override with those fields only, which `./handbook check` accepts and a build shows.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
import yaml

from conftest import FIXTURES, ROOT, bilingual_project, handbook, make_project, mkdocs_build, serve
from macros.commands import edit_files
from macros.commands.editor import NOT_IN_FORM, all_configs, config_file, editor_config
from macros.content.overlay import blob_id
from macros.organization.settings import load_settings
from macros.schema.models import KINDS
from macros.site import editor_files

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
SESSION = "curriculum/de/sessions/erstes-treffen.yaml"
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAA"
                       "AABJRU5ErkJggg==")  # one pixel
OVERRIDE = "curriculum/local/de/sessions/erstes-treffen.yaml"


def schema(name: str) -> dict[str, Any]:
    return json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))


def resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    options = [n for n in node.get("anyOf", []) if n.get("type") != "null"]
    node = options[0] if len(options) == 1 else node
    return defs[node["$ref"].rsplit("/", 1)[1]] if "$ref" in node else node


def assert_field_follows(item: dict[str, Any], node: dict[str, Any], required: bool, defs: dict[str, Any],
                         prefix: str = "") -> None:
    """Assert that one editor field says what the JSON Schema says of the same property (``prefix``: of
    the collections its references choose from)."""
    where = item["name"]
    assert item["required"] is required, where
    shape = resolve(node, defs)
    if "x-kinds" not in shape:  # a reference's hint names its kinds in the interface's words
        assert item.get("hint") == (node.get("description") or shape.get("description")), where
    assert "default" not in item, f"{where}: a default would be written into the fork's file"
    if "x-kinds" in shape and len(shape["x-kinds"]) == 1:
        assert (item["widget"], item["collection"]) == ("relation", prefix + shape["x-kinds"][0]), where
        assert item["multiple"] is (shape.get("type") == "array"), where
    elif "enum" in shape:
        assert (item["widget"], item["options"]) == ("select", shape["enum"]), where
    elif shape.get("type") == "integer":
        assert item["widget"] == "number" and item["value_type"] == "int", where
        assert (item.get("min"), item.get("max")) == (shape.get("minimum"), shape.get("maximum")), where
    elif shape.get("type") == "boolean":
        assert item["widget"] == "boolean", where
    elif shape.get("type") == "array":
        assert item["widget"] == "list" and item.get("min") == shape.get("minItems"), where
        inner = resolve(shape["items"], defs)
        if inner.get("type") == "object":
            assert_fields_follow(item["fields"], inner, defs, top=False, prefix=prefix)
        elif "x-kinds" not in shape:
            assert item["field"]["widget"] in ("string", "markdown"), where
    elif shape.get("type") == "object":
        assert_fields_follow(item["fields"], shape, defs, top=False, prefix=prefix)
    elif shape.get("type") == "string" and shape.get("pattern") and item["widget"] == "string":
        assert item["pattern"][0] == shape["pattern"], f"{where}: the editor checks another pattern"
        assert (item.get("minlength"), item.get("maxlength")) == (shape.get("minLength"), shape.get("maxLength"))


def assert_fields_follow(items: list[dict[str, Any]], shape: dict[str, Any], defs: dict[str, Any], top: bool,
                         prefix: str = "") -> None:
    names = [n for n in shape["properties"] if not (top and n in NOT_IN_FORM)]
    assert [i["name"] for i in items] == names
    for item in items:
        required = not top and item["name"] in shape.get("required", [])
        assert_field_follows(item, shape["properties"][item["name"]], required, defs, prefix)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_committed_editor_configuration_is_generated_from_the_models(lang: str) -> None:
    path = ROOT / "schemas" / config_file(lang)
    assert path.read_text(encoding="utf-8") == all_configs()[config_file(lang)], "stale: run ./handbook schema"


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_of_every_kind_is_in_its_form(kind: str) -> None:
    collection = next(c for c in editor_config("en")["collections"] if c["name"] == kind)
    assert collection["folder"] == "curriculum/local" and collection["path"] == f"{kind}/{{{{slug}}}}"
    shape = schema(kind)
    # The fork's layer: an empty top-level field keeps ours, so none is required there.
    assert_fields_follow(collection["fields"], shape, shape.get("definitions", {}), top=True)


@pytest.mark.parametrize("kind", KINDS)
def test_our_modules_are_whole_in_a_form_of_their_own_saved_through_a_pull_request(kind: str) -> None:
    collection = next(c for c in editor_config("en")["collections"] if c["name"] == f"ours-{kind}")
    assert collection["folder"] == "curriculum" and collection["path"] == f"{kind}/{{{{slug}}}}"
    # Sveltia's editorial workflow: a save is a branch cms/ours-<kind>/<id> and a pull request, never main.
    assert collection["publish_mode"] == "editorial_workflow"
    assert collection["create"] is False and collection["delete"] is False
    assert collection["publish"] is False  # merged on github.com after the workflow made the override
    shape = schema(kind)
    # Our whole module: its required fields stay required; references choose among our modules.
    assert_fields_follow(collection["fields"], shape, shape.get("definitions", {}), top=False, prefix="ours-")


def test_the_published_editor_has_our_modules_on_pull_requests_and_the_local_one_has_not(tmp_path: Path) -> None:
    from macros.site.admin import config

    for root in (make_project(tmp_path / "one", FIXTURES / "mini" / "curriculum"), bilingual_project(tmp_path / "two")):
        settings = root / "curriculum/organization.yaml"
        settings.write_text(settings.read_text(encoding="utf-8") + "site:\n  editor:\n"
                            "    repository: beispiel/handbuch\n    branch: inhalt\n", encoding="utf-8")
        published = config(root, load_settings(root), local=False)
        assert published["backend"] == {"name": "github", "repo": "beispiel/handbuch", "branch": "inhalt"}
        ours = {c["name"]: c for c in published["collections"] if c["name"].startswith("ours-")}
        assert set(ours) == {f"ours-{kind}" for kind in KINDS}
        two = "i18n" in published  # both editions side by side: Sveltia puts the language after the folder
        assert ours["ours-sessions"]["folder"] == ("curriculum" if two else "curriculum/de")
        assert all(c["publish_mode"] == "editorial_workflow" for c in ours.values())
        assert published["publish_mode"] == "simple"  # the fork's own files and the settings: saved on the branch
        local = config(root, load_settings(root), local=True)
        assert not [c for c in local["collections"] if c["name"].startswith("ours-")]


def test_the_settings_are_one_form_with_pickers() -> None:
    settings = next(c for c in editor_config("en")["collections"] if c["name"] == "settings")
    (form,) = settings["files"]
    assert form["file"] == "curriculum/organization.yaml"
    shape = schema("organization")
    fields = {f["name"]: f for f in form["fields"]}
    assert set(fields) == set(shape["properties"]) - set(NOT_IN_FORM)
    for name, item in fields.items():
        assert item["required"] is (name in shape.get("required", [])), name
    branding = {f["name"]: f for f in fields["branding"]["fields"]}
    assert branding["primary_color"]["widget"] == branding["accent_color"]["widget"] == "color"
    assert branding["logo"]["widget"] == "image"
    program = {f["name"]: f for f in fields["program"]["fields"]}
    assert program["start"]["widget"] == "datetime" and program["start"]["time_format"] is False


def hints(items: list[dict[str, Any]]) -> Iterator[str]:
    for item in items:
        if "hint" in item:
            yield item["hint"]
        yield from hints(item.get("fields", []) + ([item["field"]] if "field" in item else []))


def test_every_hint_of_the_german_forms_is_german() -> None:
    english = {h for c in editor_config("en")["collections"]
               for h in hints(c.get("fields", []) + [f for file in c.get("files", []) for f in file["fields"]])}
    german = [h for c in editor_config("de")["collections"]
              for h in hints(c.get("fields", []) + [f for file in c.get("files", []) for f in file["fields"]])]
    assert len(german) > 100
    assert [h for h in german if h in english] == [], "give these a German hint in macros/i18n/de.yaml editor.hints"


def test_labels_are_in_the_interface_language() -> None:
    de, en = (yaml.safe_load(all_configs()[config_file(lang)]) for lang in ("de", "en"))
    assert [c["label"] for c in de["collections"]][:2] == ["Einstellungen", "Grundlagen"]
    assert [c["label"] for c in en["collections"]][:1] == ["Settings"]


# --- what a save writes (edit_files, without a browser) ---


@pytest.fixture
def fork(tmp_path: Path) -> Path:
    root = tmp_path / "fork"
    shutil.copytree(FIXTURES / "mini" / "curriculum", root / "curriculum")
    (root / "docs").mkdir()
    return root


def test_the_form_shows_ours_with_the_forks_fields_over_it(fork: Path) -> None:
    (fork / OVERRIDE).parent.mkdir(parents=True)
    (fork / OVERRIDE).write_text("title: Unser erstes Treffen\n", encoding="utf-8")
    shown = yaml.safe_load(edit_files.shown(fork, load_settings(fork))[OVERRIDE])
    assert shown["title"] == "Unser erstes Treffen"
    assert shown["agenda"] == yaml.safe_load((fork / SESSION).read_text(encoding="utf-8"))["agenda"]


def test_the_pictures_in_docs_are_shown_and_nothing_else(fork: Path) -> None:
    (fork / "docs/assets/images").mkdir(parents=True)
    for name in ("logo.png", "assets/images/plan.png", "index.md", "assets/images/x.js"):
        (fork / "docs" / name).write_bytes(PNG)
    assert edit_files.pictures(fork) == {"docs/logo.png": base64.b64encode(PNG).decode(),
                                         "docs/assets/images/plan.png": base64.b64encode(PNG).decode()}


def test_saving_ours_unchanged_leaves_no_file_and_a_new_id_is_written_whole(fork: Path) -> None:
    settings = load_settings(fork)
    ours = (fork / SESSION).read_bytes()
    assert "entspricht wieder unserem" in edit_files.save(fork, settings, OVERRIDE, ours)
    assert not (fork / OVERRIDE).exists()
    new = "curriculum/local/de/sessions/zweites-treffen.yaml"
    edit_files.save(fork, settings, new, ours.replace(b"Erstes Treffen", b"Zweites Treffen"))
    assert yaml.safe_load((fork / new).read_text(encoding="utf-8")) == yaml.safe_load(
        ours.replace(b"Erstes Treffen", b"Zweites Treffen"))


SETTINGS = """# Kommentar oben

organization:
  # Ihre Organisation
  name: "Beispiel AG"
program:
  name: "Perspektivwechsel"
  months: 6
  sessions: 8
  session_minutes: 60
  # in Worten
  rhythm: "alle drei Wochen"
contact:
  name: "Petra Programm"
  email: "mentoring@beispiel.example"

site:
  # die Adresse
  url: https://beispiel.example/handbuch/

# ausgeblendet
hidden:
  - vertraulichkeit
  - klare-rollen
# unsere Begriffe
terms: {Mentee: Lernpartner:in}
"""


def test_a_saved_setting_changes_its_own_lines_and_every_comment_stays(fork: Path) -> None:
    path = fork / "curriculum/organization.yaml"
    path.write_text(SETTINGS, encoding="utf-8")
    data = yaml.safe_load(SETTINGS)
    del data["terms"]  # not in the form: the editor does not send it
    data["contact"]["name"] = "Pat Programm"
    del data["program"]["rhythm"]  # emptied in the form: the editor leaves it out
    data["hidden"] = ["klare-rollen"]
    data["site"]["editor"] = {"repository": "beispiel/handbuch"}
    data["branding"] = {"primary_color": "#0b6e4f"}
    edit_files.save(fork, load_settings(fork), "curriculum/organization.yaml", yaml.safe_dump(data).encode())
    assert path.read_text(encoding="utf-8") == SETTINGS.replace(
        '  name: "Petra Programm"', "  name: Pat Programm").replace(
        '  rhythm: "alle drei Wochen"', "  rhythm: null").replace(
        "  url: https://beispiel.example/handbuch/\n", "  url: https://beispiel.example/handbuch/\n"
        "  editor:\n    repository: beispiel/handbuch\n").replace(
        "hidden:\n  - vertraulichkeit\n  - klare-rollen\n", "hidden: [klare-rollen]\n") + (
        "\nbranding:\n  primary_color: '#0b6e4f'\n")
    assert load_settings(fork).site.editor.repository == "beispiel/handbuch"  # type: ignore[union-attr]


@pytest.mark.parametrize("args", [["--port"], ["--port", "x"], ["--port", "99999"], ["8010"], ["--port", "1", "2"]])
def test_a_wrong_argument_is_a_message_not_a_crash(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    from macros.commands.edit import main

    assert main(args) == 2
    assert capsys.readouterr().err.startswith("Aufruf: ./handbook edit")


# --- the browser: ./handbook edit on a scratch copy, and the published page ---


@pytest.fixture(scope="session")
def editor_cache() -> Path:
    """The editor's files, fetched once per checkout (npm) into .handbook/editor/."""
    try:
        return editor_files.ensure(ROOT)
    except editor_files.FetchFailed as err:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs npm for the editor's files: {err}")
        pytest.skip(str(err))


def scratch(where: Path, cache: Path) -> Path:
    root = make_project(where, FIXTURES / "mini" / "curriculum")
    shutil.copytree(cache, editor_files.folder(root))
    return root


@pytest.fixture
def editing(tmp_path: Path, editor_cache: Path) -> Iterator[tuple[Path, str]]:
    """A scratch fork of the mini curriculum and `./handbook edit` serving it; yield both."""
    from macros.commands.edit import server

    root = scratch(tmp_path / "fork", editor_cache)
    httpd = server(root, tmp_path / "page", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}/admin/"
    httpd.shutdown()
    httpd.server_close()


def other_hosts(requests: list[str]) -> list[str]:
    return [url for url in requests if not url.startswith(("http://127.0.0.1", "data:", "blob:"))]


def open_editor(browser: Any, url: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(locale="de-DE")
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type in ("warning", "error") else None)
    page.goto(url)
    page.get_by_role("button", name="Mit Test-Repository arbeiten").click()
    page.get_by_role("treeitem", name="Sitzungsvorlagen").wait_for()
    assert warnings == [], "the page reports a problem (Sveltia: an unknown or deprecated option of ours?)"
    return context, page, requests


def save(page: Any, path: str) -> None:
    """Press Save and wait until the server has answered the write of ``path``."""
    with page.expect_response(lambda r: r.request.method == "PUT" and r.url.endswith(path)) as answer:
        page.get_by_role("button", name="Speichern").click()
    assert answer.value.status == 200, answer.value.text()


def axe(page: Any) -> list[str]:
    result = page.evaluate("options => axe.run(document, options)", {
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]})
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


@pytest.mark.browser
def test_a_change_in_the_browser_is_the_forks_small_override(browser: Any, editing: tuple[Path, str]) -> None:
    root, url = editing
    ours = (root / SESSION).read_bytes()
    settings_before = (root / "curriculum/organization.yaml").read_text(encoding="utf-8")
    context, page, requests = open_editor(browser, url)
    assert other_hosts(requests) == []
    assert axe(page) == []

    page.get_by_role("treeitem", name="Sitzungsvorlagen").click()
    page.get_by_role("row", name="Erstes Treffen").click()
    page.get_by_role("textbox", name="Titel").first.fill("Erstes Kennenlernen")
    assert axe(page) == []  # the form itself
    # The form draws its fields as they scroll into view: the agenda's first step title is the second "Titel".
    page.get_by_text("Ablauf", exact=True).first.scroll_into_view_if_needed()
    page.get_by_role("textbox", name="Titel").nth(1).fill("Ankommen bei Kaffee")
    save(page, OVERRIDE)
    page.get_by_role("status").filter(has_text="gespeichert: " + OVERRIDE).wait_for()  # what the server said

    page.get_by_role("treeitem", name="Einstellungen").click()
    page.get_by_role("row", name="Einstellungen").click()
    page.get_by_role("textbox", name="Name").nth(1).fill("Perspektiven tauschen")  # the program's name
    # The logo: the settings' look section switched on, a picture uploaded into docs/.
    page.get_by_text("Aussehen", exact=True).first.scroll_into_view_if_needed()
    page.get_by_role("checkbox", name=re.compile("Aussehen.*hinzuf")).click()
    page.locator("input[type=file]").first.set_input_files(files=[{"name": "logo.png", "mimeType": "image/png",
                                                                   "buffer": PNG}])
    with page.expect_response(lambda r: r.request.method == "PUT" and r.url.endswith("docs/logo.png")):
        save(page, "curriculum/organization.yaml")

    # Markdown with a placeholder, bold text and "Mentor:in" goes through the form untouched.
    page.get_by_role("treeitem", name="Grundlagen").click()
    page.get_by_role("row", name="Was ist Reverse Mentoring").click()
    page.get_by_role("textbox", name="Titel").first.fill("Was Reverse Mentoring ist")
    save(page, "basics/was-ist-reverse-mentoring.yaml")
    context.close()
    basics = yaml.safe_load((root / "curriculum/local/de/basics/was-ist-reverse-mentoring.yaml").read_text("utf-8"))
    assert basics == {"title": "Was Reverse Mentoring ist"}

    assert (root / SESSION).read_bytes() == ours, "our file must stay as it was"
    override = (root / OVERRIDE).read_text(encoding="utf-8")
    data = yaml.safe_load(override)
    assert list(data) == ["title", "agenda"]
    assert data["title"] == "Erstes Kennenlernen"
    assert [s["title"] for s in data["agenda"]] == ["Ankommen bei Kaffee", "Ziele", "Vereinbarung"]
    # The base, as ./handbook adapt records it: beside the overrides, where no form rewrites it.
    assert (root / "curriculum/local/bases.yaml").read_text(encoding="utf-8").endswith(
        f"de/sessions/erstes-treffen: {blob_id(ours)}\n")
    settings_after = (root / "curriculum/organization.yaml").read_text(encoding="utf-8")
    kept = settings_after.splitlines()[:len(settings_before.splitlines())]
    changed = [(a, b) for a, b in zip(settings_before.splitlines(), kept, strict=True) if a != b]
    assert changed == [('  name: "Perspektivwechsel"', "  name: Perspektiven tauschen")]
    assert settings_after.endswith("\nbranding:\n  logo: logo.png\n")  # a new section, after the rest
    assert (root / "docs/logo.png").read_bytes() == PNG

    check = handbook(root, "check")
    assert check.result.returncode == 0, check.output
    built = mkdocs_build(root)
    assert built.result.returncode == 0, built.output
    page_html = built.html("sessions/erstes-treffen/index.html")
    assert "Erstes Kennenlernen" in page_html and "Ankommen bei Kaffee" in page_html
    assert "Perspektiven tauschen" in built.html("index.html") and 'src="logo.png"' in built.html("index.html")


@pytest.mark.browser
def test_both_editions_side_by_side_and_each_keeps_its_own_override(browser: Any, tmp_path: Path,
                                                                     editor_cache: Path) -> None:
    from macros.commands.edit import server

    root = bilingual_project(tmp_path / "fork")
    shutil.copytree(editor_cache, editor_files.folder(root))
    httpd = server(root, tmp_path / "page", 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        context, page, _ = open_editor(browser, f"http://127.0.0.1:{httpd.server_address[1]}/admin/")
        page.get_by_role("treeitem", name="Sitzungsvorlagen").click()
        page.get_by_role("row", name="Erstes Treffen").click()
        page.get_by_role("radio", name="Englisch").last.click()  # the English edition beside the German one
        english_title = page.get_by_role("textbox", name="Titel").and_(page.locator('[lang="en"]'))
        english_title.fill("EN Getting to know each other")
        save(page, "local/en/sessions/erstes-treffen.yaml")
        context.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    english = yaml.safe_load((root / "curriculum/local/en/sessions/erstes-treffen.yaml").read_text("utf-8"))
    assert english == {"title": "EN Getting to know each other"}
    assert not (root / OVERRIDE).exists(), "the German edition was not changed: no override of it"
    assert handbook(root, "check").result.returncode == 0


@pytest.mark.browser
def test_the_published_editor_page_asks_no_other_host(browser: Any, tmp_path: Path, editor_cache: Path) -> None:
    root = scratch(tmp_path / "site", editor_cache)
    settings = root / "curriculum/organization.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "site:\n  url: https://beispiel.example/handbuch/\n"
                        "  editor:\n    repository: beispiel/handbuch\n", encoding="utf-8")
    built = mkdocs_build(root)
    assert built.result.returncode == 0, built.output
    html = built.html("admin/index.html")
    assert '<meta name="robots" content="noindex, nofollow">' in html
    policy = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1))  # type: ignore[union-attr]
    assert "connect-src 'self' https://api.github.com;" in policy and "script-src 'self';" in policy
    assert set(re.findall(r"https?://[^\s;]+", policy)) == {"https://api.github.com"}  # the one other host
    index = json.loads((built.site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("admin")]
    assert "admin" not in (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "admin/" not in built.html("index.html")  # not in the navigation either
    config = json.loads((built.site / "admin/config.json").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "repo": "beispiel/handbuch", "branch": "main"}
    with serve(built.site, "/handbuch/") as base:
        context = browser.new_context(locale="en-US")  # the German edition's editor speaks German all the same
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(base + "admin/")
        page.get_by_role("button", name=re.compile(r"Mit\W+GitHub\W+anmelden")).wait_for()
        assert axe(page) == []
        context.close()
    assert other_hosts(requests) == []
