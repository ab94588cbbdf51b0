"""A mkdocs hook for the benchmark: save the Markdown and config a real handbook build produced.

Added to a throwaway copy's mkdocs.yml only. It runs after the handbook hook and mkdocs-macros,
so what it saves is exactly what mkdocs turned into HTML: the limit plain MkDocs is measured on.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

OUT = Path(os.environ.get("BENCH_CAPTURE", "captured"))


@event_priority(-100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    theme = {k: config.theme[k] for k in ("language", "logo", "favicon") if config.theme.get(k)}
    handbook = config.extra["handbook"]  # the theme overrides read its labels and settings
    extra = {"org": config.extra["org"],
             "handbook": {"labels": handbook.labels, "settings": handbook.settings.model_dump(mode="json")}}
    settings: dict[str, Any] = {"site_name": config.site_name, "site_url": config.site_url, "nav": config.nav,
                                "theme": theme, "extra": extra}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "config.json").write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")
    return config


@event_priority(-100)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    target = OUT / "docs" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    # The page's metadata too (its front matter, e.g. a hidden navigation or a module page's
    # description): Material renders it, so plain MkDocs must read the same.
    front = f"---\n{json.dumps(page.meta, ensure_ascii=False)}\n---\n\n" if page.meta else ""
    target.write_text(front + markdown, encoding="utf-8")
    return markdown
