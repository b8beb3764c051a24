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
