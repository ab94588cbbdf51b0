"""The program calendar: settings, dates, the .ics file read back with icalendar, the timeline."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

from conftest import FIXTURES, Build, bilingual_project, make_project, mkdocs_build
from macros.base.errors import ContentErrors
from macros.content.curriculum import load_curriculum
from macros.organization.labels import load_labels
from macros.organization.schedule import add_months, schedule
from macros.organization.settings import Settings, load_settings
from macros.outputs.calendar import calendar_file, calendar_path, template_for
from macros.outputs.calendar import events as calendar_events
from macros.rendering.render import Context
from macros.rendering.terms import Terms

PROGRAM = FIXTURES / "journeys"
ICS_PATH = calendar_path(load_labels("de"))
SETTINGS = (PROGRAM / "curriculum/organization.yaml").read_text(encoding="utf-8")


def settings(**program: Any) -> Settings:
    base = {"name": "Perspektivwechsel", "months": 6, "sessions": 8, "session_minutes": 60,
            "rhythm": "alle drei Wochen"}
    return Settings.model_validate({"organization": {"name": "Beispiel AG"}, "program": {**base, **program},
                                    "contact": {"name": "Petra", "email": "p@beispiel.example"}})


def context(s: Settings) -> Context:
    return Context(load_curriculum(PROGRAM, "de"), s, load_labels("de"))


def parsed(s: Settings, site_url: str | None = None) -> list[icalendar.Event]:
    ics = calendar_file(context(s), site_url)
    assert ics is not None
    cal = icalendar.Calendar.from_ical(ics)
    return list(cal.walk("VEVENT"))


def test_no_start_date_means_no_calendar() -> None:
    assert calendar_file(context(settings()), None) is None


def test_calendar_has_kickoff_sessions_midpoint_and_closing_on_their_days() -> None:
    found = parsed(settings(start="2027-03-01", every_weeks=3))
    summaries = [str(e["SUMMARY"]) for e in found]
    days = [e.decoded("DTSTART") for e in found]
    assert summaries[0] == "Auftakt: Perspektivwechsel" and days[0] == date(2027, 3, 1)
    assert summaries[-1] == "Abschluss: Perspektivwechsel" and days[-1] == date(2027, 9, 1)
    sessions = [(s, d) for s, d in zip(summaries, days, strict=True) if s.startswith("Tandem-Treffen")]
    assert [d for _, d in sessions] == [date(2027, 3, 8) + timedelta(weeks=3 * i) for i in range(8)]
    assert sessions[0][0] == "Tandem-Treffen 1 von 8: Erstes Treffen"
    assert sessions[-1][0] == "Tandem-Treffen 8 von 8: Rückblick im Tandem"
    assert ("Zwischenbilanz: Perspektivwechsel", date(2027, 6, 1)) in zip(summaries, days, strict=True)
    assert days == sorted(days)
    # RFC 5545: every event has a UID (unique, stable) and a DTSTAMP in UTC.
    uids = [str(e["UID"]) for e in found]
    assert len(set(uids)) == len(uids) == 11
    assert uids[0] == "perspektivwechsel-2027-03-01-kickoff@reverse-mentoring.handbook"
    assert all(e.decoded("DTSTAMP").tzinfo is not None for e in found)


def test_all_day_entries_without_a_session_time() -> None:
    found = parsed(settings(start="2027-03-01"))
    for e in found:
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        assert type(start) is date and end - start == timedelta(days=1)
        assert str(e["TRANSP"]) == "TRANSPARENT"  # a marker on the day, not a day-long meeting
    assert "(sessions/erstes-treffen/)" in str(found[1]["DESCRIPTION"])  # no site URL: where to find it


def test_timed_sessions_keep_their_local_time_across_the_daylight_saving_change() -> None:
    # Summer time starts on 28 March 2027: the first session is before, the second after it.
    ics = calendar_file(context(settings(start="2027-03-01", session_time="16:30")), None)
    assert ics is not None
    assert b"DTSTART;TZID=Europe/Berlin:20270308T163000" in ics
    assert b"DTSTART;TZID=Europe/Berlin:20270329T163000" in ics
    cal = icalendar.Calendar.from_ical(ics)
    assert (str(cal["VERSION"]), str(cal["METHOD"])) == ("2.0", "PUBLISH") and cal.get("PRODID")
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    sessions = [e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith("Tandem-Treffen")]
    first, second = (e.decoded("DTSTART") for e in sessions[:2])
    assert (first.hour, first.minute, second.hour, second.minute) == (16, 30, 16, 30)
    assert first.utcoffset() == timedelta(hours=1) and second.utcoffset() == timedelta(hours=2)
    assert first.astimezone(ZoneInfo("UTC")).hour == 15 and second.astimezone(ZoneInfo("UTC")).hour == 14
    assert sessions[0].decoded("DTEND") - first == timedelta(minutes=60)
    # Kickoff, midpoint and closing are meetings at that time too, and every entry shows as busy.
    for name in ("Auftakt", "Zwischenbilanz", "Abschluss"):
        milestone = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith(name))
        begin = milestone.decoded("DTSTART")
        assert isinstance(begin, datetime) and (begin.hour, begin.minute) == (16, 30), name
        assert milestone.decoded("DTEND") - begin == timedelta(minutes=60), name
    assert {str(e["TRANSP"]) for e in cal.walk("VEVENT")} == {"OPAQUE"}


def test_sessions_link_their_template_when_the_site_has_an_address() -> None:
    found = parsed(settings(start="2027-03-01"), site_url="https://mentoring.example.org/handbuch")
    first = next(e for e in found if str(e["SUMMARY"]).startswith("Tandem-Treffen 1 "))
    assert str(first["URL"]) == "https://mentoring.example.org/handbuch/sessions/erstes-treffen/"
    assert "https://mentoring.example.org/handbuch/sessions/erstes-treffen/" in str(first["DESCRIPTION"])
    assert str(first["UID"]).endswith("@mentoring.example.org")


@pytest.mark.parametrize(("number", "expected"), [(1, "a"), (2, "b"), (3, "c"), (4, "b"), (5, "c"), (6, "d")])
def test_first_and_last_session_keep_their_template_the_others_cycle(number: int, expected: str) -> None:
    templates: Any = list("abcd")
    assert template_for(number, 6, templates) == expected


def test_month_arithmetic_clamps_to_the_last_day() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    plan = schedule(date(2027, 3, 1), 6, 2, 3)
    assert plan.midpoint == date(2027, 5, 31) + timedelta(days=1)


def test_dtstamp_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    found = parsed(settings(start="2027-03-01"))
    assert found[0].decoded("DTSTAMP") == datetime.fromtimestamp(1800000000, ZoneInfo("UTC"))


def test_no_start_date_means_no_events() -> None:
    assert calendar_events(settings(), load_curriculum(PROGRAM, "de"), load_labels("de"), None) == []


@pytest.mark.parametrize(("lines", "expected"), [
    ('  start: "1.3.2027"\n',
     "curriculum/organization.yaml:9:10: 'program.start': erwartet wird ein Datum als „JJJJ-MM-TT“, z. B. "
     "„2027-03-01“; gefunden: „1.3.2027“"),
    ('  start: "2027-02-30"\n',
     "curriculum/organization.yaml:9:10: 'program.start': erwartet wird ein Datum als „JJJJ-MM-TT“, z. B. "
     "„2027-03-01“; gefunden: „2027-02-30“"),
    ('  start: "2027-03-01"\n  every_weeks: 4\n',
     "curriculum/organization.yaml:9:10: 'program.start': 8 Treffen alle 4 Wochen enden am 2027-09-20, nach den "
     "6 Monaten des Programms: weniger Treffen, weniger Wochen dazwischen (every_weeks) oder mehr Monate (months)"),
    ('  start: "2027-03-01"\n  session_time: "4 Uhr"\n',
     "curriculum/organization.yaml:10:17: 'program.session_time': erwartet wird eine Uhrzeit als „HH:MM“, "
     "z. B. „16:00“; gefunden: „4 Uhr“"),
])
def test_bad_dates_are_reported_with_place(tmp_path: Path, lines: str, expected: str) -> None:
    shutil.copytree(PROGRAM, tmp_path, dirs_exist_ok=True)
    # No worded rhythm: it would have to say every_weeks' number too (tests/test_rhythm.py).
    text = SETTINGS.replace('  rhythm: "alle drei Wochen"\n', "  # rhythm: worded from every_weeks\n" + lines)
    (tmp_path / "curriculum/organization.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as err:
        load_settings(tmp_path)
    assert [str(e) for e in err.value.errors] == [expected]


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = make_project(tmp_path_factory.mktemp("dated"), PROGRAM / "curriculum")
    path = root / "curriculum/organization.yaml"
    text = SETTINGS.replace('  rhythm: "alle drei Wochen"\n', '  rhythm: "alle drei Wochen"\n  start: "2027-03-01"\n')
    path.write_text(text + 'site:\n  url: "https://mentoring.example.org/handbuch/"\n', encoding="utf-8")
    build = mkdocs_build(root)
    assert build.result.returncode == 0, build.output
    return build


def test_build_publishes_the_calendar_and_links_it_from_the_phases_page(dated_site: Build) -> None:
    cal = icalendar.Calendar.from_ical((dated_site.site / ICS_PATH).read_bytes())
    assert len(list(cal.walk("VEVENT"))) == 11
    # The site's address from the settings makes each session link to its template.
    urls = [str(e["URL"]) for e in cal.walk("VEVENT") if "URL" in e]
    assert urls[0] == "https://mentoring.example.org/handbuch/sessions/erstes-treffen/" and len(urls) == 8
    html = dated_site.html("phases/index.html")
    assert f'href="../{ICS_PATH}" download' in html
    svg = html[html.index("<svg class=\"rm-timeline\""):html.index("</svg>", html.index("rm-timeline"))]
    assert 'role="img"' in svg and "<title" in svg and "<script" not in svg
    for label in ("Planung", "Auftakt", "Abschluss", "1.3.2027", "1.9.2027", "8.3."):
        assert f">{label}</text>" in svg, label


def test_without_a_start_date_there_is_no_file_and_no_link(mini_site: Build) -> None:
    assert not (mini_site.site / ICS_PATH).exists()
    html = mini_site.html("phases/index.html")
    assert ".ics" not in html
    svg = html[html.index("<svg class=\"rm-timeline\""):html.index("</svg>", html.index("rm-timeline"))]
    assert ">Auftakt</text>" in svg and "Termine" not in svg
    assert not re.search(r"href=\"[^\"]*\.ics\"", "".join(p.read_text(encoding="utf-8")
                                                   for p in mini_site.site.rglob("*.html")))


def test_the_forks_own_words_reach_the_calendar() -> None:
    terms = Terms({"Treffen": "Gespräch"})
    ctx = Context(load_curriculum(PROGRAM, "de"), settings(start="2027-03-01"), terms.labels(load_labels("de")),
                  terms=terms)
    ics = calendar_file(ctx, None)
    assert ics is not None
    first = icalendar.Calendar.from_ical(ics).walk("VEVENT")[1]
    # "Tandem-Treffen" comes from the labels, "Erstes Treffen" from the session module.
    assert str(first["SUMMARY"]) == "Tandem-Gespräch 1 von 8: Erstes Gespräch"


def test_a_name_with_commas_and_semicolons_survives_as_the_calendars_name() -> None:
    name = 'Perspektive; Wechsel, "neu" \\ 2027'
    ics = calendar_file(context(settings(start="2027-03-01", name=name)), None)
    assert ics is not None
    # An X- property is TEXT (RFC 5545, 3.8.8.2): escaped when written, read back as TEXT.
    raw = next(line for line in ics.decode("utf-8").split("\r\n") if line.startswith("X-WR-CALNAME:"))
    assert raw.startswith("X-WR-CALNAME:Perspektive\\; Wechsel\\,")
    unescaped = re.sub(r"\\([\\;,])", r"\1", raw.split(":", 1)[1])  # RFC 5545, 3.3.11
    assert unescaped == name


@pytest.mark.parametrize("url", ["https://mentoring.example.org/handbuch/?ref=intranet",
                                 "https://mentoring.example.org/#handbuch"])
def test_a_site_address_with_query_or_fragment_is_refused_with_place(tmp_path: Path, url: str) -> None:
    shutil.copytree(PROGRAM, tmp_path, dirs_exist_ok=True)
    (tmp_path / "curriculum/organization.yaml").write_text(SETTINGS + f'site:\n  url: "{url}"\n', encoding="utf-8")
    with pytest.raises(ContentErrors) as err:
        load_settings(tmp_path)
    line = SETTINGS.count("\n") + 2
    assert [str(e) for e in err.value.errors] == [
        f"curriculum/organization.yaml:{line}:8: 'site.url': „{url}“ enthält „?“ oder „#“: Geben Sie die Adresse "
        "des Handbuchs ohne Abfrage und Sprungmarke an, z. B. „https://example.org/mentoring/“ (Kalender, Sitemap "
        "und die Adresse auf Ausdrucken hängen Seitenpfade daran an)"]


@pytest.fixture(scope="module")
def dated_editions(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = bilingual_project(tmp_path_factory.mktemp("dated-editions"))
    path = root / "curriculum/organization.yaml"
    text = path.read_text(encoding="utf-8").replace('  rhythm: "alle drei Wochen"\n',
                                                     '  rhythm: "alle drei Wochen"\n  start: "2027-03-01"\n', 1)
    path.write_text(text, encoding="utf-8")
    build = mkdocs_build(root)
    assert build.result.returncode == 0, build.output
    return build


def test_each_edition_publishes_its_own_calendar_in_its_language(dated_editions: Build) -> None:
    site = dated_editions.site
    german = icalendar.Calendar.from_ical((site / calendar_path(load_labels("de"))).read_bytes())
    english_path = calendar_path(load_labels("en"))
    assert english_path != ICS_PATH and not (site / "en" / ICS_PATH).exists()
    english = icalendar.Calendar.from_ical((site / "en" / english_path).read_bytes())
    assert str(german["PRODID"]).endswith("//DE") and str(english["PRODID"]).endswith("//EN")
    german_uids = {str(e["UID"]) for e in german.walk("VEVENT")}
    english_uids = {str(e["UID"]) for e in english.walk("VEVENT")}
    assert len(english_uids) == len(german_uids) == 11 and not german_uids & english_uids
    assert str(english.walk("VEVENT")[0]["SUMMARY"]).startswith("Kickoff")
    assert f'href="../{english_path}" download' in dated_editions.html("en/phases/index.html")
