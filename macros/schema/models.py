"""The schema: one pydantic model per module kind.

These classes are the single source of truth for what a module may contain. Validation, the
committed JSON Schemas in ``schemas/`` and the field reference in the docs are all derived
from them. A module's id is its file name; it never appears inside the file.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator

from macros.base.messages import say
from macros.schema.field_types import Line, Strict, Summary, Text, Title, lines, ref, refs


class Module(Strict):
    """Fields every module has."""

    title: Title = Field(description="Heading of the module's page and its navigation entry.")
    summary: Summary = Field(description="One or two sentences shown on overview pages and in search.")
    order: int = Field(100, ge=0, le=9999, description="Position within its section; smaller comes first.")


class Practice(Module):
    """A module with practical depth: what, why, how, signs it works, pitfalls."""

    what: Text = Field(description="What it means (Markdown).")
    why: Text = Field(description="Why it matters (Markdown).")
    how: lines("How to do it: concrete steps (Markdown each).")
    signs: lines("Signs that it works.")
    pitfalls: lines("Pitfalls and how to avoid them.")
    see_also: refs("basics", "reasons", "benefits", "topics", "success-factors", "challenges",
                   "roles", "ground-rules", "phases", "skills", "sessions", "checklists", "faq", "communications")


class Basic(Practice):
    """Foundations: what reverse mentoring is, its models, what it is not, the conclusion."""


class Reason(Practice):
    """A reason why leaders should learn from their teams."""


class Benefit(Practice):
    """A benefit, and for whom."""

    beneficiary: Literal["mentee", "mentor", "organisation"] = Field(
        description="Who gains: mentee (the leader), mentor or organisation."
    )


class Topic(Practice):
    """A typical topic for mentoring sessions."""

    questions: lines("Questions the mentee can bring to a session on this topic.")
    activities: lines("Hands-on activities for the pair.", at_least=0) = []
    sessions: refs("sessions")


class SuccessFactor(Practice):
    """A condition for reverse mentoring to work."""

    ground_rules: refs("ground-rules")


class Challenge(Practice):
    """A difficulty that comes up, with remedies and the modules that address it."""

    remedies: lines("What helps, step by step.")
    addressed_by: refs("success-factors", "ground-rules", "skills", "phases", at_least=1)


class Role(Module):
    """A role in the program: what it does, costs and gains."""

    what: Text = Field(description="Who takes this role (Markdown).")
    why: Text = Field(description="Why the program needs it (Markdown).")
    time_commitment: Line = Field(description="Expected time, e.g. '1 hour every three weeks'.")
    responsibilities: lines("What this role does.")
    gains: lines("What this role gains.")
    dos: lines("Do this.")
    donts: lines("Avoid this.")
    checklists: refs("checklists")
    see_also: refs("roles", "ground-rules", "phases", "skills", "faq")
    journey_title: Line | None = Field(
        None, description="Title of this role's journey page, e.g. 'Ich bin Mentee'; empty for 'Ich bin <title>'."
    )


class GroundRule(Practice):
    """A rule both sides agree on; its clause goes into the mentoring agreement."""

    agreement_clause: Line = Field(description="The rule as one sentence for the signed agreement.")


class RoleTasks(Strict):
    role: ref("roles", description="Id of the role that does these tasks.")
    items: lines("What this role does in the phase, one short Markdown line each.")


class Phase(Practice):
    """A step of the program lifecycle."""

    timing: Line = Field(description="When it happens, e.g. 'Weeks 1-4'.")
    outputs: lines("What exists when the phase is done.")
    roles: refs("roles")
    sessions: refs("sessions")
    checklists: refs("checklists")
    tasks: list[RoleTasks] = Field(default_factory=list, description="What each involved role does in this "
                                   "phase; feeds the roles' journey pages.")

    @field_validator("tasks")
    @classmethod
    def tasks_of_involved_roles(cls, tasks: list[RoleTasks], info: ValidationInfo) -> list[RoleTasks]:
        # A journey shows a phase only to the roles it involves: tasks of anyone else would be lost.
        involved = info.data.get("roles")
        seen: set[str] = set()
        for t in tasks:
            if t.role in seen:
                raise ValueError(say("tasks_twice", role=t.role))
            seen.add(t.role)
            if involved is not None and t.role not in involved:
                raise ValueError(say("tasks_not_involved", role=t.role))
        return tasks


class Skill(Practice):
    """A skill pairs need: listening, questions, upward feedback, awareness of power."""

    exercise: Text = Field(description="A short exercise to practise it (Markdown).")


class Preparation(Strict):
    role: ref("roles", description="Id of the role that prepares.")
    items: lines("What to prepare, one checkbox each.")


class Step(Strict):
    title: Line = Field(description="What happens in this step.")
    minutes: int = Field(ge=1, le=240, description="Minutes for this step; all steps add up to duration.")
    note: Line = Field(description="A short facilitation note.")


class Session(Module):
    """A printable session template with a timed agenda."""

    audience: Literal["pair", "cohort", "facilitators"] = Field(
        description="Who meets: the mentoring pair, the whole cohort, or the facilitators."
    )
    duration: int = Field(ge=15, le=480, description="Length in minutes; the agenda adds up to it.")
    goals: lines("What the session achieves.")
    preparation: list[Preparation] = Field(default_factory=list, description="Preparation per role.")
    agenda: list[Step] = Field(min_length=2, description="Timed steps of the session.")
    questions: lines("Guiding questions.")
    materials: lines("What to bring or set up.", at_least=0) = []
    next_steps: lines("Agreements and next steps to record at the end.")
    notes_lines: int = Field(8, ge=0, le=40, description="Ruled lines for handwritten notes in print.")
    online: Text | None = Field(None, description="How to run it online or hybrid (Markdown).")
    length_of: Literal["minutes", "kickoff_minutes", "closing_minutes", "training_minutes"] | None = Field(
        None, description="The program setting this duration must equal, e.g. kickoff_minutes (checked).")
    repeats: int = Field(1, ge=0, le=52, description="How often one pair or cohort holds it in a program "
                         "(for computed time commitments).")
    topics: refs("topics")
    checklists: refs("checklists")

    @field_validator("agenda")
    @classmethod
    def agenda_fills_duration(cls, agenda: list[Step], info: ValidationInfo) -> list[Step]:
        duration = info.data.get("duration")
        total = sum(step.minutes for step in agenda)
        if duration is not None and total != duration:
            raise ValueError(say("agenda_sum", total=total, duration=duration))
        return agenda


class ChecklistSection(Strict):
    title: Line = Field(description="Heading of this group of items.")
    items: lines("Items to tick, one sentence each.")


class Checklist(Module):
    """An interactive, printable checklist."""

    when: Line = Field(description="When to use it.")
    roles: refs("roles")
    sections: list[ChecklistSection] = Field(min_length=1, description="Groups of items.")

    @field_validator("sections")
    @classmethod
    def items_are_unique(cls, sections: list[ChecklistSection]) -> list[ChecklistSection]:
        # Ticks are stored per item text, so two equal items would share one tick.
        seen: set[str] = set()
        for section in sections:
            for item in section.items:
                if item in seen:
                    raise ValueError(say("item_twice", item=item))
                seen.add(item)
        return sections


class Communication(Module):
    """A message to copy and adapt: who sends it to whom, when, with subject and text."""

    sender: ref("roles", description="Id of the role that sends it.")
    audience: Line = Field(description="Who receives it, e.g. 'alle Führungskräfte ab Abteilungsleitung'.")
    when: Line = Field(description="When to send it.")
    subject: Line = Field(description="Subject line or headline.")
    body: Text = Field(description="The text to copy (Markdown; placeholders like {program} are filled in).")
    hints: lines("What to adapt before sending.", at_least=0) = []
    see_also: refs("roles", "phases", "sessions", "checklists", "ground-rules", "basics", "challenges", "faq",
                   "communications")


class Answer(Strict):
    question: Line = Field(description="The question as the reader would ask it.")
    answer: Text = Field(description="The answer (Markdown).")


class Faq(Module):
    """Frequently asked questions of one audience."""

    role: ref("roles", description="Id of the role whose questions these are.")
    entries: list[Answer] = Field(min_length=3, description="Questions and answers.")


class Term(Strict):
    term: Line = Field(description="The term.")
    definition: Text = Field(description="What it means here (Markdown).")


class Glossary(Module):
    """A list of terms with definitions."""

    entries: list[Term] = Field(min_length=3, description="Terms in alphabetical order.")


# Kind folder name -> model, in the order the sections appear in the handbook.
KINDS: dict[str, type[Module]] = {
    "basics": Basic,
    "reasons": Reason,
    "benefits": Benefit,
    "topics": Topic,
    "success-factors": SuccessFactor,
    "challenges": Challenge,
    "roles": Role,
    "ground-rules": GroundRule,
    "phases": Phase,
    "skills": Skill,
    "sessions": Session,
    "checklists": Checklist,
    "communications": Communication,
    "faq": Faq,
    "glossary": Glossary,
}
