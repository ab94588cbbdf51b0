"""What the handbook says to the people who edit it, in the edition's language.

One catalogue per language in `macros/i18n/messages/<lang>.yaml`: each message says what is
wrong and what to do, in plain words. Code names a message by key; the catalogue holds the
words. The language is the edition's (`language:` in the settings); German until the
settings are read, since German is the default edition.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

import yaml

CATALOGUES = Path(__file__).parent.parent / "i18n" / "messages"
DEFAULT = "de"
# The language messages are said in, for the work inside a `with speaking(lang):` block (per thread
# and task, and back to what it was when the block ends): a load that says things in one edition's
# language must not leave the whole process speaking it.
_SPEAKING: ContextVar[str] = ContextVar("speaking", default=DEFAULT)


def supported(lang: str) -> str:
    """Return ``lang`` if there is a catalogue for it, else the default language."""
    return lang if (CATALOGUES / f"{lang}.yaml").is_file() else DEFAULT


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Say every message inside the block in ``lang`` (the default language if it has no catalogue)."""
    token = _SPEAKING.set(supported(lang))
    try:
        yield
    finally:
        _SPEAKING.reset(token)


def language() -> str:
    """Return the language messages are said in here."""
    return _SPEAKING.get()


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Return the message texts of one language."""
    # Our own file, written with quoted values where YAML 1.1 would read them otherwise. Read by
    # libyaml (C): PyYAML's pure-Python reader took longer than all the modules of a build.
    text = (CATALOGUES / f"{lang}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.CSafeLoader)  # type: ignore[no-any-return]


def say(key: str, /, **values: object) -> str:
    """Return message ``key`` in the current language with ``values`` filled in."""
    return catalogue(_SPEAKING.get())[key].format(**values)


def decimal(figure: str, lang: str | None = None) -> str:
    """Return ``figure`` (written with a point: '4.5') with the decimal mark of ``lang``, else the current language."""
    return figure.replace(".", catalogue(lang or _SPEAKING.get())["decimal_mark"])
