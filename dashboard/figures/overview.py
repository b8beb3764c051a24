"""Overview figures: sparkline, trend against the goal with projection, city ranking."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.figures.style import (
    ACCENT,
    GOAL_LINE_COLOR,
    MUTED,
    STATUS_COLORS,
    STATUS_MARKS,
    UNIT_TYPE_COLORS,
    base_layout,
)
from dashboard.i18n import t
from dashboard.schema import UNIT_TYPES


def sparkline(series: pd.DataFrame, goal: float, color: str = ACCENT) -> go.Figure:
    """Coverage by year (``year``, ``coverage``) with the goal as a thin line; no axes."""
    fig = go.Figure(
        go.Scatter(
            x=series["year"],
            y=series["coverage"] * 100,
            mode="lines+markers",
            line={"color": color, "width": 2},
            marker={"size": 4},
            hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
        )
    )
    fig.add_hline(y=goal * 100, line={"color": GOAL_LINE_COLOR, "width": 1, "dash": "dot"})
    base_layout(fig, height=60)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 4, "b": 4}, showlegend=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, range=[0, 100])
    return fig


def trend_figure(province: pd.DataFrame, year: int, target_year: int, lang: str) -> go.Figure:
    """One panel per unit type: coverage 2016→``year``, the goal, the observed pace carried on to the target
    year (dashed) and the pace required from ``year`` to reach the goal (dotted).

    ``province``: rows of one region for all years and types, with progress columns.
    """
    fig = make_subplots(
        rows=1,
        cols=len(UNIT_TYPES),
        subplot_titles=[t(f"type_{u}", lang) for u in UNIT_TYPES],
        shared_yaxes=True,
        horizontal_spacing=0.04,
    )
    for i, unit_type in enumerate(UNIT_TYPES, start=1):
        rows = province[province["unit_type"] == unit_type].sort_values("year")
        seen = rows[rows["year"] <= year]
        if seen.empty:
            continue
        color = UNIT_TYPE_COLORS[unit_type]
        goal = float(rows["goal"].iloc[0]) * 100
        fig.add_trace(
            go.Scatter(
                x=seen["year"],
                y=seen["coverage"] * 100,
                mode="lines+markers",
                name=t("coverage", lang),
                line={"color": color, "width": 3},
                legendgroup="coverage",
                showlegend=i == 1,
                hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
            ),
            row=1,
            col=i,
        )
        last = seen.iloc[-1]
        if year < target_year and pd.notna(last["observed_pace"]):
            projected = float(last["projected_coverage_target"]) * 100
            fig.add_trace(
                go.Scatter(
                    x=[year, target_year],
                    y=[last["coverage"] * 100, projected],
                    mode="lines+markers",
                    name=t("trend_projection", lang),
                    line={"color": color, "dash": "dash", "width": 2},
                    marker={"symbol": "circle-open"},
                    legendgroup="projection",
                    showlegend=i == 1,
                    hovertemplate=f"{t('trend_projection', lang)} %{{x}}: %{{y:.1f}}%<extra></extra>",
                ),
                row=1,
                col=i,
            )
            fig.add_trace(
                go.Scatter(
                    x=[year, target_year],
                    y=[last["coverage"] * 100, max(goal, last["coverage"] * 100)],
                    mode="lines",
                    name=t("trend_required", lang),
                    line={"color": MUTED, "dash": "dot", "width": 2},
                    legendgroup="required",
                    showlegend=i == 1,
                    hovertemplate=f"{t('trend_required', lang)} %{{x}}: %{{y:.1f}}%<extra></extra>",
                ),
                row=1,
                col=i,
            )
        fig.add_hline(
            y=goal,
            line={"color": GOAL_LINE_COLOR, "dash": "longdash", "width": 1.5},
            row=1,
            col=i,
            annotation_text=f"{t('goal', lang)} {goal:.0f}%",
            annotation_position="top left",
        )
    base_layout(fig, height=320)
    fig.update_layout(legend={"orientation": "h", "y": -0.18, "x": 0}, margin={"t": 30, "b": 10})
    fig.update_yaxes(range=[0, 105], ticksuffix="%", title_text=None)
    years = sorted(province["year"].unique())
    fig.update_xaxes(
        tickmode="array",
        tickvals=[*years, target_year] if target_year not in years else years,
        dtick=1,
        range=[min(years) - 0.3, max(max(years), target_year) + 0.3],
    )
    return fig


def ranking_figure(cities: pd.DataFrame, lang: str) -> go.Figure:
    """One panel per unit type: cities sorted by coverage, bars coloured by status with its mark, goal line."""
    fig = make_subplots(
        rows=1, cols=len(UNIT_TYPES), subplot_titles=[t(f"type_{u}", lang) for u in UNIT_TYPES], horizontal_spacing=0.12
    )
    for i, unit_type in enumerate(UNIT_TYPES, start=1):
        rows = cities[cities["unit_type"] == unit_type].sort_values("coverage", na_position="first")
        if rows.empty:
            continue
        goal = float(rows["goal"].iloc[0]) * 100
        labels = [
            f"{c * 100:.1f}% {STATUS_MARKS[s]}" if pd.notna(c) else "—"
            for c, s in zip(rows["coverage"], rows["status"], strict=True)
        ]
        fig.add_trace(
            go.Bar(
                x=rows["coverage"] * 100,
                y=rows["region_name"],
                orientation="h",
                marker={"color": [STATUS_COLORS[s] for s in rows["status"]], "line": {"width": 0}},
                text=labels,
                textposition="outside",
                cliponaxis=False,
                customdata=list(
                    zip(
                        rows["region_code"],
                        [t(f"status_{s}", lang) for s in rows["status"]],
                        rows["gap_units"].fillna(0).astype(int),
                        strict=True,
                    )
                ),
                hovertemplate="<b>%{y}</b> %{x:.1f}%<br>%{customdata[1]}<br>"
                + t("gap_units", lang)
                + ": %{customdata[2]}<extra></extra>",
                showlegend=False,
            ),
            row=1,
            col=i,
        )
        fig.add_vline(x=goal, line={"color": GOAL_LINE_COLOR, "dash": "longdash", "width": 1.5}, row=1, col=i)
    # a legend of the statuses (marks and colours), drawn once
    for status in ("achieved", "on_track", "acceleration_needed", "limited_progress", "deterioration"):
        fig.add_trace(
            go.Bar(
                x=[None],
                y=[None],
                marker={"color": STATUS_COLORS[status]},
                name=f"{STATUS_MARKS[status]} {t('status_' + status, lang)}",
                showlegend=True,
            ),
            row=1,
            col=1,
        )
    base_layout(fig, height=420)
    fig.update_layout(legend={"orientation": "h", "y": -0.08, "x": 0}, bargap=0.25, margin={"t": 30, "r": 40})
    fig.update_xaxes(range=[0, 118], ticksuffix="%", showgrid=True)
    return fig
