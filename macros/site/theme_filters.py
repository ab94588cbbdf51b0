"""The one thing the theme overrides need from the engine in a build without our plugin: the css_string filter.

Listed as a hook in the mkdocs.yml that `./handbook tree` writes (and in the benchmark's plain
MkDocs build): overrides/main.html escapes the printed page footer with it. It adds no pages and
changes no Markdown; the plugin sets the same filter in its own on_env.
"""

from __future__ import annotations

from typing import Any

from macros.rendering.sanitize import css_string


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.filters["css_string"] = css_string
    return env
