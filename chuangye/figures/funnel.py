"""Certification round figures: the funnel of one city or the province, certified vs target by city.

Both are built as plain plotly figure dicts (``{"data": [...], "layout": {...}}``) on the shared
``base_layout``: building ``go.Figure`` objects validated every property and cost about 10 ms per figure,
the whole budget of a callback; Dash sends a dict as it is. ``plotly.graph_objects.Figure(fig)`` turns one
back into an object (for export or checks).
"""

from __future__ import annotations

import pandas as pd

from chuangye.figures.style import GOAL_LINE_COLOR, layout_dict, pct, plain_text
from chuangye.strings.i18n import t

# Okabe–Ito: grey quota, blues along the steps, green certified, vermillion rejected.
STAGE_COLORS: dict[str, str] = {
    "evaluation_quota": "#BBBBBB",
    "declared": "#9ecae1",
    "county_evaluated": "#56B4E9",
    "city_reviewed": "#0072B2",
    "certified": "#009E73",
    "rejected": "#D55E00",
}
QUOTA_LINE_COLOR = "#666666"
SHORT_COLOR = "#E69F00"
FUNNEL_HEIGHT = 380
FUNNEL_STAGES: tuple[str, ...] = ("evaluation_quota", "declared", "county_evaluated", "city_reviewed", "certified")
DARK_STAGES = frozenset({"city_reviewed", "certified", "rejected"})  # white text on these
LABEL_SIZE = 13  # px, the counts on the bars
# the narrowest the funnel's plot is drawn (a phone's card, less the step names): a count's label is kept clear
# of the reference lines at this width, so at any wider one too
FUNNEL_PLOT_PX = 150
X_REACH = 0.56  # the x axis runs ±0.56 × the widest bar or line: a little room on both sides


def _layout(height: int, **extra) -> dict:
    axes = {axis: {"automargin": True, **extra.pop(axis, {})} for axis in ("xaxis", "yaxis")}
    layout = layout_dict(None, height, **extra)
    for axis, value in axes.items():
        layout[axis] = {**layout[axis], **value}
    return layout


def _stage_label(stage: str, lang: str) -> str:
    if stage == "evaluation_quota":
        return t("cert_funnel_quota", lang)
    if stage == "certified":
        return t("cert_funnel_decision", lang)
    return t(f"stage_{stage}", lang)


def _share(value: int | None, of: int | None) -> str:
    return pct(value / of, 0) if value is not None and of else "—"


def _label_px(text: str) -> float:
    """About how wide a count's label is drawn: digits half an em, the marks ✔ ✗ nearly a whole one, padding."""
    return sum(0.9 if ch in "✔✗" else 0.6 for ch in text) * LABEL_SIZE + LABEL_SIZE


def _free_stretches(start: float, end: float, lines: list[float], pad: float) -> list[tuple[float, float]]:
    """The parts of ``start``–``end`` at least ``pad`` away from every line."""
    stretches = [(start, end)] if end >= start else []
    for line in lines:
        cut = []
        for a, b in stretches:
            if line + pad <= a or line - pad >= b:
                cut.append((a, b))
            else:
                cut += [piece for piece in ((a, line - pad), (line + pad, b)) if piece[1] >= piece[0]]
        stretches = cut
    return stretches


def _label_centre(start: float, end: float, lines: list[float], half: float) -> float | None:
    """Where a label ``2 × half`` wide sits inside ``start``–``end`` with no line through it: the middle if that
    is free, else the middle of the longest free stretch; None if it fits nowhere."""
    stretches = _free_stretches(start + half, end - half, lines, half)
    middle = (start + end) / 2
    if any(a <= middle <= b for a, b in stretches):
        return middle
    if not stretches:
        return None
    a, b = max(stretches, key=lambda piece: piece[1] - piece[0])
    return (a + b) / 2


def place_labels(
    rows: list[list[tuple[float, float, str, str]]], lines: list[float], reach: float
) -> tuple[list[dict], int]:
    """Annotations for the counts on the funnel's bars, none on a reference line, and the right margin (px)
    they need.

    ``rows``: per step (top first) its segments as (start, end, text, stage); ``reach``: the x axis runs
    ±reach. A label goes in the middle of its segment, or of the longest stretch of it that no line crosses,
    if it fits there at the narrowest plot (``FUNNEL_PLOT_PX``); otherwise in the margin right of the plot,
    level with its step, where nothing is drawn.
    """
    units_per_px = 2 * reach / FUNNEL_PLOT_PX
    annotations: list[dict] = []
    margin = 0
    for row, segments in enumerate(rows):
        outside: list[str] = []
        for start, end, text, stage in segments:
            if not text:
                continue
            x = _label_centre(start, end, lines, _label_px(text) * units_per_px / 2)
            if x is None:
                outside.append(text)
            else:
                color = "#fff" if stage in DARK_STAGES else "#111"
                annotations.append(_count_label(row, x, text, color))
        if outside:
            text = "  ".join(outside)
            annotations.append({**_count_label(row, 1, text, "#111"), "xref": "paper", "xanchor": "left", "xshift": 4})
            margin = max(margin, round(_label_px(text)) + 8)
    return annotations, margin


