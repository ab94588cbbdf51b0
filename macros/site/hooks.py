"""Thin mkdocs glue: validate the curriculum, rebrand, add one page per module and the calendar.

Registered in mkdocs.yml under `hooks:`. Everything here delegates to the engine modules,
which do not import mkdocs.
"""

from __future__ import annotations

import gc
import html
import logging
import os
import secrets
import sys
from pathlib import Path
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

# mkdocs puts only this file's folder on sys.path while importing it; the engine is a package.
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.base import collector  # noqa: E402
from macros.organization.editions import prefix  # noqa: E402
from macros.site import admin, csp, editions, editor_files, serve_errors  # noqa: E402
from macros.handwritten import docs_pages, front_matter, input_files  # noqa: E402
from macros.site.cache import cache_for  # noqa: E402
from macros.outputs.calendar import calendar_file, calendar_path  # noqa: E402
from macros.rendering.compiled_templates import keep_compiled  # noqa: E402
from macros.rendering.edition import context  # noqa: E402
from macros.base.errors import ContentErrors  # noqa: E402
from macros.content.facts import check_facts  # noqa: E402
from macros.organization.labels import load_labels  # noqa: E402
from macros.rendering.links import drop_links_to  # noqa: E402
from macros.base.messages import say, use  # noqa: E402
from macros.rendering.pages import ADAPT_PAGE, nav  # noqa: E402
from macros.site.preview import DIRTY_NOTICE, PREVIEW  # noqa: E402
from macros.rendering.render import Context, Page, url_of  # noqa: E402
from macros.rendering.sanitize import clean_page, css_string  # noqa: E402
from macros.organization.placeholders import PLACEHOLDERS  # noqa: E402

log = logging.getLogger("mkdocs.plugins.handbook")
logging.getLogger("mkdocs.commands.build").addFilter(DIRTY_NOTICE)  # see macros/site/preview.py
_pages: list[Page] = []
_serving = [False]  # set by on_startup: `mkdocs serve` shows content errors as a page
_shown_before: list[str] = []  # every page of the last good preview build: errors appear at these addresses
_hidden_urls: set[str] = set()  # site paths of modules a fork hid: prose links to them become text
_theme_scripts = [csp.ThemeScripts([])]  # the theme's own inline scripts, read from its templates in on_env
_page_variables: dict[str, Any] = {}  # what Jinja on a hand-written page may use (macros/handwritten/docs_sandbox.py)


