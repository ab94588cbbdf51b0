"""What the handbook says to the people who edit it, in the edition's language.

One catalogue per language in `macros/i18n/messages/<lang>.yaml`: each message says what is
wrong and what to do, in plain words. Code names a message by key; the catalogue holds the
words. The language is the edition's (`language:` in the settings); German until the
settings are read, since German is the default edition.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

CATALOGUES = Path(__file__).parent.parent / "i18n" / "messages"
DEFAULT = "de"
_current = [DEFAULT]


def use(lang: str) -> None:
    """Speak ``lang`` from now on, if there is a catalogue for it (else keep the default)."""
    _current[0] = lang if (CATALOGUES / f"{lang}.yaml").is_file() else DEFAULT


def language() -> str:
    return _current[0]


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Return the message texts of one language."""
    # Our own file, written with quoted values where YAML 1.1 would read them otherwise. Read by
    # libyaml (C): PyYAML's pure-Python reader took longer than all the modules of a build.
    text = (CATALOGUES / f"{lang}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.CSafeLoader)  # type: ignore[no-any-return]


def say(key: str, /, **values: object) -> str:
    """Return message ``key`` in the current language with ``values`` filled in."""
    return catalogue(_current[0])[key].format(**values)


def decimal(figure: str, lang: str | None = None) -> str:
    """Return ``figure`` (written with a point: '4.5') with the decimal mark of ``lang``, else the current language."""
    return figure.replace(".", catalogue(lang or _current[0])["decimal_mark"])
