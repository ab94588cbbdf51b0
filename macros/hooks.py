"""Thin mkdocs glue: validate the curriculum, rebrand, add one page per module and the calendar.

Registered in mkdocs.yml under `hooks:`. Everything here delegates to the engine modules,
which do not import mkdocs.
"""

from __future__ import annotations

import html
import logging
import os
import sys
from pathlib import Path
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

# mkdocs puts only this file's folder on sys.path while importing it; the engine is a package.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import csp, docs_pages, serve_errors  # noqa: E402
from macros.cache import BUILD_CACHE  # noqa: E402
from macros.calendar_file import ICS_PATH, calendar_file  # noqa: E402
from macros.edition import context  # noqa: E402
from macros.errors import ContentErrors  # noqa: E402
from macros.links import drop_links_to  # noqa: E402
from macros.messages import say  # noqa: E402
from macros.pages import ADAPT_PAGE, load_labels, nav  # noqa: E402
from macros.preview import DIRTY_NOTICE, PREVIEW  # noqa: E402
from macros.render import Context, Page, url_of  # noqa: E402
from macros.sanitize import css_string  # noqa: E402
from macros.settings import PLACEHOLDERS  # noqa: E402

log = logging.getLogger("mkdocs.plugins.handbook")
logging.getLogger("mkdocs.commands.build").addFilter(DIRTY_NOTICE)  # see macros/preview.py
_pages: list[Page] = []
_serving = [False]  # set by on_startup: `mkdocs serve` shows content errors as a page
_shown_before: list[str] = []  # every page of the last good preview build: errors appear at these addresses
_descriptions: dict[str, str] = {}
_hidden_urls: set[str] = set()  # site paths of modules a fork hid: prose links to them become text