def _count_label(row: int, x: float, text: str, color: str) -> dict:
    return {
        "x": x,
        "y": row,
        "xref": "x",
        "yref": "y",
        "text": text,
        "xanchor": "center",
        "showarrow": False,
        "font": {"size": LABEL_SIZE, "color": color},
    }


def _legend_entry(name: str, style: dict) -> dict:
    """A legend-only trace (no data) explaining a line or a colour."""
    return {"type": "scatter", "x": [None], "y": [None], "name": name, "hoverinfo": "skip", "showlegend": True, **style}


def pipeline_funnel(totals: dict[str, int | None], lang: str, *, height: int = FUNNEL_HEIGHT) -> dict:
    """Quota → declared → county evaluated → city reviewed → decision (certified + rejected stacked).

    Dashed lines mark the target count, dotted lines the evaluation quota (a funnel bar is centred, so a
    count ``n`` sits at ±n/2); the legend names both with their numbers. The counts are annotations placed
    clear of those lines (``place_labels``). ``totals`` as ``chuangye.engine.pipeline.funnel_totals``.
    """
    labels = [_stage_label(s, lang) for s in FUNNEL_STAGES]
    quota, target = totals.get("evaluation_quota"), totals.get("target_count")
    values = [totals.get(s) or 0 for s in FUNNEL_STAGES]
    rejected = totals.get("rejected") or 0
    hover = [
        f"{label}: {v:,}<br>{t('cert_funnel_of_quota', lang, pct=_share(v, quota))}"
        for label, v in zip(labels, values, strict=True)
    ]
    of_target = t("cert_funnel_of_target", lang, pct=_share(values[-1], target))
    hover[-1] = f"{t('stage_certified', lang)}: {values[-1]:,}<br>{of_target}"
    common = {"type": "funnel", "y": labels, "textinfo": "none", "hoverinfo": "text"}
    data = [
        {
            **common,
            "x": values,
            "marker": {"color": [STAGE_COLORS[s] for s in FUNNEL_STAGES], "line": {"width": 1, "color": "#fff"}},
            "connector": {"fillcolor": "#eef1f4", "line": {"width": 0}},
            "hovertext": hover,
            "name": t("cert_funnel_reached", lang),
            "showlegend": False,
        },
        {
            **common,
            "x": [0, 0, 0, 0, rejected],
            "marker": {"color": STAGE_COLORS["rejected"], "line": {"width": 1, "color": "#fff"}},
            "connector": {"visible": False},
            "hovertext": ["", "", "", "", f"{t('stage_rejected', lang)}: {rejected:,}"],
            "name": t("stage_rejected", lang),
            "showlegend": False,
        },
    ]
    shapes = []
    lines: list[float] = []
    for count, key, dash, color in (
        (target, "cert_funnel_target_line", "dash", GOAL_LINE_COLOR),
        (quota, "cert_funnel_quota_line", "dot", QUOTA_LINE_COLOR),
    ):
        if not count:
            continue
        line = {"color": color, "width": 1.5, "dash": dash}
        lines += [-count / 2, count / 2]
        shapes += [
            {"type": "line", "x0": x, "x1": x, "y0": 0, "y1": 1, "yref": "paper", "line": line}
            for x in (-count / 2, count / 2)
        ]
        data.append(
            _legend_entry(t(key, lang, n=f"{count:,}"), {"mode": "lines", "line": {"color": color, "dash": dash}})
        )
    for stage, mark, count in (("certified", "✔", values[-1]), ("rejected", "✗", rejected)):
        marker = {"symbol": "square", "size": 11, "color": STAGE_COLORS[stage]}
        data.append(
            _legend_entry(f"{mark} {t(f'stage_{stage}', lang)} {count:,}", {"mode": "markers", "marker": marker})
        )
    widest = max([*values[:-1], values[-1] + rejected, quota or 0, target or 0, 1])
    decided = values[-1] + rejected  # the decision row: certified, then rejected, centred together
    rows = [[(-v / 2, v / 2, f"{v:,}", stage)] for v, stage in zip(values[:-1], FUNNEL_STAGES, strict=False)]
    rows.append(
        [
            (-decided / 2, -decided / 2 + values[-1], f"✔ {values[-1]:,}", "certified"),
            (-decided / 2 + values[-1], decided / 2, f"✗ {rejected:,}" if rejected else "", "rejected"),
        ]
    )
    reach = widest * X_REACH
    annotations, right = place_labels(rows, lines, reach)
    layout = _layout(
        height,
        funnelmode="stack",
        hovermode="closest",
        margin={"l": 10, "r": max(10, right), "t": 10, "b": 10},
        legend={"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top", "font": {"size": 11}},
        shapes=shapes,
        annotations=annotations,
        xaxis={"visible": False, "range": [-reach, reach], "fixedrange": True},
        # the legend-only traces would otherwise turn the funnel upside down
        yaxis={"fixedrange": True, "ticks": "", "categoryorder": "array", "categoryarray": labels,
               "autorange": "reversed", "showgrid": False},
    )  # fmt: skip
    return {"data": data, "layout": layout}


