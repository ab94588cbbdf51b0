"""The browser editor's own files: Sveltia CMS and its fonts, pinned on npm, served from our site.

They are fetched once with `npm pack` into `.handbook/editor/<version>/` (never committed, like
benchmarks/.lighthouse), each tarball checked against the integrity npm published for it, and
only the files the page needs are kept. Sveltia's bundle names two other hosts for its fonts
(cdn.jsdelivr.net): those addresses are pointed at the copies here, so the page asks no one else.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from macros.base.messages import say

SVELTIA = "0.221.1"
# package@version -> (its sha512 integrity on npm, {file in the tarball: name in our folder})
PACKAGES = {
    f"@sveltia/cms@{SVELTIA}": (
        "J+Qoik9kGMk2L7vNpOQrnDmFRi+NB6vwJ0f657YtsxWH0P8WYSYRRSRC2pQ/jGGbVlM//Pg/WIgmkpswqoo3gQ==",
        {"package/dist/sveltia-cms.js": "sveltia-cms.js", "package/LICENSE.txt": "LICENSE-sveltia-cms.txt",
         "package/locales/de.json": "locales/de.json", "package/locales/en-US.json": "locales/en-US.json",
         "package/locales/en-GB.json": "locales/en-GB.json"}),
    "@fontsource-variable/source-sans-3@5.3.0": (
        "dpi0GZk7EQe2tYpg6Q0Fx0OmUgnuGu+0rHPgtXqtKhglYmJuP7jZ12Mu1uN+NfRaJRY1Emn8AQJEWzmoZ4wa9g==",
        {"package/files/source-sans-3-latin-wght-normal.woff2": "fonts/source-sans-3.woff2"}),
    "@fontsource/noto-mono@5.3.0": (
        "QZieY3OyKEImCXg3HRiF6p6/H0GXX94uEb53ayLyQgCTB20LdkvsyJIgigo6lAGmVw3WEs40DdG5KTqpxfwgGg==",
        {"package/files/noto-mono-latin-400-normal.woff2": "fonts/noto-mono.woff2"}),
    "@fontsource-variable/material-symbols-outlined@5.3.7": (
        "d6kLamaMdad40AYoyJEBgCH63fRLklC7GW7bgb7WWbPh/UzuW483Dlyfmn3vxpiNsHLIMBOcYYkZDtOC9Y3MUA==",
        {"package/files/material-symbols-outlined-latin-wght-normal.woff2": "fonts/material-symbols-outlined.woff2"}),
}
# The font addresses in Sveltia's bundle -> our copies (relative to the editor's page).
FONT_URLS = {
    "https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2":
        "fonts/source-sans-3.woff2",
    "https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2": "fonts/noto-mono.woff2",
    "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2":
        "fonts/material-symbols-outlined.woff2",
}


class FetchFailed(Exception):
    """The editor's files could not be fetched or are not the pinned ones (the message says which)."""


def folder(root: Path) -> Path:
    """Return where the editor's files of this version are kept in the working copy."""
    return root / ".handbook" / "editor" / SVELTIA


def ensure(root: Path) -> Path:
    """Return the folder with the editor's files, fetching them from npm first if they are not there."""
    target = folder(root)
    if (target / "sveltia-cms.js").is_file():
        return target
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp) / "files"
        for spec, (integrity, members) in PACKAGES.items():
            _unpack(_pack(spec, Path(tmp), integrity), members, staging)
        _point_fonts_here(staging / "sveltia-cms.js")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(staging, target)
    return target


def _pack(spec: str, where: Path, integrity: str) -> Path:
    done = subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", str(where)],
                          capture_output=True, text=True, check=False)
    tarball = where / done.stdout.strip().splitlines()[-1] if done.returncode == 0 and done.stdout.strip() else None
    if tarball is None or not tarball.is_file():
        raise FetchFailed(say("editor_fetch_failed", spec=spec, detail=done.stderr.strip()[-300:]))
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if digest != integrity:  # what npm published for this version, and nothing else
        raise FetchFailed(say("editor_not_pinned", spec=spec))
    return tarball


def _unpack(tarball: Path, members: dict[str, str], into: Path) -> None:
    with tarfile.open(tarball) as archive:
        for name, target in members.items():
            data = archive.extractfile(name)
            if data is None:
                raise FetchFailed(say("editor_not_pinned", spec=tarball.name))
            (into / target).parent.mkdir(parents=True, exist_ok=True)
            (into / target).write_bytes(data.read())


def _point_fonts_here(bundle: Path) -> None:
    text = bundle.read_text(encoding="utf-8")
    for url, ours in FONT_URLS.items():
        if url not in text:  # a new version moved its fonts: fail here, not silently at run time
            raise FetchFailed(say("editor_not_pinned", spec=bundle.name))
        text = text.replace(url, ours)
    bundle.write_text(text, encoding="utf-8")
