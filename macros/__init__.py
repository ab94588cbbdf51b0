"""The handbook engine, and the mkdocs-macros entry point for the hand-written docs pages.

Only pages with `render_macros: true` in their front matter are rendered by Jinja; generated
module pages never are, because YAML text is data.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Expose the organization's settings and the handbook's sections to docs pages."""
    from macros.docs_pages import page_variables

    ctx = env.conf["extra"]["handbook"]  # under serve with broken content: a stand-in (macros/serve_errors.py)
    env.variables.update(page_variables(ctx.labels, ctx.curriculum, ctx.settings.placeholders()))
