"""The coverage maps' builders on the bundled sample: region names in both languages drawn offline by MapLibre,
names that survive a recolour, the colour bar under the map, a grey (and a legend entry) for regions without
units of the type, colour-bar ticks that never crowd, and every number through ``strings.numbers``.

Expected numbers and names come from the data and the engine in each test, never from today's sample."""

from __future__ import annotations

import copy
import itertools
import json

import pandas as pd
import plotly.graph_objects as go
import pytest
import shapely
from shapely.geometry import shape

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.drilldown import drill_data
from chuangye.engine.manager import Analytics
from chuangye.exports.chrome import decorate
from chuangye.exports.maps import mercator_y, static_choropleth
from chuangye.figures.maps import (
    LABEL_LAYERS,
    LABEL_SOURCE,
    NO_UNITS_COLOR,
    coverage_map,
    coverage_map_updates,
    coverage_scale,
    geojson_label_anchors,
    regions_colorscale,
    subset_geojson,
)
from chuangye.figures.style import DIVERGING_SCALE
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.i18n import t
from chuangye.strings.numbers import percent_text, points_text

SUZHOU = "320500"  # has a statistical development zone (苏州工业园区) drawn over its host county
LANGS = ("zh", "en")


@pytest.fixture(scope="module")
def an(tmp_path_factory) -> Analytics:
    store = Store(tmp_path_factory.mktemp("maps"))
    store.ensure_initialised(SAMPLE_DIR)
    return Analytics(store.active(), load_config())


def cities(an: Analytics, year: int, unit_type: str, lang: str) -> pd.DataFrame:
    frame = an.coverage(level="city", year=year, unit_type=unit_type, parent=an.regions.root)
    return frame.assign(region_name=an.region_names_for(frame["region_code"], lang))


def counties(an: Analytics, city: str, year: int, unit_type: str, lang: str) -> pd.DataFrame:
    data = drill_data(an)
    return data.region_children(data.resolve(city), year, unit_type, "certified", lang)


def label_names(figure: dict) -> list[str]:
    source = figure["layout"]["map"]["style"]["sources"][LABEL_SOURCE]
    return [f["properties"]["name"] for f in source["data"]["features"]]


def traces(figure: dict, kind: str) -> list[dict]:
    return [trace for trace in figure["data"] if trace["type"] == kind]


def rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def color_at(scale: list, position: float) -> tuple[int, int, int]:
    """The colour of a plotly colour scale at ``position`` (0–1): linear between stops, as plotly.js does;
    at a repeated stop (a sharp step) the upper colour from it on."""
    position = min(max(position, 0.0), 1.0)
    for (p0, c0), (p1, c1) in itertools.pairwise(scale):
        if p0 <= position <= p1 and (position < p1 or p1 == scale[-1][0]):
            share = 0.0 if p1 == p0 else (position - p0) / (p1 - p0)
            return tuple(round(a + (b - a) * share) for a, b in zip(rgb(c0), rgb(c1), strict=True))
    return rgb(scale[-1][1])


def fill_color(trace: dict, value: float) -> tuple[int, int, int]:
    """The colour plotly gives ``value`` on the trace's colour scale (its zmin–zmax)."""
    return color_at(trace["colorscale"], (value - trace["zmin"]) / (trace["zmax"] - trace["zmin"]))


# ------------------------------------------------------------------------------------------- names


@pytest.mark.parametrize("lang", LANGS)
def test_every_city_is_named_on_the_map_in_its_language(an, lang):
    frame = cities(an, an.years[-1], "street_town", lang)
    figure = coverage_map("province", frame, an.cfg.goals["street_town"], lang)
    go.Figure(figure)  # plotly accepts it
    expected = set(an.region_names_for(frame["region_code"], lang))
    assert set(label_names(figure)) == expected and len(expected) == len(frame)
    style = figure["layout"]["map"]["style"]
    # drawn offline: no glyph server (MapLibre uses the browser's fonts) and no source but the inline names
    assert "glyphs" not in style and "sprite" not in style
    assert [s["type"] for s in style["sources"].values()] == ["geojson"]
    assert "http" not in json.dumps(style)
    assert [layer["id"] for layer in style["layers"] if layer["type"] == "symbol"] == list(LABEL_LAYERS)
    # no text trace of plotly's own (it would fetch glyphs from fonts.openmaptiles.org); regions under the names
    assert not any("text" in str(trace.get("mode", "")) for trace in figure["data"])
    assert all(trace["below"] == LABEL_LAYERS[0] for trace in traces(figure, "choroplethmap"))


