"""Validate all content without building the site: `python -m macros.commands.check`."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from macros.base.errors import ContentErrors
from macros.base.messages import say, speaking
from macros.commands import updates
from macros.content.curriculum import load_curriculum
from macros.content.facts import check_facts
from macros.handwritten import docs_pages, front_matter, input_files
from macros.organization.labels import load_labels
from macros.organization.placeholders import PLACEHOLDERS
from macros.organization.settings import fork_language, load_settings
from macros.reader.loader import VERBOSE
from macros.rendering.edition import Edition, context, load_edition
from macros.rendering.terms import Terms


def check(root: Path) -> list[str]:
    """Return every problem in settings, curricula and docs/ of every edition as 'file:line:col: field: message'."""
    files = [str(e) for e in input_files.problems(root)]
    if files:
        return files  # a symbolic link is not followed, not even into a message: nothing else is read
    try:
        built = load_settings(root).built()
    except ContentErrors as err:
        return [str(e) for e in err.errors] + _curriculum_problems_too(root)
    problems: list[str] = []
    for lang in built:
        problems += _check_edition(root, lang, built[0])
    return problems


def _docs_problems(root: Path, lang: str, edition: Edition | None) -> list[str]:
    """Check an edition's hand-written pages; with its curriculum loaded, Jinja is evaluated as in the build."""
    variables = None
    if edition is not None:
        ctx = context(edition)
        variables = docs_pages.page_variables(ctx.labels, ctx.curriculum, ctx.settings.placeholders())
    return [str(e) for e in docs_pages.problems(root / "docs" / lang, f"docs/{lang}", set(PLACEHOLDERS), variables,
                                                front_matter.page_templates(root))]


def _check_edition(root: Path, lang: str, default_lang: str) -> list[str]:
    default = lang == default_lang
    try:
        # No page is rendered here: the states of other editions' translations are not needed.
        edition = load_edition(root, lang=None if default else lang, translation_page=False)
    except ContentErrors as err:
        return [str(e) for e in err.errors] + _docs_problems(root, lang, None)
    docs = _docs_problems(root, lang, edition)
    problems = docs + [str(e) for e in sorted(check_facts(edition.curriculum, edition.settings,
                                                             load_labels(edition.settings.edition)))]
    if problems:
        return problems
    notices = edition.notices + _unused_terms(edition)
    with speaking(default_lang):  # what check says around them, in the fork's own language
        for notice in notices:
            print(say("note", text=notice))
        print(say("check_ok", count=len(edition.curriculum.entries), lang=edition.settings.edition))
    return []


def _unused_terms(edition: Edition) -> list[str]:
    if not edition.settings.terms:
        return []  # no terms, none unused: skip walking every text
    terms = Terms(edition.settings.term_words())
    terms.labels(load_labels(edition.settings.edition))  # walks every text, counting what it replaces
    for entry in edition.curriculum.entries.values():
        terms.labels(entry.doc.data)
    return [say("unused_term", word=word) for word in terms.unused()]


def _curriculum_problems_too(root: Path) -> list[str]:
    # When the settings themselves are broken, still check the default edition's modules, so one
    # run shows everything.
    try:
        load_curriculum(root, fork_language(root))
    except ContentErrors as more:
        return [str(e) for e in more.errors]
    return []


def main() -> int:
    args = [a for a in sys.argv[1:] if a not in ("-v", "--verbose")]
    if len(args) < len(sys.argv) - 1:  # the YAML parser's own words too, for developers
        VERBOSE.setLevel(logging.DEBUG)
    root = Path(args[0]) if args else Path.cwd()
    for line in updates.tell(root):  # first: an update may be why something below fails
        print(line)
    problems = check(root)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        with speaking(fork_language(root)):
            print(say("check_problems", count=len(problems)), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
