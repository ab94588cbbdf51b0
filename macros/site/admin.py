"""The browser editor's page, /admin/: written into the built site when settings name a repository.

The page is made here, by the engine, not taken from docs/ (which refuses scripts and pages of
HTML: content can never add a script). It loads only files served beside it: Sveltia CMS and its
fonts (macros/site/editor_files.py), our guard (overrides/admin/guard.js) and the configuration
generated from the models (schemas/editor-<lang>.yml) with the fork's repository and editions.
Its own Content-Security-Policy names the one other host it talks to: api.github.com on the
published site, nothing but itself in `./handbook edit`. It is no page of MkDocs: it is in no
navigation, search index or sitemap, and asks search engines not to index it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jinja2
import yaml

from macros.organization.labels import load_labels
from macros.organization.settings import Settings
from macros.rendering.render import TEMPLATES
from macros.site import editor_files

GITHUB_API = "https://api.github.com"
OUR_SCRIPTS = ("guard.js", "local.js")  # overrides/admin/: code of ours, reviewed as code
# Sveltia injects its styles at run time (Svelte), so styles may be inline; scripts may not.
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; "
          "font-src 'self'; connect-src 'self' {api}; worker-src 'self' blob:; manifest-src 'self'; "
          "base-uri 'none'; form-action 'none'")


def config(root: Path, settings: Settings, local: bool) -> dict[str, Any]:
    """Return the editor's configuration: the generated fields plus this fork's repository and editions."""
    lang = settings.language if settings.language in ("de", "en") else "en"
    text = (root / "schemas" / f"editor-{lang}.yml").read_text(encoding="utf-8")
    generated: dict[str, Any] = yaml.safe_load(text)
    editor = settings.site.editor
    # Locally, Sveltia's test backend reads and writes the browser's private folder, which
    # overrides/admin/local.js fills from and saves to `./handbook edit`.
    backend = ({"name": "test-repo"} if local or editor is None
               else {"name": "github", "repo": editor.repository, "branch": editor.branch})
    if backend["name"] != "github":
        # The collections over our modules save through pull requests (schemas/editor-<lang>.yml,
        # publish_mode), which only the GitHub backend has; locally every module is in the fork's.
        generated["collections"] = [c for c in generated["collections"] if c.get("publish_mode") is None]
    editions = settings.built()
    if len(editions) > 1:
        # initial_locales "all": a module may exist in one edition only (a translation still missing).
        generated["i18n"] = {"structure": "multiple_folders", "locales": editions, "default_locale": editions[0],
                             "initial_locales": "all"}
    else:  # one edition: no language folders in the form, the collection's folder names it
        for collection in generated["collections"]:
            if "folder" in collection:
                collection["folder"] = f"{collection['folder']}/{editions[0]}"
                collection.pop("i18n", None)
                for item in collection["fields"]:
                    item.pop("i18n", None)
    return {"load_config_file": False, "backend": backend, "publish_mode": "simple", **generated}


def page(settings: Settings, local: bool, api: str) -> str:
    """Return the editor's HTML page (macros/rendering/templates/admin.html.j2)."""
    words = load_labels(settings.language)["editor"]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template("admin.html.j2").render(
        lang=settings.language, policy=POLICY.format(api=api), title=words["page_title"],
        noscript=words["noscript"], scripts=[*OUR_SCRIPTS[: 2 if local else 1], "sveltia-cms.js"])


def publish(root: Path, site: Path, settings: Settings, local: bool = False, api: str = GITHUB_API) -> Path:
    """Write the editor into ``site``/admin/ and return that folder."""
    target = site / "admin"
    shutil.copytree(editor_files.ensure(root), target, dirs_exist_ok=True)
    for name in OUR_SCRIPTS:
        shutil.copy2(root / "overrides" / "admin" / name, target / name)
    (target / "config.json").write_text(json.dumps(config(root, settings, local), ensure_ascii=False, indent=1),
                                        encoding="utf-8")
    (target / "index.html").write_text(page(settings, local, api), encoding="utf-8")
    return target