def test_names_sit_inside_their_regions_and_small_regions_get_small_names_beside_them(an):
    frame = counties(an, SUZHOU, an.years[-1], "park", "zh")
    figure = coverage_map("city", frame, an.cfg.goals["park"], "zh")
    features = figure["layout"]["map"]["style"]["sources"][LABEL_SOURCE]["data"]["features"]
    assert {f["properties"]["name"] for f in features} == set(frame["region_name"])
    shapes = {f["id"]: shape(f["geometry"]) for f in subset_geojson("county", tuple(frame["region_code"]))["features"]}
    by_name = dict(zip(frame["region_name"], frame["region_code"], strict=True))
    zones = set(frame.loc[frame["is_stat_zone"], "region_code"])
    assert zones  # the sample city has a statistical zone over a county
    for feature in features:
        code = by_name[feature["properties"]["name"]]
        point = shapely.Point(feature["geometry"]["coordinates"])
        assert shapes[code].buffer(1e-6).contains(point), feature["properties"]["name"]
        for zone in zones - {code}:  # a host county's name is not put on the zone lying over it
            assert not shapes[zone].contains(point)
        if code in zones:
            assert feature["properties"]["small"] is True
    ranks = {by_name[f["properties"]["name"]]: f["properties"]["rank"] for f in features}
    assert max(ranks[c] for c in set(ranks) - zones) < min(ranks[z] for z in zones)  # zones' names placed last


def test_a_recolour_never_touches_the_names(an):
    goal = an.cfg.goals["park"]
    before = coverage_map("province", cities(an, an.years[-1], "street_town", "en"), goal, "en")
    frame = cities(an, an.years[0], "park", "en")
    updates = coverage_map_updates(frame, goal, "en")
    assert all(path[0] == "data" for path, _ in updates)  # nothing of the layout: the style and its names stay
    assert "geojson" not in json.dumps([path for path, _ in updates])
    after = copy.deepcopy(before)
    for path, value in updates:
        node = after
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    assert after == coverage_map("province", frame, goal, "en")  # the patch equals a redraw
    assert after["layout"]["map"]["style"] == before["layout"]["map"]["style"]
    assert len(json.dumps(updates, ensure_ascii=False)) < 10_000


# ---------------------------------------------------------------------------------- the colour bar


@pytest.mark.parametrize("parent", ["320000", SUZHOU])
def test_the_colour_bar_lies_under_the_map_outside_its_domain(an, parent):
    level = "province" if parent == "320000" else "city"
    frame = cities(an, 2020, "park", "zh") if parent == "320000" else counties(an, parent, 2020, "park", "zh")
    figure = coverage_map(level, frame, an.cfg.goals["park"], "zh")
    layout = figure["layout"]
    domain = layout["map"]["domain"]
    bars = [trace for trace in figure["data"] if trace.get("marker", {}).get("showscale")]
    assert len(bars) == 1
    assert all(trace.get("showscale") is False for trace in traces(figure, "choroplethmap"))
    bar = bars[0]["marker"]["colorbar"]
    assert bar["orientation"] == "h"
    # paper y runs 0–1 over the plot area; the map fills y from domain[0] up: the bar hangs below y = 0
    assert bar["yanchor"] == "top" and bar["y"] <= 0 <= domain["y"][0]
    assert bar.get("yref", "paper") == "paper" and bar["len"] <= 1 and bar["xanchor"] == "left" and bar["x"] >= 0
    # the bottom margin holds the bar: its pad, the bar, its tick labels, its title, and the legend's row
    block = bar["ypad"] + bar["thickness"] + 2 * bar["tickfont"]["size"] * 1.3 + layout["legend"]["font"]["size"] * 1.3
    assert layout["margin"]["b"] >= block
    assert bar["title"]["text"] == t("map_colorbar_title", "zh")


