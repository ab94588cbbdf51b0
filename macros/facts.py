"""Program facts across modules: one source per fact, checked on any curriculum.

A fact lives in the settings and reaches the text as a {placeholder}. This module reports
text that writes a fact out instead, session templates whose length contradicts a fact, and
computes each role's time from the session templates it prepares for.
"""

from __future__ import annotations

import re
from typing import Any

from macros.curriculum import Curriculum, Entry
from macros.errors import ContentError
from macros.loader import Loc, texts
from macros.messages import catalogue, say
from macros.settings import FACTS, Settings
from macros.validation import error_at

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


def _states(sentence: str, literal: str, keywords: list[str]) -> bool:
    folded = sentence.casefold()
    pattern = r"(?<!\w)" + re.escape(literal.casefold()) + r"(?!\w)"
    return bool(re.search(pattern, folded)) and any(k.casefold() in folded for k in keywords)


def stated_facts(curriculum: Curriculum, settings: Settings, labels: dict[str, Any]) -> list[ContentError]:
    """Report sentences that write a program fact's value out where {fact} would keep it in step."""
    keywords: dict[str, list[str]] = labels.get("facts", {})
    slots: dict[str, list[str]] = labels.get("slots", {})
    forms = literals(settings, labels["ui"]["minutes"])
    errors = []
    for entry in curriculum.entries.values():
        for loc, text in texts(entry.doc.data):
            folded = text.casefold()
            for fact, words in keywords.items():
                # Most texts name no fact's value at all: only those that do are split into sentences.
                candidates = [lit for lit in forms.get(fact, []) if lit.casefold() in folded]
                for sentence in SENTENCE_END.split(text) if candidates else []:
                    if any(re.search(p, sentence) for p in slots.get(fact, [])):
                        continue  # slotted_facts reports it, with the value it found
                    found = next((lit for lit in candidates if _states(sentence, lit, words)), None)
                    if found:
                        msg = say("fact_literal", found=found, fact=fact)
                        errors.append(_error(entry, loc, msg))
                        break
    return errors


def slotted_facts(curriculum: Curriculum, labels: dict[str, Any]) -> list[ContentError]:
    """Report a fact's usual phrasing with any other value in its slot, e.g. 'spätestens 48 Stunden vorher'."""
    slots: dict[str, list[str]] = labels.get("slots", {})
    if not slots:
        return []
    # One search tells whether a text holds any fact's phrasing at all; most hold none.
    anywhere = re.compile("|".join(f"(?:{p})" for patterns in slots.values() for p in patterns))
    errors = []
    for entry in curriculum.entries.values():
        for loc, text in texts(entry.doc.data):
            if anywhere.search(text) is None:
                continue
            for fact, patterns in slots.items():
                for match in (m for p in patterns for m in re.finditer(p, text)):
                    if match.group(1) != "{" + fact + "}":
                        msg = say("fact_slot", fact=fact, value=match.group(1), phrase=match.group(0))
                        errors.append(_error(entry, loc, msg))
    return errors


def avoided_terms(curriculum: Curriculum, labels: dict[str, Any]) -> list[ContentError]:
    """Report words the edition replaced by one term per concept or by an inclusive form."""
    avoid: dict[str, str] = labels.get("avoid", {})
    if not avoid:
        return []
    # One pass per text for all words; longest first, so "Sponsorin oder Sponsor" wins over a part of it.
    words = sorted(avoid, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)")
    errors = []
    for entry in curriculum.entries.values():
        for loc, text in texts(entry.doc.data):
            for word in dict.fromkeys(m.group(1) for m in pattern.finditer(text)):
                errors.append(_error(entry, loc, say("fact_avoid", word=word, instead=avoid[word])))
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
    pair = [e for e in curriculum.of_kind("sessions") if e.module.audience == "pair"]
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


def unknown_hours(curriculum: Curriculum, settings: Settings) -> list[ContentError]:
    """Report {hours_x} placeholders whose x is not a role."""
    known = set(hour_placeholders(curriculum, settings))
    errors = []
    for entry in curriculum.entries.values():
        for loc, text in texts(entry.doc.data):
            for name in re.findall(r"\{(hours_[a-z_]+)\}", text):
                if name not in known:
                    msg = say("fact_hours_role", role=name.removeprefix("hours_"),
                              roles=", ".join(k.removeprefix("hours_") for k in sorted(known)))
                    errors.append(_error(entry, loc, msg))
    return errors


def hours(minutes: int, lang: str = "de") -> str:
    """Return minutes as hours the way the text states them: rounded to a half, the edition's decimal mark."""
    half_hours = round(minutes / 30)
    return f"{half_hours // 2}{catalogue(lang)['decimal_mark']}5" if half_hours % 2 else str(half_hours // 2)


def stated_totals(curriculum: Curriculum, settings: Settings, labels: dict[str, Any]) -> list[ContentError]:
    """Report a role whose time commitment states a total that the session templates do not add up to."""
    words = labels.get("time", {})
    total, unit = re.escape(words.get("total", "total")), re.escape(words.get("hours", "hours"))
    pattern = re.compile(rf"{total}\D{{0,20}}?(\d+(?:,\d)?)\s*{unit}", re.IGNORECASE)
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
    return (stated_facts(curriculum, settings, labels) + slotted_facts(curriculum, labels)
            + avoided_terms(curriculum, labels)
            + template_lengths(curriculum, settings) + unknown_hours(curriculum, settings)
            + pair_sessions(curriculum, settings) + stated_totals(curriculum, settings, labels))


def entry_hours(curriculum: Curriculum, entry: Entry, settings: Settings) -> str:
    """Return a role's computed hours for its page."""
    return hours(role_minutes(curriculum, entry.id, settings), settings.edition)
