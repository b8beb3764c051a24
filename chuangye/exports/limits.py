"""What the export browser accepts: the size limits a figure is checked against before it is rendered, and the
errors an export raises (here, so that checking a figure needs no browser)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from chuangye.strings.i18n import bilingual


class ExportError(RuntimeError):
    """An export that could not be produced; the message is in Chinese and English."""


class ExportLimitError(ExportError):
    """A figure or page larger than the export browser accepts."""


# ------------------------------------------------------------------------------------------ limits


@dataclass(frozen=True)
class FigureLimits:
    """The most a figure sent to the renderer may hold. The dashboard's largest figure (the province's county
    map) is about 0.2 MB with a few dozen traces, one subplot and some 40,000 values."""

    max_bytes: int = 4 * 1024 * 1024
    max_traces: int = 200
    max_values: int = 300_000  # array elements in the traces (coordinates of inline GeoJSON included)
    max_subplots: int = 12


LIMITS = FigureLimits()
_SUBPLOT_KEY = re.compile(r"^(xaxis|yaxis|map|mapbox|geo|polar|ternary|scene|smith)(\d*)$")
_SCALAR_TYPES = {int, float, str, bool, type(None)}
_TYPED_ITEM_BYTES = {"i1": 1, "u1": 1, "u1c": 1, "i2": 2, "u2": 2, "i4": 4, "u4": 4, "f4": 4, "f8": 8}


def count_values(node: Any) -> int:
    """The values below ``node``: scalar items of lists, elements of numpy arrays and of plotly's base64 typed
    arrays."""
    if isinstance(node, Mapping):
        if "bdata" in node and "dtype" in node:
            size = _TYPED_ITEM_BYTES.get(str(node["dtype"]), 1)
            return len(str(node["bdata"])) * 3 // 4 // size
        return sum(count_values(value) for value in node.values())
    if isinstance(node, list | tuple):
        if set(map(type, node)) <= _SCALAR_TYPES:  # a flat list of numbers or texts: counted at C speed
            return len(node)
        total = 0
        for item in node:
            nested = isinstance(item, list | tuple | Mapping) or _is_array(item)
            total += count_values(item) if nested else 1  # a number, a text, a numpy scalar, a date
        return total
    return int(node.size) if _is_array(node) else 0


def _is_array(node: Any) -> bool:
    """A numpy array (figures built in Python keep their arrays until they are encoded)."""
    return isinstance(getattr(node, "size", None), int) and bool(getattr(node, "ndim", 0))


def subplots(figure: Mapping[str, Any]) -> int:
    layout = figure.get("layout") or {}
    named = {key for key in layout if _SUBPLOT_KEY.match(str(key))}
    for trace in figure.get("data") or []:
        if isinstance(trace, Mapping):
            for key in ("xaxis", "yaxis", "subplot", "geo"):
                if isinstance(trace.get(key), str):
                    named.add(f"{key}:{trace[key]}")
    grid = layout.get("grid") if isinstance(layout, Mapping) else None
    cells = 0
    if isinstance(grid, Mapping):
        rows, columns = grid.get("rows"), grid.get("columns")
        if isinstance(rows, int) and isinstance(columns, int):
            cells = rows * columns
    axes = max(len(named) // 2, 1)  # an x and a y axis make one cartesian subplot
    return max(axes, cells)


def figure_bytes(figure: Mapping[str, Any]) -> int:
    """The figure's size as the renderer receives it (plotly's JSON encoding)."""
    from plotly.io.json import to_json_plotly

    return len(to_json_plotly(figure))


def check_figure(figure: Mapping[str, Any], limits: FigureLimits = LIMITS) -> None:
    """Raise ``ExportLimitError`` (zh + en) when the figure is larger than the renderer accepts."""
    data = figure.get("data") or []
    if not isinstance(data, list):
        raise ExportLimitError(bilingual("ex_limit_shape"))
    checks = (
        ("ex_limit_traces", len(data), limits.max_traces),
        ("ex_limit_values", count_values(data), limits.max_values),
        ("ex_limit_subplots", subplots(figure), limits.max_subplots),
    )
    for key, value, limit in checks:
        if value > limit:
            raise ExportLimitError(bilingual(key, n=f"{value:,}", limit=f"{limit:,}"))
    size = figure_bytes(figure)
    if size > limits.max_bytes:
        raise ExportLimitError(
            bilingual("ex_limit_bytes", n=f"{size / 1e6:.1f}", limit=f"{limits.max_bytes / 1e6:.1f}")
        )


__all__ = [
    "LIMITS",
    "ExportError",
    "ExportLimitError",
    "FigureLimits",
    "check_figure",
    "count_values",
    "figure_bytes",
    "subplots",
]
