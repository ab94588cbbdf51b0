"""The engine's layers are visible in its tree, and the imports keep to them.

macros/ holds one subpackage per layer, lowest first in LAYERS: a module imports from its own
layer or from lower ones, never from a higher one, and no chain of imports comes back to where
it started (imports inside functions count too: deferring an import does not undo a cycle).
Only the site layer, the glue, imports MkDocs or its theme. Folders and modules stay small
enough to read: at most 15 modules a folder, 300 lines a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

ENGINE = ROOT / "macros"
LAYERS = ["base", "reader", "schema", "organization", "content", "rendering", "handwritten", "outputs", "build",
          "site", "commands"]
GLUE = "site"
FOREIGN_TO_ENGINE = ("mkdocs", "material")  # MkDocs and its theme: only the glue may know them


def modules() -> dict[str, Path]:
    """Return every engine module's dotted name -> its file."""
    found = {}
    for path in sorted(ENGINE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Return the modules ``name`` imports, engine modules as their dotted names, others as written."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, one level up per dot beyond the first
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            # `from macros.x import y` imports the module macros.x.y when there is one.
            found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names}
    return found


def layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "macros" else None


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def test_every_module_sits_in_a_layer() -> None:
    loose = [name for name in modules() if name != "macros" and layer(name) not in LAYERS]
    assert not loose, f"modules outside the layers {LAYERS}: {loose}"


def test_no_module_imports_from_a_higher_layer() -> None:
    rank = {name: LAYERS.index(name) for name in LAYERS}
    upward = [f"{name} -> {target}" for name, targets in graph().items() for target in targets
              if rank.get(layer(target) or "", -1) > rank.get(layer(name) or "", len(LAYERS))]
    assert not upward, "\n".join(upward)


def test_no_import_cycle() -> None:
    edges = {name: {t for t in targets if t in modules() and t != name} for name, targets in graph().items()}
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*path[path.index(target):], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(cycles)


def test_only_the_glue_imports_mkdocs() -> None:
    leaks = [f"{name} imports {target}" for name, targets in graph().items() for target in targets
             if target.split(".")[0] in FOREIGN_TO_ENGINE and layer(name) != GLUE]
    assert not leaks, "\n".join(leaks)


def test_folders_and_modules_stay_small() -> None:
    folders: dict[Path, int] = {}
    for path in modules().values():
        if path.name != "__init__.py":
            folders[path.parent] = folders.get(path.parent, 0) + 1
    assert not {str(f.relative_to(ROOT)): n for f, n in folders.items() if n > 15}
    long = {str(p.relative_to(ROOT)): n for p in modules().values()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert not long, long
