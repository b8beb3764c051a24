"""Colours, marks and the base layout every figure shares.

Palettes are colour-blind safe (Okabe–Ito for categories, a brown–purple diverging scale for distance to
the goal) and no status is shown by colour alone: each has a mark (✔ ↗ ! ▽ ↓ × ○ –) and a label too.
``missed`` (ochre, on the below-goal side of the maps' brown–purple scale, so it never reads as "above the goal")
and ``baseline`` (a pale neutral) were chosen to stay apart from every other status colour under simulated
protanopia, deuteranopia and tritanopia and to keep dark text readable (tests/unit/chuangye/figures/test_style.py
checks all three).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import plotly.graph_objects as go

from chuangye.engine.progress import STATUSES

FONT_FAMILY = (
    '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif'
)

# plotly reads every text it draws (titles, ticks, annotations, hover labels, text marks) as a small HTML
# dialect: <b>, <a href>, <br>, <span style> become formatting, other tags vanish, entities are decoded.
_PLOTLY_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def plain_text(text: object) -> str:
    """``text`` (a unit or region name, any data text) as plotly must be handed it to draw it literally:
    ``&``, ``<`` and ``>`` escaped, so "<b>粗体</b>街道" reads as typed and "A&B社区" still reads "A&B社区".
    Only for what plotly renders; codes and click data stay as they are."""
    return str(text).translate(_PLOTLY_ESCAPES)


STATUS_ORDER = STATUSES
STATUS_COLORS: dict[str, str] = {
    "achieved": "#009E73",
    "on_track": "#56B4E9",
    "acceleration_needed": "#E69F00",
    "limited_progress": "#D55E00",
    "deterioration": "#CC79A7",
    "missed": "#D9B86C",
    "baseline": "#EDE6D6",
    "no_data": "#BBBBBB",
}
STATUS_MARKS: dict[str, str] = {
    "achieved": "✔",
    "on_track": "↗",
    "acceleration_needed": "!",
    "limited_progress": "▽",
    "deterioration": "↓",
    "missed": "×",
    "baseline": "○",
    "no_data": "–",
}
STATUS_ICONS: dict[str, str] = {  # bootstrap-icons class names, for HTML badges
    "achieved": "bi-check-circle-fill",
    "on_track": "bi-arrow-up-right-circle-fill",
    "acceleration_needed": "bi-exclamation-triangle-fill",
    "limited_progress": "bi-dash-circle-fill",
    "deterioration": "bi-arrow-down-circle-fill",
    "missed": "bi-x-circle-fill",
    "baseline": "bi-flag-fill",
    "no_data": "bi-question-circle",
}
STATUS_TEXT_COLOR = "#111111"  # dark text on every status colour (contrast >= 4.5:1, checked in the tests)

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


# ---- plain-dict figures ----------------------------------------------------------------------------
# Building go.Figure objects validates every property (30–200 ms a chart); the callbacks' figures are
# plain dicts built from these helpers instead, without plotly.py's 7 KB default template.

Figure = dict[str, Any]
MODEBAR_MARGIN = 36  # a vertical mode bar in the right margin covers neither titles nor labels


@cache
def _base() -> dict[str, Any]:
    layout = base_layout(go.Figure()).to_dict()["layout"]
    layout.pop("template", None)
    return layout


def layout_dict(title: str | None, height: int, **extra: Any) -> dict[str, Any]:
    """``base_layout`` as a plain dict (built once), with a title, a height and more keys."""
    base = _base()
    out = {k: v for k, v in base.items() if k != "title"}
    out["xaxis"] = {**base.get("xaxis", {}), "automargin": True}  # the template's automargin, kept
    out["yaxis"] = {**base.get("yaxis", {}), "automargin": True}
    out["height"] = height
    if title:
        out["title"] = {"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}}
    out.update(extra)
    return out


def hline(y: float, color: str, dash: str, width: float, layer: str = "above") -> dict[str, Any]:
    """A horizontal line across the plot at ``y`` (data units)."""
    return {
        "type": "line",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "yref": "y",
        "y0": y,
        "y1": y,
        "line": {"color": color, "dash": dash, "width": width},
        "layer": layer,
    }


def vline(x: float, color: str, dash: str, width: float, layer: str = "above") -> dict[str, Any]:
    """A vertical line across the plot at ``x`` (data units)."""
    return {
        "type": "line",
        "yref": "paper",
        "y0": 0,
        "y1": 1,
        "xref": "x",
        "x0": x,
        "x1": x,
        "line": {"color": color, "dash": dash, "width": width},
        "layer": layer,
    }


def line_label(y: float, text: str, color: str, *, right: bool) -> dict[str, Any]:
    """A small label sitting on a horizontal line, at its left end (above) or right end (below)."""
    return {
        "xref": "paper",
        "x": 1 if right else 0,
        "xanchor": "right" if right else "left",
        "yref": "y",
        "y": y,
        "yanchor": "top" if right else "bottom",
        "text": text,
        "showarrow": False,
        "font": {"size": 11, "color": color},
        "bgcolor": "rgba(255,255,255,0.8)",
    }
