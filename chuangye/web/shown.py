"""Numbers as a page hands them on: rounded once, by ``strings/numbers.py``, to what the screen shows.

The page texts call ``percent_text``/``points_text`` themselves. A grid or a chart formats its numbers in the
browser (``assets/grid.js``, plotly), which rounds the binary float its own way: 0.7665 reads 76.6 % there
and 76.7 % on a card. So what a page sends to a grid or a chart is already rounded to the digits shown
(a share to 0.1 %: 0.767), and the browser only prints it.
"""

from __future__ import annotations

from chuangye.strings.numbers import rounded

SHARE_DIGITS = 3  # a share shown as a percentage with one decimal: 0.7665 → 0.767 → "76.7%"
POINTS_DIGITS = 1  # percentage points and other decimals: one decimal


def share(value: object, digits: int = 1) -> float | None:
    """A share (0.7665) rounded half up to what "76.7%" shows (0.767), or with ``digits`` decimals of a
    percentage (an indicator's config ``digits``: 0.00456 → "0.46%" → 0.0046); None when missing."""
    return rounded(value, SHARE_DIGITS if digits == 1 else digits + 2)


def points(value: object) -> float | None:
    """Percentage points (or any one-decimal number) rounded half up (3.25 → 3.3); None when missing."""
    return rounded(value, POINTS_DIGITS)


__all__ = ["POINTS_DIGITS", "SHARE_DIGITS", "points", "share"]
