"""Overview figures: sparkline, trend against the goal with projection, city ranking."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

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


def trend_figure(province: pd.DataFrame, unit_type: str, year: int, target_year: int, lang: str) -> go.Figure:
    """Coverage base year → ``year`` for one unit type, the goal, the observed pace carried on to the target
    year (dashed) and the pace required from ``year`` to reach the goal (dotted).

    ``province``: rows of one region for all years, with progress columns.
    """
    rows = province[province["unit_type"] == unit_type].sort_values("year")
    seen = rows[rows["year"] <= year]
    fig = go.Figure()
    color = UNIT_TYPE_COLORS[unit_type]
    if not seen.empty:
        goal = float(rows["goal"].iloc[0]) * 100
        fig.add_trace(
            go.Scatter(
                x=seen["year"],
                y=seen["coverage"] * 100,
                mode="lines+markers",
                name=t("coverage", lang),
                line={"color": color, "width": 3},
                hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
            )
        )
        last = seen.iloc[-1]
        if year < target_year and pd.notna(last["observed_pace"]):
            now = float(last["coverage"]) * 100
            fig.add_trace(
                go.Scatter(
                    x=[year, target_year],
                    y=[now, float(last["projected_coverage_target"]) * 100],
                    mode="lines+markers",
                    name=t("trend_projection", lang),
                    line={"color": color, "dash": "dash", "width": 2},
                    marker={"symbol": "circle-open"},
                    hovertemplate=f"{t('trend_projection', lang)} %{{x}}: %{{y:.1f}}%<extra></extra>",
                )
            )
            fig.add_trace(
                go.Scatter(
                    x=[year, target_year],
                    y=[now, max(goal, now)],
                    mode="lines",
                    name=t("trend_required", lang),
                    line={"color": MUTED, "dash": "dot", "width": 2},
                    hovertemplate=f"{t('trend_required', lang)} %{{x}}: %{{y:.1f}}%<extra></extra>",
                )
            )
        fig.add_hline(
            y=goal,
            line={"color": GOAL_LINE_COLOR, "dash": "longdash", "width": 1.5},
            annotation_text=f"{t('goal', lang)} {goal:.0f}%",
            annotation_position="top left",
        )
    base_layout(fig, title=t(f"type_{unit_type}", lang), height=280)
    fig.update_layout(legend={"orientation": "h", "y": -0.15, "x": 0}, showlegend=True, margin={"t": 36, "b": 0})
    years = sorted({*province["year"].unique(), target_year})
    fig.update_xaxes(tickmode="array", tickvals=years, range=[min(years) - 0.3, max(years) + 0.3])
    fig.update_yaxes(range=[0, 105], ticksuffix="%")
    return fig


def ranking_figure(cities: pd.DataFrame, unit_type: str, lang: str) -> go.Figure:
    """Cities sorted by coverage for one unit type, bars coloured by status with its mark, goal line."""
    rows = cities[cities["unit_type"] == unit_type].sort_values("coverage", na_position="first")
    fig = go.Figure()
    if not rows.empty:
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
                textposition="inside",
                insidetextanchor="end",
                textfont={"color": "#111"},
                constraintext="none",
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
            )
        )
        fig.add_vline(
            x=goal,
            line={"color": GOAL_LINE_COLOR, "dash": "longdash", "width": 1.5},
            layer="above",
            annotation_text=f"{t('goal', lang)} {goal:.0f}%",
            annotation_position="top",
        )
    base_layout(fig, title=t(f"type_{unit_type}", lang), height=420)
    fig.update_layout(bargap=0.25, margin={"t": 44, "r": 56, "l": 8})
    fig.update_xaxes(range=[0, 100], ticksuffix="%", showgrid=True)
    return fig


def status_legend(lang: str) -> list[tuple[str, str, str]]:
    """(colour, mark, label) per status, for a legend drawn in HTML under the ranking."""
    return [(STATUS_COLORS[s], STATUS_MARKS[s], t(f"status_{s}", lang)) for s in STATUS_COLORS if s != "no_data"]
