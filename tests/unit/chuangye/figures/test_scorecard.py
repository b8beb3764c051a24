"""Figure builders of the peer-comparison and unit-scorecard pages: traces, highlighted subject, marks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from chuangye.figures.peers import OTHER_COLOR, SAME_PARENT_COLOR, pass_share_bars, peer_bars
from chuangye.figures.scorecard import FAIL_COLOR, PASS_COLOR, indicator_history_figure
from chuangye.figures.style import ACCENT, GOAL_LINE_COLOR


def counties() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region_code": ["320102", "320104", "320115", "320205", "320206", "320301"],
            "region_name": ["玄武区", "秦淮区", "江宁区", "锡山区", "惠山区", "无数区"],
            "parent_code": ["320100", "320100", "320100", "320200", "320200", "320300"],
            "coverage": [1.0, 0.75, 0.8, 0.9, 0.5, np.nan],
        }
    )


def bars_by_name(fig) -> dict:
    return {trace.name: trace for trace in fig.data if trace.type == "bar"}


def test_figures_are_plain_dicts_that_plotly_accepts():
    raw = peer_bars(counties(), "320115", goal=0.8, province_value=0.77, lang="zh")
    assert isinstance(raw, dict) and set(raw) == {"data", "layout"}
    go.Figure(raw)  # validates every property
    assert raw["layout"]["font"]["family"].startswith('"Noto Sans CJK SC"')  # the shared base layout
    go.Figure(indicator_history_figure(history_rows(), "en"))


def test_peer_bars_highlight_the_subject_and_tint_its_city():
    fig = go.Figure(peer_bars(counties(), "320115", goal=0.8, province_value=0.77, lang="zh", title="街道"))
    traces = bars_by_name(fig)
    assert set(traces) == {"本地区", "同市其他县(市、区)", "其他同级地区"}
    subject = traces["本地区"]
    assert subject.marker.color == ACCENT and list(subject.y) == [80.0]
    assert list(subject.x) == [3]  # third highest of the five with a value
    assert traces["同市其他县(市、区)"].marker.color == SAME_PARENT_COLOR
    assert sorted(traces["同市其他县(市、区)"].y) == [75.0, 100.0]
    assert traces["其他同级地区"].marker.color == OTHER_COLOR
    assert sum(len(t.y) for t in traces.values()) == 5  # the peer without a value is left out
    label = [a for a in fig.layout.annotations if "江宁区" in (a.text or "")]
    assert label and "80.0%" in label[0].text
    lines = {round(s.y0, 3): s.line.color for s in fig.layout.shapes}
    assert lines[80.0] == GOAL_LINE_COLOR and 77.0 in lines
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "目标 80%" in texts and "全省平均 77.0%" in texts
    assert fig.layout.yaxis.title.text == "覆盖率"


def test_peer_bars_of_cities_name_every_bar_and_say_when_the_subject_has_no_value():
    cities = counties().assign(parent_code="320000")
    fig = go.Figure(peer_bars(cities, "320104", goal=0.7, province_value=None, lang="en"))
    assert list(fig.layout.xaxis.ticktext) == ["玄武区", "锡山区", "江宁区", "秦淮区", "惠山区"]
    assert [t.name for t in fig.data] == ["Other peers", "This area"]  # one parent: no city tint
    missing = go.Figure(peer_bars(cities, "320301", goal=0.7, province_value=0.6, lang="en"))
    assert all(t.marker.color != ACCENT for t in missing.data)
    assert any("has no units of this type" in (a.text or "") for a in missing.layout.annotations)


def test_pass_share_bars_put_subject_beside_province():
    comparison = pd.DataFrame(
        {
            "name_zh": ["创业参与率", "创业成功率"],
            "name_en": ["Participation", "Success"],
            "pass_share": [0.8, 1.0],
            "province_pass_share": [0.9, np.nan],
        }
    )
    fig = go.Figure(pass_share_bars(comparison, "江宁区", "zh"))
    subject = next(t for t in fig.data if t.name == "江宁区")
    province = next(t for t in fig.data if t.name == "全省平均")
    assert subject.marker.color == ACCENT
    assert list(subject.x) == [100.0, 80.0] and list(subject.y) == ["创业成功率", "创业参与率"]
    assert list(province.text) == ["—", "90%"]
    assert fig.layout.xaxis.title.text == "达标单位占比"
    english = go.Figure(
        pass_share_bars(comparison.assign(name_en="Employment contribution of entrepreneurship"), "X", "en")
    )
    assert english.data[0].y[0] == "Employment<br>contribution of<br>entrepreneurship"


def history_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2016, 2017, 2018, 2019, 2020],
            "indicator": "participation_rate",
            "name_zh": "创业参与率",
            "name_en": "Participation rate",
            "format": "percent",
            "value": [0.012, 0.016, np.nan, 0.021, 0.025],
            "threshold": 0.015,
            "pass": pd.array([False, True, pd.NA, True, True], dtype="boolean"),
        }
    )


def test_indicator_history_marks_pass_and_fail_by_symbol_and_colour():
    fig = go.Figure(indicator_history_figure(history_rows(), "zh", selected_year=2019))
    passed = next(t for t in fig.data if t.name == "✔ 达标")
    failed = next(t for t in fig.data if t.name == "✘ 未达标")
    assert (passed.marker.color, passed.marker.symbol) == (PASS_COLOR, "circle")
    assert (failed.marker.color, failed.marker.symbol) == (FAIL_COLOR, "x")
    assert list(passed.x) == [2017, 2019, 2020] and list(failed.x) == [2016]
    assert list(failed.text) == ["1.2%"] and list(passed.y) == pytest.approx([1.6, 2.1, 2.5])
    threshold = [s for s in fig.layout.shapes if s.type == "line"]
    assert threshold and threshold[0].y0 == pytest.approx(1.5)
    band = [s for s in fig.layout.shapes if s.type == "rect"]
    assert band and band[0].x0 < 2019 < band[0].x1
    assert "创业参与率" in fig.layout.title.text and "阈值 ≥ 1.5%" in fig.layout.title.text
    assert list(fig.layout.xaxis.tickvals) == [2016, 2017, 2018, 2019, 2020]


def test_indicator_history_in_english_without_any_figures():
    rows = history_rows().assign(value=np.nan, **{"pass": pd.array([pd.NA] * 5, dtype="boolean")})
    fig = go.Figure(indicator_history_figure(rows, "en"))
    assert [t.name for t in fig.data if t.mode and "markers" in t.mode] == []
    assert fig.layout.title.text.startswith("Participation rate")
    assert "Threshold ≥ 1.5%" in fig.layout.title.text


def test_indicator_history_prints_the_indicators_own_decimals():
    """Issue 8: a 0.46 % participation rate against a 0.5 % threshold read "0.5% ✘" beside "≥ 0.5%"."""
    passed = pd.array([False, True, pd.NA, False, True], dtype="boolean")
    values = [0.00456, 0.0051, np.nan, 0.0049, 0.006]
    rows = history_rows().assign(value=values, threshold=0.005, digits=2, **{"pass": passed})
    fig = go.Figure(indicator_history_figure(rows, "zh"))
    failed = next(t for t in fig.data if t.name == "✘ 未达标")
    assert list(failed.text) == ["0.46%", "0.49%"]
    assert "≥ 0.50%" in fig.layout.title.text


def label_spans(fig: dict) -> list[tuple[float, float, str]]:
    """Each value label's vertical extent in data units (one line of text above or below its marker, as the
    chart's smallest plot of about 140 px draws it) and its text."""
    top = fig["layout"]["yaxis"]["range"][1]
    px = top / 140  # data units per pixel
    gap, reach = (11 / 2 + 2) * px, (11 / 2 + 2 + 10 * 1.3) * px  # half the marker and a gap; a 10 px line
    spans = []
    for trace in fig["data"]:
        if "text" not in (trace.get("mode") or ""):
            continue
        positions = trace["textposition"]
        positions = positions if isinstance(positions, list) else [positions] * len(trace["y"])
        for y, where, text in zip(trace["y"], positions, trace["text"], strict=True):
            spans.append((y + gap, y + reach, text) if where.startswith("top") else (y - reach, y - gap, text))
    return spans


