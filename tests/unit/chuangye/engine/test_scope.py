"""The scoped view of a data version (engine/scope.py) on the bundled Jiangsu sample: a city or county user's
view holds its home area's units and only the aggregates the rule allows, and those aggregates are the whole
version's numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from chuangye.data.store import Store
from chuangye.engine.drilldown import drill_data
from chuangye.engine.manager import DataManager
from chuangye.engine.pipeline import pipeline_for
from chuangye.engine.scope import Scope, ScopeError, scoped
from chuangye.engine.scorecard import search_index_for
from chuangye.sample.bundled import SAMPLE_DIR

NANJING, WUXI = "320100", "320200"
XUANWU, QINHUAI = "320102", "320104"  # two counties of 南京市


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("scope"))
    store.ensure_initialised(SAMPLE_DIR)
    return DataManager(store).current()


@pytest.fixture(scope="module")
def city(whole):
    return scoped(whole, Scope("city", NANJING))


@pytest.fixture(scope="module")
def county(whole):
    return scoped(whole, Scope("county", XUANWU))


def _counties(an, city_code: str) -> list[str]:
    return [c for c in an.regions.codes("county") if an.regions.parent_of(c) == city_code]


def test_the_province_and_an_admin_see_the_whole_version(whole):
    assert scoped(whole, Scope("province")) is whole
    assert scoped(whole, Scope("admin")) is whole


def test_a_scoped_view_is_built_once_per_scope_and_version(whole, city):
    assert scoped(whole, Scope("city", NANJING)) is city
    assert scoped(city, Scope("city", NANJING)) is city  # scoping a view again starts from the whole version
    assert scoped(whole, Scope("city", WUXI)) is not city


def test_a_city_user_holds_only_its_own_units_and_their_rows(whole, city):
    tables = city.dataset
    assert len(tables.units) and set(tables.units["city_code"]) == {NANJING}
    assert set(tables.units["county_code"]) <= set(_counties(whole, NANJING))
    own = set(tables.units["unit_code"])
    for name in ("indicator_inputs", "certifications"):
        rows = getattr(tables, name)
        assert len(rows) and set(rows["unit_code"]) <= own, name
    assert set(city.unit_indicators["unit_code"]) <= own
    whole_own = whole.unit_indicators[whole.unit_indicators["unit_code"].str.startswith(NANJING[:4])]
    assert len(city.unit_indicators) == len(whole_own)  # nothing of its own lost


def test_a_city_user_sees_every_citys_aggregates_and_only_its_own_counties(whole, city):
    cov = city.coverage(basis="certified", year=2020)
    by_level = {level: set(rows["region_code"]) for level, rows in cov.groupby("level")}
    assert by_level["province"] == {whole.regions.root}
    assert by_level["city"] == set(whole.regions.codes("city"))
    assert by_level["county"] == set(_counties(whole, NANJING))
    assert set(city.regions.codes("county")) == set(_counties(whole, NANJING))
    assert city.regions.children(WUXI) == ()  # no county name of another city
    # the aggregates are the whole version's numbers, not recounted from the cut rows
    mine = cov[cov["level"].isin(["province", "city"])].sort_values(["region_code", "unit_type"])
    full = whole.coverage(basis="certified", year=2020)
    full = full[full["level"].isin(["province", "city"])].sort_values(["region_code", "unit_type"])
    pd.testing.assert_frame_equal(mine.reset_index(drop=True), full.reset_index(drop=True))
    assert city.years == whole.years and city.first_round == whole.first_round


def test_a_county_user_sees_its_units_and_the_county_figures_of_its_city(whole, county):
    assert set(county.dataset.units["county_code"]) == {XUANWU}
    cov = county.coverage(basis="meets", year=2019, level="county")
    assert set(cov["region_code"]) == set(_counties(whole, NANJING))
    full = whole.coverage(basis="meets", year=2019, level="county", parent=NANJING)
    key = ["region_code", "unit_type"]
    pd.testing.assert_frame_equal(
        cov.sort_values(key).reset_index(drop=True), full.sort_values(key).reset_index(drop=True)
    )
    assert not len(county.dataset.certifications) or set(county.dataset.certifications["unit_code"].str[:6]) == {XUANWU}


def test_the_certification_pipeline_keeps_aggregates_and_cuts_units(whole, city, county):
    full, mine = pipeline_for(whole), pipeline_for(city)
    year = full.round_years[-1]
    pd.testing.assert_frame_equal(mine.city_table(year, "street_town"), full.city_table(year, "street_town"))
    assert mine.county_table(year, "street_town", WUXI).empty  # no county rows of another city
    pd.testing.assert_frame_equal(
        mine.county_table(year, "street_town", NANJING), full.county_table(year, "street_town", NANJING)
    )
    issues = mine.issue_list(year, "community_village")
    assert len(issues) and set(issues["city_code"]) == {NANJING}
    assert set(pipeline_for(county).issue_list(year, "community_village")["unit_code"].str[:6]) <= {XUANWU}
    assert set(pipeline_for(county).county_table(year, "street_town", NANJING)["region_code"]) == set(
        full.county_table(year, "street_town", NANJING)["region_code"]
    )


def test_search_scorecards_and_drill_down_hold_no_unit_of_another_city(whole, city):
    wuxi_unit = str(whole.dataset.units.loc[whole.dataset.units["city_code"] == WUXI, "unit_code"].iloc[0])
    assert whole.unit_row(wuxi_unit) is not None
    assert city.unit_row(wuxi_unit) is None
    whole.scorecard(wuxi_unit, 2020)
    with pytest.raises(KeyError):  # as unknown as a unit that does not exist
        city.scorecard(wuxi_unit, 2020)
    index = search_index_for(city)
    assert len(index) == len(city.dataset.units.drop_duplicates("unit_code"))
    units = drill_data(city).units
    assert len(units) and set(units["city_code"]) == {NANJING}


@pytest.mark.parametrize(
    ("scope", "code"),
    [(Scope("city", XUANWU), "region_not_a_city"), (Scope("county", NANJING), "region_not_a_county"),
     (Scope("county"), "region_required"), (Scope("mayor", NANJING), "unknown_role")],  # type: ignore[arg-type]
)  # fmt: skip
def test_a_role_bound_to_the_wrong_region_is_refused(whole, scope, code):
    with pytest.raises(ScopeError) as refused:
        scoped(whole, scope)
    assert refused.value.code == code


def test_what_a_scope_may_open_and_export(whole):
    tree = whole.regions
    nanjing, xuanwu = Scope("city", NANJING), Scope("county", XUANWU)
    wuxi_county = _counties(whole, WUXI)[0]
    assert nanjing.sees_region(WUXI, tree) and nanjing.sees_region(XUANWU, tree)
    assert not nanjing.sees_region(wuxi_county, tree) and not nanjing.sees_region(wuxi_county + "001", tree)
    assert xuanwu.sees_region(QINHUAI, tree) and not xuanwu.sees_region(QINHUAI + "001", tree)
    assert xuanwu.sees_region(XUANWU + "001", tree)
    assert nanjing.may_export(NANJING, tree) and nanjing.may_export(XUANWU + "001", tree)
    assert not nanjing.may_export(WUXI, tree) and not nanjing.may_export(tree.root, tree)
    assert xuanwu.may_export(XUANWU, tree) and not xuanwu.may_export(QINHUAI, tree)
    assert not xuanwu.may_export(NANJING, tree)
    assert Scope.everything().may_export(WUXI, tree) and Scope.everything().sees_region(wuxi_county + "001", tree)


def test_what_a_scope_may_open_as_a_page(whole, city, county):
    """A page names one region or unit: the province always, a city only one's own, a county or unit only inside
    the scope's unit counties; in the whole tree and in the scope's own tree alike."""
    nanjing, xuanwu = Scope("city", NANJING), Scope("county", XUANWU)
    wuxi_county = _counties(whole, WUXI)[0]
    nanjing_unit = str(city.dataset.units["unit_code"].iloc[0])
    for tree in (whole.regions, city.regions):
        assert nanjing.opens("", tree) and nanjing.opens(tree.root, tree)
        assert nanjing.opens(NANJING, tree) and nanjing.opens(QINHUAI, tree) and nanjing.opens(nanjing_unit, tree)
        assert not nanjing.opens(WUXI, tree)  # its aggregates are visible, its counties are not
        assert not nanjing.opens(wuxi_county, tree) and not nanjing.opens(wuxi_county + "001", tree)
    for tree in (whole.regions, county.regions):
        assert xuanwu.opens(NANJING, tree) and xuanwu.opens(XUANWU, tree) and xuanwu.opens(XUANWU + "001", tree)
        assert not xuanwu.opens(QINHUAI, tree) and not xuanwu.opens(QINHUAI + "001", tree)
        assert not xuanwu.opens(WUXI, tree)
    assert Scope.everything().opens(wuxi_county, whole.regions) and Scope.everything().opens(WUXI, whole.regions)
