"""Overview figures (plain dicts): sparkline, trend against the goal with projection, city ranking."""

from __future__ import annotations

import pandas as pd

from chuangye.figures.style import (
    ACCENT,
    GOAL_LINE_COLOR,
    MUTED,
    STATUS_COLORS,
    STATUS_MARKS,
    UNIT_TYPE_COLORS,
    Figure,
    hline,
    layout_dict,
    line_label,
    plain_text,
    vline,
)
from chuangye.strings.i18n import t
from chuangye.strings.numbers import percent_points, percent_text


def sparkline(series: pd.DataFrame, goal: float, color: str = ACCENT) -> Figure:
    """Coverage by year (``year``, ``coverage``) with the goal as a thin line; no axes."""
    trace = {
        "type": "scatter",
        "x": series["year"].tolist(),
        "y": [percent_points(c) for c in series["coverage"]],
        "text": [percent_text(c) for c in series["coverage"]],
        "mode": "lines+markers",
        "line": {"color": color, "width": 2},
        "marker": {"size": 4},
        "hovertemplate": "%{x}: %{text}<extra></extra>",
    }
    layout = layout_dict(None, 60, margin={"l": 0, "r": 0, "t": 4, "b": 4}, showlegend=False)
    layout["xaxis"] = {"visible": False}
    layout["yaxis"] = {"visible": False, "range": [0, 100]}
    layout["shapes"] = [hline(percent_points(goal), GOAL_LINE_COLOR, "dot", 1)]
    return {"data": [trace], "layout": layout}


def trend_figure(province: pd.DataFrame, unit_type: str, year: int, target_year: int, lang: str) -> Figure:
    """Coverage base year → ``year`` for one unit type, the goal, the observed pace carried on to the target
    year (dashed) and the pace required from ``year`` to reach the goal (dotted).

    ``province``: rows of one region for all years, with progress columns.
    """
    rows = province[province["unit_type"] == unit_type].sort_values("year")
    seen = rows[rows["year"] <= year]
    color = UNIT_TYPE_COLORS[unit_type]
    data: list[dict] = []
    shapes: list[dict] = []
    annotations: list[dict] = []
    if not seen.empty:
        goal_share = float(rows["goal"].iloc[0])
        goal = percent_points(goal_share)
        data.append(
            {
                "type": "scatter",
                "x": seen["year"].tolist(),
                "y": [percent_points(c) for c in seen["coverage"]],
                "text": [percent_text(c) for c in seen["coverage"]],
                "mode": "lines+markers",
                "name": t("coverage", lang),
                "line": {"color": color, "width": 3},
                "hovertemplate": "%{x}: %{text}<extra></extra>",
            }
        )
        last = seen.iloc[-1]
        if year < target_year and pd.notna(last["observed_pace"]):
            now, projected = float(last["coverage"]), float(last["projected_coverage_target"])
            required = max(goal_share, now)
            data.append(
                {
                    "type": "scatter",
                    "x": [year, target_year],
                    "y": [percent_points(now), percent_points(projected)],
                    "text": [percent_text(now), percent_text(projected)],
                    "mode": "lines+markers",
                    "name": t("trend_projection", lang),
                    "line": {"color": color, "dash": "dash", "width": 2},
                    "marker": {"symbol": "circle-open"},
                    "hovertemplate": f"{t('trend_projection', lang)} %{{x}}: %{{text}}<extra></extra>",
                }
            )
            data.append(
                {
                    "type": "scatter",
                    "x": [year, target_year],
                    "y": [percent_points(now), percent_points(required)],
                    "text": [percent_text(now), percent_text(required)],
                    "mode": "lines",
                    "name": t("trend_required", lang),
                    "line": {"color": MUTED, "dash": "dot", "width": 2},
                    "hovertemplate": f"{t('trend_required', lang)} %{{x}}: %{{text}}<extra></extra>",
                }
            )
        shapes.append(hline(goal, GOAL_LINE_COLOR, "longdash", 1.5))
        goal_text = f"{t('goal', lang)} {percent_text(goal_share, 0)}"
        annotations.append(line_label(goal, goal_text, GOAL_LINE_COLOR, right=False))
    years = sorted({*(int(y) for y in province["year"].unique()), target_year})
    layout = layout_dict(
        t(f"type_{unit_type}", lang),
        280,
        legend={"orientation": "h", "y": -0.15, "x": 0},
        showlegend=True,
        margin={"l": 10, "r": 10, "t": 36, "b": 0},
        shapes=shapes,
        annotations=annotations,
    )
    layout["xaxis"].update({"tickmode": "array", "tickvals": years, "range": [min(years) - 0.3, max(years) + 0.3]})
    layout["yaxis"].update({"range": [0, 105], "ticksuffix": "%"})
    return {"data": data, "layout": layout}


