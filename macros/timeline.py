"""A printable timeline of the program as SVG, drawn at build time: no script, no library at view time."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup

from macros import text
from macros.curriculum import Entry
from macros.schedule import Schedule

WIDTH = 800
MARGIN = 10
BAND_Y, BAND_H = 30, 34  # the phases' numbered boxes
DATES_Y = 160  # the axis of the dated milestones, when the program has a start date


@dataclass(frozen=True)
class Band:
    """One phase: a numbered box with its title below."""

    x: float
    width: float
    number: int
    lines: list[str]


@dataclass(frozen=True)
class Mark:
    """One dated point on the axis; milestones get a label, sessions only a number and a short date."""

    x: float
    label: str
    when: str
    milestone: bool


def bands(phases: list[Entry], values: dict[str, str]) -> list[Band]:
    """Lay the phases out side by side in program order, titles wrapped to fit their box."""
    gap = 4
    width = (WIDTH - 2 * MARGIN - gap * (len(phases) - 1)) / max(len(phases), 1)
    chars = max(int(width / 5.8), 6)  # about 5.8 px per character at 11 px
    return [Band(MARGIN + i * (width + gap), width, i + 1,
                 textwrap.wrap(text.substitute(e.module.title, values), chars, break_long_words=False)[:3])
            for i, e in enumerate(phases)]


def _x(day: date, plan: Schedule) -> float:
    span = (plan.closing - plan.kickoff).days or 1
    return MARGIN + 40 + (WIDTH - 2 * MARGIN - 80) * (day - plan.kickoff).days / span


def marks(plan: Schedule, words: dict[str, str]) -> list[Mark]:
    """Place kickoff, sessions, midpoint and closing on the axis by their dates."""
    full = "{0.day}.{0.month}.{0.year}"
    found = [Mark(_x(plan.kickoff, plan), words["timeline_kickoff"], full.format(plan.kickoff), True),
             Mark(_x(plan.midpoint, plan), words["timeline_midpoint"], full.format(plan.midpoint), True),
             Mark(_x(plan.closing, plan), words["timeline_closing"], full.format(plan.closing), True)]
    found += [Mark(_x(d, plan), str(i), f"{d.day}.{d.month}.", False) for i, d in enumerate(plan.sessions, 1)]
    return found


def height(plan: Schedule | None, phase_bands: list[Band]) -> int:
    """Return the drawing's height: the phases, plus the dated axis when there is one."""
    lines = max((len(b.lines) for b in phase_bands), default=1)
    base = BAND_Y + BAND_H + 16 + 14 * lines
    return DATES_Y + 60 if plan is not None else base


def context(phases: list[Entry], plan: Schedule | None, labels: dict[str, Any],
            values: dict[str, str]) -> dict[str, Any]:
    """Return what templates/timeline.svg.j2 draws."""
    words = {k: str(v) for k, v in labels["calendar"].items()}
    phase_bands = bands(phases, values)
    return {"width": WIDTH, "height": height(plan, phase_bands), "bands": phase_bands, "band_y": BAND_Y,
            "band_h": BAND_H, "dates_y": DATES_Y, "marks": marks(plan, words) if plan else [],
            "axis": (_x(plan.kickoff, plan), _x(plan.closing, plan)) if plan else None, "words": words}


def as_markup(svg: str) -> Markup:
    """Return the drawing as one block of HTML; blank lines would end Markdown's raw HTML block."""
    return Markup("\n".join(line for line in svg.splitlines() if line.strip()))
