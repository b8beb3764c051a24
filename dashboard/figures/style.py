"""Colours, marks and the base layout every figure shares.

Palettes are colour-blind safe (Okabe–Ito for categories, a brown–purple diverging scale for distance to
the goal) and no status is shown by colour alone: each has a mark (✔ ↗ ! ▽ ↓ –) and a label too.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.progress import STATUSES

FONT_FAMILY = (
    '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif'
)

STATUS_ORDER = STATUSES
STATUS_COLORS: dict[str, str] = {
    "achieved": "#009E73",
    "on_track": "#56B4E9",
    "acceleration_needed": "#E69F00",
    "limited_progress": "#D55E00",
    "deterioration": "#CC79A7",
    "no_data": "#BBBBBB",
}
STATUS_MARKS: dict[str, str] = {
    "achieved": "✔",
    "on_track": "↗",
    "acceleration_needed": "!",
    "limited_progress": "▽",
    "deterioration": "↓",
    "no_data": "–",
}
STATUS_ICONS: dict[str, str] = {  # bootstrap-icons class names, for HTML badges
    "achieved": "bi-check-circle-fill",
    "on_track": "bi-arrow-up-right-circle-fill",
    "acceleration_needed": "bi-exclamation-triangle-fill",
    "limited_progress": "bi-dash-circle-fill",
    "deterioration": "bi-arrow-down-circle-fill",
    "no_data": "bi-question-circle",
}

# A unit's state on the map: colour AND marker symbol.
UNIT_STATES: tuple[str, ...] = ("certified", "meets", "below", "no_data")
UNIT_STATE_COLORS: dict[str, str] = {
    "certified": "#0072B2",
    "meets": "#009E73",
    "below": "#D55E00",
    "no_data": "#999999",
}
UNIT_STATE_SYMBOLS: dict[str, str] = {
    "certified": "circle",
    "meets": "diamond",
    "below": "triangle-down",
    "no_data": "x-thin-open",
}

UNIT_TYPE_COLORS: dict[str, str] = {
    "street_town": "#0072B2",
    "community_village": "#E69F00",
    "park": "#009E73",
}

# Below the goal brown, above it purple, the goal itself white (PuOr, colour-blind safe).
DIVERGING_SCALE: list[list[float | str]] = [
    [0.0, "#7f3b08"],
    [0.2, "#e08214"],
    [0.4, "#fee0b6"],
    [0.5, "#f7f7f7"],
    [0.6, "#d8daeb"],
    [0.8, "#8073ac"],
    [1.0, "#2d004b"],
]
GOAL_LINE_COLOR = "#333333"
ACCENT = "#0072B2"
MUTED = "#9aa0a6"


def base_layout(fig: go.Figure, *, title: str | None = None, height: int | None = None) -> go.Figure:
    fig.update_layout(
        font={"family": FONT_FAMILY, "size": 13, "color": "#222"},
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}} if title else None,
        margin={"l": 10, "r": 10, "t": 40 if title else 10, "b": 10},
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel={"font": {"family": FONT_FAMILY}},
        separators=".,",
        height=height,
    )
    fig.update_xaxes(gridcolor="#eee", zerolinecolor="#ccc")
    fig.update_yaxes(gridcolor="#eee", zerolinecolor="#ccc")
    return fig


def pct(value: float | None, digits: int = 1) -> str:
    if value is None or value != value:
        return "—"
    return f"{value * 100:.{digits}f}%"
