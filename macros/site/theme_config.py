"""An edition's settings copied into MkDocs' config: names, language, address, logo, colours.

Material prints several of these values into the HTML as they are (the site name in the header
and aria-labels, the toggles' names), so each is escaped here, once, before the theme sees it.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from macros.organization.editions import prefix
from macros.rendering.compiled_templates import keep_compiled
from macros.rendering.render import Context


def brand(config: MkDocsConfig, ctx: Context) -> None:
    """Give the site the edition's name, language, address, logo and colours; hand the theme its context."""
    s = ctx.settings
    config.site_name = html.escape(s.program.name)
    config.site_description = ctx.labels["ui"]["site_description"]
    config.theme["language"] = s.edition  # also the search index's language (its stop words)
    config.docs_dir = str(Path(config.config_file_path).parent / "docs" / s.edition)
    config.extra["alternate"] = len(s.built()) > 1  # Material shows the switcher (overrides/partials/alternate.html)
    if s.site.url:
        # canonical links, sitemap.xml, the address on printed pages; another edition lives below it
        config.site_url = s.site.url.rstrip("/") + "/" + prefix(s.edition, s.language)
    if s.branding.logo:
        config.theme["logo"] = s.branding.logo
        config.theme["favicon"] = s.branding.logo
    _name_scheme_toggles(config, ctx.labels["ui"])
    # What the theme overrides read (overrides/main.html, partials): the settings and labels.
    config.extra["org"] = s.model_dump()
    config.extra["handbook"] = ctx


def _name_scheme_toggles(config: MkDocsConfig, ui: dict[str, str]) -> None:
    # mkdocs.yml holds one language: each toggle is named in the edition's, after the scheme it switches to.
    switches_to = {"default": "scheme_dark", "slate": "scheme_light"}
    for option in config.theme.get("palette") or []:
        if isinstance(option, dict) and option.get("toggle") and option.get("scheme") in switches_to:
            option["toggle"]["name"] = html.escape(ui[switches_to[option["scheme"]]])


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
