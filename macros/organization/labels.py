"""An edition's interface texts: `macros/i18n/<lang>.yaml` (navigation groups, labels, print texts).

Apart from pages.py so that modules below rendering (outputs.py) can read them too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros.reader.loader import load_file


def load_labels(lang: str) -> dict[str, Any]:
    """Load the interface texts of one language edition."""
    path = Path(__file__).parent.parent / "i18n" / f"{lang}.yaml"
    return load_file(path, f"macros/i18n/{lang}.yaml").data  # type: ignore[no-any-return]
