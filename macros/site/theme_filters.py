"""What the theme overrides need from the engine in a build without our plugin: two filters, the bundle's name.

Listed as a hook in the mkdocs.yml that `./handbook tree` writes (and in the benchmark's plain
MkDocs build): overrides/main.html escapes the printed page footer with css_string, writes the
sidebars with single_gaps, and starts Material's bundle after the first paint by the name its
base template gives it. It adds no pages and changes no Markdown; the plugin sets the same in its
own on_env.
"""

from __future__ import annotations

import re
from typing import Any

from macros.build.theme_assets import theme_bundle
from macros.rendering.sanitize import css_string

# White space between two tags, as HTML collapses it (ASCII only: a no-break space is text).
_GAP = re.compile(r">[ \t\n\r\f]{2,}<")


def single_gaps(html: str) -> str:
    """Return ``html`` with each run of white space between two tags shortened to one line break.

    Material's navigation templates indent every item by several lines of blanks: a third of each
    page, and more the deeper the navigation. A browser shows any such run as one space, as it
    shows the line break left in its place (the sidebars hold no preformatted text).
    """
    return _GAP.sub(">\n<", html)


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.filters["css_string"] = css_string
    env.filters["single_gaps"] = single_gaps
    env.globals["rm_theme_bundle"] = theme_bundle(str(env.loader.get_source(env, "base.html")[0]))
    return env
