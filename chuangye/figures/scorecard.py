"""Unit-scorecard figures: one small chart per core indicator, the value by year against its threshold.

Plain figure dicts, like ``figures.peers`` (four charts per page view: ``go.Figure`` would cost ~100 ms).
"""

from __future__ import annotations

import pandas as pd

from chuangye.figures.peers import wrap
from chuangye.figures.style import GOAL_LINE_COLOR, MODEBAR_MARGIN, MUTED, STATUS_COLORS, Figure, hline, layout_dict
from chuangye.strings.i18n import t
from chuangye.strings.numbers import indicator_text

PASS_COLOR = STATUS_COLORS["achieved"]  # bluish green
FAIL_COLOR = "#D55E00"  # vermillion
SELECTED_YEAR_FILL = "rgba(0,114,178,0.08)"
MARKS = {True: "✔", False: "✘"}
LABEL_SIZE = 10  # px, the value labels
MARKER_SIZE = 11
# where a value label above or below its marker starts and ends, as a share of the plot's height (the smallest
# plot, a chart of 230 px on the page, has about 140 px between the title and the year ticks): after half the
# marker and a gap, one line of text
PLOT_PX = 140
LABEL_GAP = (MARKER_SIZE / 2 + 2) / PLOT_PX
LABEL_REACH = LABEL_GAP + LABEL_SIZE * 1.3 / PLOT_PX
Y_HEADROOM = 1.3  # the value axis runs on to 1.3 × the highest value or threshold: room for a label above it


def label_positions(values: list[float | None], threshold: float | None, y_top: float) -> list[str]:
    """Where each value's label goes ("top center" or "bottom center") so that no label sits on the threshold
    line: on the side of its marker away from the line, unless there is no room there (a value near 0 or the
    axis top); then on the other side when the line is not in the way there either."""
    gap, reach = LABEL_GAP * y_top, LABEL_REACH * y_top
    positions = []
    for value in values:
        if value is None:
            positions.append("top center")
            continue
        above = (value + gap, value + reach)
        below = (value - reach, value - gap)
        away = "bottom" if threshold is not None and value < threshold else "top"
        order = [away, "top" if away == "bottom" else "bottom"]
        fits = {
            "top": above[1] <= y_top and not _crosses(above, threshold),
            "bottom": below[0] >= 0 and not _crosses(below, threshold),
        }
        side = next((side for side in order if fits[side]), away)
        positions.append(f"{side} center")
    return positions


def _crosses(span: tuple[float, float], line: float | None) -> bool:
    return line is not None and span[0] <= line <= span[1]


def indicator_history_figure(
    history: pd.DataFrame, lang: str, *, selected_year: int | None = None, height: int = 230
) -> Figure:
    """One indicator of one unit over the years: value (line and markers), threshold (dashed line, and
    named in the title), the selected year shaded.

    ``history``: rows of one indicator from ``scorecard.indicator_history`` (``year``, ``value``,
    ``threshold``, ``pass``, ``format``, ``name_zh``/``name_en``). A passing year is a green circle, a
    failing one a vermillion cross (mark and colour; hover adds ✔/✘ and the label); a year without figures
    has no marker.
    """
    rows = history.sort_values("year")
    fmt = str(rows["format"].iloc[0]) if len(rows) else "percent"
    digits = int(rows["digits"].iloc[0]) if len(rows) and "digits" in rows else 1
    scale = 100 if fmt == "percent" else 1
    name = str(rows["name_en" if lang == "en" else "name_zh"].iloc[0]) if len(rows) else ""
    years = [int(y) for y in rows["year"]]
    raw = [float(v) if pd.notna(v) else None for v in rows["value"]]
    values = [None if v is None else round(v * scale, 6) for v in raw]
    passed = [None if pd.isna(p) else bool(p) for p in rows["pass"]]
    threshold = rows["threshold"].dropna()
    limit = float(threshold.iloc[-1]) * scale if len(threshold) else None
    top = max([v for v in values if v is not None] + [0.0] + ([limit] if limit is not None else []))
    y_top = top * Y_HEADROOM if top > 0 else 1
    positions = label_positions(values, limit, y_top)
    shapes = []
    if selected_year is not None and selected_year in years:
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "x0": selected_year - 0.45,
                "x1": selected_year + 0.45,
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "fillcolor": SELECTED_YEAR_FILL,
                "line": {"width": 0},
                "layer": "below",
            }
        )
    data = [
        {
            "type": "scatter",
            "x": years,
            "y": values,
            "mode": "lines",
            "line": {"color": MUTED, "width": 1.5},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    ]
    for outcome, color, symbol in ((True, PASS_COLOR, "circle"), (False, FAIL_COLOR, "x")):
        pick = [i for i, p in enumerate(passed) if p is outcome]
        if not pick:
            continue
        label = t("unit_pass" if outcome else "unit_fail", lang)
        data.append(
            {
                "type": "scatter",
                "x": [years[i] for i in pick],
                "y": [values[i] for i in pick],
                "mode": "markers+text",
                "marker": {
                    "color": color,
                    "symbol": symbol,
                    "size": MARKER_SIZE,
                    "line": {"width": 1, "color": "white"},
                },
                "text": [indicator_text(raw[i], fmt, digits) for i in pick],
                "textposition": [positions[i] for i in pick],
                "textfont": {"color": color, "size": LABEL_SIZE},
                "name": label,
                "hovertemplate": "%{x}: %{text} " + MARKS[outcome] + "<extra>" + label + "</extra>",
                "showlegend": False,
            }
        )
    neutral = [i for i, p in enumerate(passed) if p is None and values[i] is not None]
    if neutral:  # a value without a threshold (non-core indicator)
        data.append(
            {
                "type": "scatter",
                "x": [years[i] for i in neutral],
                "y": [values[i] for i in neutral],
                "mode": "markers+text",
                "marker": {"color": MUTED, "size": 9},
                "text": [indicator_text(raw[i], fmt, digits) for i in neutral],
                "textposition": [positions[i] for i in neutral],
                "showlegend": False,
                "hovertemplate": "%{x}: %{text}<extra></extra>",
            }
        )
    title = wrap(name, 26)  # small charts: a long English name takes two lines
    lines = title.count("<br>") + 1
    if limit is not None:
        shapes.append(hline(limit, GOAL_LINE_COLOR, "dash", 1.2, layer="below"))
        rule = f"{t('unit_threshold', lang)} ≥ {indicator_text(threshold.iloc[-1], fmt, digits)}"
        title = f"{title}<br><span style='font-size:11px;color:#555'>{rule}</span>"
    layout = layout_dict(
        title,
        height + 20 * (lines - 1),
        margin={"l": 10, "r": MODEBAR_MARGIN, "t": 42 + 20 * lines, "b": 10},  # the title is centred in it
        modebar={"orientation": "v"},
        hovermode="closest",
        shapes=shapes,
    )
    span = [min(years) - 0.5, max(years) + 0.5] if years else [0, 1]
    layout["xaxis"].update(tickmode="array", tickvals=years, range=span, showgrid=False)
    layout["yaxis"].update(
        range=[0, y_top],
        ticksuffix="%" if fmt == "percent" else "",
        title={"text": t("unit_value", lang), "font": {"size": 11}},
    )
    return {"data": data, "layout": layout}


__all__ = ["FAIL_COLOR", "PASS_COLOR", "indicator_history_figure", "label_positions"]
