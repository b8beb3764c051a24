"""The coverage maps as drawn in Chromium, offline: the region names MapLibre placed (visible text, in both
languages, at 1440 and 390 px), the colour bar whole and clear of the map, the names kept through a recolour,
and the legend entry of regions without units of the type."""

from __future__ import annotations

import pytest
from selenium.webdriver.support.ui import Select

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.drilldown import drill_data
from chuangye.engine.manager import Analytics
from chuangye.figures.maps import LABEL_LAYERS
from chuangye.strings.i18n import t
from tests.browser.conftest import (
    SIZES,
    assert_clean_console,
    assert_no_outside_requests,
    open_path,
    resize,
    snap,
    wait_for,
    wait_idle,
    wait_settled,
)

YANCHENG = "320900"  # its counties: some without parks in the sample

MAP = """
const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');
const sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
const map = sub && sub.map;
"""

# The names MapLibre placed on the map (after collisions): what a person sees written on it.
DRAWN_NAMES = (
    MAP
    + """
if (!map || !map.loaded() || !map.isStyleLoaded() || map.isMoving()) { return null; }
const layers = arguments[1].filter(id => map.getLayer(id));
if (!layers.length) { return null; }
return map.queryRenderedFeatures({layers: layers}).map(f => f.properties.name);
"""
)

# Boxes in viewport pixels: the map's canvas, the colour bar (bar, ticks and title), the whole graph.
BOXES = (
    MAP
    + """
const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
const bar = gd.querySelector('.infolayer .colorbar');
return {map: box(map.getCanvas()), bar: bar ? box(bar) : null, graph: box(gd)};
"""
)


@pytest.fixture(scope="module")
def an(data_dir) -> Analytics:
    return Analytics(Store(data_dir).active(), load_config())


def drawn_names(dash_duo, graph: str) -> list[str]:
    return wait_for(
        lambda: dash_duo.driver.execute_script(DRAWN_NAMES, graph, list(LABEL_LAYERS)),
        message=f"no region name drawn on {graph}",
    )


def assert_colour_bar_whole_and_clear_of_the_map(dash_duo, graph: str) -> None:
    boxes = dash_duo.driver.execute_script(BOXES, graph)
    (mx0, my0, mx1, my1), bar, (gx0, gy0, gx1, gy1) = boxes["map"], boxes["bar"], boxes["graph"]
    assert bar is not None, "no colour bar"
    bx0, by0, bx1, by1 = bar
    overlap = bx0 < mx1 and mx0 < bx1 and by0 < my1 and my0 < by1
    assert not overlap, f"colour bar {bar} over the map {boxes['map']}"
    assert gx0 <= bx0 and bx1 <= gx1 and gy0 <= by0 and by1 <= gy1 + 0.5, f"colour bar {bar} cut by {boxes['graph']}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_map_names_every_drawn_region_and_keeps_its_colour_bar_clear(dash_duo, an, lang):
    expected = {an.region_name(code, lang) for code in an.regions.codes("city")}
    open_path(dash_duo, f"/overview?lang={lang}&type=park&year={an.years[-1]}", "#ov-map .js-plotly-plot")
    for width, height in SIZES:
        resize(dash_duo, width, height)
        dash_duo.driver.execute_script(
            "document.querySelector('#ov-map').scrollIntoView({block: 'center', behavior: 'instant'})"
        )
        wait_settled(dash_duo)
        names = drawn_names(dash_duo, "#ov-map")
        assert set(names) <= expected and len(set(names)) == len(names)  # region names, each once
        assert len(names) >= len(expected) * 0.6, (width, names)  # most cities named, even on a phone
        assert_colour_bar_whole_and_clear_of_the_map(dash_duo, "#ov-map")
    assert_no_outside_requests(dash_duo)
    assert_clean_console(dash_duo)
    snap(dash_duo, f"maps-overview-{lang}")


def test_names_stay_when_the_overview_recolours_the_map(dash_duo, an):
    open_path(dash_duo, f"/overview?year={an.years[-1]}&type=street_town", "#ov-map .js-plotly-plot")
    wait_settled(dash_duo)
    before = sorted(drawn_names(dash_duo, "#ov-map"))
    # a mark on the style MapLibre holds now: a new style (names sent again) would not carry it
    dash_duo.driver.execute_script(MAP + "map.style.__chuangyeMark = 1;", "#ov-map")
    colours = dash_duo.driver.execute_script(MAP + "return JSON.stringify(gd.data[0].z);", "#ov-map")
    Select(dash_duo.find_element("#ctl-year")).select_by_value(str(an.years[0]))
    dash_duo.wait_for_contains_text("#ov-map-title", str(an.years[0]), timeout=20)
    wait_idle(dash_duo)
    wait_for(
        lambda: dash_duo.driver.execute_script(MAP + "return JSON.stringify(gd.data[0].z);", "#ov-map") != colours,
        message="the map was never recoloured",
    )
    wait_settled(dash_duo)
    assert dash_duo.driver.execute_script(MAP + "return map.style.__chuangyeMark === 1;", "#ov-map")
    assert sorted(drawn_names(dash_duo, "#ov-map")) == before
    assert_colour_bar_whole_and_clear_of_the_map(dash_duo, "#ov-map")
    assert_clean_console(dash_duo)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_city_map_names_counties_and_shows_the_no_units_legend(dash_duo, an, lang):
    data = drill_data(an)
    frame = data.region_children(data.resolve(YANCHENG), an.years[-1], "park", "certified", lang)
    assert (frame["units_in_scope"] == 0).any()
    open_path(dash_duo, f"/map?region={YANCHENG}&type=park&year={an.years[-1]}&lang={lang}", "#dd-map .js-plotly-plot")
    for width, height in SIZES:
        resize(dash_duo, width, height)
        dash_duo.driver.execute_script(
            "document.querySelector('#dd-map').scrollIntoView({block: 'center', behavior: 'instant'})"
        )
        wait_settled(dash_duo)
        names = drawn_names(dash_duo, "#dd-map")
        assert set(names) <= set(frame["region_name"]) and len(names) >= len(frame) * 0.6, (width, names)
        assert_colour_bar_whole_and_clear_of_the_map(dash_duo, "#dd-map")
        legend = dash_duo.driver.execute_script(
            "return Array.from(document.querySelectorAll('#dd-map .legend .legendtext')).map(e => e.textContent);"
        )
        assert legend == [t("map_no_units", lang)]
    assert_no_outside_requests(dash_duo)
    assert_clean_console(dash_duo)
    snap(dash_duo, f"maps-city-no-units-{lang}")
