"""The drill-down page's pieces for callbacks, on the bundled sample: the unknown-region alert, the grid's
column specs and the words its functions look up in the grid's context."""

from __future__ import annotations

import pytest

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.drilldown import drill_data
from chuangye.engine.manager import Analytics
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.pages.drilldown.layout import table_columns, table_context, unknown_region_alert
from chuangye.web.viewstate import ViewState


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    path = tmp_path_factory.mktemp("drilldown-layout")
    Store(path).ensure_initialised(SAMPLE_DIR)
    return drill_data(Analytics(Store(path).active(), load_config()))


def test_the_province_and_known_codes_raise_no_alert(data):
    for region in ("", "320000", "320100", "320102"):
        assert unknown_region_alert(data, ViewState(page="map", region=region)) is None
    alert = unknown_region_alert(data, ViewState(page="map", region="999999"))
    assert alert is not None and "999999" in str(alert.children)


def test_region_columns_declare_their_kinds(data):
    target = data.resolve("320100")
    columns = {c.get("colId") or c["field"]: c for c in table_columns(target, ViewState(page="map", region="320100"))}
    assert [columns[k]["type"] for k in ("region_name", "coverage", "status", "gap", "short", "n")] == [
        "text", "percent", "text", "points", "int", "int",
    ]  # fmt: skip
    assert columns["status"]["valueFormatter"] == {"function": "chuangyeLabel(params, 'status')"}
    assert columns["code"]["hide"] is True
    assert not any("params.value" in str(c) for c in columns.values())  # no inline JavaScript


def test_unit_columns_look_names_up_in_the_context(data):
    state = ViewState(page="map", region="320102", unit_type="community_village", lang="en")
    target = data.resolve("320102")
    columns = {c.get("colId") or c["field"]: c for c in table_columns(target, state, n_core=4)}
    assert columns["name"]["field"] is None
    assert columns["name"]["valueGetter"] == {"function": "chuangyeLookup(params, 'names', 'code')"}
    assert columns["core"]["valueFormatter"] == {"function": "chuangyeOutOf(params, 4)"}
    assert "town" in columns and columns["year"]["type"] == "int"
    context = table_context(data, target, state)
    assert context["labels"]["state"]["inactive"].endswith("Inactive")
    assert context["tags"] == {"zone": "zone"}
    assert context["names"] and set(context["styles"]) == {"status", "state"}


def test_a_column_id_shared_by_region_and_unit_tables_means_the_same_column(data):
    """A drill replaces the region table by a unit table in one update; AG Grid keeps the cells of a column
    whose colId it already has, so a colId both tables use must define the same column (the names bug: the
    regions' "name" column and the units' looked-up name shared a colId, and the units' names stayed empty)."""
    region_state = ViewState(page="map", region="320100")
    regions = {c.get("colId") or c["field"]: c for c in table_columns(data.resolve("320100"), region_state)}
    for unit_type in ("street_town", "community_village", "park"):
        state = ViewState(page="map", region="320102", unit_type=unit_type)
        units = {c.get("colId") or c["field"]: c for c in table_columns(data.resolve("320102"), state)}
        for shared in set(regions) & set(units):
            assert regions[shared] == units[shared], shared


# ------------------------------------------------------------------------------- one rounding, on rounding ties


def test_the_summary_card_rounds_half_up_once():
    from types import SimpleNamespace

    from chuangye.web.pages.drilldown.layout import summary_card
    from tests.unit.chuangye.web.test_status_links import text_of

    head = {
        "coverage": 0.7665,  # f"{x * 100:.1f}" says 76.6; the decimal value rounds to 76.7
        "goal": 0.8,
        "gap_points": 3.25,  # f"{3.25:.1f}" says 3.2
        "gap_units": 4,
        "units_in_scope": 2000,
        "certified_cumulative": 1533,
        "meets_standard": 1600,
        "units_needed_per_year": None,
        "status": "acceleration_needed",
    }
    data = SimpleNamespace(
        region_name=lambda code, lang: "南京市",
        headline=lambda *args: head,
        an=SimpleNamespace(cfg=SimpleNamespace(target_year=2020)),
    )
    target = SimpleNamespace(region="320100", level="city")
    text = text_of(summary_card(data, target, ViewState(page="map", region="320100")))
    assert "76.7%" in text and "76.6%" not in text
    assert "3.3 个百分点" in text and "目标 80%" in text


def test_region_rows_reach_the_grid_rounded_as_shown(data, monkeypatch):
    from chuangye.web.pages.drilldown import layout

    engine_rows = [{"code": "320102", "name": "玄武区", "coverage": 0.7665, "gap": 3.25, "short": 1, "n": 8}]
    monkeypatch.setattr(layout, "children_rows", lambda *args: engine_rows)
    [row] = layout.table_rows(data, data.resolve("320100"), ViewState(page="map", region="320100"))
    assert (row["coverage"], row["gap"]) == (0.767, 3.3)  # grid.js prints 76.7% and +3.3
    assert engine_rows[0]["coverage"] == 0.7665  # the engine's cached rows stay as they were


def hints_as(scope, data, region: str, lang: str = "zh") -> tuple[str, str]:
    """The table's hint and the map's note for ``region`` as a user of ``scope`` reads them (the request's scope,
    web/access.py; outside a request a page is drawn for the province)."""
    from flask import Flask

    from chuangye.web.access import set_scope
    from chuangye.web.pages.drilldown.layout import map_note, table_header

    target = data.resolve(region)
    with Flask(__name__).test_request_context():
        set_scope(scope)
        _, hint = table_header(data, target, ViewState(page="map", region=region, lang=lang), 13)
        note = map_note(data, target, False, lang)[-1]
    return hint, note


def test_a_user_who_opens_only_their_own_area_is_told_which_row_drills_down(data):
    """A city user at the province and a county user at the province or its city open one child: the hints
    say which, instead of promising that every row drills down (the others open the out-of-scope notice)."""
    from chuangye.engine.scope import Scope

    city, county = Scope("city", "320100"), Scope("county", "320102")
    assert hints_as(city, data, "")[0] == "点击南京市向下钻取；其他设区市只显示汇总数字"
    assert hints_as(county, data, "320100")[0] == "点击玄武区向下钻取；其他县(市、区)只显示汇总数字"
    assert hints_as(county, data, "")[0] == "点击南京市向下钻取；其他设区市只显示汇总数字"
    assert "南京市向下钻取" in hints_as(city, data, "")[1] and "不能打开" in hints_as(city, data, "")[1]
    assert hints_as(city, data, "", "en")[0] == "Click Nanjing City to drill down; every other city shows totals only"
    every_row = ("点击一行向下钻取", "点击地图上的区域或表格中的一行，逐级向下钻取；用上方路径返回上级。")
    for scope, region in ((city, "320100"), (Scope.everything(), ""), (Scope.everything(), "320200")):
        assert hints_as(scope, data, region) == every_row
