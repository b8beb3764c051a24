"""Drill-down data and figures on the bundled sample: targets, children per level, unit states against a
plain-pandas recomputation, town cells covering their county, and patches that equal a full redraw."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import pytest
import shapely

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.drilldown import INACTIVE, children_rows, core_indicator_rows, drill_data, unit_names_lookup
from chuangye.engine.manager import Analytics
from chuangye.figures.drilldown import county_map, county_map_updates, region_map, region_map_updates
from chuangye.geo.boundaries import load_boundaries
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.viewstate import ViewState

REPO = Path(__file__).resolve().parents[4]
XUANWU = "320102"
SUZHOU = "320500"
SIP = "320576"  # 苏州工业园区, a statistical development zone
WUZHONG = "320506"  # its host county


@pytest.fixture(scope="module")
def an(tmp_path_factory) -> Analytics:
    store = Store(tmp_path_factory.mktemp("drill"))
    store.ensure_initialised(SAMPLE_DIR)
    return Analytics(store.active(), load_config())


@pytest.fixture(scope="module")
def data(an):
    return drill_data(an)


def apply(figure: dict, updates) -> dict:
    out = copy.deepcopy(figure)
    for path, value in updates:
        node = out
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return out


# ---------------------------------------------------------------- where a URL points


def test_resolve_builds_the_path_and_repairs_odd_links(data):
    assert data.resolve("320000").level == "province"
    city = data.resolve("320100")
    assert (city.level, city.path) == ("city", ("320000", "320100"))
    county = data.resolve(XUANWU)
    assert (county.level, county.path, county.unit) == ("county", ("320000", "320100", XUANWU), None)
    zone = data.resolve(SIP)
    assert zone.path == ("320000", SUZHOU, SIP)

    village = data.county_units(XUANWU, "community_village").index[0]
    # a unit alone (or under its city) opens its county; a 9-digit town code as region selects the town
    assert data.resolve("320000", village) == data.resolve(XUANWU, village)
    assert data.resolve(XUANWU, village).unit == village
    town = data.county_units(XUANWU, "street_town").index[0]
    assert data.resolve(town).unit == town and data.resolve(town).region == XUANWU
    # unknown codes fall back to the province / drop the unit
    assert data.resolve("329999").region == "320000"
    assert data.resolve(XUANWU, "320102999999").unit is None


# ---------------------------------------------------------------- children per level


def test_children_per_level(an, data):
    cities = data.region_children(data.resolve("320000"), 2019, "street_town", "certified", "zh")
    assert sorted(cities["region_code"]) == [f"32{i:02d}00" for i in range(1, 14)]
    assert not cities["is_stat_zone"].any()
    assert cities.loc[cities["region_code"] == "320100", "region_name"].item() == "南京市"

    suzhou = data.region_children(data.resolve(SUZHOU), 2019, "park", "meets", "en")
    expected = an.dataset.regions.query("parent_code == @SUZHOU")["region_code"]
    assert sorted(suzhou["region_code"]) == sorted(expected)
    assert suzhou.set_index("region_code").at[SIP, "is_stat_zone"]
    assert suzhou.set_index("region_code").at[WUZHONG, "region_name"] == an.region_name(WUZHONG, "en")
    direct = an.coverage(basis="meets", level="county", year=2019, unit_type="park", parent=SUZHOU)
    merged = suzhou.merge(direct, on="region_code", suffixes=("", "_direct"))
    pd.testing.assert_series_equal(merged["coverage"], merged["coverage_direct"], check_names=False)

    rows = children_rows(data, data.resolve(XUANWU), 2019, "community_village", "certified", "zh")
    units = an.dataset.units
    in_county = units[
        (units["county_code"] == XUANWU) & (units["unit_type"] == "community_village") & units["in_scope"]
    ]
    assert [r["code"] for r in rows] == sorted(in_county["unit_code"])
    assert {"code", "state", "core", "year"} == set(rows[0])
    lookup = unit_names_lookup(data, XUANWU, "community_village", "zh")
    assert set(lookup["names"]) == set(lookup["towns"]) == {r["code"] for r in rows}  # every village has a town
    first = in_county.sort_values("unit_code").iloc[0]
    assert lookup["names"][first["unit_code"]] == first["name"]
    assert lookup["towns"][first["unit_code"]] == data.unit_name(first["township_code"], "zh")


def test_unit_rows_keep_their_order_across_years(data):
    target = data.resolve("321281")  # the county with most villages
    a = children_rows(data, target, 2017, "community_village", "certified", "zh")
    b = children_rows(data, target, 2020, "community_village", "meets", "zh")
    assert [r["code"] for r in a] == [r["code"] for r in b]
    assert sum(x != y for x, y in zip(a, b, strict=True)) > 0
    # a unit that only exists from 2019 keeps its row, marked inactive before
    units = data.units[data.units["active_from"].notna()]
    late = units.iloc[0]
    target = data.resolve(late["county_code"])
    before = children_rows(data, target, int(late["active_from"]) - 1, late["unit_type"], "certified", "zh")
    after = children_rows(data, target, int(late["active_from"]), late["unit_type"], "certified", "zh")
    assert [r["code"] for r in before] == [r["code"] for r in after]
    assert next(r for r in before if r["code"] == late["unit_code"])["state"] == INACTIVE
    assert next(r for r in after if r["code"] == late["unit_code"])["state"] != INACTIVE


# ---------------------------------------------------------------- unit states vs plain pandas


def plain_states(an: Analytics, county: str, year: int, unit_type: str) -> pd.Series:
    d = an.dataset
    units = d.units[(d.units["county_code"] == county) & (d.units["unit_type"] == unit_type) & d.units["in_scope"]]
    certs = d.certifications
    first = certs[certs["stage"] == "certified"].groupby("unit_code")["round_year"].min()
    ui = an.unit_indicators
    meets = ui[ui["year"] == year].set_index("unit_code")["meets_standard"]
    out = {}
    for row in units.itertuples(index=False):
        active = (pd.isna(row.active_from) or row.active_from <= year) and (
            pd.isna(row.active_to) or row.active_to >= year
        )
        m = meets.get(row.unit_code, pd.NA)
        if not active:
            out[row.unit_code] = INACTIVE
        elif row.unit_code in first.index and first[row.unit_code] <= year:
            out[row.unit_code] = "certified"
        elif m is pd.NA:
            out[row.unit_code] = "no_data"
        else:
            out[row.unit_code] = "meets" if m else "below"
    return pd.Series(out, dtype=object).sort_index()


@pytest.mark.parametrize(("county", "unit_type"), [(XUANWU, "community_village"), ("321322", "street_town")])
def test_unit_states_match_a_plain_pandas_recomputation(an, data, county, unit_type):
    for year in an.years:
        states = data.unit_states(county, year, unit_type).set_index("unit_code")["state"]
        expected = plain_states(an, county, year, unit_type)
        pd.testing.assert_series_equal(states.sort_index(), expected, check_names=False, check_dtype=False)
        # and the counts behind the coverage figures agree
        row = an.coverage(region=county, year=year, unit_type=unit_type).iloc[0]
        assert (states == "certified").sum() == row["certified_cumulative"]
        assert (states != INACTIVE).sum() == row["units_in_scope"]
        ui = an.unit_indicators.set_index(["unit_code", "year"])["meets_standard"]
        meets = sum(
            ui.get((code, year), pd.NA) is not pd.NA and bool(ui.get((code, year)))
            for code in states.index[states != INACTIVE]
        )
        assert meets == row["meets_standard"]


def test_states_cover_every_class_somewhere(an, data):
    seen = set()
    for county in ("320102", "321322", "320506", "320282"):
        for unit_type in ("street_town", "community_village"):
            seen |= set(data.unit_states(county, 2018, unit_type)["state"])
    assert {"certified", "meets", "below"} <= seen


# ---------------------------------------------------------------- town cells


@pytest.mark.parametrize("county", [XUANWU, WUZHONG, SIP, "321322"])
def test_cells_cover_the_county_without_overlap(data, county):
    layout = data.county_layout(county)
    outline = load_boundaries("county").set_index("code").at[county, "geometry"]
    towns = data.county_units(county, "street_town")
    assert sorted(layout.cells["code"]) == sorted(towns.index)
    union = shapely.union_all(list(layout.cells.geometry))
    assert abs(union.area - outline.area) / outline.area < 1e-6
    assert abs(sum(g.area for g in layout.cells.geometry) - outline.area) / outline.area < 1e-6  # no overlaps
    assert layout.synthetic and layout.cells["synthetic"].all()
    cell_of = dict(zip(layout.cells["code"], layout.cells.geometry, strict=True))
    pos = layout.positions
    for code in towns.index:  # each town's marker lies in its own cell
        assert cell_of[code].buffer(1e-9).contains(shapely.Point(pos.at[code, "x"], pos.at[code, "y"]))
    villages = data.county_units(county, "community_village")
    placed = 0
    for code, town in zip(villages.index, villages["township_code"], strict=True):
        if town in cell_of:  # villages under a park's township have no cell to go in
            assert cell_of[town].buffer(1e-9).contains(shapely.Point(pos.at[code, "x"], pos.at[code, "y"]))
            placed += 1
    assert placed >= 0.8 * len(villages)
    assert data.county_layout(county) is layout  # computed once


def test_host_county_lists_its_statistical_zone(data):
    assert list(data.county_layout(WUZHONG).zones["code"]) == [SIP]
    assert data.county_layout(XUANWU).zones.empty


def test_user_township_shapes_replace_the_synthetic_cells(an):
    synthetic = drill_data(an).county_layout(XUANWU).cells
    shapes = gpd.GeoDataFrame(
        {"code": synthetic["code"], "name": "x"},
        geometry=[g.buffer(-0.002) for g in synthetic.geometry],  # degrees; only needs to shrink them
        crs="EPSG:4326",
    )
    user_an = Analytics(dataclasses.replace(an.dataset, boundaries={"township": shapes}), an.cfg)
    layout = drill_data(user_an).county_layout(XUANWU)
    assert not layout.cells["synthetic"].any()
    assert sorted(layout.cells["code"]) == sorted(shapes["code"])
    for code, shape in zip(shapes["code"], shapes.geometry, strict=True):
        assert shape.contains(shapely.Point(layout.positions.at[code, "x"], layout.positions.at[code, "y"]))


# ---------------------------------------------------------------- figures and patches


def test_county_map_is_valid_and_a_patch_equals_a_redraw(data):
    layout = data.county_layout(WUZHONG)
    units_2017 = data.unit_states(WUZHONG, 2017, "street_town")
    units_2020 = data.unit_states(WUZHONG, 2020, "street_town")
    selected = units_2020["unit_code"].iloc[2]
    before = county_map(layout, units_2017, "street_town", None, "zh")
    after = county_map(layout, units_2020, "street_town", selected, "zh")
    go.Figure(after)  # plotly accepts it
    assert apply(before, county_map_updates(layout, units_2020, "street_town", selected, "zh")) == after

    names = [t["name"] for t in after["data"] if t.get("showlegend")]
    assert names[0].startswith("已认定") and len(names) == 4
    assert sum(int(n.split()[-1]) for n in names) == (units_2020["state"] != INACTIVE).sum()
    units = next(t for t in after["data"] if t.get("name") == "units")
    assert units["marker"]["symbol"][0] in {"circle", "diamond", "triangle-down", "x-thin-open"}
    ring = next(t for t in after["data"] if t.get("name") == "selected")
    assert len(ring["x"]) == 1
    assert any("位置为示意" in a["text"] for a in after["layout"]["annotations"])
    assert any(a["text"] == "苏州工业园区" for a in after["layout"]["annotations"])
    fills = {t["fillcolor"] for t in after["data"] if t.get("fill") == "toself"}
    assert len(fills) > 1  # towns filled by state


def test_county_recolour_is_small(data):
    county = "321281"
    layout = data.county_layout(county)
    units = data.unit_states(county, 2018, "community_village")
    updates = county_map_updates(layout, units, "community_village", None, "zh")
    assert len(json.dumps(updates, separators=(",", ":"))) < 50_000
    assert len(json.dumps(county_map(layout, units, "community_village", None, "zh"))) > 2 * 50_000


def test_region_map_has_zones_on_top_and_patches_like_a_redraw(data):
    target = data.resolve(SUZHOU)
    a = data.region_children(target, 2017, "street_town", "certified", "zh")
    b = data.region_children(target, 2020, "street_town", "meets", "zh")
    before = region_map("city", a, 0.8, "zh")
    after = region_map("city", b, 0.8, "zh")
    go.Figure(after)
    assert len(after["data"]) == 4  # counties, the zone over its host, the colour bar's and the legend's carriers
    assert after["data"][1]["locations"] == [SIP]
    assert [f["id"] for f in after["data"][1]["geojson"]["features"]] == [SIP]
    assert SIP not in after["data"][0]["locations"]
    # one colour bar, under the map, drawn by its own trace (figures/maps.py): the regions' scale has a grey band
    assert after["data"][0]["showscale"] is False and after["data"][1]["showscale"] is False
    assert after["data"][2]["marker"]["showscale"] is True
    assert apply(before, region_map_updates(b, 0.8, "zh")) == after
    assert len(json.dumps(region_map_updates(b, 0.8, "zh"))) < 10_000
    assert after["layout"]["meta"]["bounds"][0] < 121 < after["layout"]["meta"]["bounds"][2]


# ---------------------------------------------------------------- side panel pieces


def test_core_indicator_rows_and_panel_pieces(an, data):
    from chuangye.web.pages.drilldown.layout import breadcrumb, summary_card, table_columns, unit_card

    town = data.county_units(XUANWU, "street_town").index[0]
    rows = core_indicator_rows(data, town, 2019)
    expected = an.scorecard(town, 2019)["indicators"]
    assert [r["value"] for r in rows] == expected.loc[expected["core"], "value"].tolist()
    assert [r["indicator"] for r in rows] == an.cfg.core_indicators
    assert all(r["threshold"] is not None and r["passed"] in (True, False, None) for r in rows)

    state = ViewState(page="map", year=2019, region=XUANWU, unit=town, lang="en")
    target = data.resolve(state.region, state.unit)
    crumbs = breadcrumb(data, target, state)
    assert len(crumbs) == 4
    assert crumbs[1].children.href == state.href("map", region="320100", unit=None)
    card = unit_card(an, data, target, state)
    assert card is not None and f"unit={town}" in str(card)
    assert "Xuanwu" in str(summary_card(data, target, state))
    columns = table_columns(target, state)
    assert [c.get("colId") or c["field"] for c in columns][:2] == ["name", "state"]
    assert next(c for c in columns if c.get("field") == "code")["hide"] is True


def test_unit_rows_never_show_a_later_certification(data):
    rows = children_rows(data, data.resolve(XUANWU), 2018, "community_village", "certified", "zh")
    states = data.unit_states(XUANWU, 2018, "community_village").set_index("unit_code")
    for row in rows:
        if row["state"] == "certified":
            assert row["year"] == states.at[row["code"], "certified_year"] <= 2018
        else:
            assert row["year"] is None
    assert any(r["year"] is None and not pd.isna(states.at[r["code"], "certified_year"]) for r in rows)


def test_a_county_without_units_of_the_type_still_draws(an, data):
    from chuangye.web.pages.drilldown.layout import summary_card

    empty = next(
        c
        for c in sorted(an.dataset.regions.query("level == 'county'")["region_code"])
        if data.county_units(c, "park").empty and c in set(load_boundaries("county")["code"])
    )
    units = data.unit_states(empty, 2020, "park")
    assert units.empty
    figure = county_map(data.county_layout(empty), units, "park", None, "zh")
    go.Figure(figure)
    assert next(t["name"] for t in figure["data"] if t.get("showlegend")) == "已认定 0"
    assert children_rows(data, data.resolve(empty), 2020, "park", "certified", "zh") == []
    state = ViewState(page="map", region=empty, unit_type="park")
    assert "该区域没有此类单位" in str(summary_card(data, data.resolve(empty), state))
