"""The one piece of our hook the theme overrides need in a plain MkDocs build: the css_string filter.

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

from macros.rendering.sanitize import css_string  # noqa: E402


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    env.filters["css_string"] = css_string
    return env
