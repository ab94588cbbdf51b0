"""An edition's tree (macros/build/tree.py) copied into MkDocs' config: names, language, address, logo.

The tree has escaped what Material prints as it is (the site name, the toggles' names).
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from macros.build.tree import Tree, named_palette
from macros.rendering.compiled_templates import keep_compiled


def brand(config: MkDocsConfig, tree: Tree) -> None:
    """Give the site the edition's settings from its tree: name, language, address, logo, toggles, extra."""
    config.site_name = tree.site["site_name"]
    config.site_description = tree.site["site_description"]
    config.docs_dir = str(tree.docs)
    if tree.site["site_url"]:
        config.site_url = tree.site["site_url"]
    for key, value in tree.theme.items():
        if value is not None:
            config.theme[key] = value  # the language is also the search index's (its stop words)
    if isinstance(palette := config.theme.get("palette"), list):
        config.theme["palette"] = named_palette(palette, tree.toggles)
    config.extra.update(tree.extra)


def theme_keeps_compiled(config: MkDocsConfig) -> None:
    """Let every Jinja environment of the theme keep its compiled templates.

    Not only mkdocs' own (on_env): Material's search makes three more in each build, to read
    its language settings, and would compile its language templates in each of them.
    """
    theme = config.theme
    make = type(theme).get_env

    def get_env() -> Any:
        env = make(theme)
        keep_compiled(env)
        return env

    theme.get_env = get_env  # type: ignore[method-assign]