@pytest.mark.parametrize(
    ("values", "passes"),
    [
        ([0.670, 0.690, 0.768, 0.886, 0.789], [False, False, False, True, False]),  # 78.9 % under an 80 % line
        ([0.79, 0.81, 0.80, 0.795, 0.0], [False, True, True, False, False]),  # on both sides, one at 0
    ],
)
def test_indicator_history_keeps_value_labels_off_the_threshold_line(values, passes):
    """Issue 8 (/unit?unit=320117101, 创业存活率): a value just under the threshold printed its label above the
    marker, exactly on the dashed threshold line."""
    rows = history_rows().assign(value=values, threshold=0.80, **{"pass": pd.array(passes, dtype="boolean")})
    fig = indicator_history_figure(rows, "zh")
    (line,) = [s for s in fig["layout"]["shapes"] if s["type"] == "line"]
    spans = label_spans(fig)
    assert len(spans) == 5
    for low, high, text in spans:
        assert not low <= line["y0"] <= high, (text, low, high, line["y0"])
        assert low >= 0 and high <= fig["layout"]["yaxis"]["range"][1], text  # inside the plot, not clipped


def test_label_positions_put_a_label_on_the_side_away_from_the_line():
    from chuangye.figures.scorecard import label_positions

    assert label_positions([78.9, 81.0, None], 80.0, 130.0) == ["bottom center", "top center", "top center"]
    assert label_positions([1.0], 80.0, 130.0) == ["top center"]  # no room below: above, the line is far
    assert label_positions([50.0, 60.0], None, 100.0) == ["top center", "top center"]
