"""Content problems, each with the place it was found, reported together."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError(Exception):
    """One problem in one content file: where it is and what is wrong, in plain words."""

    file: str
    line: int
    column: int
    field: str | None
    message: str

    def __str__(self) -> str:
        field = f" '{self.field}':" if self.field else ""
        return f"{self.file}:{self.line}:{self.column}:{field} {self.message}"


class ContentErrors(Exception):
    """Every problem found in the content; raised once, after all files were checked."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(errors)
        super().__init__(self.report())

    def report(self) -> str:
        from macros.base.messages import say  # errors is imported by everything; messages by little

        head = say("problems_head", count=len(self.errors))
        return "\n".join([head, *(f"  {e}" for e in self.errors)])
