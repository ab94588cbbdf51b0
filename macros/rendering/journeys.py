"""Role journeys: one role's path through the program, assembled from the curriculum's references.

Nothing here is written by hand: phases name their roles and per-role tasks, sessions name who
prepares what, roles and checklists name each other, and each FAQ names its role. A journey only
selects and orders what those references already say, so it cannot drift from the modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from macros.content.curriculum import Curriculum, Entry
from macros.organization.placeholders import substitute
from macros.rendering.text import md_escape

JOURNEYS = "journeys"


@dataclass(frozen=True)
class SessionPart:
    """A session template the role runs or attends, with the role's own preparation."""

    entry: Entry
    preparation: list[str]
    again: bool = False  # met in an earlier phase already: its preparation was shown there


@dataclass(frozen=True)
class Stage:
    """One phase as the role sees it."""

    phase: Entry
    tasks: list[str]
    sessions: list[SessionPart]
    checklists: list[Entry]


@dataclass(frozen=True)
class Journey:
    """A role's phases in program order, plus what belongs to the role outside any phase."""

    role: Entry
    stages: list[Stage]
    other_checklists: list[Entry]
    faq: list[Entry]

    @property
    def src(self) -> str:
        return journey_src(self.role.id)

    def outline(self) -> list[tuple[str, str]]:
        """Return every module the journey shows, in its order, each with how it is shown.

        With those modules' content, this is all a journey's page depends on (macros/build/cache.py):
        an edit elsewhere that changes which modules a journey gathers changes its outline.
        """
        shown = [("role", self.role.id)]
        for stage in self.stages:
            shown.append(("phase", stage.phase.id))
            shown += [("session again" if p.again else "session", p.entry.id) for p in stage.sessions]
            shown += [("checklist", c.id) for c in stage.checklists]
        return shown + [("other checklist", c.id) for c in self.other_checklists] + [("faq", f.id) for f in self.faq]


def journey_src(role_id: str) -> str:
    """Return where a role's journey page lives in docs/."""
    return f"{JOURNEYS}/{role_id}.md"


def journey_title(j: Journey, labels: dict[str, Any]) -> str:
    """Return a journey's title: the role's own wording, or the edition's 'I am <role>'."""
    role = j.role.module
    return role.journey_title or str(labels["ui"]["journey_title"]).replace("{role}", role.title)


def role_checklists(cur: Curriculum, role_id: str) -> list[Entry]:
    """Return the role's checklists: named by the role or naming the role, in reading order."""
    named = set(cur.entries[role_id].module.checklists)
    return [e for e in cur.of_kind("checklists") if e.id in named or role_id in e.module.roles]


def _session_part(session: Entry, role_id: str) -> SessionPart | None:
    prep = session.module.preparation
    mine = [item for p in prep if p.role == role_id for item in p.items]
    # A template without any preparation does not say who takes part: show it to every role of the phase.
    if not mine and prep:
        return None
    return SessionPart(session, mine)


def _stage(cur: Curriculum, phase: Entry, role_id: str, mine: list[Entry], seen: set[str]) -> Stage:
    """Return the phase as the role sees it; ``seen`` collects the sessions already shown."""
    tasks = [item for t in phase.module.tasks if t.role == role_id for item in t.items]
    sessions = []
    for sid in phase.module.sessions:
        part = _session_part(cur.entries[sid], role_id)
        if part is not None:
            # A session that spans phases shows its preparation once, where it first appears.
            sessions.append(SessionPart(part.entry, part.preparation, again=sid in seen))
            seen.add(sid)
    checklists = [e for e in mine if e.id in phase.module.checklists]
    return Stage(phase, tasks, sessions, checklists)


def _only_repeats(stage: Stage, checklists_before: set[str]) -> bool:
    """Tell whether a stage shows nothing new: no task, and only sessions and checklists met before.

    An overview phase that lists every session again (a timetable, say) would double a journey's
    length without telling the role anything; a phase with nothing at all still shows its timing.
    """
    has_content = bool(stage.sessions or stage.checklists)
    return (not stage.tasks and has_content and all(p.again for p in stage.sessions)
            and all(c.id in checklists_before for c in stage.checklists))


def _stages(cur: Curriculum, role_id: str, mine: list[Entry]) -> list[Stage]:
    seen: set[str] = set()
    shown: set[str] = set()
    stages = []
    for phase in cur.of_kind("phases"):
        if role_id in phase.module.roles:
            stage = _stage(cur, phase, role_id, mine, seen)
            if not _only_repeats(stage, shown):
                stages.append(stage)
            shown.update(c.id for c in stage.checklists)
    return stages


def journey(cur: Curriculum, role: Entry) -> Journey:
    """Assemble one role's journey."""
    mine = role_checklists(cur, role.id)
    stages = _stages(cur, role.id, mine)
    shown = {c.id for s in stages for c in s.checklists}
    faq = [e for e in cur.of_kind("faq") if e.module.role == role.id]
    return Journey(role, stages, [c for c in mine if c.id not in shown], faq)


def journeys(cur: Curriculum) -> list[Journey]:
    """Return one journey per role, in the roles' reading order."""
    return [journey(cur, role) for role in cur.of_kind("roles")]


def start_page_links(cur: Curriculum, labels: dict[str, Any], values: dict[str, str]) -> list[dict[str, str]]:
    """Return, per role, what the start page shows: its journey's page, title and the role's summary.

    The texts go into a docs page's Markdown, so they are escaped (YAML is data, never markup).
    """
    return [{"src": j.src, "title": md_escape(journey_title(j, labels)),
             "summary": md_escape(substitute(" ".join(j.role.module.summary.split()), values))}
            for j in journeys(cur)]
