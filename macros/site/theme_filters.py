"""What the theme overrides need from the engine in a build without our plugin: css_string, the bundle's name.

Listed as a hook in the mkdocs.yml that `./handbook tree` writes (and in the benchmark's plain
MkDocs build): overrides/main.html escapes the printed page footer with the filter, and starts
Material's bundle after the first paint by the name its base template gives it. It adds no pages
and changes no Markdown; the plugin sets the same in its own on_env.
"""

from __future__ import annotations

from typing import Any

from macros.build.theme_assets import theme_bundle
from macros.rendering.sanitize import css_string


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.filters["css_string"] = css_string
    env.globals["rm_theme_bundle"] = theme_bundle(str(env.loader.get_source(env, "base.html")[0]))
    return env
