"""Where an offset stands in a text: the line and column a message names, both counted from 1.

A text is read as characters once decoded; a file that does not decode is located in its bytes.
"""

from __future__ import annotations

from typing import AnyStr


def line_at(text: AnyStr, offset: int) -> int:
    """Return the line of ``offset`` in ``text``."""
    return text.count(_newline(text), 0, offset) + 1


def position(text: AnyStr, offset: int) -> tuple[int, int]:
    """Return the line and column of ``offset`` in ``text``."""
    newline = _newline(text)
    return text.count(newline, 0, offset) + 1, offset - text.rfind(newline, 0, offset)


def _newline(text: AnyStr) -> AnyStr:
    return b"\n" if isinstance(text, bytes) else "\n"
