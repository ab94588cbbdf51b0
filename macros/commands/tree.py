"""`./handbook tree OUT [LANG]`: one edition's tree written out for a builder that runs without our plugin.

OUT/docs/ holds every page as Markdown (hand-written pages with their Jinja and placeholders done,
generated pages from the curriculum), the edition's other files, the logo and the calendar;
OUT/mkdocs.yml is ours with the tree's settings and navigation and without the plugin;
OUT/handbook-tree.json tells the post-processing step (macros/build/postprocess.py) the rest.
Build it with any MkDocs 1.x-compatible tool, e.g. `properdocs build -f OUT/mkdocs.yml`, then run
`python -m macros.build.postprocess OUT/site OUT`.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from macros.base.errors import ContentErrors
from macros.base.messages import say, speaking
from macros.build.cache import OneShot
from macros.build.postprocess import SIDECAR
from macros.build.tree import Tree, make_tree, named_palette
from macros.handwritten import docs_pages
from macros.handwritten.front_matter import YAML_BLOCK, body_start, shown_by_theme
from macros.organization.settings import fork_language
from macros.rendering.render import front_matter, url_of
from macros.site import theme_filters


class _Config(yaml.SafeLoader):
    """mkdocs.yml read for the few values the tree's config changes: `!ENV [NAME, default]` is its
    default (the tree is made as configured); Python objects (a slug function) are left to MkDocs."""


_Config.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1]
                        if isinstance(node, yaml.SequenceNode) else None)
_Config.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def write_tree(root: Path, out: Path, lang: str | None = None) -> Tree:
    """Write edition ``lang`` (None: the default one) of the handbook in ``root`` as a tree into ``out``."""
    config: dict[str, Any] = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Config)
    directory_urls = bool(config.get("use_directory_urls", True))
    tree = make_tree(root, OneShot(), directory_urls, frozenset(), lang)
    docs = out / "docs"
    shutil.rmtree(out, ignore_errors=True)  # a tree written before (checked by main(): nothing else)
    shutil.copytree(tree.docs, docs, ignore=shutil.ignore_patterns("*.md"))
    written_by_hand = []
    for page in sorted(tree.docs.rglob("*.md")):
        src = page.relative_to(tree.docs).as_posix()
        written_by_hand.append(url_of(src, directory_urls))
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(_hand_written(page, src, tree), encoding="utf-8")
    for generated in tree.pages:
        (docs / generated.src).parent.mkdir(parents=True, exist_ok=True)
        (docs / generated.src).write_text(generated.markdown, encoding="utf-8")
    for path, content in tree.files.items():
        (docs / path).write_bytes(content)
    if tree.theme["logo"]:
        (docs / tree.theme["logo"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(tree.docs.parent / tree.theme["logo"], docs / tree.theme["logo"])
    (out / "mkdocs.yml").write_text(yaml.safe_dump(_config(config, tree, root), allow_unicode=True, sort_keys=False),
                                    encoding="utf-8")
    sidecar = {"terms": tree.ctx.terms.mapping, "hidden_urls": sorted(tree.hidden_urls),
               "handwritten": written_by_hand, "overrides": str((root / "overrides").resolve())}
    (out / SIDECAR).write_text(json.dumps(sidecar, ensure_ascii=False, indent=1), encoding="utf-8")
    return tree


def _hand_written(page: Path, src: str, tree: Tree) -> str:
    # What the plugin does on the page's Markdown: its front matter as the theme may print it, its
    # Jinja (sandboxed) and placeholders done.
    text = page.read_text(encoding="utf-8")
    block = YAML_BLOCK.match(text)
    meta = shown_by_theme(yaml.safe_load(block.group(1)) or {}) if block else {}
    body = docs_pages.render_page(body_start(text)[0], tree.page_variables, tree.ctx.settings.placeholders(),
                                  f"{tree.docs.name}/{src}")
    return (front_matter(meta) if meta else "") + body


def _config(ours: dict[str, Any], tree: Tree, root: Path) -> dict[str, Any]:
    """Return a mkdocs.yml over ours (INHERIT) with the tree's settings and navigation, without the plugin."""
    config: dict[str, Any] = {"INHERIT": str((root / "mkdocs.yml").resolve())}
    config.update({key: value for key, value in tree.site.items() if value is not None})
    config.update(docs_dir="docs", site_dir="site", nav=tree.nav, watch=[],
                  hooks=[str(Path(theme_filters.__file__).resolve())])
    theme = {key: value for key, value in tree.theme.items() if value is not None}
    theme["custom_dir"] = str((root / "overrides").resolve())
    palette = named_palette(ours["theme"].get("palette") or [], tree.toggles)
    config["theme"] = {**theme, "palette": palette} if palette else theme
    config["plugins"] = [p for p in ours.get("plugins") or [] if not (isinstance(p, dict) and "handbook" in p)]
    ctx = tree.ctx
    # The overrides read the settings and labels as config.extra.handbook; written out, they are plain data.
    # The language switcher needs every edition planned by the plugin: a tree has one edition.
    config["extra"] = {**tree.extra, "alternate": False,
                       "handbook": {"labels": ctx.labels, "settings": ctx.settings.model_dump(mode="json"),
                                    "book": ctx.book}}
    return config


def _not_ours(out: Path, root: Path) -> bool:
    """Tell whether writing a tree into ``out`` would replace anything but an earlier tree (or the project)."""
    target = out.resolve()
    if target == root.resolve() or root.resolve().is_relative_to(target):
        return True
    return target.exists() and any(target.iterdir()) and not (target / SIDECAR).is_file()


def main(argv: list[str]) -> int:
    """`./handbook tree OUT [LANG]`."""
    root = Path.cwd()
    with speaking(fork_language(root)):
        if not argv or len(argv) > 2:
            print(say("tree_usage"), file=sys.stderr)
            return 2
        out = Path(argv[0])
        if _not_ours(out, root):
            print(say("tree_not_empty", out=argv[0]), file=sys.stderr)
            return 2
        try:
            tree = write_tree(root, out, argv[1] if len(argv) > 1 else None)
        except ContentErrors as err:
            print(err.report(), file=sys.stderr)
            return 1
        print(say("tree_written", out=argv[0], pages=len(tree.pages), lang=tree.ctx.settings.edition))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
