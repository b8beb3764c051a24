"""The export layout (exports/chrome.py) on the figure dict: a map on A4 fills the text width with its colour bar
under it, and a slide's labels grow with its text. Sizes come from the figures and presets, not from numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.exports.chrome import MAP_ASPECT_RANGE, PAGE_FONT_PX, PRESETS, decorate, map_aspect
from chuangye.exports.maps import static_choropleth
from chuangye.figures.maps import coverage_map, geojson_bounds, subset_geojson
from chuangye.figures.peers import peer_bars
from chuangye.sample.bundled import SAMPLE_DIR

NANJING = "320100"


@pytest.fixture(scope="module")
def an(tmp_path_factory) -> Analytics:
    store = Store(tmp_path_factory.mktemp("chrome"))
    store.ensure_initialised(SAMPLE_DIR)
    return Analytics(store.active(), load_config())


def cities(an: Analytics) -> pd.DataFrame:
    frame = an.coverage(level="city", year=an.years[-1], unit_type="street_town", parent=an.regions.root)
    return frame.assign(region_name=an.region_names_for(frame["region_code"], "zh"))


def laid_out(figure, preset: str = "a4"):
    out, p = decorate(figure, title="标题", subtitle="副标题", source="数据来源", preset_name=preset)
    margin = out.layout.margin
    return out, p, p.width - margin.l - margin.r, p.height - margin.t - margin.b


def expected_plot_height(aspect: float, plot_width: int) -> float:
    low, high = MAP_ASPECT_RANGE
    return plot_width * min(max(aspect, low), high)


def test_a_dashboard_map_on_a4_fills_the_width_with_its_colour_bar_under_it(an):
    """Issue 8: the overview's map exported on A4 was drawn in a 605 × 380 box, beside the room of a colour bar
    that is in fact under it: a small map in the middle of the page."""
    figure = coverage_map("province", cities(an), an.cfg.goals["street_town"], "zh", width=340, height=460)
    out, p, plot_w, plot_h = laid_out(figure)
    aspect = map_aspect(out)
    assert aspect is not None and 0.7 < aspect < 1.2  # Jiangsu is about as tall as it is wide
    assert plot_h == pytest.approx(expected_plot_height(aspect, plot_w), abs=1)
    assert p.height > PRESETS["a4"].height  # taller than a chart: the map decides
    assert list(out.layout.map.domain.x) == [0, 1]  # the whole width, no strip kept free for a colour bar
    (bar,) = [tr.marker.colorbar for tr in out.data if tr.type == "scattermap" and tr.marker.showscale]
    assert bar.orientation == "h" and bar.x == 0.5 and bar.xanchor == "center"
    # the zoom fits the regions into the whole plot: at one zoom step less they would fill under half of it
    x0, _, x1, _ = geojson_bounds(out.data[0].geojson)
    width_drawn = 512 * 2**out.layout.map.zoom * (x1 - x0) / 360
    assert width_drawn > 0.8 * plot_w


def test_the_report_map_fills_the_width_with_a_horizontal_colour_bar(an):
    frame = cities(an)
    geojson = subset_geojson("city", tuple(frame["region_code"]))
    figure = static_choropleth(geojson, frame, an.cfg.goals["street_town"], "zh")
    (bar,) = [tr.marker.colorbar for tr in figure.data if tr.marker and tr.marker.showscale]
    assert bar.orientation == "h" and bar.yanchor == "top" and bar.y <= 0  # under the map
    assert figure.layout.margin.b >= bar.thickness + 2 * 11  # room for the bar, its title and tick labels
    out, p, plot_w, plot_h = laid_out(figure)
    assert plot_h == pytest.approx(expected_plot_height(map_aspect(out), plot_w), abs=1)
    assert p.height > 420  # the height the report used to give it


def test_a_tall_region_stops_at_the_height_cap(an):
    counties = an.coverage(level="county", parent=NANJING, year=an.years[-1], unit_type="street_town")
    counties = counties.assign(region_name=an.region_names_for(counties["region_code"], "zh"))
    figure = static_choropleth(subset_geojson("county", tuple(counties["region_code"])), counties, 0.8, "zh")
    out, _, plot_w, plot_h = laid_out(figure)
    assert map_aspect(out) > MAP_ASPECT_RANGE[1]  # Nanjing runs north to south
    assert plot_h == pytest.approx(plot_w * MAP_ASPECT_RANGE[1], abs=1)


def test_charts_keep_their_preset_size_and_an_explicit_height_wins(an):
    bars = peer_bars(cities(an).assign(parent_code=an.regions.root), NANJING, 0.8, 0.75, "zh")
    _, p = decorate(bars, title="t", preset_name="a4")
    assert (p.width, p.height) == (PRESETS["a4"].width, PRESETS["a4"].height)
    figure = coverage_map("province", cities(an), 0.8, "zh")
    _, p = decorate(figure, title="t", preset_name="a4", height=500)
    assert p.height == 500
    _, p = decorate(figure, title="t", preset_name="slide")
    assert p.height == PRESETS["slide"].height  # a slide is 16:9 whatever it shows


def test_a_slide_grows_the_labels_a_figure_sizes_itself(an):
    """On a 1280 px slide the peers chart's goal and average labels (11 px) and the map's colour-bar ticks
    stayed at their dashboard size beside 20 px text."""
    bars = peer_bars(cities(an).assign(parent_code=an.regions.root), NANJING, 0.8, 0.75, "zh")
    factor = PRESETS["slide"].font_size / PAGE_FONT_PX
    out, _ = decorate(bars, title="t", preset_name="slide")
    before = [a["font"]["size"] for a in bars["layout"]["annotations"]]
    after = [a.font.size for a in out.layout.annotations][: len(before)]
    assert after == pytest.approx([size * factor for size in before], abs=0.1)
    figure = coverage_map("province", cities(an), 0.8, "zh")
    tick = next(tr for tr in figure["data"] if tr["type"] == "scattermap")["marker"]["colorbar"]["tickfont"]["size"]
    out, _ = decorate(figure, title="t", preset_name="slide")
    (bar,) = [tr.marker.colorbar for tr in out.data if tr.type == "scattermap" and tr.marker.showscale]
    assert bar.tickfont.size == pytest.approx(tick * factor, abs=0.1)
    names = [layer["layout"]["text-size"] for layer in out.layout.map.style["layers"] if layer["type"] == "symbol"]
    originals = [lay["layout"]["text-size"] for lay in figure["layout"]["map"]["style"]["layers"] if "layout" in lay]
    assert names == pytest.approx([size * factor for size in originals], abs=0.1)
    a4, _ = decorate(bars, title="t", preset_name="a4")  # A4 keeps the dashboard's sizes
    assert [a.font.size for a in a4.layout.annotations][: len(before)] == before