def horizontal_gap_ok(vals: list[float], texts: list[str], px_per_point: float) -> bool:
    """Neighbouring tick labels (centred on their ticks) leave at least 4 px between them, with generous
    width estimates: a CJK character is a full em, anything else 0.62 of one, at 11 px."""

    def width(text: str) -> float:
        return sum(11 if ord(ch) >= 0x2E80 else 11 * 0.62 for ch in text)

    pairs = itertools.pairwise(zip(vals, texts, strict=True))
    return all((b - a) * px_per_point - (width(ta) + width(tb)) / 2 >= 4 for (a, ta), (b, tb) in pairs)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("unit_type", ["street_town", "community_village", "park"])
def test_colour_bar_ticks_never_crowd_in_any_year(an, unit_type, lang):
    goal = an.cfg.goals[unit_type]
    for year in an.years:
        frame = cities(an, year, unit_type, lang)
        figure = coverage_map("province", frame, goal, lang)
        bar = next(tr for tr in figure["data"] if tr.get("marker", {}).get("showscale"))["marker"]
        vals, texts = bar["colorbar"]["tickvals"], bar["colorbar"]["ticktext"]
        goal_text = f"{t('goal', lang)} {points_text(goal * 100, 0)}"
        assert goal_text in texts and vals[texts.index(goal_text)] == pytest.approx(goal * 100)  # the goal kept
        assert vals == sorted(vals) and all(bar["cmin"] <= v <= bar["cmax"] for v in vals)
        # spaced for the shortest bar the page draws (0.8 of a phone's ~310 px map)
        assert horizontal_gap_ok(vals, texts, 0.8 * 310 / (bar["cmax"] - bar["cmin"])), (year, texts)
        assert len(vals) >= 2


def test_narrow_and_wide_ranges_get_fewer_ticks_but_always_the_goal():
    narrow = coverage_scale([78.0, 82.0], 0.8, "zh")  # ±20 points
    wide = coverage_scale([0.0, 0.0], 0.9, "zh")  # 2016: 0 % everywhere, a 180-point range
    for scale in (narrow, wide):
        assert "目标 80" in scale.ticktext or "目标 90" in scale.ticktext
        assert horizontal_gap_ok(scale.tickvals, scale.ticktext, 250 / (scale.zmax - scale.zmin))
    assert len(wide.tickvals) < len(range(0, 101, 10))  # not every ten on a wide range
    assert [v for v in wide.tickvals if v != 90] and all(v % 10 == 0 for v in wide.tickvals)
    vertical = coverage_scale([0.0], 0.9, "en", bar_px=220, horizontal=False)
    assert "Goal 90" in vertical.ticktext
    assert all(b - a >= 13 * (vertical.zmax - vertical.zmin) / 220 for a, b in itertools.pairwise(vertical.tickvals))


# ------------------------------------------------------------------------------- no units of the type


def test_regions_without_units_are_grey_and_named_in_the_legend(an):
    goal = an.cfg.goals["park"]
    for lang in LANGS:
        frame = counties(an, "320900", an.years[-1], "park", lang)
        none = frame.loc[frame["units_in_scope"] == 0, "region_code"].tolist()
        assert none, "the sample has counties without parks"
        figure = coverage_map("city", frame, goal, lang)
        legend = [trace for trace in figure["data"] if trace.get("name") == t("map_no_units", lang)]
        assert len(legend) == 1 and legend[0]["showlegend"] is True
        assert rgb(legend[0]["marker"]["color"]) == rgb(NO_UNITS_COLOR)
        assert figure["layout"]["showlegend"] is True
        for trace in traces(figure, "choroplethmap"):
            for code, z, text in zip(trace["locations"], trace["z"], trace["text"], strict=True):
                color = fill_color(trace, z)
                if code in none:
                    assert color == rgb(NO_UNITS_COLOR) and t("map_no_units", lang) in text
                else:  # every region with units is on the coverage scale, its lowest included
                    assert color != rgb(NO_UNITS_COLOR), (code, z)
    # a region at the goal looks nothing like one without units
    assert color_at(DIVERGING_SCALE, 0.5) != rgb(NO_UNITS_COLOR)
    assert regions_colorscale()[0][1] == NO_UNITS_COLOR