class _GeneratedPage(File):
    """A generated page; a dirty build (the live preview) rebuilds it only when it changed."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged


def _load(root: Path, config: MkDocsConfig) -> Context:
    edition = BUILD_CACHE.load_edition(root)  # under `mkdocs serve`, only changed files are read again
    problems = docs_pages.problems(Path(config.docs_dir), "docs", set(PLACEHOLDERS))
    if problems:
        raise ContentErrors(problems)
    for notice in edition.notices:
        log.info("handbook: %s", notice)  # worth knowing, never a failure of a strict build
    return context(edition, directory_urls=config.use_directory_urls, pdf=os.environ.get("HANDBOOK_PDF") == "1",
                   documents=os.environ.get("HANDBOOK_DOCX") == "1")


def _brand(config: MkDocsConfig, ctx: Context) -> None:
    s = ctx.settings
    # Material prints site_name unescaped (header, nav, aria-label): it must be plain text here.
    config.site_name = html.escape(s.program.name)
    config.theme["language"] = s.language
    if s.site.url:
        config.site_url = s.site.url  # canonical links, sitemap.xml, the address on printed pages
    if s.branding.logo:
        config.theme["logo"] = s.branding.logo
        config.theme["favicon"] = s.branding.logo
    _name_scheme_toggles(config, ctx.labels["ui"])
    config.extra["org"] = s.model_dump()
    config.extra["handbook"] = ctx


def _name_scheme_toggles(config: MkDocsConfig, ui: dict[str, str]) -> None:
    # mkdocs.yml holds one language, and Material prints a toggle's name unescaped (aria-label, title):
    # each toggle is named in the edition's language, escaped here. It names the scheme it switches to.
    switches_to = {"default": "scheme_dark", "slate": "scheme_light"}
    for option in config.theme.get("palette") or []:
        if isinstance(option, dict) and option.get("toggle") and option.get("scheme") in switches_to:
            option["toggle"]["name"] = html.escape(ui[switches_to[option["scheme"]]])


def on_startup(command: str, dirty: bool) -> None:
    PREVIEW.incremental = command == "serve" and dirty
    _serving[:] = [command == "serve"]
    # mkdocs-macros reports every variable and filter at INFO on each build; only -v wants that.
    if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
        logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)


def _show_errors(config: MkDocsConfig, err: ContentErrors) -> MkDocsConfig:
    """Under `serve`: a one-page site listing the problems, instead of a stuck preview."""
    # Not through mkdocs' logger: strict mode would count it as an error and stop the preview.
    print(err.report(), file=sys.stderr)
    labels = load_labels("de")
    ctx = serve_errors.error_context(labels, config.use_directory_urls)
    _brand(config, ctx)
    _pages[:] = serve_errors.error_pages(err, labels["ui"], _shown_before)
    _descriptions.clear()
    _hidden_urls.clear()
    config.extra["handbook_errors"] = serve_errors.error_html(err, labels["ui"])
    config.nav = [{_pages[0].title: "index.md"}]
    PREVIEW.reset()  # the error site replaces every page, and the next good build replaces it
    return config


@event_priority(100)  # before mkdocs-macros' on_config, so define_env sees the loaded handbook
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["handbook_errors"] = ""
    try:
        ctx = _load(Path(config.config_file_path).parent, config)
    except ContentErrors as err:
        if _serving[0]:
            return _show_errors(config, err)
        # A PluginError is printed as one message, without a traceback, and aborts the build
        # before mkdocs empties site/.
        raise PluginError(err.report()) from None
    _brand(config, ctx)
    _pages[:] = BUILD_CACHE.generate(ctx)  # under `mkdocs serve`, only what changed is rendered again
    _descriptions.clear()
    _descriptions.update({p.src: p.description for p in _pages if p.description})
    _hidden_urls.clear()
    _hidden_urls.update(url_of(f"{kind}/{module_id}.md", ctx.directory_urls)
                        for kind, module_id in ctx.curriculum.hidden)
    docs = Path(config.docs_dir)
    left_out = {"index.md"} | ({ADAPT_PAGE} if not ctx.settings.site.adapt_page else set())
    extra = sorted(str(p.relative_to(docs)) for p in docs.glob("*.md") if p.name not in left_out)
    config.nav = nav(ctx, _pages, extra)
    PREVIEW.plan([config.nav, config.site_name, config.extra["org"], ctx.labels], BUILD_CACHE.fresh)
    log.debug("handbook: %d modules, %d generated pages (%d rendered)", len(ctx.curriculum.entries), len(_pages),
              BUILD_CACHE.rendered)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if config.extra["handbook_errors"]:
        for written in files.documentation_pages():
            files.remove(written)
    else:
        _shown_before[:] = [f.src_uri for f in files.documentation_pages()] + [p.src for p in _pages]
    if not config.extra["handbook"].settings.site.adapt_page:
        adapt = files.get_file_from_path(ADAPT_PAGE)
        if adapt is not None:
            files.remove(adapt)
    for page in _pages:
        if files.get_file_from_path(page.src) is not None:
            raise PluginError(say("generated_page_exists", src=page.src))
        generated = cast(_GeneratedPage, _GeneratedPage.generated(config, page.src, content=page.markdown))
        generated.unchanged = PREVIEW.unchanged(page.src)
        files.append(generated)
    if (ics := calendar_file(config.extra["handbook"], config.site_url)) is not None:
        files.append(File.generated(config, ICS_PATH, content=ics))
    if PREVIEW.full:  # hand-written pages show the structure too: a dirty build must redo them
        for doc in files.documentation_pages():
            if not isinstance(doc, _GeneratedPage):
                Path(doc.abs_dest_path).unlink(missing_ok=True)
    PREVIEW.live = [doc.url for doc in files.documentation_pages()]
    return files


def on_page_markdown(markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    # A generated page describes itself with its module's summary (search results, link previews).
    description = _descriptions.get(page.file.src_uri)
    if description:
        page.meta["description"] = description
        return markdown
    # A hand-written page: the same {org}-style placeholders as the curriculum.
    return docs_pages.substitute(markdown, config.extra["handbook"].settings.placeholders())


def on_page_content(html_content: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    html_content = drop_links_to(html_content, page.url, _hidden_urls)
    return config.extra["handbook"].terms.html(html_content)  # type: ignore[no-any-return]


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: MkDocsConfig) -> None:
    PREVIEW.merge_search_index(Path(config.site_dir) / "search" / "search_index.json")
    for word in config.extra["handbook"].terms.unused():
        log.info("handbook: %s", say("unused_term", word=word))


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    env.filters["css_string"] = css_string
    return env


def _with_policy(output: str, where: str) -> str:
    # mkdocs serve injects its live-reload script inline: the preview allows inline scripts.
    filled = csp.apply(output, allow_inline=_serving[0])
    if filled is None:
        raise PluginError(f"{where}: the Content-Security-Policy placeholder is missing; "
                          "overrides/main.html must keep its site_meta block")
    return filled


def on_post_page(output: str, page: MkPage, config: MkDocsConfig) -> str:
    PREVIEW.built.add(page.url)
    return _with_policy(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Theme pages such as 404.html are rendered apart from the Markdown pages.
    return _with_policy(output_content, template_name) if template_name.endswith(".html") else output_content
