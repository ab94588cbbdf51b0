"""The pieces of our hook the theme overrides need in a plain MkDocs build: css_string, the bundle's name.

Used only by the benchmark's plain-MkDocs config: the overrides in overrides/ call it, so without it
Material cannot render them. It adds no pages and changes no Markdown.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project copy's engine

from macros.build.theme_assets import theme_bundle  # noqa: E402
from macros.rendering.sanitize import css_string  # noqa: E402


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    env.filters["css_string"] = css_string
    env.globals["rm_theme_bundle"] = theme_bundle(str(env.loader.get_source(env, "base.html")[0]))
    return env
