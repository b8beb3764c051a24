"""The layering of docs/architecture.md, checked on the source: every import (module level or inside a function)
points down, and the lower layers import no web framework."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[3] / "chuangye"

# layer -> the layers of ours it may import (besides itself)
MAY_IMPORT: dict[str, set[str]] = {
    "strings": set(),
    "data": {"strings"},
    "config": {"data", "strings"},
    "geo": {"data", "strings"},
    "engine": {"data", "config", "geo"},
    "sample": {"data", "config", "geo"},
    "figures": {"data", "config", "geo", "engine", "strings"},
    "exports": {"data", "config", "geo", "engine", "figures", "strings"},
    "web": {"data", "config", "geo", "engine", "sample", "figures", "exports", "strings"},
    "cli": {"data", "config", "geo", "engine", "sample", "figures", "exports", "web", "strings"},
}
WEB_FRAMEWORKS = {"dash", "dash_bootstrap_components", "dash_ag_grid", "flask", "flask_caching"}
NO_WEB_FRAMEWORK = {"strings", "data", "config", "geo", "engine", "sample", "figures", "exports"}


def imported_modules(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{alias.name}" for alias in node.names)
    return out


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "chuangye" and len(parts) > 1 and parts[1] in MAY_IMPORT else None


SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] in MAY_IMPORT)


def test_every_module_belongs_to_a_layer():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert not loose, f"modules outside any layer: {loose}"
    assert len(SOURCES) > 50


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path: Path):
    layer = path.relative_to(PACKAGE).parts[0]
    imports = imported_modules(path)
    upward = sorted(
        m for m in imports if (target := layer_of(m)) and target != layer and target not in MAY_IMPORT[layer]
    )
    assert not upward, f"{layer}/ may not import {upward}"
    if layer in NO_WEB_FRAMEWORK:
        frameworks = sorted(m for m in imports if m.split(".")[0] in WEB_FRAMEWORKS)
        assert not frameworks, f"{layer}/ may not import a web framework: {frameworks}"
