"""The handbook engine, and the mkdocs-macros entry point for the hand-written docs pages.

Only pages with `render_macros: true` in their front matter are rendered by Jinja; generated
module pages never are, because YAML text is data.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Expose the organization's settings and the handbook's sections to docs pages."""
    from macros.journeys import journey_title, journeys
    from macros.pages import GROUPS
    from macros.text import md_escape, substitute

    ctx = env.conf["extra"]["handbook"]
    # Settings are YAML too: escaped, so a name like "<b>AG</b>" shows as typed.
    values = {k: md_escape(v) for k, v in ctx.settings.placeholders().items()}
    env.variables["org"] = values["org"]
    env.variables["program"] = values["program"]
    env.variables["p"] = values
    env.variables["labels"] = ctx.labels
    env.variables["curriculum"] = ctx.curriculum
    # One line per role on the start page: its journey's title, link and what the role is about.
    env.variables["journeys"] = [
        {"src": j.src, "title": md_escape(journey_title(j, ctx.labels)),
         "summary": md_escape(substitute(" ".join(j.role.module.summary.split()), ctx.settings.placeholders()))}
        for j in journeys(ctx.curriculum)
    ]
    env.variables["groups"] = {ctx.labels["groups"][g]: [k for k in kinds if ctx.curriculum.of_kind(k)]
                               for g, kinds in GROUPS.items()}
