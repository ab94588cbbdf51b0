"""The browser editor's configuration, generated from the same JSON Schemas as schemas/*.schema.json.

`./handbook schema` writes schemas/editor-<lang>.yml (one per interface language); its `--check`
fails when they differ from what the models produce. The editor (Sveltia CMS, which reads Decap
CMS's format) then offers every field of every kind as a form field: the model's description as
the hint, required fields, lengths, numbers' limits and patterns as in the model, references as
choices from the modules of the right kind, lists of steps as repeatable groups, text as Markdown.

Collections point at the fork's own layer, `curriculum/local/<lang>/<kind>/`: what the editor
saves is the fork's file, never ours (see CONTRIBUTING.md, "The browser editor"). A field left
empty there keeps our text, so no top-level field is required in the form; inside a group
(an agenda step) every required part is. On GitHub those list only the fork's own files, so each
kind has a second collection, `ours-<kind>`, over our modules, whole: a save there goes through a
pull request of its own (Sveltia's editorial workflow, branch `cms/ours-<kind>/<id>`), where the
workflow turns it into the fork's override (`./handbook adapt --absorb`) before it is merged.
`./handbook edit` needs none of them (macros/site/admin.py leaves them out): it shows ours there.
"""

from __future__ import annotations

from typing import Any

import yaml

from macros.commands.editor_words import DESCRIBED_IN, At, Words
from macros.organization.settings import Settings
from macros.schema.field_types import COLOR_PATTERN, ID_PATTERN, LOGO_PATTERN
from macros.schema.models import KINDS

LANGUAGES = ("de", "en")  # interface languages the editor's labels exist in (macros/i18n/<lang>.yaml)
# Settings an editor form cannot hold (maps with keys of the fork's choosing): left out of the
# form and kept as they are when the form is saved (macros/commands/edit.py merges, never drops).
NOT_IN_FORM = ("editions", "terms", "languages", "language")
# Longer texts are Markdown: the raw editor first, so placeholders such as {org} stay as written.
MARKDOWN_FROM = 400
MARKDOWN = {"widget": "markdown", "modes": ["raw", "rich_text"], "sanitize_preview": True}
OURS = "ours-"  # the collections over our modules: ours-sessions, …


class _Plain(yaml.SafeDumper):
    # The same options appear in many fields: written out each time, not as YAML anchors.
    def ignore_aliases(self, data: Any) -> bool:
        return True


def config_file(lang: str) -> str:
    """Return the file name of the configuration in interface language ``lang``."""
    return f"editor-{lang}.yml"


