"""One language edition as a build sees it: settings, curriculum with the fork's layer, notices.

The mkdocs hook, `./handbook check` and the PDF step all load through here, so each of them
sees the same modules (local overrides applied, hidden modules gone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from macros.base.errors import ContentError, ContentErrors
from macros.base.messages import catalogue, say, speaking
from macros.content import overlay, translations
from macros.content.curriculum import Curriculum, EntryLoader, load_curriculum, load_entry, module_ids
from macros.content.hiding import hide
from macros.organization.labels import load_labels
from macros.organization.settings import SETTINGS_FILE, Settings, load_settings, taken_over
from macros.reader.loader import load_file

if TYPE_CHECKING:
    from macros.rendering.render import Context


@dataclass
class Edition:
    settings: Settings
    curriculum: Curriculum
    notices: list[str] = field(default_factory=list)
    # Other edition -> the state of each module's translation there (the status page lists it).
    translations: dict[str, list[translations.Translation]] = field(default_factory=dict)


def _unknown_hidden(root: Path, settings: Settings, known: set[str]) -> list[ContentError]:
    if all(module_id in known for module_id in settings.hidden):
        return []  # nothing to place: the settings file need not be read again for positions
    doc = load_file(root / SETTINGS_FILE, SETTINGS_FILE)
    return [ContentError(SETTINGS_FILE, *doc.where(("hidden", i)), f"hidden[{i}]",
                         say("hidden_unknown", id=module_id))
            for i, module_id in enumerate(settings.hidden) if module_id not in known]


def _unknown_local_editions(root: Path, settings: Settings) -> list[ContentError]:
    """Report a folder curriculum/local/<x>/ that belongs to no edition (a typo would be ignored silently)."""
    local = root / "curriculum" / overlay.LOCAL
    known = set(settings.languages) | {p.name for p in (root / "curriculum").iterdir() if p.is_dir()}
    return [ContentError(f"curriculum/{overlay.LOCAL}/{folder.name}", 1, 1, None,
                        say("local_edition_unknown", lang=folder.name, known=", ".join(sorted(settings.languages))))
            for folder in sorted(local.iterdir()) if folder.is_dir() and folder.name not in known - {overlay.LOCAL}
            and not folder.name.startswith(".")] if local.is_dir() else []


def load_edition(root: Path, load: EntryLoader = load_entry, lang: str | None = None, *,
                 translation_page: bool = True) -> Edition:
    """Load one edition's settings and curriculum (the default edition's if ``lang`` is None).

    Raise ContentErrors listing every problem in both. ``load`` loads one module; the build
    cache passes its own to reuse unchanged ones. Without ``translation_page`` only this
    edition's own translation states are read (for its notices), not every edition's.
    """
    settings = load_settings(root, lang)
    with speaking(settings.edition):  # the edition's own modules speak its own language
        return _load(root, settings, load, translation_page)


def _load(root: Path, settings: Settings, load: EntryLoader, translation_page: bool) -> Edition:
    curriculum = load_curriculum(root, settings.edition, load)
    known = set(curriculum.entries)
    translated = settings.edition != settings.language
    if translated:
        # A module not translated yet may be hidden already: the default edition knows it.
        known |= module_ids(root, settings.language)
    errors = _unknown_hidden(root, settings, known)
    if not translated:  # said once, by the default edition, in its language
        errors += _unknown_local_editions(root, settings)
    if errors:
        raise ContentErrors(errors)
    hide(curriculum, [module_id for module_id in settings.hidden if module_id in curriculum.entries],
         said_in=settings.language)  # a notice about the settings file: in the fork's own language
    notices = list(curriculum.notices)
    if translated:
        # About the settings file: in the fork's own language, like every problem in it.
        notices += [catalogue(settings.language)["setting_taken_over"].format(setting=setting, lang=settings.edition)
                    for setting in taken_over(root, settings.edition)]
    listed = settings.built()[1:] if translation_page else [settings.edition] if translated else []
    # A hidden module is no translator's work and no reader's business: never listed.
    states = {lang: [t for t in translations.status(root, lang, settings.language) if t.id not in settings.hidden]
              for lang in listed}
    if translated:
        behind = [t for t in states[settings.edition] if t.state != translations.COMPLETE]
        if behind and settings.translations == "error":
            raise ContentErrors([t.problem(settings.language) for t in behind])
        notices += [str(t.problem(settings.language)) for t in behind if t.state != translations.MISSING]
        notices += _untranslated(settings, [t for t in behind if t.state == translations.MISSING])
    return Edition(settings, curriculum, notices, states)


def _untranslated(settings: Settings, missing: list[translations.Translation]) -> list[str]:
    # One line per build, however many modules the fork added in its own language, and in that
    # language: the details are for translators (./handbook translate-status).
    if not missing:
        return []
    words = catalogue(settings.language)
    key = "untranslated_one" if len(missing) == 1 else "untranslated_many"
    return [words[key].format(count=len(missing), lang=settings.edition,
                              ids=", ".join(f"{t.kind}/{t.id}" for t in missing))]


def context(edition: Edition, *, directory_urls: bool = True, outputs: frozenset[str] = frozenset()) -> Context:
    """Return what rendering needs: the edition with its labels in the fork's own words."""
    from macros.rendering.render import Context
    from macros.rendering.terms import Terms

    terms = Terms(edition.settings.term_words())
    return Context(curriculum=edition.curriculum, settings=edition.settings,
                   labels=terms.labels(load_labels(edition.settings.edition)), terms=terms,
                   directory_urls=directory_urls, outputs=outputs, translations=edition.translations)
