"""What every output's writer is: opened once per export, then called once per edition.

A writer is opened on the built site (the PDF writer starts one browser and serves the site
there) and called with each edition's context and its folder in the site ('' for the default
edition, 'en/' for English); it returns the files it wrote, all inside the site.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from macros.rendering.render import Context


@dataclass(frozen=True)
class ExportOptions:
    """How this machine makes the downloads."""

    chromium: str | None = None  # the browser that prints PDFs; None: no printed output is made
    paper: str = "A4"


Writer = Callable[[Context, str], list[Path]]
OpenWriter = Callable[[Path, ExportOptions], AbstractContextManager[Writer]]
