"""The program's dates: kickoff, pair sessions, midpoint and closing, from start and rhythm."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from macros.base.messages import say

FIRST_YEAR, LAST_YEAR = 2000, 2199


def calendar_path(labels: dict[str, Any]) -> str:
    """Return where the built site publishes the program's dates (with a start date): named in the
    edition's language, since the file lands in people's downloads (programm.ics, program.ics)."""
    return f"{labels['calendar']['file']}.ics"


@dataclass(frozen=True)
class Schedule:
    """Every dated milestone of one program run."""

    kickoff: date
    sessions: list[date]
    midpoint: date
    closing: date


def parse_date(text: str) -> date:
    """Return the date of an ISO 'YYYY-MM-DD' text; raise ValueError with a readable message."""
    # date.fromisoformat also takes '20270301' and week dates: only the one common form is accepted.
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(say("start_not_a_date", got=text)) from None
    # A program is planned for years, not millennia: 0001-01-01 or 9999-12-01 would push the
    # computed dates (midpoint, closing) past what a date can hold.
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(say("date_out_of_range", got=text, first=FIRST_YEAR, last=LAST_YEAR))
    return day


def add_months(day: date, months: int) -> date:
    """Return the same day ``months`` later, or the month's last day when that month is shorter."""
    year, month = divmod(day.month - 1 + months, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return date(day.year + year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def session_days(start: date, sessions: int, every_weeks: int) -> list[date]:
    """Return the pair sessions' days: the first a week after the kickoff, then every ``every_weeks`` weeks."""
    return [start + timedelta(weeks=1 + i * every_weeks) for i in range(sessions)]


def schedule(start: date, months: int, sessions: int, every_weeks: int) -> Schedule:
    """Return the program's milestones; the midpoint lies halfway between kickoff and closing."""
    closing = add_months(start, months)
    return Schedule(start, session_days(start, sessions, every_weeks), start + (closing - start) / 2, closing)
