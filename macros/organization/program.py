"""The program's facts: who runs it, how long, how often pairs meet, and who answers questions."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationInfo, field_validator

from macros.base.messages import say
from macros.organization.schedule import add_months, parse_date, session_days
from macros.schema.field_types import EMAIL_PATTERN, Line, Strict


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
                              "the handbook offers the program's dates as a calendar file. Empty for none.",
                              json_schema_extra={"format": "date"})
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
