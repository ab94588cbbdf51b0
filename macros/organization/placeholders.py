"""The {name} placeholders content may use: which names there are, and how they are found and filled."""

from __future__ import annotations

import re

# Program facts with a default each (see Program); the check reports them written out as literals.
FACTS = ("notice", "escalate_after", "cohort", "kickoff_minutes", "closing_minutes", "training_minutes",
         "prep_minutes", "opener", "report_min")
# Names content may use as {name}; Settings.placeholders() gives their values.
PLACEHOLDERS = ("org", "program", "months", "sessions", "minutes", "rhythm", "contact", "email", *FACTS)

# Only these names may appear as {name}; {{ ... }} and any other braces stay literal. The "{" comes
# first and the look back (no "{" before it) after it: a pattern that starts with a literal is
# searched for that character at C speed, one that starts by looking back is tried at every position.
PLACEHOLDER = re.compile(r"\{(?<!\{\{)([a-z_]+)\}(?!\})")


def substitute(text: str, values: dict[str, str]) -> str:
    """Replace known {name} placeholders; leave everything else exactly as written."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def unknown_placeholders(text: str, known: set[str]) -> list[str]:
    """Return {name} placeholders in ``text`` that the settings do not define."""
    return [m.group(0) for m in PLACEHOLDER.finditer(text) if m.group(1) not in known]
