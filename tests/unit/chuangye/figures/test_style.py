"""Status colours: one per status, told apart under colour-vision deficiency, dark text readable, never alone.

The simulation uses the full-severity matrices of Machado, Oliveira & Fernandes (2009), "A physiologically-based
model for simulation of color vision deficiency" (linear RGB), and the distance is CIE 1976 ΔE in L*a*b* (D65).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from chuangye.engine.progress import STATUSES
from chuangye.figures.style import DIVERGING_SCALE, STATUS_COLORS, STATUS_ICONS, STATUS_MARKS, STATUS_TEXT_COLOR

CVD = {
    "normal": np.eye(3),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}
SRGB_TO_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
D65 = np.array([0.95047, 1.0, 1.08883])
# the smallest distance between two of the six colours the dashboard had before issue 8 (deuteranopia,
# on_track vs no_data, about 14.6): a new status must stand at least that far from every other
MIN_DELTA_E = 14.5


def linear(hex_color: str) -> np.ndarray:
    c = np.array([int(hex_color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(rgb_linear: np.ndarray) -> np.ndarray:
    xyz = SRGB_TO_XYZ @ np.clip(rgb_linear, 0, 1) / D65
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, vision: str) -> float:
    m = CVD[vision]
    return float(np.linalg.norm(lab(m @ linear(a)) - lab(m @ linear(b))))


def contrast(a: str, b: str) -> float:
    def luminance(c: str) -> float:
        return float(np.array([0.2126, 0.7152, 0.0722]) @ linear(c))

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_status_has_a_colour_a_mark_and_an_icon():
    assert set(STATUS_COLORS) == set(STATUS_MARKS) == set(STATUS_ICONS) == set(STATUSES)
    assert len(set(STATUS_MARKS.values())) == len(STATUSES)  # the mark alone tells the status
    assert len(set(STATUS_ICONS.values())) == len(STATUSES)


@pytest.mark.parametrize("status", ["missed", "baseline"])
@pytest.mark.parametrize("vision", list(CVD))
def test_the_new_statuses_stand_apart_from_every_other_colour(status, vision):
    others = {s: c for s, c in STATUS_COLORS.items() if s != status}
    closest = min(others, key=lambda s: delta_e(STATUS_COLORS[status], others[s], vision))
    assert delta_e(STATUS_COLORS[status], others[closest], vision) >= MIN_DELTA_E, closest


def test_the_reference_distance_is_what_the_old_palette_had():
    old = [STATUS_COLORS[s] for s in ("achieved", "on_track", "acceleration_needed", "limited_progress",
                                      "deterioration", "no_data")]  # fmt: skip
    worst = min(delta_e(a, b, v) for a, b in itertools.combinations(old, 2) for v in CVD)
    assert worst == pytest.approx(14.6, abs=0.1)


@pytest.mark.parametrize("status", STATUSES)
def test_dark_text_is_readable_on_every_status_colour(status):
    assert contrast(STATUS_COLORS[status], STATUS_TEXT_COLOR) >= 4.5


def test_missed_looks_like_the_below_goal_side_of_the_maps_scale():
    """The overview shows the ranking (bars by status) beside the map (brown below the goal, purple above): a
    region that missed its goal must not take a colour from the above-goal side."""
    below = [c for stop, c in DIVERGING_SCALE if stop < 0.5]
    above = [c for stop, c in DIVERGING_SCALE if stop > 0.5]
    for vision in CVD:
        nearest_below = min(delta_e(STATUS_COLORS["missed"], c, vision) for c in below)
        nearest_above = min(delta_e(STATUS_COLORS["missed"], c, vision) for c in above)
        assert nearest_below < nearest_above, vision