def certified_vs_target(
    table: pd.DataFrame, lang: str, *, selected: str | None = None, height: int | None = None
) -> dict:
    """Per city, certified (bar) against the target count (mark) and the evaluation quota (light bar behind).

    Sorted by share of the target achieved; a column of notes says "met" or how many are short, so the
    message does not rest on colour. ``table`` as ``chuangye.engine.pipeline.city_pipeline``; ``selected``
    highlights a city; ``height`` defaults to what the number of cities needs.
    """
    frame = table.assign(_order=table["pct_target"].fillna(-1)).sort_values("_order", ascending=True)
    labels = [
        plain_text(en.removesuffix(" City") if lang == "en" and isinstance(en, str) and en else zh)
        for zh, en in zip(frame["name"], frame["name_en"], strict=True)
    ]
    codes = frame["region_code"].tolist()
    target = [None if pd.isna(v) else int(v) for v in frame["target_count"]]
    quota = [None if pd.isna(v) else int(v) for v in frame["evaluation_quota"]]
    certified = [int(v) for v in frame["certified"]]
    met = [tg is not None and c >= tg for c, tg in zip(certified, target, strict=True)]
    notes = [
        "" if tg is None else (t("cert_bar_met", lang) if ok else t("cert_bar_short", lang, n=tg - c))
        for c, tg, ok in zip(certified, target, met, strict=True)
    ]
    opacity = [1.0 if selected in (None, code) else 0.4 for code in codes]
    widest = max([*(v for v in quota if v), *(v for v in target if v), *certified, 1])
    hover = "%{y}: {what} %{x:,}<extra></extra>"
    bars = {"type": "bar", "y": labels, "orientation": "h", "customdata": codes}
    data = [
        {
            **bars,
            "x": quota,
            "name": t("cert_bar_quota", lang),
            "marker": {"color": "#e3e6ea", "line": {"width": 0}},
            "width": 0.8,
            "hovertemplate": hover.replace("{what}", t("cert_bar_quota", lang)),
        },
        *(
            {
                **bars,
                "x": [c if ok == reached else None for c, ok in zip(certified, met, strict=True)],
                "name": t(key, lang),
                "marker": {"color": color, "opacity": opacity},
                "width": 0.45,
                "hovertemplate": hover.replace("{what}", t("cert_bar_certified", lang)),
            }
            for reached, key, color in (
                (True, "cert_bar_certified_met", STAGE_COLORS["certified"]),
                (False, "cert_bar_certified_short", SHORT_COLOR),
            )
        ),
        {
            "type": "scatter",
            "y": labels,
            "x": target,
            "mode": "markers",
            "name": t("cert_bar_target", lang),
            "marker": {"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": GOAL_LINE_COLOR}},
            "customdata": codes,
            "hovertemplate": hover.replace("{what}", t("cert_bar_target", lang)),
        },
        {  # one column of notes right of the bars: "23 ✔ met" / "16 ▽ −2"
            "type": "scatter",
            "y": labels,
            "x": [widest * 1.03] * len(labels),
            "mode": "text",
            "text": [f"{c:,} {n}" for c, n in zip(certified, notes, strict=True)],
            "textposition": "middle right",
            "textfont": {"size": 11, "color": "#222"},
            "cliponaxis": False,
            "customdata": codes,
            "hoverinfo": "skip",
            "showlegend": False,
        },
    ]
    shapes = [
        {"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "y0": i - 0.5, "y1": i + 0.5, "line": {"width": 0},
         "fillcolor": "rgba(0,114,178,0.08)", "layer": "below"}
        for i, code in enumerate(codes)
        if code == selected
    ]  # fmt: skip
    layout = _layout(
        height or max(300, 26 * len(labels) + 110),
        barmode="overlay",
        bargap=0.25,
        clickmode="event",
        hovermode="closest",
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "font": {"size": 11}},
        margin={"l": 10, "r": 10, "t": 36, "b": 40},
        shapes=shapes,
        xaxis={"title": {"text": t("cert_bar_axis", lang), "font": {"size": 12}}, "range": [0, widest * 1.4],
               "fixedrange": True},
        yaxis={"fixedrange": True, "type": "category", "categoryorder": "array", "categoryarray": labels,
               "color": "#222", "showgrid": False},
    )  # fmt: skip
    return {"data": data, "layout": layout}
