"""Where the handbook is published: its public address and the legal pages every page links."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from macros.base.messages import say
from macros.schema.field_types import REPOSITORY_PATTERN, URL_PATTERN, Strict

Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]


class Editor(Strict):
    """The browser editor at /admin/: which repository it edits (macros/site/admin.py)."""

    repository: Annotated[str, StringConstraints(pattern=REPOSITORY_PATTERN)] = Field(
        description="Your fork on GitHub as 'owner/name', e.g. 'stadtwerke/mentoring'.")
    branch: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._/-]{1,100}$")] = Field(
        "main", description="The branch the editor saves to (a pull request per change, see the guide).")


class Site(Strict):
    """Where and how the handbook is published."""

    url: Url | None = Field(None, description="Public address, e.g. 'https://example.org/mentoring/': sitemap, "
                            "canonical links and the address printed on paper need it.")
    imprint: Url | None = Field(None, description="Address of your Impressum (legal notice), linked on every page.")
    privacy: Url | None = Field(None, description="Address of your privacy notice (Datenschutz), linked on every page.")
    adapt_page: bool = Field(True, description="Publish the page 'Handbuch anpassen'? false leaves it out.")
    # Off by default: the page only makes sense once the fork names its repository.
    editor: Editor | None = Field(None, description="Publish the browser editor at /admin/ for this repository; "
                                  "empty: no editor page.")

    @field_validator("url")
    @classmethod
    def without_query_or_fragment(cls, url: str | None) -> str | None:
        # Page paths are appended to it (calendar links, sitemap, the address printed on paper).
        if url is not None and ("?" in url or "#" in url):
            raise ValueError(say("site_url_query", url=url))
        return url
