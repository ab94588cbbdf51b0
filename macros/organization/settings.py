"""An organization's settings: the one file a fork edits to rebrand the handbook."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, PrivateAttr, StringConstraints, Tag, ValidationInfo, field_validator

from macros.base.errors import ContentError, ContentErrors
from macros.base.messages import DEFAULT, catalogue, say, speaking, supported
from macros.organization import term_grammar
from macros.organization.branding import Branding
from macros.organization.labels import load_labels
from macros.organization.placeholders import FACTS
from macros.organization.program import Contact, Organization, Program
from macros.organization.publishing import Site
from macros.organization.rhythm import weeks_in, worded
from macros.reader.loader import Document, Positions, load_file
from macros.schema.field_types import LANG_PATTERN, Id, Strict, Word
from macros.schema.validation import validate

SETTINGS_FILE = "curriculum/organization.yaml"

Lang = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]


class Noun(Strict):
    """A term with its grammatical gender, where its ending does not show it."""

    word: Word = Field(description="The word to write, e.g. 'Lernbegleitung'.")
    genus: Literal["f", "m", "n", "pl"] = Field(description="Its gender in German: f (die), m (der), n (das), "
                                                "pl (a plural).")


def _term_shape(value: Any) -> str:
    # A term is a word, or a mapping that gives a word its gender: one shape is checked, never
    # both (two messages for one value). The tags are validation.UNION_TAGS (left out of messages).
    return "=noun" if isinstance(value, dict) else "=word"


Term = Annotated[Annotated[Word, Tag("=word")] | Annotated[Noun, Tag("=noun")], Discriminator(_term_shape)]


class Settings(Strict):
    """Everything an organization adapts besides the content itself."""

    organization: Organization
    program: Program
    contact: Contact
    branding: Branding = Field(default_factory=Branding)
    language: Lang = Field(DEFAULT, description="The default edition, built at the site's root: a folder under "
                           "curriculum/ and docs/.")
    languages: list[Lang] = Field(default_factory=list, description="Every edition to build, e.g. [de, en]; the "
                                  "others than `language` go under /<lang>/. Empty: the default edition alone.")
    # Values that differ per edition (the rhythm in words, terms, legal pages in that language), put
    # over the settings above when that edition is built; validated as part of them (load_settings).
    # A section for an edition not built is left alone: a fork that builds German only keeps ours
    # as it is, so our updates to it merge without conflict.
    editions: dict[Lang, dict[str, Any]] = Field(default_factory=dict, description="Per edition, settings that "
                                                 "differ in its language, e.g. {en: {program: {rhythm: every three "
                                                 "weeks}}}.")
    translations: Literal["notice", "error"] = Field("notice", description="Missing or outdated translations: "
                                                     "'notice' reports them, 'error' stops the build.")
    site: Site = Field(default_factory=Site)
    hidden: list[Id] = Field(default_factory=list, description="Ids of modules to leave out: no page, no "
                             "navigation or search entry; links to them are dropped.")
    terms: dict[Word, Term] = Field(default_factory=dict, description="Words to use instead of ours, e.g. "
                                           "{Mentee: Lernpartner:in}; whole words, on every page and label. A "
                                           "noun must have the gender of ours (die Mentee): {word: …, genus: f}.")

    @field_validator("languages")
    @classmethod
    def each_once_with_the_default(cls, languages: list[str], info: ValidationInfo) -> list[str]:
        twice = sorted({lang for lang in languages if languages.count(lang) > 1})
        if twice:
            raise ValueError(say("language_twice", lang=", ".join(twice)))
        default = info.data.get("language")
        if languages and default not in languages:
            raise ValueError(say("default_not_built", lang=default, languages=", ".join(languages)))
        return languages

    # The edition these settings are for: the default one unless load_settings was asked for another.
    _edition: str | None = PrivateAttr(None)

    @property
    def edition(self) -> str:
        return self._edition or self.language

    def term_words(self) -> dict[str, str]:
        """Return each term as the word that replaces ours."""
        return {key: value.word if isinstance(value, Noun) else value for key, value in self.terms.items()}

    @property
    def translated(self) -> bool:
        """Tell whether these settings are for an edition other than the default one."""
        return self.edition != self.language

    def built(self) -> list[str]:
        """Return the editions to build, the default first."""
        return [self.language] + [lang for lang in self.languages if lang != self.language]

    def placeholders(self) -> dict[str, str]:
        """Return the values content may use as {name}, in the edition's words."""
        words = catalogue(self.edition)
        return {
            "org": self.organization.name,
            "program": self.program.name,
            "months": str(self.program.months),
            "sessions": str(self.program.sessions),
            "minutes": str(self.program.session_minutes),
            "rhythm": self.program.rhythm or worded(self.program.every_weeks, self.edition),
            "contact": self.contact.name,
            "email": self.contact.email,
            **{name: str(getattr(self.program, name)) for name in FACTS if name != "cohort"},
            "notice": self.program.notice or words["default_notice"],
            "opener": self.program.opener or words["default_opener"],
            "cohort": words["cohort_range"].format(least=self.program.cohort_min, most=self.program.cohort_max),
        }


