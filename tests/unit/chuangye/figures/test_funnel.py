"""The certification funnel: every count on its bar or beside it, and no reference line through a count."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from chuangye.figures.funnel import pipeline_funnel

PLOT_PX = 150  # the narrowest the page draws the funnel's plot (a 390 px phone); wider plots only add room
ROUND_2019 = {  # the province's street/town round of 2019 in the sample, where "✗ 61" sat on the target line
    "evaluation_quota": 350,
    "declared": 378,
    "county_evaluated": 348,
    "city_reviewed": 327,
    "certified": 266,
    "rejected": 61,
    "target_count": 262,
}


def text_px(text: str, size: float = 13) -> float:
    return sum(0.9 if ch in "✔✗" else 0.6 for ch in text) * size


def drawn_labels(fig: dict) -> list[tuple[float, float, str]]:
    """Each count's horizontal extent (data units, at ``PLOT_PX``) and text, wherever the figure draws it: a
    funnel's own text (centred on its segment) or an annotation."""
    low, high = fig["layout"]["xaxis"]["range"]
    units = (high - low) / PLOT_PX
    labels = []
    funnels = [trace for trace in fig["data"] if trace["type"] == "funnel"]
    starts = [-sum(trace["x"][i] for trace in funnels) / 2 for i in range(len(funnels[0]["x"]))]
    for trace in funnels:
        texts = trace.get("text") if trace.get("textinfo") != "none" else None
        for i, (value, text) in enumerate(zip(trace["x"], texts or [""] * len(trace["x"]), strict=True)):
            if text:
                centre, half = starts[i] + value / 2, text_px(text) * units / 2
                labels.append((centre - half, centre + half, text))
            starts[i] += value
    for note in fig["layout"].get("annotations", []):
        width = text_px(note["text"]) * units
        if note.get("xref") == "paper":  # in the margin right of the plot: it must have the room there
            assert note["x"] == 1 and note["xanchor"] == "left", note
            assert fig["layout"]["margin"]["r"] >= text_px(note["text"]) + note.get("xshift", 0), note
            labels.append((high, high + width, note["text"]))
            continue
        left = {"left": note["x"], "right": note["x"] - width}.get(note.get("xanchor"), note["x"] - width / 2)
        labels.append((left, left + width, note["text"]))
    return labels


@pytest.mark.parametrize(
    "totals",
    [
        ROUND_2019,
        {**ROUND_2019, "target_count": 320, "rejected": 4},  # a sliver of rejected units on the line
        {**ROUND_2019, "target_count": 2, "evaluation_quota": 8},  # lines right through the middle labels
        {**ROUND_2019, "rejected": 0},
    ],
)
def test_no_reference_line_runs_through_a_count(totals):
    fig = pipeline_funnel(totals, "zh")
    go.Figure(fig)  # valid
    lines = {shape["x0"] for shape in fig["layout"]["shapes"]}
    labels = drawn_labels(fig)
    for left, right, text in labels:
        assert not any(left <= x <= right for x in lines), (text, left, right, sorted(lines))
        low, high = fig["layout"]["xaxis"]["range"]
        assert low <= left and (right <= high or left >= high), text  # inside the plot, or wholly right of it
    shown = " ".join(text for _, _, text in labels)
    for stage in ("evaluation_quota", "declared", "county_evaluated", "city_reviewed"):
        assert f"{totals[stage]:,}" in shown
    assert f"✔ {totals['certified']:,}" in shown
    assert (f"✗ {totals['rejected']:,}" in shown) == bool(totals["rejected"])