class _GeneratedPage(File):
    """A generated page; a dirty build (the live preview) rebuilds it only when it changed."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged


def _load(root: Path, config: MkDocsConfig, lang: str | None, report: bool = True) -> Context:
    # Before anything is read: a symbolic link must not be followed, not even into a message.
    # (Planning another edition, report=False, comes after this edition's own load walked the tree.)
    files = input_files.problems(root) if report else []
    if files:
        raise ContentErrors(files)
    # Under `mkdocs serve`, only changed files are read again.
    edition = cache_for(lang, _serving[0]).load_edition(root, lang)
    ctx = context(edition, directory_urls=config.use_directory_urls, pdf=os.environ.get("HANDBOOK_PDF") == "1",
                  documents=os.environ.get("HANDBOOK_DOCX") == "1")
    variables = docs_pages.page_variables(ctx.labels, ctx.curriculum, ctx.settings.placeholders())
    problems = docs_pages.problems(
        root / "docs" / edition.settings.edition, f"docs/{edition.settings.edition}", set(PLACEHOLDERS),
        variables, front_matter.page_templates(root))
    if report:  # what `./handbook check` reports fails the build too (another edition's build checks its own)
        problems += check_facts(edition.curriculum, edition.settings, load_labels(edition.settings.edition))
    if problems:
        raise ContentErrors(problems)
    if report:
        for notice in edition.notices:
            log.info("handbook: %s", notice)  # worth knowing, never a failure of a strict build
        _page_variables.clear()
        _page_variables.update(variables)
    return ctx


def _page_sources(ctx: Context, pages: list[Page], root: Path) -> set[str]:
    """Return the sources of every page an edition has: generated and hand-written."""
    docs = root / "docs" / ctx.settings.edition
    written = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    if not ctx.settings.site.adapt_page:
        written.discard(ADAPT_PAGE)
    return written | {p.src for p in pages}


def _plan_editions(root: Path, config: MkDocsConfig, ctx: Context, pages: list[Page]) -> None:
    """Learn which pages every edition has, before any is written (the switcher links to them).

    The outer build plans them all; a build inside it (another edition) finds them planned.
    """
    if editions.building() is not None:
        return
    editions.PLANNED.clear()
    for lang in ctx.settings.built():
        if lang == ctx.settings.edition:
            planned = editions.Planned(_page_sources(ctx, pages, root), ctx.labels["ui"]["language_name"])
        else:
            other = _load(root, config, lang, report=False)  # its own build reports its notices
            planned = editions.Planned(_page_sources(other, cache_for(lang).generate(other), root),
                                       other.labels["ui"]["language_name"])
        editions.PLANNED[lang] = planned
    use(ctx.settings.edition)  # loading another edition switched the messages' language


def _brand(config: MkDocsConfig, ctx: Context) -> None:
    s = ctx.settings
    # Material prints site_name unescaped (header, nav, aria-label): it must be plain text here.
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


def _show_errors(config: MkDocsConfig, err: ContentErrors) -> MkDocsConfig:
    """Under `serve`: a one-page site listing the problems, instead of a stuck preview."""
    # Not through mkdocs' logger: strict mode would count it as an error and stop the preview.
    print(err.report(), file=sys.stderr)
    lang = editions.building() or "de"  # the previewed edition; German, the default
    labels = load_labels(lang if (ROOT / "macros/i18n" / f"{lang}.yaml").is_file() else "de")
    ctx = serve_errors.error_context(labels, config.use_directory_urls)
    _brand(config, ctx)
    _pages[:] = serve_errors.error_pages(err, labels["ui"], _shown_before)
    _hidden_urls.clear()
    config.extra["handbook_errors"] = serve_errors.error_html(err, labels["ui"])
    config.nav = [{_pages[0].title: "index.md"}]
    PREVIEW.reset()  # the error site replaces every page, and the next good build replaces it
    return config


@event_priority(100)  # first: the search plugin's on_config reads the edition's language set here
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Loading and rendering: no collection while they run (macros/base/collector.py). What they made
    # lives until the build ends: frozen, the collector leaves it alone while mkdocs builds the
    # pages (on_post_build lets it go).
    with collector.paused():
        config = _configure(config)
    gc.freeze()
    return config


def _theme_keeps_compiled(config: MkDocsConfig) -> None:
    """Let every Jinja environment of the theme keep its compiled templates.

    Not only mkdocs' own (on_env): Material's search makes three more in each build, to read
    its language settings, and compiled its language templates in each of them.
    """
    theme = config.theme
    make = type(theme).get_env

    def get_env() -> Any:
        env = make(theme)
        keep_compiled(env)
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


def _configure(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["handbook_errors"] = ""
    _theme_keeps_compiled(config)
    search = config.plugins.get("material/search")
    if PREVIEW.incremental and search is not None:
        # Material's search merges a dirty build's index with the previous one as if one page had
        # changed: it drops the old entries of the first rebuilt page only, the others' stay twice.
        # A preview rebuilds several pages at once; macros/site/preview.py merges instead.
        search.search_index_prev = None
    root = Path(config.config_file_path).parent
    lang = editions.building()
    store = cache_for(lang, _serving[0])  # under `mkdocs serve`, only what changed is loaded and rendered again
    try:
        ctx = _load(root, config, lang)
        _brand(config, ctx)
        pages = store.generate(ctx)
        _plan_editions(root, config, ctx, pages)
    except ContentErrors as err:
        if _serving[0]:
            return _show_errors(config, err)
        # A PluginError is printed as one message, without a traceback, and aborts the build
        # before mkdocs empties site/.
        raise PluginError(err.report()) from None
    _pages[:] = pages
    _hidden_urls.clear()
    _hidden_urls.update(url_of(f"{kind}/{module_id}.md", ctx.directory_urls)
                        for kind, module_id in ctx.curriculum.hidden)
    docs = Path(config.docs_dir)
    left_out = {"index.md"} | ({ADAPT_PAGE} if not ctx.settings.site.adapt_page else set())
    extra = sorted(str(p.relative_to(docs)) for p in docs.glob("*.md") if p.name not in left_out)
    config.nav = nav(ctx, _pages, extra)
    PREVIEW.plan([config.nav, config.site_name, config.extra["org"], ctx.labels], store.fresh)
    log.debug("handbook: %d modules, %d generated pages (%d rendered)", len(ctx.curriculum.entries), len(_pages),
              store.rendered)
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
            raise PluginError(say("generated_page_exists", src=f"{Path(config.docs_dir).name}/{page.src}"))
        generated = cast(_GeneratedPage, _GeneratedPage.generated(config, page.src, content=page.markdown))
        generated.unchanged = PREVIEW.unchanged(page.src)
        files.append(generated)
    for script in [f for f in files if f.src_uri.startswith("admin/") and f.abs_src_path
                   and Path(f.abs_src_path).is_relative_to(Path(config.config_file_path).parent / "overrides")]:
        files.remove(script)  # the editor's scripts: on the site only with the editor (admin.publish)
    logo = config.extra["handbook"].settings.branding.logo
    if logo and files.get_file_from_path(logo) is None:
        # Pictures live in docs/, shared by every edition; each edition's pages in docs/<lang>/.
        files.append(File(logo, src_dir=str(Path(config.docs_dir).parent), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    if (ics := calendar_file(config.extra["handbook"], config.site_url)) is not None:
        files.append(File.generated(config, calendar_path(config.extra["handbook"].labels), content=ics))
    if PREVIEW.full:  # hand-written pages show the structure too: a dirty build must redo them
        for doc in files.documentation_pages():
            if not isinstance(doc, _GeneratedPage):
                Path(doc.abs_dest_path).unlink(missing_ok=True)
    PREVIEW.live = [doc.url for doc in files.documentation_pages()]
    return files


def on_page_markdown(markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    if isinstance(page.file, _GeneratedPage):
        return markdown  # its placeholders were filled in when it was rendered
    # A hand-written page: Jinja in the sandbox, the same {org}-style placeholders as the curriculum,
    # and a title the theme may print as it is.
    page.meta = front_matter.shown_by_theme(page.meta)
    try:
        return docs_pages.render_page(markdown, _page_variables, config.extra["handbook"].settings.placeholders(),
                                      f"{Path(config.docs_dir).name}/{page.file.src_uri}")
    except ContentErrors as err:
        raise PluginError(err.report()) from None


def on_page_content(html_content: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    if not isinstance(page.file, _GeneratedPage):
        html_content = clean_page(html_content)  # module pages were sanitized field by field
    html_content = drop_links_to(html_content, page.url, _hidden_urls)
    return config.extra["handbook"].terms.html(html_content)  # type: ignore[no-any-return]


def on_page_context(context: dict[str, Any], page: MkPage, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    settings = config.extra["handbook"].settings
    if len(editions.PLANNED) > 1:
        context["rm_alternates"] = editions.alternates(
            page.url, page.file.src_uri, settings.edition, settings.language,
            lambda src: url_of(src, config.use_directory_urls), settings.site.url)
    return context


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: MkDocsConfig) -> None:
    gc.unfreeze()  # a long `mkdocs serve` must be able to free the previous build
    PREVIEW.merge_search_index(Path(config.site_dir) / "search" / "search_index.json")
    settings = config.extra["handbook"].settings
    for word in config.extra["handbook"].terms.unused():
        log.info("handbook: %s", say("unused_term", word=word))
    # The other editions, each under site/<lang>/. The live preview shows one edition (the one
    # `./handbook serve <lang>` names): rebuilding every edition on each save would be slow.
    if editions.building() is None and not _serving[0] and not config.extra["handbook_errors"]:
        for lang in settings.built()[1:]:
            editions.build_other(config.config_file_path, Path(config.site_dir) / lang, lang,
                                 strict=bool(config.strict), directory_urls=config.use_directory_urls)
        use(settings.edition)
        if settings.site.editor is not None:  # the browser editor, once, at the root (macros/site/admin.py)
            try:
                admin.publish(Path(config.config_file_path).parent, Path(config.site_dir), settings)
            except editor_files.FetchFailed as err:
                raise PluginError(str(err)) from None


def on_build_error(error: Exception) -> None:
    gc.unfreeze()


@event_priority(-100)  # last: the environment's filters are final when its compiled templates are tagged
def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    env.filters["css_string"] = css_string
    _theme_scripts[0] = csp.ThemeScripts.from_templates(lambda name: str(env.loader.get_source(env, name)[0]))
    # mkdocs makes the theme's environment anew for every build and every preview rebuild.
    keep_compiled(env)
    return env


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    # mkdocs serve adds its live-reload script inline to each page as it sends it. The preview's
    # policy is the site's plus that one script, by a nonce drawn for each response.
    inject = server._inject_js_into_html

    def inject_with_nonce(content: bytes, epoch: int) -> bytes:
        end = content.rfind(b"</body>")
        return csp.with_nonce(inject(content, epoch), end if end >= 0 else len(content), secrets.token_urlsafe(18))

    server._inject_js_into_html = inject_with_nonce
    return server


def _with_policy(output: str, where: str) -> str:
    filled = csp.apply(output, _theme_scripts[0], preview=_serving[0])
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