def load_settings(root: Path, edition: str | None = None) -> Settings:
    """Load and validate the settings of one edition (the default one if None); raise ContentErrors.

    What is wrong in the file is said in the fork's own language (its default edition's, `language:`),
    whichever edition reads it: the settings file is the fork's, written for that edition.
    """
    with speaking(DEFAULT):
        try:
            doc = load_file(root / SETTINGS_FILE, SETTINGS_FILE)
        except FileNotFoundError:
            raise ContentErrors([ContentError(SETTINGS_FILE, 1, 1, None, say("settings_missing"))]) from None
        except ContentError as err:
            raise ContentErrors([err]) from None
    with speaking(language_of(doc.data)):
        settings, errors = validate(doc, Settings, SETTINGS_FILE)
        if settings is None:
            raise ContentErrors(errors)
        settings = _for_edition(root, doc, settings, edition or settings.language)
    return settings


def fork_language(root: Path) -> str:
    """Return the language the fork speaks (`language:` in its settings), also when they are broken."""
    try:
        return language_of(load_file(root / SETTINGS_FILE, SETTINGS_FILE).data)
    except (OSError, ContentError):
        return DEFAULT


def language_of(data: dict[str, Any]) -> str:
    """Return the language a settings file speaks, read before it validates: its `language:` if we
    have words for it, else the default one."""
    said = data.get("language")
    return supported(said) if isinstance(said, str) else DEFAULT


def _for_edition(root: Path, doc: Document, settings: Settings, edition: str) -> Settings:
    errors: list[ContentError] = []
    if edition != settings.language or edition in settings.editions:
        found, errors = validate(for_edition(doc, edition, edition == settings.language), Settings, SETTINGS_FILE)
        if found is None:
            raise ContentErrors(errors)
        settings = found
        settings._edition = edition
    errors += _check_rhythm(settings, for_edition(doc, settings.edition, settings.edition == settings.language))
    if settings.branding.logo:
        errors += _check_logo(root, settings.branding.logo, doc.where(("branding", "logo")))
    if settings.terms:
        where = ("terms",) if settings.edition == settings.language else ("editions", settings.edition, "terms")
        errors += term_grammar.problems(settings.terms, load_labels(settings.edition), doc, SETTINGS_FILE, where)
    if errors:
        raise ContentErrors(errors)
    return settings


def for_edition(doc: Document, lang: str, default: bool = False) -> Document:
    """Return the settings as edition ``lang`` reads them: its `editions.<lang>` values over the rest.

    Terms and the worded rhythm are words of one language: the default edition's do not carry
    over to another (which words the rhythm from every_weeks unless it words it itself).
    A value from the editions section keeps its own line, so a message points at it.
    """
    own = doc.data.get("editions", {}).get(lang) or {}
    base = {key: value for key, value in doc.data.items() if key != "terms" or default}
    if not default and isinstance(base.get("program"), dict):
        base["program"] = {key: value for key, value in base["program"].items() if key != "rhythm"}
    return Document(doc.path, _over(base, own), partial(_edition_positions, doc, lang))


def _edition_positions(doc: Document, lang: str) -> Positions:
    positions = dict(doc.positions)
    positions.update({loc[2:]: pos for loc, pos in doc.positions.items() if loc[:2] == ("editions", lang) and loc[2:]})
    return positions


def _over(base: dict[str, Any], own: Any) -> dict[str, Any]:
    if not isinstance(own, dict):
        return base  # not a mapping: validating `editions` itself reports it
    merged = dict(base)
    for key, value in own.items():
        merged[key] = _over(base[key], value) if isinstance(base.get(key), dict) and isinstance(value, dict) else value
    return merged


# Settings written in words: an edition that takes them over from the default one shows the
# default's language (notices suggest `editions.<lang>.…`).
# (The rhythm is not among them: another edition words it from every_weeks.)
WORDED = (("program", "notice"), ("program", "opener"))


def taken_over(root: Path, lang: str) -> list[str]:
    """Return the worded settings edition ``lang`` takes over unchanged from the default edition."""
    data = load_file(root / SETTINGS_FILE, SETTINGS_FILE).data
    own = (data.get("editions") or {}).get(lang) or {}
    return [".".join(path) for path in WORDED if path[1] in (data.get(path[0]) or {})
            and path[1] not in (own.get(path[0]) or {})]


def _check_rhythm(settings: Settings, doc: Document) -> list[ContentError]:
    # One fact, one source: a worded rhythm must say what every_weeks says (the calendar's number).
    program = settings.program
    said = weeks_in(program.rhythm, settings.edition) if program.rhythm else None
    if said is None or said == program.every_weeks:
        return []
    message = say("rhythm_contradicts", rhythm=program.rhythm, every=program.every_weeks, said=said,
                  worded=worded(program.every_weeks, settings.edition))
    return [ContentError(SETTINGS_FILE, *doc.where(("program", "rhythm")), "program.rhythm", message)]


def _check_logo(root: Path, logo: str, where: tuple[int, int]) -> list[ContentError]:
    # The pattern already refuses schemes, hosts and "..": the file must also really be there,
    # or mkdocs would copy nothing and every page would show a broken image.
    docs = (root / "docs").resolve()
    if not (docs / logo).resolve().is_relative_to(docs) or not (docs / logo).is_file():
        return [ContentError(SETTINGS_FILE, *where, "branding.logo", say("logo_missing", logo=logo))]
    return []
