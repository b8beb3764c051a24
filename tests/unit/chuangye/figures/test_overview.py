"""Bar charts whose goal line never runs through their value labels (the overview's ranking, the peers'
chart), with every number shown through ``strings.numbers``. Expected values come from the engine's frames."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.figures.overview import VALUE_LABEL_MARGIN, ranking_figure, trend_figure
from chuangye.figures.peers import SUBJECT_LABEL_Y, Y_TOP, peer_bars
from chuangye.figures.style import STATUS_MARKS
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.numbers import percent_points, percent_text


@pytest.fixture(scope="module")
def an(tmp_path_factory) -> Analytics:
    store = Store(tmp_path_factory.mktemp("overview"))
    store.ensure_initialised(SAMPLE_DIR)
    return Analytics(store.active(), load_config())


def cities(an: Analytics, year: int, lang: str = "zh"):
    frame = an.coverage(level="city", year=year, parent=an.regions.root)
    return frame.assign(region_name=an.region_names_for(frame["region_code"], lang))


def text_px(text: str, size: float = 12) -> float:
    return sum(size if ord(ch) >= 0x2E80 else size * 0.62 for ch in text)


@pytest.mark.parametrize("unit_type", ["street_town", "community_village", "park"])
def test_ranking_labels_stand_right_of_the_plot_clear_of_the_goal_line(an, unit_type):
    for year in an.years:
        frame = cities(an, year)
        figure = ranking_figure(frame, unit_type, "zh")
        go.Figure(figure)
        rows = frame[frame["unit_type"] == unit_type]
        goal = percent_points(rows["goal"].iloc[0])
        (line,) = figure["layout"]["shapes"]
        assert line["xref"] == "x" and line["x0"] == line["x1"] == goal
        assert 0 <= goal <= figure["layout"]["xaxis"]["range"][1]  # the goal line runs inside the plot
        notes = figure["layout"]["annotations"]
        values = [a for a in notes if a.get("yref") == "y"]
        assert len(values) == len(rows)
        for note in values:  # every value label starts right of the plot's edge: no line inside can cross it
            assert note["xref"] == "paper" and note["x"] >= 1 and note["xanchor"] == "left"
            assert text_px(note["text"]) + note.get("xshift", 0) <= VALUE_LABEL_MARGIN
        by_name = {a["y"]: a["text"] for a in values}
        for name, coverage, status in zip(rows["region_name"], rows["coverage"], rows["status"], strict=True):
            expected = f"{percent_text(coverage)} {STATUS_MARKS[status]}" if coverage == coverage else "—"
            assert by_name[name] == expected
        (goal_label,) = [a for a in notes if a.get("yref") == "paper"]  # the goal's label stands above the plot
        assert goal_label["y"] >= 1 and goal_label["yanchor"] == "bottom"
        assert figure["layout"]["margin"]["r"] >= VALUE_LABEL_MARGIN
        bars = figure["data"][0]
        assert bars["x"] == [percent_points(c) for c in rows.sort_values("coverage", na_position="first")["coverage"]]
        assert "%{x" not in bars["hovertemplate"]  # the hover shows the pre-formatted value


def test_peer_chart_label_stands_above_every_line(an):
    year = an.years[-1]
    frame = an.coverage(level="city", year=year, unit_type="street_town", parent=an.regions.root)
    frame = frame.assign(region_name=an.region_names_for(frame["region_code"], "zh"), parent_code=an.regions.root)
    province = an.coverage(region=an.regions.root)
    province_value = float(province.loc[(province["year"] == year) & (province["unit_type"] == "street_town"),
                                        "coverage"].iloc[0])  # fmt: skip
    goal = an.cfg.goals["street_town"]
    for subject in frame["region_code"]:
        figure = peer_bars(frame, subject, goal, province_value, "zh")
        lines = [shape["y0"] for shape in figure["layout"]["shapes"]]
        assert lines and max(lines) <= 100
        (label,) = [a for a in figure["layout"]["annotations"] if a.get("showarrow")]
        # the text sits around SUBJECT_LABEL_Y: ±6 points holds a 13 px line on the ~240 px plot of 0–122 %
        assert label["ayref"] == "y" and label["ay"] == SUBJECT_LABEL_Y
        assert label["ay"] - 6 > max(lines) and label["ay"] + 6 <= Y_TOP
        assert figure["layout"]["yaxis"]["range"] == [0, Y_TOP]
        coverage = frame.loc[frame["region_code"] == subject, "coverage"].iloc[0]
        assert label["text"].endswith(percent_text(coverage))
        assert label["y"] == percent_points(coverage)
        hover = next(trace for trace in figure["data"] if trace["name"] == "本地区")
        assert hover["customdata"][0][2] == percent_text(coverage) and "%{y" not in hover["hovertemplate"]


def test_trend_hover_shows_the_rounded_values(an):
    history = an.coverage(region=an.regions.root)
    figure = trend_figure(history, "street_town", an.years[-2], an.cfg.target_year, "en")
    observed = figure["data"][0]
    rows = history[(history["unit_type"] == "street_town") & (history["year"] <= an.years[-2])].sort_values("year")
    assert observed["text"] == [percent_text(c) for c in rows["coverage"]]
    assert observed["y"] == [percent_points(c) for c in rows["coverage"]]
    assert all("%{y" not in trace["hovertemplate"] for trace in figure["data"])
