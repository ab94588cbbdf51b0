"""One language edition as a build sees it: settings, curriculum with the fork's layer, notices.

The mkdocs hook, `./handbook check` and the PDF step all load through here, so each of them
sees the same modules (local overrides applied, hidden modules gone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from macros.curriculum import Curriculum, EntryLoader, hide, load_curriculum, load_entry
from macros.errors import ContentError, ContentErrors
from macros.loader import load_file
from macros.messages import say, use
from macros.settings import SETTINGS_FILE, Settings, load_settings

if TYPE_CHECKING:
    from macros.render import Context


@dataclass
class Edition:
    settings: Settings
    curriculum: Curriculum
    notices: list[str] = field(default_factory=list)


def _unknown_hidden(root: Path, settings: Settings, known: set[str]) -> list[ContentError]:
    doc = load_file(root / SETTINGS_FILE, SETTINGS_FILE)
    return [ContentError(SETTINGS_FILE, *doc.where(("hidden", i)), f"hidden[{i}]",
                         say("hidden_unknown", id=module_id))
            for i, module_id in enumerate(settings.hidden) if module_id not in known]


def load_edition(root: Path, load: EntryLoader = load_entry) -> Edition:
    """Load settings and curriculum; raise ContentErrors listing every problem in both.

    ``load`` loads one module; the build cache passes its own to reuse unchanged ones.
    """
    use("de")  # the default edition's language, until the settings say which edition this is
    settings = load_settings(root)
    use(settings.language)
    curriculum = load_curriculum(root, settings.language, load)
    errors = _unknown_hidden(root, settings, set(curriculum.entries))
    if errors:
        raise ContentErrors(errors)
    hide(curriculum, settings.hidden)
    return Edition(settings, curriculum, list(curriculum.notices))


def context(edition: Edition, *, directory_urls: bool = True, pdf: bool = False, documents: bool = False) -> Context:
    """Return what rendering needs: the edition with its labels in the fork's own words."""
    from macros.pages import load_labels  # pages renders; the edition loads before it
    from macros.render import Context
    from macros.terms import Terms

    terms = Terms(edition.settings.terms)
    return Context(curriculum=edition.curriculum, settings=edition.settings,
                   labels=terms.labels(load_labels(edition.settings.language)), terms=terms,
                   directory_urls=directory_urls, pdf=pdf, documents=documents)
