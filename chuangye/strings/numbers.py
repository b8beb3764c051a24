"""Numbers as every screen, chart, grid, export and command shows them: one rounding, done once.

Coverage is a share (0.7665); people read percentages with one decimal (76.7 %). Python's ``f"{x:.1f}"`` rounds
the binary float (76.65 → 76.6) while d3 in the browser may round the same value up (76.7), so a card and a chart
of one number could disagree. Everything shown goes through these functions instead: half up, on the value's
shortest decimal form, so the same share always reads the same everywhere.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

MISSING_TEXT = "—"


def _finite(value: object) -> Decimal | None:
    """The value as a Decimal of its shortest repr, or None when it is missing (None, NaN, pd.NA) or infinite."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # pd.NA raises TypeError
    except (TypeError, ValueError):
        return None
    return Decimal(repr(number)) if math.isfinite(number) else None


def rounded(value: object, digits: int = 1) -> float | None:
    """``value`` rounded half up at ``digits`` decimals (76.65 → 76.7); None when missing."""
    number = _finite(value)
    if number is None:
        return None
    return float(number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def percent_points(share: object, digits: int = 1) -> float | None:
    """A share (0.7665) as rounded percentage points (76.7); None when missing."""
    number = _finite(share)
    return None if number is None else rounded(number * 100, digits)


def percent_text(share: object, digits: int = 1) -> str:
    """A share as ``"76.7%"``; ``"—"`` when missing."""
    points = percent_points(share, digits)
    return MISSING_TEXT if points is None else f"{points:.{digits}f}%"


def points_text(points: object, digits: int = 1, *, signed: bool = False) -> str:
    """Percentage points (already ×100) as ``"3.2"`` (``"+3.2"`` with ``signed``); ``"—"`` when missing."""
    value = rounded(points, digits)
    if value is None:
        return MISSING_TEXT
    value = value + 0.0  # no "-0.0"
    return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"


def indicator_text(value: object, fmt: str, digits: int) -> str:
    """An indicator's value or threshold: a share as a percentage (``"0.38%"``), a ratio as a plain number
    (``"4.07"``), each with the indicator's own ``digits`` (config ``digits``); ``"—"`` when missing."""
    if fmt == "percent":
        return percent_text(value, digits)
    number = rounded(value, digits)
    return MISSING_TEXT if number is None else f"{number:.{digits}f}"


__all__ = ["MISSING_TEXT", "indicator_text", "percent_points", "percent_text", "points_text", "rounded"]


BYTE_UNITS = ("B", "KB", "MB", "GB", "TB")


def byte_size_text(size: int) -> str:
    """A number of bytes as people read disk space: ``"2.7 MB"`` (1 KB = 1024 bytes, as file managers count)."""
    value, unit = float(size), BYTE_UNITS[0]
    for unit in BYTE_UNITS:
        if abs(value) < 1024 or unit == BYTE_UNITS[-1]:
            break
        value /= 1024
    return f"{int(value)} {unit}" if unit == BYTE_UNITS[0] else f"{value:.1f} {unit}"
