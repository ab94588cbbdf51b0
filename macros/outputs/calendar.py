"""The program's dates as an iCalendar file (RFC 5545) for Outlook, Google Calendar and Apple Calendar."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from macros.content.curriculum import Curriculum, Entry
from macros.organization.placeholders import substitute
from macros.organization.schedule import calendar_path, schedule
from macros.organization.settings import Settings
from macros.rendering.render import Context, url_of

if TYPE_CHECKING:
    import icalendar  # imported where a file is made: most builds have no start date and need none

__all__ = ["calendar_file", "calendar_path", "events", "template_for"]
TIMEZONE = "Europe/Berlin"


@dataclass(frozen=True)
class Event:
    """One calendar entry, before it becomes iCalendar text."""

    key: str  # stable part of the UID: re-importing the file updates entries instead of doubling them
    summary: str
    day: date
    description: str
    url: str | None = None
    minutes: int | None = None  # a timed entry of this length; all-day when None


def template_for(number: int, total: int, templates: list[Entry]) -> Entry | None:
    """Return the template for pair session ``number``: the first and the last keep their own, the
    sessions between cycle through the templates between."""
    if not templates:
        return None
    if number == total and total > 1 and len(templates) > 1:
        return templates[-1]
    middle = templates[1:-1] or templates[:1]
    return templates[0] if number == 1 else middle[(number - 2) % len(middle)]


@dataclass(frozen=True)
class _Ctx:
    settings: Settings
    words: dict[str, str]
    templates: list[Entry]
    site_url: str
    directory_urls: bool

    @property
    def minutes(self) -> int | None:
        return self.settings.program.session_minutes if self.settings.program.session_time else None

    def plain(self, value: str) -> str:
        return substitute(value, self.settings.placeholders()).strip()


def _session_event(number: int, day: date, ctx: _Ctx) -> Event:
    words = ctx.words
    total = ctx.settings.program.sessions
    template = template_for(number, total, ctx.templates)
    summary = words["session"].format(number=number, total=total)
    if template is None:
        return Event(f"session-{number}", summary, day, words["session_text"], None, ctx.minutes)
    title = ctx.plain(template.module.title)
    path = url_of(f"sessions/{template.id}.md", ctx.directory_urls)
    url = ctx.site_url + path if ctx.site_url else None
    # Without a site URL there is no address to link: say where the template is in the handbook.
    where = url or f"{words['template_where']} ({path})"
    return Event(f"session-{number}", f"{summary}: {title}", day,
                 f"{words['template'].format(title=title)}\n{where}", url, ctx.minutes)


def events(settings: Settings, cur: Curriculum, labels: dict[str, Any], site_url: str | None,
           directory_urls: bool = True) -> list[Event]:
    """Return the program's calendar entries in date order; none without a start date."""
    start = settings.program.start_date()
    if start is None:
        return []
    p = settings.program
    words = {k: str(v) for k, v in labels["calendar"].items()}
    ctx = _Ctx(settings, words, cur.pair_templates(), (site_url or "").rstrip("/") + "/" if site_url else "",
               directory_urls)
    plan = schedule(start, p.months, p.sessions, p.every_weeks)
    name = {"program": p.name}
    # With a session time, the milestones are meetings at that time too, not day-long markers.
    found = [Event(key, words[key].format(**name), day, words[f"{key}_text"], None, ctx.minutes)
             for key, day in (("kickoff", plan.kickoff), ("midpoint", plan.midpoint), ("closing", plan.closing))]
    found += [_session_event(i, day, ctx) for i, day in enumerate(plan.sessions, 1)]
    return sorted(found, key=lambda e: (e.day, e.key))


def build_stamp() -> datetime:
    """Return DTSTAMP: SOURCE_DATE_EPOCH when set (reproducible builds), else now, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)


def _component(e: Event, uid: str, stamp: datetime, session_time: str | None) -> icalendar.Event:
    import icalendar

    ev = icalendar.Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("summary", e.summary)
    if e.minutes is not None and session_time:
        hour, minute = (int(x) for x in session_time.split(":"))
        begin = datetime.combine(e.day, time(hour, minute), tzinfo=ZoneInfo(TIMEZONE))
        ev.add("dtstart", begin)
        ev.add("dtend", begin + timedelta(minutes=e.minutes))
        ev.add("transp", "OPAQUE")  # a meeting: the time shows as busy
    else:
        ev.add("dtstart", e.day)
        ev.add("dtend", e.day + timedelta(days=1))
        ev.add("transp", "TRANSPARENT")  # a day-long marker, not a day-long meeting: the day stays free
    ev.add("description", e.description)
    if e.url:
        ev.add("url", e.url)
    return ev


def to_ics(found: list[Event], settings: Settings, site_url: str | None, stamp: datetime) -> bytes:
    """Return the entries as one VCALENDAR with a VTIMEZONE for every zone its entries use."""
    import icalendar

    cal = icalendar.Calendar()
    # The PRODID's last part is the language of the calendar's texts (RFC 5545, 3.7.3).
    cal.add("prodid", f"-//Reverse Mentoring Handbook//{settings.edition.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")  # Outlook opens a file without METHOD as a meeting request, not as entries
    # icalendar writes an X- property as it is: as TEXT (RFC 5545, 3.8.8.2) it needs ; , \\ escaped.
    cal.add("x-wr-calname", icalendar.vText(settings.program.name))
    host = urlsplit(site_url).hostname if site_url else None
    slug = re.sub(r"[^a-z0-9]+", "-", settings.program.name.lower()).strip("-") or "programm"
    # Each edition's entries are their own: subscribing to both must not merge them. The default
    # edition keeps the UIDs it always had, so a re-import updates entries instead of doubling them.
    edition = f"-{settings.edition}" if settings.translated else ""
    for e in found:
        uid = f"{slug}-{settings.program.start}-{e.key}{edition}@{host or 'reverse-mentoring.handbook'}"
        cal.add_component(_component(e, uid, stamp, settings.program.session_time))
    # Describe the zone's rules only around the program: a compact VTIMEZONE every client reads.
    days = [e.day for e in found]
    cal.add_missing_timezones(first_date=min(days) - timedelta(days=366), last_date=max(days) + timedelta(days=366))
    return bytes(cal.to_ical())


def calendar_file(ctx: Context, site_url: str | None) -> bytes | None:
    """Return the program's .ics file, or None when the settings give no start date."""
    found = [replace(e, summary=ctx.terms.text(e.summary), description=ctx.terms.text(e.description))
             for e in events(ctx.settings, ctx.curriculum, ctx.labels, site_url, ctx.directory_urls)]
    return to_ics(found, ctx.settings, site_url, build_stamp()) if found else None
