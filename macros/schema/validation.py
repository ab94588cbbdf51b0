"""Turn pydantic's errors into plain-language ContentErrors with file, line and field."""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from macros.base.errors import ContentError
from macros.base.messages import say
from macros.reader.fields import describe, field_path
from macros.reader.loader import Document, Loc
from macros.reader.yaml_hints import typographic_wrap
from macros.schema.field_types import PATTERN_NAMES

M = TypeVar("M", bound=BaseModel)
# The branch names of tagged unions (pydantic puts them into an error's location; no field has them).
UNION_TAGS = frozenset({"=word", "=noun"})


def validate(doc: Document, model: type[M], shown: str) -> tuple[M | None, list[ContentError]]:
    """Validate a parsed document; return the model or every problem found."""
    try:
        module = model.model_validate(doc.data)
    except ValidationError as err:
        return None, [_to_content_error(e, doc, model, shown) for e in err.errors()]
    quoted = [error_at(doc, loc, shown, say("whole_value_quoted", quotes=quotes)) for loc, value in doc.strings
              if loc and loc[-1] in _NAMES and (quotes := typographic_wrap(value))]
    return (None, quoted) if quoted else (module, [])


# Names and titles are shown as they are: typographic quotes around the whole value would too.
_NAMES = {"title", "name"}


def error_at(doc: Document, loc: Loc, shown: str, message: str) -> ContentError:
    """Return a problem at a field: its line, and the file it came from (a fork's local file may differ)."""
    return ContentError(doc.source_of(loc) or shown, *doc.where(loc), field_path(loc) or None, message)


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """Follow a location through nested models and lists to the model that owns its last key."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        is_model = isinstance(current, type) and issubclass(current, BaseModel)
        field = current.model_fields.get(part) if is_model else None
        if field is None:
            return None
        current = field.annotation
        while typing.get_origin(current) in (list, typing.Union):
            current = next(a for a in typing.get_args(current) if a is not type(None))
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unknown_field(loc: Loc, model: type[BaseModel]) -> str:
    owner = _model_at(model, loc[:-1])
    names = list(owner.model_fields) if owner else []
    close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6) if loc else []
    return say("unknown_field_guess", guess=close[0]) if close else say("unknown_field_list", names=", ".join(names))


def _message(e: ErrorDetails, loc: Loc, model: type[BaseModel]) -> str:
    kind, ctx, got = e["type"], e.get("ctx", {}), e.get("input")
    if kind == "missing":
        return say("missing", name=loc[-1] if loc else "")
    if kind == "extra_forbidden":
        return _unknown_field(loc, model)
    if kind == "value_error":
        return str(ctx.get("error", e["msg"]))
    if kind == "string_pattern_mismatch":
        what = say(PATTERN_NAMES.get(str(ctx.get("pattern")), "pattern_other"))
        return say("pattern", what=what, got=describe(got))
    keys: dict[str, tuple[str, dict[str, Any]]] = {
        "string_type": ("expected_text", {}), "int_type": ("expected_number", {}),
        "list_type": ("expected_list", {}), "model_type": ("expected_fields", {}),
        "model_attributes_type": ("expected_fields", {}), "dict_type": ("expected_fields", {}),
        "bool_type": ("expected_yes_no", {}),
        "string_too_short": ("too_short_text", {"n": ctx.get("min_length")}),
        "string_too_long": ("too_long_text", {"n": ctx.get("max_length")}),
        "too_short": ("too_few_entries", {"n": ctx.get("min_length")}),
        "greater_than_equal": ("too_small", {"n": ctx.get("ge")}),
        "less_than_equal": ("too_large", {"n": ctx.get("le")}),
        # pydantic lists the values in English ("'a', 'b' or 'c'"): list them plainly instead.
        "literal_error": ("not_one_of", {"expected": ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected"))))}),
    }
    if kind in keys:
        key, values = keys[kind]
        if kind == "list_type" and isinstance(got, str):
            # A list written as text: the two ways people write lists on one line.
            if got.lstrip().startswith("-"):
                return say("list_dash_without_space")
            if "," in got:
                return say("list_with_commas")
        return say(key, got=describe(got), **values)
    return say("unexplained", detail=e["msg"])  # a check we have no words for: pydantic's, in ours


def _to_content_error(e: ErrorDetails, doc: Document, model: type[BaseModel], shown: str) -> ContentError:
    # A union's branch tag is not a field (settings.TERM_SHAPES: a term is a word or a noun).
    loc: Loc = tuple(p for p in e["loc"] if isinstance(p, (str, int)) and p not in UNION_TAGS)
    return error_at(doc, loc, shown, _message(e, loc, model))