def _resolve(node: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return {**definitions[node["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _optional(node: dict[str, Any]) -> dict[str, Any] | None:
    # Pydantic writes `X | None` as anyOf [X, null]: the field may stay empty.
    options = [n for n in node.get("anyOf", []) if n.get("type") != "null"]
    if "anyOf" in node and len(options) == 1:
        return {**options[0], **{k: v for k, v in node.items() if k not in ("anyOf", "default")}}
    return None


def field(name: str, node: dict[str, Any], required: bool, at: At) -> dict[str, Any]:
    """Return the editor field for one schema property."""
    inner = _optional(node)
    base: dict[str, Any] = {"name": name, "label": at.words.field(name), "required": required and inner is None}
    node = _resolve(inner or node, at.defs)
    if hint := at.hint(node):
        base["hint"] = hint
    # No defaults: the editor would write them into the file, where they would hide our text (a
    # module's override) or freeze a setting's default that a later version of ours improves.
    return {**base, **widget(node, at)}


def widget(node: dict[str, Any], at: At) -> dict[str, Any]:
    """Return the widget options for a schema node: its type, limits and pattern."""
    if "x-kinds" in node:
        return references(node, at.collections)
    if "enum" in node or "const" in node:
        return {"widget": "select", "options": node.get("enum", [node.get("const")])}
    if node.get("type") == "object" and "properties" in node:
        return {"widget": "object", "fields": fields(node, at, top=False)}
    if node.get("type") == "array":
        return listing(node, at)
    if node.get("type") == "integer":
        return {"widget": "number", "value_type": "int",
                **{key: node[limit] for key, limit in (("min", "minimum"), ("max", "maximum")) if limit in node}}
    if node.get("type") == "boolean":
        return {"widget": "boolean"}
    return text(node, at.words)


def text(node: dict[str, Any], words: Words) -> dict[str, Any]:
    """Return a text widget: a colour picker, an image upload, a date, Markdown or one line."""
    pattern = node.get("pattern", "")
    if pattern == COLOR_PATTERN:
        return {"widget": "color"}
    if pattern == LOGO_PATTERN:
        # Into docs/ itself, written as the bare file name: the logo setting is a path inside docs/
        # (the editor would write the global public folder with a leading "/", which it refuses).
        return {"widget": "image", "choose_url": False, "media_folder": "/docs", "public_folder": ""}
    if node.get("format") == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "time_format": False, "picker_utc": True}
    limits = {key: node[limit] for key, limit in (("minlength", "minLength"), ("maxlength", "maxLength"))
              if limit in node}
    checked = {"pattern": found} if (found := words.pattern(pattern)) else {}
    if pattern or node.get("maxLength", MARKDOWN_FROM) < MARKDOWN_FROM:  # one line, a word, an address
        return {"widget": "string", **limits, **checked}
    if node.get("maxLength", 0) > MARKDOWN_FROM:  # Sveltia's Markdown field has no length limits: check says
        return dict(MARKDOWN)
    return {"widget": "text", **limits}  # a summary: plain sentences, shown in overviews and search


def listing(node: dict[str, Any], at: At) -> dict[str, Any]:
    """Return a repeatable field: groups for lists of objects, one line or paragraph per item otherwise."""
    limits = {key: node[limit] for key, limit in (("min", "minItems"), ("max", "maxItems")) if limit in node}
    item = _resolve(node.get("items", {}), at.defs)
    if item.get("type") == "object":
        return {"widget": "list", **limits, "fields": fields(item, at, top=False)}
    one = {"name": "item", "label": at.words.field("item"), **widget(item, at)}
    return {"widget": "list", **limits, "field": one}


def references(node: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Return a choice among the modules of the referenced kinds (ids of several kinds: typed, checked)."""
    kinds = node["x-kinds"]
    many = node.get("type") == "array"
    limits = {"min": node["minItems"]} if "minItems" in node else {}
    if len(kinds) == 1:
        return {"widget": "relation", "collection": prefix + kinds[0], "value_field": "{{slug}}",
                "search_fields": ["title"], "display_fields": ["title"], "multiple": many, **limits}
    # A relation field offers one collection: a reference to any of several kinds is an id, typed.
    one = {"widget": "string", "pattern": [ID_PATTERN, "id"]}
    return {"widget": "list", **limits, "field": {"name": "id", "label": "id", **one}} if many else one


def fields(schema: dict[str, Any], at: At, top: bool) -> list[dict[str, Any]]:
    """Return the editor fields of an object schema, in the model's order."""
    required = set(schema.get("required", []))
    return [field(name, node, not top and name in required, at.child(name))
            for name, node in schema["properties"].items() if not (top and name in NOT_IN_FORM)]


def _modules(name: str, label: str, folder: str, kind: str, form: list[dict[str, Any]], writable: bool,
             **options: Any) -> dict[str, Any]:
    """Return a collection of module files of one kind, one per edition (both collections share all but ``options``)."""
    return {
        "name": name, "label": label, "folder": folder, "path": f"{kind}/{{{{slug}}}}", "extension": "yaml",
        "format": "yaml", "create": writable, "delete": writable, "i18n": True, "identifier_field": "title",
        "summary": "{{title}}", "sortable_fields": ["title", "order"], **options,
        "fields": [{**f, "i18n": True} for f in form],
    }


def _complete(form: list[dict[str, Any]], schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Return ``form`` with the schema's required fields required again: for a file that is whole, no override."""
    required = set(schema.get("required", []))
    for item in form:
        item["required"] = item["name"] in required
    return form


def collection(kind: str, words: Words) -> dict[str, Any]:
    """Return the collection of one kind: the fork's modules and overrides of that kind, per edition."""
    schema = KINDS[kind].model_json_schema()
    form = fields(schema, At(words, schema.get("$defs", {}), kind), top=True)
    # The file name is the module's id: typed when a file is made (one of ours: the same id).
    return _modules(kind, words.kinds[kind], "curriculum/local", kind, form, True, slug={"editable": ["create"]})


def ours_collection(kind: str, words: Words) -> dict[str, Any]:
    """Return the collection over our modules of one kind: whole, saved through a pull request of its own.

    Sveltia's GitHub backend writes the file it read. A save here opens a pull request from the
    branch `cms/ours-<kind>/<id>`; the workflow (.github/workflows/publish.yml) makes the fork's
    override from it there and gives our file its bytes back, so merging it merges only the fork's layer.
    """
    schema = KINDS[kind].model_json_schema()
    form = _complete(fields(schema, At(words, schema.get("$defs", {}), kind, collections=OURS), top=True), schema)
    # No publishing from the editor: "save and publish" would merge before the workflow made
    # the override; the pull request is merged on github.com once its run is green (the guide).
    return _modules(OURS + kind, words.ours.format(kind=words.kinds[kind]), "curriculum", kind, form, False,
                    publish_mode="editorial_workflow", publish=False)


def settings_collection(words: Words) -> dict[str, Any]:
    """Return the settings file as one form: colours with a picker, the logo as an upload, dates as dates."""
    schema = Settings.model_json_schema()
    form = _complete(fields(schema, At(words, schema.get("$defs", {}), "settings"), top=True), schema)
    for item in form:
        item["label"] = words.settings.get(item["name"], item["label"])
    return {"name": "settings", "label": words.settings["title"], "editor": {"preview": False},
            "files": [{"name": "organization", "label": words.settings["title"], "file": "curriculum/organization.yaml",
                       "format": "yaml", "fields": form}]}


def settings_fields() -> list[tuple[str, ...]]:
    """Return the path of every value the settings form holds (groups opened, lists as one value)."""
    def leaves(items: list[dict[str, Any]], at: tuple[str, ...]) -> list[tuple[str, ...]]:
        return [leaf for item in items for leaf in (leaves(item["fields"], (*at, item["name"]))
                                                     if item["widget"] == "object" else [(*at, item["name"])])]
    (form,) = settings_collection(Words(DESCRIBED_IN))["files"]
    return leaves(form["fields"], ())


def editor_config(lang: str) -> dict[str, Any]:
    """Return the editor's configuration in interface language ``lang``, without backend and editions.

    The build adds those from the settings (macros/site/admin.py): the repository, the branch and
    which editions exist are the fork's, the fields are the models'.
    """
    words = Words(lang)
    return {
        "media_folder": "docs/assets/images", "public_folder": "assets/images",
        "slug": {"encoding": "ascii", "clean_accents": True},
        # An empty optional field is left out of the file, not written as '' or []: in an override
        # an empty field means "ours", and the model refuses an empty title or list item.
        "output": {"omit_empty_optional_fields": True},
        "collections": [settings_collection(words), *(collection(kind, words) for kind in KINDS),
                        *(ours_collection(kind, words) for kind in KINDS)],
    }


def all_configs() -> dict[str, str]:
    """Return file name -> YAML text of the configuration in every interface language."""
    head = "# Generated from the models by ./handbook schema (macros/commands/editor.py): do not edit.\n"
    return {config_file(lang): head + yaml.dump(editor_config(lang), Dumper=_Plain, allow_unicode=True,
                                                sort_keys=False, width=120)
            for lang in LANGUAGES}

