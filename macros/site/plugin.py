"""The MkDocs plugin `handbook`: the engine's one consumer in MkDocs.

Installed as an entry point (pyproject.toml; `./handbook` installs the project into its venv) and
listed under `plugins:` in mkdocs.yml. Every event delegates to the engine, which does not import
mkdocs. MkDocs keeps a plugin that has on_startup for the whole process, so what a live preview
reuses between rebuilds lives on the plugin: the build caches and the preview's memory. What one
build made is a SiteBuild; a build inside the build (another edition, macros/site/editions.py)
pushes its own and pops it when done, leaving the outer build's as it was.
"""

from __future__ import annotations

import gc
import logging
import secrets
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage
from mkdocs.utils.templates import TemplateContext

from macros.base import collector
from macros.base.errors import ContentErrors
from macros.base.messages import say, speaking, supported
from macros.build import csp, serve_errors, theme_assets
from macros.build.cache import Caches
from macros.build.loading import Planned, plan_editions
from macros.build.postprocess import page_content
from macros.build.preview import DIRTY_NOTICE, Preview
from macros.build.tree import Tree, make_tree
from macros.content.outputs import OUTPUTS
from macros.handwritten import docs_pages, front_matter
from macros.organization.labels import load_labels
from macros.rendering.compiled_templates import keep_compiled
from macros.rendering.pages import ADAPT_PAGE
from macros.rendering.raw_html import GeneratedHtml
from macros.rendering.render import url_of
from macros.site import admin, editions, editor_files, theme_filters
from macros.site.theme_config import brand, theme_keeps_compiled

log = logging.getLogger("mkdocs.plugins.handbook")


class HandbookOptions(base.Config):  # type: ignore[no-untyped-call]
    # The downloads the pages link, by name (macros/content/outputs.py), e.g. "pdf docx":
    # `./handbook build` names those its export step will make.
    downloads = c.Type(str, default="")
    # Preview another edition than the default one alone: `./handbook serve en`.
    edition = c.Optional(c.Type(str))


@dataclass
class SiteBuild:
    """One build of one edition: its tree, and the theme's inline scripts (read in on_env) for the policy."""

    tree: Tree
    theme_scripts: csp.ThemeScripts = field(default_factory=lambda: csp.ThemeScripts([]))

    @property
    def errors(self) -> bool:
        return bool(self.tree.extra.get("handbook_errors"))


