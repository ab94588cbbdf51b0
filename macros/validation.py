"""Turn pydantic's errors into plain-language ContentErrors with file, line and field."""

from __future__ import annotations

import difflib
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from macros.errors import ContentError
from macros.loader import Document, Loc
from macros.models import PATTERN_NAMES

M = TypeVar("M", bound=BaseModel)


def validate(doc: Document, model: type[M], shown: str) -> tuple[M | None, list[ContentError]]:
    """Validate a parsed document; return the model or every problem found."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as err:
        return None, [_to_content_error(e, doc, model, shown) for e in err.errors()]


def field_path(loc: Loc) -> str:
    """Render ('agenda', 2, 'minutes') as 'agenda[2].minutes'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def describe(value: Any) -> str:
    """Name a YAML value the way an author sees it."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"text {short!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


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
    close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
    hint = f" did you mean '{close[0]}'?" if close else f" allowed here: {', '.join(names)}"
    return f"unknown field;{hint}"


def _message(e: ErrorDetails, loc: Loc, model: type[BaseModel]) -> str:
    kind, ctx, got = e["type"], e.get("ctx", {}), e.get("input")
    messages = {
        "missing": "required field is missing",
        "extra_forbidden": _unknown_field(loc, model) if kind == "extra_forbidden" else "",
        "string_type": f"expected text, got {describe(got)}; put it in quotes if it is meant as text",
        "int_type": f"expected a whole number, got {describe(got)}",
        "list_type": f"expected a list (lines starting with '- '), got {describe(got)}",
        "model_type": f"expected a mapping of fields (key: value), got {describe(got)}",
        "model_attributes_type": f"expected a mapping of fields (key: value), got {describe(got)}",
        "string_too_short": f"is too short: at least {ctx.get('min_length')} characters",
        "string_too_long": f"is too long: at most {ctx.get('max_length')} characters",
        "too_short": f"needs at least {ctx.get('min_length')} entries",
        "greater_than_equal": f"must be at least {ctx.get('ge')}, got {describe(got)}",
        "less_than_equal": f"must be at most {ctx.get('le')}, got {describe(got)}",
        "literal_error": f"expected one of: {ctx.get('expected')}; got {describe(got)}",
        "string_pattern_mismatch": f"expected {PATTERN_NAMES.get(str(ctx.get('pattern')), 'another form')}, "
                                   f"got {describe(got)}",
        "value_error": str(ctx.get("error", e["msg"])),
    }
    return messages.get(kind) or e["msg"]


def _to_content_error(e: ErrorDetails, doc: Document, model: type[BaseModel], shown: str) -> ContentError:
    loc: Loc = tuple(p for p in e["loc"] if isinstance(p, (str, int)))
    line, column = doc.where(loc)
    return ContentError(doc.source_of(loc) or shown, line, column, field_path(loc) or None, _message(e, loc, model))
