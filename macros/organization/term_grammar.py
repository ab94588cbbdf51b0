"""A fork's word must fit our sentences: in German, the articles around a noun follow its gender.

Our German texts write "die Mentee", "der Mentor:in", "das Tandem". A term that swaps in a noun
of another gender ("Mentee: Lernpartner") would print "die Lernpartner ist" and "eine
Lernpartner" on hundreds of places, and which article each place needs depends on the case,
which no replacement can know. So the gender of each noun we use is declared with the edition's
labels (`genus:` in macros/i18n/<lang>.yaml), a term declares its own or shows it by a clear
ending (Lernpartner:in, Lernpartnerin, Begleitung), and a term of another gender is refused with
the forms that fit.
"""

from __future__ import annotations

from typing import Any, Literal

from macros.base.errors import ContentError
from macros.base.messages import say
from macros.reader.loader import Document

Genus = Literal["f", "m", "n", "pl"]
# Endings that tell a German noun's gender without a dictionary (inclusive forms take "die").
_FEMININE = (":in", "*in", "_in", "/in", "Innen", "in", "ung", "heit", "keit", "schaft", "tion", "tät", "kraft")
_NEUTER = ("chen", "lein")


def guessed(word: str) -> Genus | None:
    """Return the gender a noun shows by its ending, or None when only its writer can say."""
    last = word.split()[-1] if word.split() else word
    if last.endswith(_FEMININE):
        return "f"
    if last.endswith(_NEUTER):
        return "n"
    return None


def problems(terms: dict[str, Any], labels: dict[str, Any], doc: Document, shown: str, where: tuple[str, ...]
             ) -> list[ContentError]:
    """Return a located message for each term whose gender does not fit the noun it replaces."""
    ours: dict[str, str] = labels.get("genus") or {}
    found = []
    for key, value in terms.items():
        needed = ours.get(key)
        if needed is None or needed == "pl":
            continue  # not one of our nouns, or a plural: its articles are the same for every gender
        word, declared = (value.word, value.genus) if hasattr(value, "genus") else (value, None)
        has = declared or guessed(word)
        if has == needed:
            continue
        words = {"word": word, "key": key, "article": say(f"genus_article_{needed}"),
                 "genus": say(f"genus_name_{needed}"),
                 "example": say("term_genus_inclusive", word=word) if needed == "f" else ""}
        message = say("term_genus_unknown", code=needed, **words) if has is None else say("term_genus_wrong", **words)
        line, col = doc.where((*where, key))
        found.append(ContentError(shown, line, col, ".".join((*where, key)), message))
    return found
