"""What the export browser accepts (chuangye/exports/limits.py): a figure is measured before it is rendered, and
one beyond the limits is refused with a message in Chinese and English. The dashboard's own largest figure,
built from the bundled sample, passes."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import pytest
from plotly.io.json import to_json_plotly
from plotly.subplots import make_subplots

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.drilldown import drill_data
from chuangye.engine.manager import Analytics
from chuangye.exports.limits import LIMITS, ExportLimitError, FigureLimits, check_figure, count_values, subplots
from chuangye.figures.drilldown import region_map
from chuangye.sample.bundled import SAMPLE_DIR


@pytest.fixture(scope="module")
def an(tmp_path_factory) -> Analytics:
    store = Store(tmp_path_factory.mktemp("exports-limits"))
    store.ensure_initialised(SAMPLE_DIR)
    return Analytics(store.active(), load_config())


def test_the_largest_dashboard_figure_is_within_the_limits(an):
    data = drill_data(an)
    target = data.resolve(data.regions.root)
    year, unit_type = an.years[-1], an.cfg.unit_types[0]
    figure = region_map(target.level, data.region_children(target, year, unit_type, "certified", "zh"), 0.8, "zh")
    check_figure(figure)  # the province's county map: the largest figure the pages draw
    assert count_values(figure["data"]) < LIMITS.max_values / 2  # with room to spare


def test_a_million_points_are_refused_in_both_languages():
    huge = {"data": [{"type": "scattergl", "x": list(range(1_000_000)), "y": list(range(1_000_000))}]}
    with pytest.raises(ExportLimitError) as refused:
        check_figure(huge)
    message = str(refused.value)
    assert "2,000,000 个数据点" in message and "2,000,000 data values" in message
    assert f"{LIMITS.max_values:,}" in message


def test_values_are_counted_in_lists_numpy_arrays_and_typed_arrays():
    as_list = {"data": [{"type": "scatter", "x": [1, 2, 3], "y": [[1, 2], [3, 4]]}]}
    assert count_values(as_list["data"]) == 3 + 4  # scalars, however deep; the trace list itself is no value
    figure = go.Figure(go.Scatter(y=np.arange(50_000, dtype="float64"))).to_dict()
    assert count_values(figure["data"]) >= 50_000  # numpy array as plotly keeps it
    typed = json.loads(to_json_plotly(figure))  # {"dtype": "f8", "bdata": ...} as the browser receives it
    assert "bdata" in json.dumps(typed["data"][0]["y"])
    assert count_values(typed["data"]) == 50_000
    small = FigureLimits(max_values=10_000)
    with pytest.raises(ExportLimitError):
        check_figure(typed, small)


def test_many_traces_subplots_or_bytes_are_refused():
    traces = {"data": [{"type": "bar", "y": [1]} for _ in range(LIMITS.max_traces + 1)], "layout": {}}
    with pytest.raises(ExportLimitError, match="数据系列"):
        check_figure(traces)
    grid = make_subplots(rows=30, cols=30).to_dict()
    assert subplots(grid) == 900
    with pytest.raises(ExportLimitError, match="900 个子图"):
        check_figure(grid)
    by_grid = {"data": [], "layout": {"grid": {"rows": 30, "columns": 30}}}
    assert subplots(by_grid) == 900
    heavy = {"data": [{"type": "scatter", "x": [1], "y": [1], "text": "x" * (LIMITS.max_bytes + 1)}], "layout": {}}
    with pytest.raises(ExportLimitError, match="MB"):
        check_figure(heavy)
    assert subplots(make_subplots(rows=1, cols=2).to_dict()) == 2
    assert subplots({"data": [{"type": "bar", "y": [1]}], "layout": {}}) == 1


def test_data_that_is_not_a_list_of_traces_is_refused():
    with pytest.raises(ExportLimitError, match="格式"):
        check_figure({"data": {"type": "bar"}})
