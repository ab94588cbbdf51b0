"""What a reader downloads: one page with its CSS and JavaScript, gzipped, and the search index."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Any

ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src|img[^>]*src)="([^"#?]+)')


def gzip_size(path: Path) -> int:
    """Return the bytes a server sends for ``path`` with gzip (level 6, the usual default)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def page_transfer(site: Path, page: str) -> dict[str, Any]:
    """Return gzip bytes for a page plus every local stylesheet, script and image it loads."""
    html_path = site / page / "index.html"
    html = html_path.read_text(encoding="utf-8")
    assets = sorted({(html_path.parent / url).resolve() for url in ASSET.findall(html) if "//" not in url})
    missing = [str(a) for a in assets if not a.is_file()]
    if missing:
        raise RuntimeError(f"{page} loads files that do not exist: {missing}")
    third_party = [u for u in ASSET.findall(html) if "//" in u]
    index = site / "search" / "search_index.json"
    return {
        "page": page,
        "gzip_bytes": gzip_size(html_path) + sum(gzip_size(a) for a in assets),
        "files": 1 + len(assets),
        "third_party": third_party,
        "search_index_bytes": index.stat().st_size,
        "search_index_gzip_bytes": gzip_size(index),
    }
