"""Jinja on hand-written pages, in jinja2's sandbox, with plain data only.

A docs page may loop over the roles or print a setting (`{% for j in journeys %}`, `{{ org }}`),
but whoever writes a page must not be able to run code at build time or read the build machine:
an unsandboxed Jinja such as mkdocs-macros' reaches `os` through `config`. Here the page sees only
the documented variables, as strings, lists and dicts (and one function, ``curriculum.of_kind``)
that hold no path, no module and no object with methods of its own. Every mistake becomes a
located message instead of a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from macros.base.errors import ContentError
from macros.base.messages import say
from macros.reader.loader import for_developers

# A page's text is small; a loop or a product that would make it huge is a mistake or an attack
# on the build machine's memory (the sandbox already caps range() at 100,000).
_MAX_PRODUCT = 100_000


class _Sandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError("exponent too large")
        if operator == "*" and isinstance(left, (str, list, tuple)) and isinstance(right, int) \
                and len(left) * right > _MAX_PRODUCT:
            raise SecurityError("result too large")
        if operator == "*" and isinstance(right, (str, list, tuple)) and isinstance(left, int) \
                and len(right) * left > _MAX_PRODUCT:
            raise SecurityError("result too large")
        return super().call_binop(context, operator, left, right)


_ENV = _Sandbox(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
_JINJA = re.compile(r"\{[{%#]")


def has_jinja(text: str) -> bool:
    """Tell whether a page uses Jinja at all (most do not: they skip the sandbox)."""
    return _JINJA.search(text) is not None


def render(text: str, variables: dict[str, Any], shown: str, first_line: int = 1) -> tuple[str, list[ContentError]]:
    """Return the page with its Jinja evaluated, or the text unchanged and what went wrong, located.

    ``first_line`` is the line of the file where ``text`` starts (after the front matter).
    """
    if not has_jinja(text):
        return text, []
    try:
        return _ENV.from_string(text).render(variables), []
    except jinja2.TemplateSyntaxError as err:
        line = (err.lineno or 1) + first_line - 1
        return text, [ContentError(shown, line, 1, None, say("docs_jinja_syntax")
                                   + for_developers(str(err.message), "jinja_for_developers"))]
    except Exception as err:  # noqa: BLE001 - whatever a page's Jinja does wrong is the page's mistake
        line = _template_line(err) + first_line - 1
        return text, [ContentError(shown, line, 1, None, say("docs_jinja_failed", detail=_plain(err))
                                   + for_developers(f"{type(err).__name__}: {err}", "jinja_for_developers"))]


def _template_line(err: BaseException) -> int:
    """Return the line of the page where rendering failed (Jinja puts it into the traceback)."""
    tb, line = err.__traceback__, 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _plain(err: BaseException) -> str:
    if isinstance(err, jinja2.UndefinedError):
        # Jinja's own words name its classes ("'markupsafe.Markup object' has no attribute …"):
        # only the missing name is worth showing.
        missing = re.search(r"attribute '([^']+)'|'([^']+)' is undefined", str(err.message or ""))
        return say("docs_jinja_undefined", name=next((g for g in missing.groups() if g), "?") if missing else "?")
    if isinstance(err, SecurityError):
        return say("docs_jinja_refused")
    return say("docs_jinja_other")  # Jinja's own (English) words follow with -v


def of_kind_function(titles: dict[str, list[dict[str, str]]]) -> Callable[[str], list[dict[str, str]]]:
    """Return ``curriculum.of_kind`` for a page: the modules of a kind as plain id/title/summary dicts."""

    def of_kind(kind: str) -> list[dict[str, str]]:
        return [dict(entry) for entry in titles.get(str(kind), [])]

    return of_kind

