"""Tests of the pages' pure helpers, and a check that each page names its ids in one place."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from types import ModuleType

MARK = "\x00"


def id_values(ids: ModuleType) -> tuple[set[str], set[str]]:
    """The page's fixed ids, and the constant ends of its per-item ids (``card(x)`` → ``peers-card-``,
    ``search(x)`` → ``-search``) as (prefix, suffix) pairs, either of them possibly empty."""
    fixed = {value for name, value in vars(ids).items() if name.isupper() and isinstance(value, str)}
    ends = set()
    for function in vars(ids).values():
        if inspect.isfunction(function) and function.__module__ == ids.__name__:
            parts = function(MARK).split(MARK)
            ends.add((parts[0], parts[-1]))
    return fixed, ends


def id_literals(path: Path, ids: ModuleType) -> list[str]:
    """String literals in ``path`` that spell one of the page's ids instead of naming it from ids.py."""
    fixed, ends = id_values(ids)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        text = node.value
        if text in fixed or any((p and text.startswith(p)) or (s and text.endswith(s)) for p, s in ends):
            found.append(text)
    return found