def test_no_legend_entry_when_every_region_has_units(an):
    frame = cities(an, an.years[-1], "street_town", "zh")
    assert (frame["units_in_scope"] > 0).all()
    figure = coverage_map("province", frame, an.cfg.goals["street_town"], "zh")
    legend = [trace for trace in figure["data"] if trace.get("name") == t("map_no_units", "zh")]
    assert len(legend) == 1 and legend[0]["showlegend"] is False


# ------------------------------------------------------------------------------------ one rounding


def test_hover_and_values_use_the_one_display_rounding(an):
    frame = cities(an, 2019, "street_town", "zh")
    frame.loc[frame.index[0], "coverage"] = 0.7665  # 76.65 %: Python's :.1f gives 76.6, half up 76.7
    figure = coverage_map("province", frame, an.cfg.goals["street_town"], "zh")
    region = figure["data"][0]
    i = region["locations"].index(frame["region_code"].iloc[0])
    assert region["z"][i] == 76.7
    assert "76.7%" in region["text"][i] and percent_text(0.7665) == "76.7%"
    assert "%{" not in region["hovertemplate"].replace("%{text}", "")  # no number formatted by plotly


# ------------------------------------------------------------------------------ the report's print map


def test_the_print_map_names_regions_where_the_dashboard_does(an):
    frame = counties(an, SUZHOU, an.years[-1], "street_town", "zh")
    geojson = subset_geojson("county", tuple(frame["region_code"]))
    figure = static_choropleth(geojson, frame, an.cfg.goals["street_town"], "zh")
    labels = next(trace for trace in figure.data if trace.mode == "text")
    anchors = {a.code: a for a in geojson_label_anchors(geojson)}
    names = dict(zip(frame["region_name"], frame["region_code"], strict=True))
    assert labels.text
    for name, x, y in zip(labels.text, labels.x, labels.y, strict=True):
        anchor = anchors[names[name]]
        assert (x, y) == pytest.approx((anchor.x, mercator_y(anchor.y)))


def test_the_print_map_greys_regions_without_units_with_its_legend_entry(an):
    frame = counties(an, "320900", an.years[-1], "park", "en")
    none = set(frame.loc[frame["units_in_scope"] == 0, "region_code"])
    geojson = subset_geojson("county", tuple(frame["region_code"]))
    figure = static_choropleth(geojson, frame, an.cfg.goals["park"], "en")
    fills = [trace.fillcolor for trace in figure.data if trace.fill == "toself"]
    codes = [f["id"] for f in geojson["features"]]
    grey = [code for code, fill in zip(codes, fills, strict=True) if fill == NO_UNITS_COLOR]
    assert grey == [code for code in codes if code in none]
    legend = [trace for trace in figure.data if trace.showlegend]
    assert [trace.name for trace in legend] == ["No units of this type"] and figure.layout.showlegend


def test_the_print_map_names_never_overlap_at_the_report_size(an):
    frame = counties(an, "320900", an.years[-1], "park", "en")  # long English names on small counties
    geojson = subset_geojson("county", tuple(frame["region_code"]))
    figure = static_choropleth(geojson, frame, an.cfg.goals["park"], "en")
    labels = next(trace for trace in figure.data if trace.mode == "text")
    x0, y0, x1, y1 = shapely.GeometryCollection([shape(f["geometry"]) for f in geojson["features"]]).bounds
    # the plot as the report lays the map out on A4 (as wide as the text, as tall as the map's shape needs)
    laid_out, p = decorate(figure, title="t", subtitle="s", source="src", preset_name="a4")
    margin = laid_out.layout.margin
    plot_w, plot_h = p.width - margin.l - margin.r, p.height - margin.t - margin.b
    px = min(plot_w / (x1 - x0), plot_h / (mercator_y(y1) - mercator_y(y0)))
    size = labels.textfont.size

    def box(text: str, x: float, y: float) -> tuple[float, float, float, float]:
        half = sum(size if ord(ch) >= 0x2E80 else 0.6 * size for ch in text) / 2
        return x * px - half, y * px - 0.6 * size, x * px + half, y * px + 0.6 * size

    boxes = [box(*label) for label in zip(labels.text, labels.x, labels.y, strict=True)]
    assert len(boxes) >= 3
    for a, b in itertools.combinations(boxes, 2):
        assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
