"""Peer-comparison figures: the subject among all its peers, and its indicators' pass shares.

The builders return plain plotly figure dicts (``{"data": [...], "layout": {...}}``), which Dash sends as
they are: building ``go.Figure`` objects validates every property and costs 30–50 ms per chart, more
than a whole callback may take. ``go.Figure(fig)`` turns one into a figure object (and validates it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from chuangye.figures.style import (
    ACCENT,
    GOAL_LINE_COLOR,
    MODEBAR_MARGIN,
    MUTED,
    Figure,
    hline,
    layout_dict,
    line_label,
    plain_text,
)
from chuangye.strings.i18n import t
from chuangye.strings.numbers import percent_points, percent_text

SAME_PARENT_COLOR = "#9ccbe8"  # a light tint of the accent: same city, not the subject
OTHER_COLOR = "#d5d8dc"
PROVINCE_LINE_COLOR = "#7a4f9a"  # purple, apart from the goal's near-black
SUBJECT_LABEL_Y = 112  # the subject's label sits above 100 %, clear of the goal and average lines (≤ 100 %)
Y_TOP = 122  # the value axis runs on to here to hold the subject's label


def wrap(text: str, width: int = 16) -> str:
    """Break a long label at spaces into lines of about ``width`` characters (Chinese names stay whole)."""
    lines: list[str] = []
    for word in str(text).split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def peer_bars(
    peers: pd.DataFrame,
    subject_code: str,
    goal: float,
    province_value: float | None,
    lang: str,
    *,
    title: str | None = None,
    height: int = 300,
) -> Figure:
    """Every peer's coverage as a bar, highest first; the subject in the accent colour with its label.

    ``peers``: ``region_code``, ``region_name``, ``coverage`` (share), ``parent_code``; peers without a
    value are left out. With more than one parent among the peers (counties of several cities), those
    sharing the subject's parent get a light accent tint. The goal (dashed) and the province average
    (dotted) are drawn as labelled lines; the subject's name and value stand above 100 %, an arrow pointing
    down to its bar, so no line runs through them. Values are rounded once (``strings.numbers``).
    """
    rows = peers[peers["coverage"].notna()].sort_values(["coverage", "region_code"], ascending=[False, True])
    codes = rows["region_code"].to_numpy(dtype=object)
    names = rows["region_name"].map(plain_text).to_numpy(dtype=object)
    parents = rows["parent_code"].to_numpy(dtype=object)
    shares = rows["coverage"].to_numpy(dtype="float64")
    values = np.array([percent_points(v) for v in shares], dtype="float64")
    shown = np.array([percent_text(v) for v in shares], dtype=object)
    n = len(rows)
    position = np.arange(1, n + 1)
    is_subject = codes == subject_code
    subject_parent = peers.loc[peers["region_code"] == subject_code, "parent_code"]
    several_parents = len(set(parents)) > 1
    same_parent = (parents == subject_parent.iloc[0]) if several_parents and len(subject_parent) else np.zeros(n, bool)
    kinds = {
        "other": ~is_subject & ~same_parent,
        "same": ~is_subject & same_parent,
        "subject": is_subject,
    }
    colors = {"subject": ACCENT, "same": SAME_PARENT_COLOR, "other": OTHER_COLOR}
    legend = {
        "subject": t("peers_legend_subject", lang),
        "same": t("peers_legend_same_city", lang),
        "other": t("peers_legend_other", lang),
    }
    hover = "<b>%{customdata[0]}</b><br>" + t("peers_axis_coverage", lang) + " %{customdata[2]}<br>#%{x}<extra></extra>"
    data = []
    for key, mask in kinds.items():
        if not mask.any():
            continue
        data.append(
            {
                "type": "bar",
                "x": position[mask].tolist(),
                "y": values[mask].tolist(),
                "name": legend[key],
                "marker": {"color": colors[key], "line": {"width": 0}},
                "customdata": [
                    [name, code, text] for name, code, text in zip(names[mask], codes[mask], shown[mask], strict=True)
                ],
                "hovertemplate": hover,
                "showlegend": bool(several_parents or key == "subject"),
            }
        )
    annotations = []
    if is_subject.any():
        i = int(is_subject.argmax())
        left_half = position[i] <= n / 2
        annotations.append(
            {
                "x": int(position[i]),
                "y": float(values[i]),
                "text": f"<b>{names[i]}</b> {shown[i]}",
                "showarrow": True,
                "arrowhead": 2,
                "arrowcolor": ACCENT,
                "axref": "x",
                "ax": int(position[i]),
                "ayref": "y",
                "ay": SUBJECT_LABEL_Y,
                "xanchor": "left" if left_half else "right",  # the label runs into the plot, not off its edge
                "yanchor": "middle",
                "font": {"color": ACCENT, "size": 13},
                "bgcolor": "rgba(255,255,255,0.85)",
            }
        )
    else:
        name = peers.loc[peers["region_code"] == subject_code, "region_name"]
        annotations.append(
            {
                "text": t("peers_subject_missing", lang, name=plain_text(name.iloc[0]) if len(name) else subject_code),
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 1.0,
                "showarrow": False,
                "font": {"color": MUTED},
            }
        )
    goal_points = percent_points(goal)
    shapes = [hline(goal_points, GOAL_LINE_COLOR, "longdash", 1.5)]
    annotations.append(
        line_label(goal_points, f"{t('goal', lang)} {percent_text(goal, 0)}", GOAL_LINE_COLOR, right=False)
    )
    if province_value is not None and province_value == province_value:
        province_points = percent_points(province_value)
        shapes.append(hline(province_points, PROVINCE_LINE_COLOR, "dot", 2))
        label = f"{t('peers_province_average', lang)} {percent_text(province_value)}"
        annotations.append(line_label(province_points, label, PROVINCE_LINE_COLOR, right=True))
    layout = layout_dict(
        title,
        height,
        bargap=0.15 if n > 20 else 0.3,
        barmode="overlay",
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "font": {"size": 11}},
        margin={"l": 10, "r": MODEBAR_MARGIN, "t": 40 if title else 16, "b": 10},
        modebar={"orientation": "v"},
        hovermode="closest",
        shapes=shapes,
        annotations=annotations,
    )
    ticks = [0, 20, 40, 60, 80, 100]  # the range runs on to Y_TOP to leave room for the subject's label
    layout["yaxis"].update(
        title={"text": t("peers_axis_coverage", lang)},
        range=[0, Y_TOP],
        tickvals=ticks,
        ticktext=[f"{v}%" for v in ticks],
    )
    if n <= 13:
        layout["xaxis"].update(tickmode="array", tickvals=position.tolist(), ticktext=names.tolist(), tickangle=-45)
    else:
        layout["xaxis"].update(title={"text": t("peers_axis_rank", lang)}, range=[0.3, n + 0.7], showgrid=False)
    return {"data": data, "layout": layout}


def pass_share_bars(
    comparison: pd.DataFrame, subject_name: str, lang: str, *, title: str | None = None, height: int = 300
) -> Figure:
    """Per core indicator, the share of units passing it: the subject (accent) beside the province (muted).

    ``comparison``: rows of ``peers.indicator_comparison`` (``name_zh``/``name_en``, ``pass_share``,
    ``province_pass_share``).
    """
    names = [wrap(n) for n in comparison["name_en" if lang == "en" else "name_zh"]][::-1]
    data = []
    for column, label, color in (
        ("province_pass_share", t("peers_province_average", lang), MUTED),
        ("pass_share", plain_text(subject_name), ACCENT),
    ):
        shares = comparison[column].tolist()[::-1]
        data.append(
            {
                "type": "bar",
                "x": [percent_points(v) for v in shares],
                "y": names,
                "orientation": "h",
                "name": label,
                "marker": {"color": color},
                "text": [percent_text(v, 0) for v in shares],
                "customdata": [percent_text(v) for v in shares],
                "textposition": "outside",
                "cliponaxis": False,
                "hovertemplate": "%{y}: %{customdata}<extra>" + label + "</extra>",
            }
        )
    layout = layout_dict(
        title,
        height,
        barmode="group",
        bargap=0.25,
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "traceorder": "reversed"},
        margin={"l": 10, "r": MODEBAR_MARGIN, "t": 50 if title else 26, "b": 10},
        modebar={"orientation": "v"},
    )
    layout["xaxis"].update(range=[0, 115], ticksuffix="%", title={"text": t("peers_axis_pass_share", lang)})
    layout["yaxis"].update(automargin=True)
    return {"data": data, "layout": layout}


__all__ = ["pass_share_bars", "peer_bars", "wrap"]
