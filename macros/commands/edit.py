"""`./handbook edit`: the browser editor on this working copy, served on 127.0.0.1 only.

    ./handbook edit              serve the editor on http://127.0.0.1:8010/admin/
    ./handbook edit --port 8123  on another port (0: any free one; the address is printed)

The page is the one the build publishes (macros/site/admin.py), with the local backend: its
script (overrides/admin/local.js) fills the browser's private folder from GET /api/files and
sends every save to PUT /api/files/<path>, which edit_files.save turns into the fork's own file.
Nothing listens beyond this computer; anything but the editor's own paths is refused.
"""

from __future__ import annotations

import contextlib
import json
import sys
import tempfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from macros.base.errors import ContentError, ContentErrors
from macros.base.messages import say, speaking
from macros.commands import edit_files
from macros.commands.check import check
from macros.organization.settings import fork_language, load_settings
from macros.site import admin, editor_files

HOST = "127.0.0.1"
API = "/api/files"


class Handler(SimpleHTTPRequestHandler):
    """Serve the editor's folder under /admin/ and the working copy's files under /api/files."""

    def __init__(self, *args: Any, root: Path, site: Path, **kwargs: Any) -> None:
        self.root = root
        super().__init__(*args, directory=str(site), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # each save is said on its own line; requests are not

    def do_GET(self) -> None:
        if not self._ours():
            return self._answer(403, "", "text/plain")
        path = urlsplit(self.path).path
        if path == API:
            files = {"text": edit_files.shown(self.root, self._settings()), "base64": edit_files.pictures(self.root)}
            return self._answer(200, json.dumps(files), "application/json")
        if path in ("/", "/admin"):
            self.send_response(302)
            self.send_header("Location", "/admin/")
            self.end_headers()
            return None
        if not path.startswith("/admin/"):
            return self._answer(404, "", "text/plain")
        return super().do_GET()

    def do_PUT(self) -> None:
        with speaking(fork_language(self.root)):  # each request is a thread of its own: say it in hers
            self._change(lambda path, body: edit_files.save(self.root, self._settings(), path, body))

    def do_DELETE(self) -> None:
        with speaking(fork_language(self.root)):
            self._change(lambda path, _: edit_files.delete(self.root, self._settings(), path))

    def _change(self, act: Any) -> None:
        path = urlsplit(self.path).path
        foreign = self.headers.get("Origin") not in (None, self._origin())
        if not path.startswith(API + "/") or not self._ours() or foreign:
            return self._answer(403, say("editor_refused", path=path), "text/plain")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            done = act(unquote(path[len(API) + 1:]), body)
        except edit_files.Refused as err:
            print(err, file=sys.stderr, flush=True)
            return self._answer(400, str(err), "text/plain")
        except (ContentError, ContentErrors) as err:  # a file it had to read is broken: said with its place
            said = err.report() if isinstance(err, ContentErrors) else str(err)
            print(said, file=sys.stderr, flush=True)
            return self._answer(400, said, "text/plain")
        # What the build would say about it, at once: the editor checks the form, not ids or facts.
        problems = check(self.root)
        report = "\n".join([done, say("problems_head", count=len(problems)), *problems] if problems else [done])
        print(report, flush=True)
        return self._answer(200, report, "text/plain")

    def _settings(self) -> Any:
        return load_settings(self.root)

    def _ours(self) -> bool:
        # Another site open in the same browser cannot reach here under a name of its own (DNS rebinding).
        return self.headers.get("Host") == self._origin().removeprefix("http://")

    def _origin(self) -> str:
        return f"http://{HOST}:{self.server.server_port}"  # type: ignore[attr-defined]

    def _answer(self, status: int, text: str, kind: str) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)


def server(root: Path, site: Path, port: int) -> ThreadingHTTPServer:
    """Return the editor's server on 127.0.0.1 (not yet serving), with the page written into ``site``."""
    httpd = ThreadingHTTPServer((HOST, port), partial(Handler, root=root, site=site))
    admin.publish(root, site, load_settings(root), local=True, api=f"http://{HOST}:{httpd.server_address[1]}")
    return httpd


def port_of(argv: list[str]) -> int | None:
    """Return the port ``argv`` asks for (8010 by default), or None if it asks for something else."""
    if not argv:
        return 8010
    if len(argv) == 2 and argv[0] == "--port" and argv[1].isdigit() and int(argv[1]) <= 65535:
        return int(argv[1])
    return None


def main(argv: list[str]) -> int:
    root = Path.cwd()
    with speaking(fork_language(root)):
        if (port := port_of(argv)) is None:
            print(say("edit_usage"), file=sys.stderr)
            return 2
        try:
            load_settings(root)
            return serve(root, port)
        except ContentErrors as err:
            print(err.report(), file=sys.stderr)
        except OSError as err:  # the port is taken, most likely by an editor already running
            print(say("edit_port_taken", port=port, detail=err.strerror or err), file=sys.stderr)
        except editor_files.FetchFailed as err:
            print(err, file=sys.stderr)
        return 1


def serve(root: Path, port: int) -> int:
    """Serve the editor until Ctrl+C."""
    with tempfile.TemporaryDirectory() as site, server(root, Path(site), port) as httpd:
        print(say("editor_started", url=f"http://{HOST}:{httpd.server_address[1]}/admin/"), flush=True)
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is how one stops it
            httpd.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
