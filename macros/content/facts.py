"""Program facts across modules: one source per fact, checked on any curriculum.

A fact lives in the settings and reaches the text as a {placeholder}. This module reports
text that writes a fact out instead, session templates whose length contradicts a fact, and
computes each role's time from the session templates it prepares for.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from macros.base.errors import ContentError
from macros.base.messages import DEFAULT, decimal, say
from macros.base.prefilter import TextIndex, may_match, required_texts
from macros.content.curriculum import Curriculum, Entry
from macros.organization.placeholders import FACTS
from macros.organization.settings import Settings
from macros.reader.loader import Loc
from macros.schema.validation import error_at

SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n")


def _error(entry: Entry, loc: Loc, message: str) -> ContentError:
    return error_at(entry.doc, loc, entry.source, message)


def literals(settings: Settings, minutes_word: str) -> dict[str, list[str]]:
    """Return, per fact, the ways its current value reads when written out instead of {fact}."""
    values = settings.placeholders()
    out: dict[str, list[str]] = {}
    for fact in FACTS:
        value = values[fact]
        out[fact] = [f"{value} {minutes_word}"] if fact.endswith("_minutes") else [value]
    return out


Phrasing = tuple[re.Pattern[str], tuple[str, ...]]  # a pattern and the texts every match of it contains
Phrasings = dict[str, list[Phrasing]]


def phrasings(labels: dict[str, Any]) -> Phrasings:
    """Return each fact's usual phrasings (``slots:``), compiled, with the texts a match requires."""
    compiled = {fact: [re.compile(p) for p in patterns] for fact, patterns in labels.get("slots", {}).items()}
    return {fact: [(p, required_texts(p)) for p in patterns] for fact, patterns in compiled.items()}


@dataclass(frozen=True)
class _Written:
    """One way a fact's value reads when written out, case-folded, and as a whole word in folded text."""

    literal: str
    folded: str
    word: re.Pattern[str]

    @classmethod
    def of(cls, literal: str) -> _Written:
        folded = literal.casefold()
        return cls(literal, folded, re.compile(r"(?<!\w)" + re.escape(folded) + r"(?!\w)"))


def _first_stated(text: str, candidates: list[_Written], words: list[str], slots: list[Phrasing]) -> str | None:
    """Return the first value a sentence of ``text`` writes out beside one of the fact's (folded) words."""
    for sentence in SENTENCE_END.split(text):
        if any(may_match(required, sentence) and p.search(sentence) for p, required in slots):
            continue  # slotted_facts reports it, with the value it found
        folded = sentence.casefold()
        if any(k in folded for k in words):
            found = next((c.literal for c in candidates if c.word.search(folded)), None)
            if found:
                return found
    return None


@dataclass(frozen=True)
class _Texts:
    """Every string of every module, in reading order, joined once: one search per text for all of them."""

    entries: list[Entry]
    firsts: list[int]  # where each entry's strings begin in the index
    index: TextIndex

    @classmethod
    def of(cls, curriculum: Curriculum) -> _Texts:
        entries = list(curriculum.entries.values())
        firsts: list[int] = []
        texts: list[str] = []
        for entry in entries:
            firsts.append(len(texts))
            texts += [text for _, text in entry.doc.strings]
        return cls(entries, firsts, TextIndex(texts))

    def error(self, i: int, message: str) -> ContentError:
        # Where a string stands is looked up for the few that are reported, not listed for all.
        n = bisect_right(self.firsts, i) - 1  # the last entry starting at or before i: one with strings
        entry = self.entries[n]
        return _error(entry, entry.doc.strings[i - self.firsts[n]][0], message)


def stated_facts(texts: _Texts, settings: Settings, labels: dict[str, Any]) -> list[ContentError]:
    """Report sentences that write a program fact's value out where {fact} would keep it in step."""
    keywords = {fact: [k.casefold() for k in words] for fact, words in labels.get("facts", {}).items()}
    slots = phrasings(labels)
    forms = literals(settings, labels["ui"]["minutes"])
    written = {fact: [_Written.of(lit) for lit in forms.get(fact, [])] for fact in keywords}
    # Most texts name no fact's value at all: one search per value finds those that do, and only
    # they are split into sentences.
    folded = texts.index.casefolded()
    named: dict[int, dict[str, list[_Written]]] = {}
    for fact, values in written.items():
        for value in values:
            for i in folded.holding(value.folded):
                named.setdefault(i, {}).setdefault(fact, []).append(value)
    errors = []
    for i in sorted(named):
        for fact, candidates in named[i].items():
            if not any(k in folded.pieces[i] for k in keywords[fact]):
                continue  # no sentence of it can tie the value to the fact
            found = _first_stated(texts.index.pieces[i], candidates, keywords[fact], slots.get(fact, []))
            if found:
                errors.append(texts.error(i, say("fact_literal", found=found, fact=fact)))
    return errors


def slotted_facts(texts: _Texts, labels: dict[str, Any]) -> list[ContentError]:
    """Report a fact's usual phrasing with any other value in its slot, e.g. 'spätestens 48 Stunden vorher'."""
    slots = [(fact, pattern, required) for fact, patterns in phrasings(labels).items()
             for pattern, required in patterns]
    found: list[tuple[int, int, ContentError]] = []
    # Only the texts holding what a phrasing requires are searched with it.
    for order, (fact, pattern, required) in enumerate(slots):
        for i in texts.index.holding_all(required):
            for match in pattern.finditer(texts.index.pieces[i]):
                if match.group(1) != "{" + fact + "}":
                    msg = say("fact_slot", fact=fact, value=match.group(1), phrase=match.group(0))
                    found.append((i, order, texts.error(i, msg)))
    return [error for _, _, error in sorted(found, key=lambda f: f[:2])]  # text by text, as written