VALUE_LABEL_MARGIN = 66  # px right of the plot for "100.0% ✔"


def ranking_figure(cities: pd.DataFrame, unit_type: str, lang: str) -> Figure:
    """Cities sorted by coverage for one unit type, bars coloured by status, goal line.

    Each bar's value and status mark stand in a column right of the plot, level with the bar: the goal line
    (inside the plot, 0–100 %) never runs through them, wherever a bar ends; the goal's label sits above the
    plot. Values are rounded once (``strings.numbers``): the bar's length, its label and its hover agree.
    """
    rows = cities[cities["unit_type"] == unit_type].sort_values("coverage", na_position="first")
    data: list[dict] = []
    shapes: list[dict] = []
    annotations: list[dict] = []
    if not rows.empty:
        goal_share = float(rows["goal"].iloc[0])
        goal = percent_points(goal_share)
        names = [plain_text(n) for n in rows["region_name"]]  # y categories: what plotly draws
        customdata = [
            [code, t(f"status_{s}", lang), f"{int(g):,}", percent_text(c)]
            for code, s, g, c in zip(
                rows["region_code"], rows["status"], rows["gap_units"].fillna(0), rows["coverage"], strict=True
            )
        ]
        data.append(
            {
                "type": "bar",
                "x": [percent_points(c) for c in rows["coverage"]],
                "y": names,
                "orientation": "h",
                "marker": {"color": [STATUS_COLORS[s] for s in rows["status"]], "line": {"width": 0}},
                "customdata": customdata,
                "hovertemplate": "<b>%{y}</b> %{customdata[3]}<br>%{customdata[1]}<br>"
                + t("gap_units", lang)
                + ": %{customdata[2]}<extra></extra>",
                "showlegend": False,
            }
        )
        for name, coverage, status in zip(names, rows["coverage"], rows["status"], strict=True):
            annotations.append(
                {
                    "xref": "paper",
                    "x": 1,
                    "xanchor": "left",
                    "xshift": 4,
                    "yref": "y",
                    "y": name,
                    "text": f"{percent_text(coverage)} {STATUS_MARKS[status]}" if pd.notna(coverage) else "—",
                    "showarrow": False,
                    "font": {"size": 12, "color": "#111"},
                }
            )
        shapes.append(vline(goal, GOAL_LINE_COLOR, "longdash", 1.5))
        annotations.append(
            {
                "x": goal,
                "xref": "x",
                "y": 1,
                "yref": "paper",
                "yanchor": "bottom",
                "text": f"{t('goal', lang)} {percent_text(goal_share, 0)}",
                "showarrow": False,
                "font": {"size": 11, "color": GOAL_LINE_COLOR},
            }
        )
    layout = layout_dict(
        t(f"type_{unit_type}", lang),
        420,
        bargap=0.25,
        margin={"l": 8, "r": VALUE_LABEL_MARGIN, "t": 44, "b": 10},
        shapes=shapes,
        annotations=annotations,
    )
    layout["xaxis"].update({"range": [0, 100], "ticksuffix": "%", "showgrid": True})
    return {"data": data, "layout": layout}
