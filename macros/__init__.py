"""The handbook engine, and the mkdocs-macros entry point for the hand-written docs pages.

Only pages with `render_macros: true` in their front matter are rendered by Jinja; generated
module pages never are, because YAML text is data.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Expose the organization's settings and the handbook's sections to docs pages."""
    from macros.pages import GROUPS
    from macros.text import md_escape

    ctx = env.conf["extra"]["handbook"]
    # Settings are YAML too: escaped, so a name like "<b>AG</b>" shows as typed.
    values = {k: md_escape(v) for k, v in ctx.settings.placeholders().items()}
    env.variables["org"] = values["org"]
    env.variables["program"] = values["program"]
    env.variables["p"] = values
    env.variables["labels"] = ctx.labels
    env.variables["curriculum"] = ctx.curriculum
    env.variables["groups"] = {ctx.labels["groups"][g]: [k for k in kinds if ctx.curriculum.of_kind(k)]
                               for g, kinds in GROUPS.items()}
