"""An organization's settings: the one file a fork edits to rebrand the handbook."""

from __future__ import annotations

import colorsys
import re
from datetime import date
from functools import partial
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, PrivateAttr, StringConstraints, Tag, ValidationInfo, field_validator

from macros import term_grammar
from macros.errors import ContentError, ContentErrors
from macros.labels import load_labels
from macros.loader import Document, Positions, load_file
from macros.messages import DEFAULT, catalogue, language, say, use
from macros.models import COLOR_PATTERN, EMAIL_PATTERN, LANG_PATTERN, LOGO_PATTERN, URL_PATTERN, Id, Line, Strict, Word
from macros.rhythm import weeks_in, worded
from macros.schedule import add_months, parse_date, session_days
from macros.validation import validate

SETTINGS_FILE = "curriculum/organization.yaml"
# Program facts with a default each (see Program); the check reports them written out as literals.
FACTS = ("notice", "escalate_after", "cohort", "kickoff_minutes", "closing_minutes", "training_minutes",
         "prep_minutes", "opener", "report_min")
# Names content may use as {name}; Settings.placeholders() gives their values.
PLACEHOLDERS = ("org", "program", "months", "sessions", "minutes", "rhythm", "contact", "email", *FACTS)

Color = Annotated[str, StringConstraints(pattern=COLOR_PATTERN)]
Lang = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]


class Organization(Strict):
    name: Line = Field(description="Your organization's name, used in texts as {org}.")


class Program(Strict):
    name: Line = Field(description="The program's name, used as {program} and as the site title.")
    months: int = Field(ge=1, le=36, description="Program length in months ({months}).")
    sessions: int = Field(ge=1, le=52, description="Number of pair sessions ({sessions}).")
    session_minutes: int = Field(ge=15, le=240, description="Usual session length in minutes ({minutes}).")
    rhythm: Line | None = Field(None, description="How often pairs meet in words, e.g. 'alle drei Wochen' "
                                "({rhythm}); empty: worded from every_weeks in each edition's language.")
    # Program facts several modules state: one value each, so no two pages can disagree.
    # Worded facts default to the edition's words (macros/i18n/messages/<lang>.yaml, `default_*`).
    notice: Line | None = Field(None, description="Cancellation notice, read after 'spätestens' / 'at least' "
                                "({notice}); empty: '24 Stunden' / '24 hours'.")
    escalate_after: int = Field(2, ge=1, le=10, description="Missed sessions in a row after which the "
                                "program lead asks in ({escalate_after}).")
    cohort_min: int = Field(6, ge=1, le=500, description="Fewest pairs per cohort ({cohort}: 'min bis max').")
    cohort_max: int = Field(12, ge=1, le=500, description="Most pairs per cohort ({cohort}).")
    kickoff_minutes: int = Field(180, ge=30, le=480, description="Length of the kickoff ({kickoff_minutes}).")
    closing_minutes: int = Field(120, ge=30, le=480, description="Length of the closing event ({closing_minutes}).")
    training_minutes: int = Field(150, ge=30, le=960, description="Induction per person ({training_minutes}).")
    prep_minutes: int = Field(20, ge=0, le=240, description="Preparation per session and person ({prep_minutes}).")
    opener: Line | None = Field(None, description="Who opens each meeting, with article ({opener}); empty: "
                                "'die Mentor:in' / 'the mentor'.")

    @field_validator("cohort_max")
    @classmethod
    def cohort_range(cls, most: int, info: ValidationInfo) -> int:
        if most < info.data.get("cohort_min", 0):
            raise ValueError(say("cohort_swapped", most=most, least=info.data["cohort_min"]))
        return most

    # The evaluation reports a group only from this many answers: the smallest cohort must reach it,
    # at the two-thirds response rate the evaluation aims for, or no per-role result could be shown.
    report_min: int = Field(4, ge=2, le=100, description="Fewest answers a reported group needs ({report_min}); "
                            "at most two thirds of cohort_min.")

    @field_validator("report_min")
    @classmethod
    def smallest_cohort_reaches_it(cls, least: int, info: ValidationInfo) -> int:
        pairs = info.data.get("cohort_min")
        if isinstance(pairs, int) and least * 3 > pairs * 2:
            raise ValueError(say("report_min_unreachable", least=least, pairs=pairs, answers=pairs * 2 // 3))
        return least

    # The program calendar: with a start date the build publishes programm.ics (program.ics in English).
    every_weeks: int = Field(3, ge=1, le=12, description="Weeks between two pair sessions: the calendar, and "
                             "{rhythm} unless rhythm words it.")
    # The loader keeps YAML dates as text (YAML 1.2), so the date is text checked here.
    start: str | None = Field(None, description="Day of the kickoff as an ISO date, e.g. '2027-03-01'; with it "
                              "the handbook offers the program's dates as a calendar file. Empty for none.")
    session_time: str | None = Field(None, description="Usual start time of pair sessions, e.g. '16:00' "
                                     "(Europe/Berlin); empty for all-day entries in the calendar.")

    @field_validator("start")
    @classmethod
    def iso_date_that_fits(cls, start: str | None, info: ValidationInfo) -> str | None:
        if start is None:
            return None
        day = parse_date(start)
        months, sessions, every = (info.data.get(k) for k in ("months", "sessions", "every_weeks"))
        if isinstance(months, int) and isinstance(sessions, int) and isinstance(every, int):
            last = session_days(day, sessions, every)[-1]
            if last >= add_months(day, months):
                raise ValueError(say("program_too_short", sessions=sessions, every=every, last=last.isoformat(),
                                     months=months))
        return start

    @field_validator("session_time")
    @classmethod
    def clock_time(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
            raise ValueError(say("not_a_time", got=value))
        return value

    def start_date(self) -> date | None:
        """Return the kickoff day, if the program has one."""
        return parse_date(self.start) if self.start else None


class Contact(Strict):
    name: Line = Field(description="Who answers questions about the program ({contact}).")
    email: Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)] = Field(
        description="Their e-mail address ({email})."
    )


def contrast_with_white(color: str) -> float:
    """Return the WCAG contrast ratio of '#rrggbb' against white."""
    channels = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


class Branding(Strict):
    logo: Annotated[str, StringConstraints(pattern=LOGO_PATTERN)] | None = Field(
        None, description="Logo file inside docs/, e.g. assets/logo.svg; null for none."
    )
    primary_color: Color = Field("#1d5c63", description="Header and link colour, '#rrggbb'; dark enough for "
                                 "white text (contrast at least 4.5:1).")
    accent_color: Color = Field("#b34700", description="Colour of highlights and hovered links, '#rrggbb'; "
                                "contrast with white at least 4.5:1.")

    @field_validator("primary_color", "accent_color")
    @classmethod
    def readable_on_white(cls, color: str) -> str:
        # Both colours carry text on white (links) or white text (header): WCAG AA needs 4.5:1.
        ratio = contrast_with_white(color)
        if ratio < 4.5:
            shown = f"{ratio:.1f}".replace(".", "," if language() == "de" else ".")
            raise ValueError(say("too_light", color=color, ratio=shown, darker=darker_passing(color)))
        return color


def darker_passing(color: str, needed: float = 4.5) -> str:
    """Return the lightest shade of ``color`` (same hue and saturation) with enough contrast on white."""
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    for step in range(round(lightness * 1000), -1, -1):
        candidate = "#" + "".join(f"{round(c * 255):02x}" for c in colorsys.hls_to_rgb(hue, step / 1000, saturation))
        if contrast_with_white(candidate) >= needed:
            return candidate
    return "#000000"


Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]