def avoided_terms(texts: _Texts, labels: dict[str, Any]) -> list[ContentError]:
    """Report words the edition replaced by one term per concept or by an inclusive form."""
    avoid: dict[str, str] = labels.get("avoid", {})
    if not avoid:
        return []
    # One pass per text for all words; longest first, so "Sponsorin oder Sponsor" wins over a part of it.
    words = "|".join(map(re.escape, sorted(avoid, key=len, reverse=True)))
    pattern = re.compile(r"(?<!\w)(" + words + r")(?!\w)")
    errors = []
    # Only texts holding one of the words (a plain substring search, quicker than the pattern) are searched.
    for i in sorted({i for word in avoid for i in texts.index.holding(word)}):
        for word in dict.fromkeys(m.group(1) for m in pattern.finditer(texts.index.pieces[i])):
            errors.append(texts.error(i, say("fact_avoid", word=word, instead=avoid[word])))
    return errors


def template_lengths(curriculum: Curriculum, settings: Settings) -> list[ContentError]:
    """Report session templates whose duration differs from the setting they are tied to."""
    values = settings.placeholders()
    errors = []
    for entry in curriculum.of_kind("sessions"):
        fact = entry.module.length_of
        if fact and int(values[fact]) != entry.module.duration:
            msg = say("fact_length", duration=entry.module.duration, setting=fact, expected=values[fact])
            errors.append(ContentError(entry.source, *entry.doc.where(("duration",)), "duration", msg))
    return errors


def pair_sessions(curriculum: Curriculum, settings: Settings) -> list[ContentError]:
    """Report pair templates that add up to more meetings than the program has."""
    pair = curriculum.pair_templates()
    total = sum(e.module.repeats for e in pair)
    if total <= settings.program.sessions:
        return []
    msg = say("fact_repeats", total=total, sessions=settings.program.sessions)
    return [ContentError(pair[0].source, 1, 1, "repeats", msg)]


def role_minutes(curriculum: Curriculum, role: str, settings: Settings) -> int:
    """Return a role's minutes in the session templates it prepares for, preparation included.

    Pair meetings without a template of their own count at the usual session length.
    """
    program = settings.program
    total = meetings = 0
    for entry in curriculum.of_kind("sessions"):
        module = entry.module
        if any(p.role == role for p in module.preparation):
            total += (module.duration + program.prep_minutes) * module.repeats
            meetings += module.repeats if module.audience == "pair" else 0
    if meetings:
        total += max(0, program.sessions - meetings) * (program.session_minutes + program.prep_minutes)
    return total


def hour_placeholders(curriculum: Curriculum, settings: Settings) -> dict[str, str]:
    """Return {hours_<role id>} values: each role's computed hours, hyphens in ids read as underscores."""
    return {"hours_" + e.id.replace("-", "_"): hours(role_minutes(curriculum, e.id, settings), settings.edition)
            for e in curriculum.of_kind("roles")}


def unknown_hours(curriculum: Curriculum, texts: _Texts, settings: Settings) -> list[ContentError]:
    """Report {hours_x} placeholders whose x is not a role."""
    known = set(hour_placeholders(curriculum, settings))
    errors = []
    for i in texts.index.holding("{hours_"):
        for name in re.findall(r"\{(hours_[a-z_]+)\}", texts.index.pieces[i]):
            if name not in known:
                msg = say("fact_hours_role", role=name.removeprefix("hours_"),
                          roles=", ".join(k.removeprefix("hours_") for k in sorted(known)))
                errors.append(texts.error(i, msg))
    return errors


def hours(minutes: int, lang: str = DEFAULT) -> str:
    """Return minutes as hours the way the text states them: rounded to a half, the edition's decimal mark."""
    half_hours = round(minutes / 30)
    return decimal(f"{half_hours // 2}.5", lang) if half_hours % 2 else str(half_hours // 2)


def stated_totals(curriculum: Curriculum, settings: Settings, labels: dict[str, Any]) -> list[ContentError]:
    """Report a role whose time commitment states a total that the session templates do not add up to."""
    words = labels["time"]
    total, unit = re.escape(words["total"]), re.escape(words["hours"])
    mark = re.escape(decimal(".", settings.edition))  # "10,5 Stunden", "10.5 hours"
    pattern = re.compile(rf"{total}\D{{0,20}}?(\d+(?:{mark}\d)?)\s*{unit}", re.IGNORECASE)
    errors = []
    for entry in curriculum.of_kind("roles"):
        stated = pattern.search(entry.module.time_commitment)
        computed = hours(role_minutes(curriculum, entry.id, settings), settings.edition)
        if stated and stated.group(1) != computed:
            msg = say("fact_hours_stated", stated=stated.group(1), computed=computed, role=entry.id)
            errors.append(ContentError(entry.source, *entry.doc.where(("time_commitment",)), "time_commitment",
                                       msg))
    return errors


def check_facts(curriculum: Curriculum, settings: Settings, labels: dict[str, Any]) -> list[ContentError]:
    """Return every disagreement between the content and the program facts."""
    texts = _Texts.of(curriculum)
    return (stated_facts(texts, settings, labels) + slotted_facts(texts, labels) + avoided_terms(texts, labels)
            + template_lengths(curriculum, settings) + unknown_hours(curriculum, texts, settings)
            + pair_sessions(curriculum, settings) + stated_totals(curriculum, settings, labels))


def entry_hours(curriculum: Curriculum, entry: Entry, settings: Settings) -> str:
    """Return a role's computed hours for its page."""
    return hours(role_minutes(curriculum, entry.id, settings), settings.edition)
