"""The rhythm of the pair sessions in words, from the one number that says it: program.every_weeks.

Each edition words the number in its language ("alle vier Wochen", "every four weeks") unless
it words the rhythm itself; a worded rhythm whose number of weeks differs from every_weeks is
an error (load_settings reports it), since the pages would say one thing and the calendar another.
The words are the edition's: `rhythm_*` in macros/i18n/messages/<lang>.yaml.
"""

from __future__ import annotations

import re

from macros.base.messages import catalogue


def worded(every_weeks: int, lang: str) -> str:
    """Return ``every_weeks`` as edition ``lang`` says it: "jede Woche", "alle vier Wochen"."""
    words = catalogue(lang)
    if every_weeks == 1:
        return words["rhythm_weekly"]
    numbers = words["rhythm_numbers"].split()
    return words["rhythm_every"].format(n=numbers[every_weeks - 1] if every_weeks <= len(numbers) else every_weeks)


def weeks_in(rhythm: str, lang: str) -> int | None:
    """Return how many weeks apart a worded rhythm puts the sessions; None if it says no number.

    "alle vier Wochen", "alle 4 Wochen", "zweiwöchentlich", "jede Woche", "alle 14 Tage".
    """
    words = catalogue(lang)
    numbers = [n.lower() for n in words["rhythm_numbers"].split()]
    number = "|".join([r"\d+", *map(re.escape, numbers)])
    each = "|".join(map(re.escape, words["rhythm_each"].split()))
    patterns = [(rf"({number}|{each})[\s-]*(?:{words['rhythm_week']})", 1),
                (rf"({number})?(?:{words['rhythm_weekly_word']})", 1),
                (rf"(\d+)[\s-]*(?:{words['rhythm_days']})", 7)]
    for pattern, days in patterns:
        found = re.search(rf"(?<!\w){pattern}(?!\w)", rhythm, flags=re.IGNORECASE)
        if found:
            said = (found.group(1) or "").lower()
            count = int(said) if said.isdigit() else numbers.index(said) + 1 if said in numbers else 1
            return count // days if count % days == 0 else None
    return None
