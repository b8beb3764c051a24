"""The county map names its town cells: names in the language asked for, on their cells (or under their town's
marker), under the unit markers, never overlapping on a phone-sized map; the trace indexes the callbacks use."""

from __future__ import annotations

import itertools
import math

import pytest
import shapely

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.drilldown import drill_data
from chuangye.engine.manager import Analytics
from chuangye.figures.drilldown import (
    TOWN_LABEL_PLOT_PX,
    county_map,
    county_map_updates,
    selection_trace_index,
    unit_trace_index,
)
from chuangye.sample.bundled import SAMPLE_DIR

SHEYANG = "320924"  # a county of many towns


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("county-map"))
    store.ensure_initialised(SAMPLE_DIR)
    return drill_data(Analytics(store.active(), load_config()))


def town_names(data, layout, lang: str) -> dict[str, str]:
    return data.unit_names(lang).reindex(layout.cells["code"]).dropna().to_dict()


def towns_trace(figure: dict) -> dict:
    (trace,) = [trace for trace in figure["data"] if trace.get("name") == "towns"]
    return trace


@pytest.mark.parametrize("unit_type", ["street_town", "community_village"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_town_cells_are_named_in_the_language_asked_for(data, unit_type, lang):
    layout = data.county_layout(SHEYANG)
    names = town_names(data, layout, lang)
    units = data.unit_states(SHEYANG, data.an.years[-1], unit_type, lang)
    figure = county_map(layout, units, unit_type, None, lang, names)
    towns = towns_trace(figure)
    assert len(towns["text"]) >= len(names) / 2  # most towns named even on a phone
    code_of = {name: code for code, name in names.items()}
    cells = dict(zip(layout.cells["code"], layout.cells.geometry, strict=True))
    for name, x, y, where in zip(towns["text"], towns["x"], towns["y"], towns["textposition"], strict=True):
        code = code_of[name]
        if unit_type == "street_town":  # the towns are the units: the name goes under the town's marker
            assert where == "bottom center"
            assert (x, y) == pytest.approx(tuple(layout.positions.loc[code, ["x", "y"]]), abs=1e-5)
        else:
            assert where == "middle center" and cells[code].buffer(1e-6).contains(shapely.Point(x, y))
    # drawn before the units: markers stay on top of the names and clickable
    index = figure["data"].index(towns)
    assert index < unit_trace_index(layout) and figure["data"][unit_trace_index(layout)]["name"] == "units"
    assert figure["data"][selection_trace_index(layout)]["name"] == "selected"


def test_town_names_never_overlap_on_a_phone_sized_map(data):
    layout = data.county_layout(SHEYANG)
    names = town_names(data, layout, "en")
    units = data.unit_states(SHEYANG, data.an.years[-1], "community_village", "en")
    figure = county_map(layout, units, "community_village", None, "en", names)
    towns = towns_trace(figure)
    xaxis, yaxis = figure["layout"]["xaxis"], figure["layout"]["yaxis"]
    x_span = xaxis["range"][1] - xaxis["range"][0]
    y_span = (yaxis["range"][1] - yaxis["range"][0]) * yaxis["scaleratio"]
    px = min(TOWN_LABEL_PLOT_PX / x_span, TOWN_LABEL_PLOT_PX / y_span)  # px per degree of longitude
    size = towns["textfont"]["size"]

    def box(name: str, x: float, y: float) -> tuple[float, float, float, float]:
        half = sum(size if ord(ch) >= 0x2E80 else 0.6 * size for ch in name) / 2
        cx, cy = x * px, y * px * yaxis["scaleratio"]
        return cx - half, cy - 0.6 * size, cx + half, cy + 0.6 * size

    boxes = [box(*label) for label in zip(towns["text"], towns["x"], towns["y"], strict=True)]
    for a, b in itertools.combinations(boxes, 2):
        assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    assert all(math.isfinite(v) for v in towns["x"] + towns["y"])


def test_a_recolour_leaves_the_town_names_alone(data):
    layout = data.county_layout(SHEYANG)
    units = data.unit_states(SHEYANG, data.an.years[0], "street_town", "zh")
    figure = county_map(layout, units, "street_town", None, "zh", town_names(data, layout, "zh"))
    towns = figure["data"].index(towns_trace(figure))
    touched = {path[1] for path, _ in county_map_updates(layout, units, "street_town", None, "zh")}
    assert towns not in touched
    assert {unit_trace_index(layout), selection_trace_index(layout)} <= touched
