"""Keep compiled Jinja templates between builds, as Python keeps .pyc files.

Every build compiles templates in several environments: ours (macros/rendering/render.py) and the theme's,
which mkdocs makes anew for each build (under `mkdocs serve`, for each rebuild) and Material's
search makes three more of (macros/site/theme_config.py hands them all here). Compiling Material's templates
costs about as much as building a dozen pages, and did so again after every saved edit.

The compiled code lives in Jinja's default place, a folder of this user's own in the system's temp
directory (never the repository). Jinja compiles a template again when its source changed; the file
names carry a tag of everything else the compiled code depends on: the Jinja version and the
environment's settings, extensions, filters and tests. Where Python is told to write no bytecode
(PYTHONDONTWRITEBYTECODE, as the tests do: their throwaway copies would only add files), none is
written here either.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from typing import Any

import jinja2


def _name(value: Any) -> str:
    """Name a setting stably across processes: functions and classes by name, not by address."""
    return str(getattr(value, "__module__", "")) + "." + str(getattr(value, "__qualname__", None) or repr(value))


def _tag(env: jinja2.Environment) -> str:
    """Return a short hash of what, besides a template's source, shapes its compiled code."""
    syntax = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
              env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
              env.line_comment_prefix, env.newline_sequence)
    options = (env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.optimized, env.is_async,
               _name(env.autoescape), _name(env.finalize), _name(env.undefined))
    # The compiler looks each filter and test up: whether it exists and what it is passed
    # (context, environment) is written into the compiled code.
    callables = [sorted((name, str(getattr(f, "jinja_pass_arg", None))) for name, f in table.items())
                 for table in (env.filters, env.tests)]
    described = repr((jinja2.__version__, syntax, options, sorted(env.extensions), callables))
    return hashlib.sha256(described.encode()).hexdigest()[:12]


@functools.cache
def _cache(tag: str) -> jinja2.BytecodeCache | None:
    try:
        return jinja2.FileSystemBytecodeCache(pattern=f"handbook-{tag}-%s.cache")
    except (OSError, RuntimeError):
        return None  # no private temp folder: compile on every build


def keep_compiled(env: jinja2.Environment) -> None:
    """Let ``env`` reuse templates compiled by an earlier build. Call it once its filters are set."""
    if not sys.dont_write_bytecode:
        env.bytecode_cache = _cache(_tag(env))
