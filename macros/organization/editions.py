"""Which editions a build makes, and where each lives in the site: the default at the root, others under /<lang>/."""

from __future__ import annotations

from pathlib import Path

from macros.organization.settings import load_settings


def each(root: Path) -> list[tuple[str | None, str]]:
    """Return (edition to load, its folder in the site) for every edition built: (None, "") first.

    For the steps after mkdocs (Word files, PDFs), which work on the built site.
    """
    built = load_settings(root).built()
    return [(None if lang == built[0] else lang, prefix(lang, built[0])) for lang in built]


def prefix(lang: str, default: str) -> str:
    """Return where an edition lives below the site's root: '' for the default, 'en/' for English."""
    return "" if lang == default else f"{lang}/"