class GeneratedPage(File):
    """A generated page; a dirty build (the live preview) rebuilds it only when it changed."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged


class HandbookPlugin(BasePlugin[HandbookOptions]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.serving = False  # `mkdocs serve` shows content errors as a page instead of stopping
        self.preview = Preview()
        self.caches = Caches()
        self.planned: dict[str, Planned] = {}  # every edition's pages, planned by the outer build
        self.inner: list[str] = []  # the editions built inside the build, innermost last
        self.builds: list[SiteBuild] = []
        self.shown_before: list[str] = []  # every page of the last good preview: errors appear at these addresses
        self.generated_html = GeneratedHtml()  # Python-Markdown takes a generated page's HTML blocks as they are

    @property
    def build(self) -> SiteBuild:
        return self.builds[-1]

    def lang(self) -> str | None:
        """Return the edition this build makes: None for the default one."""
        return self.inner[-1] if self.inner else self.config.edition

    def _downloads(self) -> frozenset[str]:
        named = frozenset(self.config.downloads.split())
        known = [output.name for output in OUTPUTS]
        for name in sorted(named - set(known)):
            raise PluginError(say("unknown_download", name=name, names=", ".join(known)))
        return named

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.preview.incremental = command == "serve" and dirty
        self.serving = command == "serve"
        # mkdocs (or a fork of it) warns that a dirty build may be inaccurate; the preview keeps it
        # accurate (macros/build/preview.py), and in strict mode that warning would stop every rebuild.
        for tool in ("mkdocs", "properdocs"):
            logging.getLogger(f"{tool}.commands.build").addFilter(DIRTY_NOTICE)

    @event_priority(100)  # first: the search plugin's on_config reads the edition's language set here
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Loading and rendering: no collection while they run (macros/base/collector.py). Then one
        # collection frees their garbage in cycles (Jinja's render contexts, the modules the tree let
        # go) for MkDocs to reuse, and what stays is frozen: the collector leaves it alone while
        # mkdocs builds the pages (on_post_build lets it go).
        with collector.paused():
            config = self._configure(config)
        gc.collect()
        gc.freeze()
        return config

    def _configure(self, config: MkDocsConfig) -> MkDocsConfig:
        theme_keeps_compiled(config)
        config.markdown_extensions.append(self.generated_html)  # type: ignore[arg-type]  # an object, as Markdown takes
        search = config.plugins.get("material/search")
        if self.preview.incremental and search is not None:
            # Material's search merges a dirty build's index with the previous one as if one page had
            # changed: it drops the old entries of the first rebuilt page only, the others' stay twice.
            # A preview rebuilds several pages at once; macros/build/preview.py merges instead.
            search.search_index_prev = None
        root = Path(config.config_file_path).parent
        lang = self.lang()
        store = self.caches.of(lang, self.serving)  # under `serve`, only what changed is loaded and rendered again
        downloads = self._downloads()
        try:
            tree = make_tree(root, store, config.use_directory_urls, downloads, lang)
            if not self.inner:  # the outer build plans every edition; one inside it finds them planned
                self.planned = plan_editions(root, tree.ctx, tree.pages, self.caches, config.use_directory_urls,
                                             downloads)
        except ContentErrors as err:
            if not self.serving:
                # A PluginError is printed as one message, without a traceback, and aborts the build
                # before mkdocs empties site/.
                raise PluginError(err.report()) from None
            tree = self._error_tree(root, config, err)
        for notice in tree.notices:
            log.info("handbook: %s", notice)  # worth knowing, never a failure of a strict build
        tree = tree.rendered()
        self.builds.append(SiteBuild(tree))
        brand(config, tree)
        config.nav = tree.nav
        self.preview.plan([config.nav, config.site_name, config.extra["org"], tree.ctx.labels], store.fresh)
        return config

    def _error_tree(self, root: Path, config: MkDocsConfig, err: ContentErrors) -> Tree:
        """Under `serve`: a one-page site listing the problems, instead of a stuck preview."""
        # Not through mkdocs' logger: strict mode would count it as an error and stop the preview.
        print(err.report(), file=sys.stderr)
        lang = supported(self.lang() or config.theme["language"])  # the edition previewed
        self.preview.reset()  # the error site replaces every page, and the next good build replaces it
        return serve_errors.error_tree(err, lang, load_labels(lang), config.use_directory_urls, self.shown_before,
                                       root / "docs" / lang)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        tree = self.build.tree
        if self.build.errors:
            for written in files.documentation_pages():
                files.remove(written)
        else:
            self.shown_before = [f.src_uri for f in files.documentation_pages()] + [p.src for p in tree.pages]
        if not tree.ctx.settings.site.adapt_page and (adapt := files.get_file_from_path(ADAPT_PAGE)) is not None:
            files.remove(adapt)
        for page in tree.pages:
            if files.get_file_from_path(page.src) is not None:
                with speaking(tree.ctx.settings.language):
                    raise PluginError(say("generated_page_exists", src=f"{tree.docs.name}/{page.src}"))
            generated = cast(GeneratedPage, GeneratedPage.generated(config, page.src, content=page.markdown))
            generated.unchanged = self.preview.unchanged(page.src)
            files.append(generated)
        logo = tree.theme["logo"]
        if logo and files.get_file_from_path(logo) is None:
            # Pictures live in docs/, shared by every edition; each edition's pages in docs/<lang>/.
            files.append(File(logo, src_dir=str(tree.docs.parent), dest_dir=config.site_dir,
                              use_directory_urls=config.use_directory_urls))
        for path, content in tree.files.items():
            files.append(File.generated(config, path, content=content))
        for script in [f for f in files if f.src_uri.startswith("admin/") and f.abs_src_path and Path(
                f.abs_src_path).is_relative_to(Path(config.config_file_path).parent / "overrides")]:
            files.remove(script)  # the editor's scripts: on the site only with the editor (admin.publish)
        if self.preview.full:  # hand-written pages show the structure too: a dirty build must redo them
            for doc in files.documentation_pages():
                if not isinstance(doc, GeneratedPage):
                    Path(doc.abs_dest_path).unlink(missing_ok=True)
        self.preview.live = [doc.url for doc in files.documentation_pages()]
        self.build.tree = replace(tree, pages=[])  # MkDocs holds them now (see on_page_markdown)
        return files

    def on_page_markdown(self, markdown: str, /, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        self.generated_html.active = isinstance(page.file, GeneratedPage)  # for the conversion that follows
        if isinstance(page.file, GeneratedPage):
            # MkDocs has read the page into page.markdown: the generated text (front matter and all)
            # is not read again, and letting it go keeps a large build from holding every page twice.
            page.file.content_string = ""
            return markdown  # its placeholders were filled in when it was rendered
        # A hand-written page: Jinja in the sandbox, the same {org}-style placeholders as the
        # curriculum, and a title the theme may print as it is.
        page.meta = front_matter.shown_by_theme(page.meta)
        tree = self.build.tree
        try:
            with speaking(tree.ctx.settings.edition):
                return docs_pages.render_page(markdown, tree.page_variables, tree.ctx.settings.placeholders(),
                                              f"{tree.docs.name}/{page.file.src_uri}")
        except ContentErrors as err:
            raise PluginError(err.report()) from None

    def on_page_content(self, html: str, /, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        tree = self.build.tree
        return page_content(html, page.url, not isinstance(page.file, GeneratedPage), tree.hidden_urls, tree.ctx.terms)

    def on_page_context(self, context: TemplateContext, /, *, page: MkPage, config: MkDocsConfig,
                        nav: Any) -> TemplateContext:
        settings = self.build.tree.ctx.settings
        if len(self.planned) > 1:
            context["rm_alternates"] = editions.alternates(  # type: ignore[typeddict-unknown-key]
                self.planned, page.url, page.file.src_uri, settings.edition, settings.language,
                lambda src: url_of(src, config.use_directory_urls), settings.site.url)
        return context

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()  # a long `mkdocs serve` must be able to free the previous build
        build = self.builds.pop()
        self.preview.merge_search_index(Path(config.site_dir) / "search" / "search_index.json")
        with speaking(build.tree.ctx.settings.language):
            for word in build.tree.ctx.terms.unused():
                log.info("handbook: %s", say("unused_term", word=word))
        # The other editions, each under site/<lang>/. The live preview shows one edition (the one
        # `./handbook serve <lang>` names): rebuilding every edition on each save would be slow.
        if not self.inner and not self.serving and not build.errors:
            for lang in build.tree.ctx.settings.built()[1:]:
                editions.build_other(self, config.config_file_path, Path(config.site_dir) / lang, lang,
                                     strict=bool(config.strict), directory_urls=config.use_directory_urls)
            if (settings := build.tree.ctx.settings).site.editor is not None:  # the browser editor, at the root
                with speaking(settings.language):
                    try:
                        admin.publish(Path(config.config_file_path).parent, Path(config.site_dir), settings)
                    except editor_files.FetchFailed as err:
                        raise PluginError(str(err)) from None

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()
        if self.builds:
            self.builds.pop()

    @event_priority(-100)  # last: the environment's filters are final when its compiled templates are tagged
    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        theme_filters.on_env(env, config, files)  # what the overrides need, as in a build without the plugin
        self.build.theme_scripts = csp.ThemeScripts.from_templates(
            lambda name: str(env.loader.get_source(env, name)[0]))
        # overrides/main.html starts Material's bundle after the first paint: this version's file name.
        env.globals["rm_theme_bundle"] = theme_assets.theme_bundle(str(env.loader.get_source(env, "base.html")[0]))
        keep_compiled(env)  # mkdocs makes the theme's environment anew for every build and rebuild
        return env

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        # mkdocs serve adds its live-reload script inline to each page as it sends it. The preview's
        # policy is the site's plus that one script, by a nonce drawn for each response.
        inject = server._inject_js_into_html

        def inject_with_nonce(content: bytes, epoch: int) -> bytes:
            end = content.rfind(b"</body>")
            return csp.with_nonce(inject(content, epoch), end if end >= 0 else len(content), secrets.token_urlsafe(18))

        server._inject_js_into_html = inject_with_nonce
        return server

    def _with_policy(self, output: str, where: str) -> str:
        filled = csp.apply(output, self.build.theme_scripts, preview=self.serving)
        if filled is None:
            raise PluginError(say("csp_placeholder_missing", where=where))
        return filled

    def on_post_page(self, output: str, /, *, page: MkPage, config: MkDocsConfig) -> str:
        self.preview.built.add(page.url)
        return self._with_policy(output, page.file.src_uri)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        # Theme pages such as 404.html are rendered apart from the Markdown pages.
        if not template_name.endswith(".html"):
            return output_content
        return self._with_policy(output_content, template_name)
