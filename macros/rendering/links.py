"""Links written in prose to a page that a fork has hidden: the link goes, its text stays."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

_LINK = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]*)\"[^>]*>(.*?)</a>", re.S)
_BASE = "http://site.invalid/"


def drop_links_to(html: str, page_url: str, gone: set[str]) -> str:
    """Replace links that resolve to one of the ``gone`` site paths (e.g. 'roles/x/') by their text."""
    if not gone:
        return html
    here = urljoin(_BASE, page_url)

    def unlink(match: re.Match[str]) -> str:
        target = urlsplit(urljoin(here, match.group(1)))
        if target.netloc == urlsplit(_BASE).netloc and target.path.lstrip("/") in gone:
            return match.group(2)
        return match.group(0)

    return _LINK.sub(unlink, html)
