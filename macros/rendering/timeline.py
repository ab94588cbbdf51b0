"""A printable timeline of the program as SVG, drawn at build time: no script, no library at view time.

Two drawings of the same facts: a wide one (phases side by side, dates on a horizontal axis) for
paper and large screens, and a narrow one (one row per phase and per date) for phones, where the
wide one scaled to fit would shrink its text to a few pixels. The page's CSS shows one of them.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup

from macros.content.curriculum import Entry
from macros.organization.placeholders import substitute
from macros.organization.schedule import Schedule

WIDTH = 800
MARGIN = 10
BAND_Y, BAND_H = 30, 34  # the phases' numbered boxes
DATES_Y = 176  # the axis of the dated milestones, below three lines of phase titles and its heading


@dataclass(frozen=True)
class Band:
    """One phase: a numbered box with its title below."""

    x: float
    width: float
    number: int
    lines: list[str]
    size: float = 11  # the titles' font size: smaller where a word is wider than the box


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
    found = []
    for i, e in enumerate(phases):
        lines = textwrap.wrap(substitute(e.module.title, values), chars, break_long_words=False)[:3]
        # A word longer than the box ("Zwischenbilanz" among ten phases) is not broken: its
        # title gets a smaller size, so that it does not run into the neighbour's.
        longest = max((len(line) for line in lines), default=1)
        size = min(11.0, round((width - 4) / (longest * 0.53), 1))
        found.append(Band(MARGIN + i * (width + gap), width, i + 1, lines, size))
    return found


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


# The narrow drawing is made for a phone's column (about 340 px): drawn at that width, its text
# keeps its size (14 px) on screen. One row per phase and per date: nothing can overlap.
NARROW_WIDTH, NARROW_TEXT, NARROW_LINE = 340, 14, 18
NARROW_CHARS = 34  # about 7.5 px per character at 14 px, right of the number box


@dataclass(frozen=True)
class Row:
    """One line of the narrow drawing: a phase (number and title lines) or a date (label and when)."""

    y: float
    number: int | None
    lines: list[str]
    when: str = ""
    milestone: bool = False


def narrow(phases: list[Entry], plan: Schedule | None, labels: dict[str, Any], values: dict[str, str],
           total: int) -> dict[str, Any]:
    """Return what templates/timeline-narrow.svg.j2 draws: every phase named in full, every date on its row."""
    words = {k: str(v) for k, v in labels["calendar"].items()}
    y, phase_rows = 44.0, []
    for i, e in enumerate(phases, 1):
        lines = textwrap.wrap(substitute(e.module.title, values), NARROW_CHARS, break_long_words=False)
        phase_rows.append(Row(y, i, lines))
        y += max(30, NARROW_LINE * len(lines) + 6) + 10
    dates_title, date_rows = y + 16, []
    if plan is not None:
        y += 44
        for m in sorted(marks(plan, words), key=lambda m: m.x):
            label = m.label if m.milestone else words["session"].format(number=m.label, total=total)
            date_rows.append(Row(y, None, [label], m.when, m.milestone))
            y += 26
    return {"width": NARROW_WIDTH, "height": int(y + 4), "phases": phase_rows, "dates": date_rows,
            "dates_title": dates_title, "text": NARROW_TEXT, "line": NARROW_LINE, "words": words}