class Site(Strict):
    """Where and how the handbook is published."""

    url: Url | None = Field(None, description="Public address, e.g. 'https://example.org/mentoring/': sitemap, "
                            "canonical links and the address printed on paper need it.")
    imprint: Url | None = Field(None, description="Address of your Impressum (legal notice), linked on every page.")
    privacy: Url | None = Field(None, description="Address of your privacy notice (Datenschutz), linked on every page.")
    adapt_page: bool = Field(True, description="Publish the page 'Handbuch anpassen'? false leaves it out.")

    @field_validator("url")
    @classmethod
    def without_query_or_fragment(cls, url: str | None) -> str | None:
        # Page paths are appended to it (calendar links, sitemap, the address printed on paper).
        if url is not None and ("?" in url or "#" in url):
            raise ValueError(say("site_url_query", url=url))
        return url


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
    language: Lang = Field("de", description="The default edition, built at the site's root: a folder under "
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
    """Load and validate the settings of one edition (the default one if None); raise ContentErrors."""
    use(DEFAULT)  # the default edition's language, until the settings say which edition this is
    path = root / SETTINGS_FILE
    try:
        doc = load_file(path, SETTINGS_FILE)
    except FileNotFoundError:
        raise ContentErrors([ContentError(SETTINGS_FILE, 1, 1, None, say("settings_missing"))]) from None
    except ContentError as err:
        raise ContentErrors([err]) from None
    settings, errors = validate(doc, Settings, SETTINGS_FILE)
    edition = edition or (settings.language if settings is not None else None)
    if settings is not None and edition is not None and (edition != settings.language or edition in settings.editions):
        default = edition == settings.language
        # The settings file is the fork's, written for its default edition: what is wrong in it is
        # said in that language, whichever edition reads it (the edition's own modules speak its own).
        use(settings.language)
        settings, errors = validate(for_edition(doc, edition, default), Settings, SETTINGS_FILE)
        if settings is not None:
            settings._edition = edition
    if settings is not None:
        errors += _check_rhythm(settings, for_edition(doc, settings.edition, settings.edition == settings.language))
    if settings is not None and settings.branding.logo:
        errors += _check_logo(root, settings.branding.logo, doc.where(("branding", "logo")))
    if settings is not None and settings.terms:
        where = ("terms",) if settings.edition == settings.language else ("editions", settings.edition, "terms")
        errors += term_grammar.problems(settings.terms, load_labels(settings.edition), doc, SETTINGS_FILE, where)
    if errors or settings is None:
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
