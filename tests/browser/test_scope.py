"""A 南京市 city user in a real browser (issue 9): the pages show 南京's counties and units, the province map still
colours all 13 cities, clicking 无锡市 opens the out-of-scope notice instead of its counties, and no grid,
dropdown or text lists a county or unit of 无锡. The user's scope is set by a test-only ``before_request`` hook on
this module's app (the login layer's job in production). Screenshots of the overview, the drill-down and the
notice land in artifacts/screenshots/."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from chuangye.engine.scope import Scope
from tests.browser.conftest import assert_clean_console, click, open_path, snap, wait_for, wait_idle, wait_settled

NANJING, WUXI, XUANWU = "320100", "320200", "320102"
NOTICE = {"zh": "不在您的查看范围内", "en": "Outside the area you may see"}


@pytest.fixture(scope="module")
def dash_app(data_dir):
    from chuangye.web.access import set_scope
    from chuangye.web.app import create_app

    app = create_app(data_dir=data_dir)

    @app.server.before_request
    def sign_in_as_nanjing() -> None:  # test-only: the login layer's job in production
        set_scope(Scope("city", NANJING))

    return app


@pytest.fixture(scope="module")
def whole(dash_app):
    return dash_app.server.extensions["chuangye"]["services"].manager.current()


@pytest.fixture(scope="module")
def wuxi_words(whole) -> set[str]:
    """Names of 无锡's counties and units that no 南京 name contains (both languages)."""
    units = whole.dataset.units
    wuxi = units[units["city_code"] == WUXI]
    names = {*wuxi["name"], *wuxi.get("name_en", [])}
    names |= {whole.region_name(c, lang) for c in whole.regions.children(WUXI) for lang in ("zh", "en")}
    mine = units[units["city_code"] == NANJING]
    seen = (whole.regions.root, *whole.regions.codes("city"), *whole.regions.children(NANJING))
    regions = {whole.region_name(c, lang) for c in seen for lang in ("zh", "en")}
    allowed = "\n".join({*mine["name"], *mine.get("name_en", []), *regions})  # 红山街道 and 鸿山街道: Hongshan
    found = {str(n) for n in names if isinstance(n, str) and len(n) >= 2 and n not in allowed}
    assert whole.region_name(sorted(whole.regions.children(WUXI))[0], "zh") in found
    return found


def page_text(dash_duo) -> str:
    return dash_duo.driver.execute_script("return document.body.innerText")


def assert_nothing_of_wuxi(dash_duo, wuxi_words: set[str]) -> None:
    text = page_text(dash_duo)
    shown = sorted(w for w in wuxi_words if w in text)
    assert not shown, shown[:10]


def grid_rows(dash_duo, grid: str) -> list[str]:
    """The visible text of a grid's rows (pinned and scrolling parts alike)."""
    return [e.text for e in dash_duo.find_elements(f"#{grid} .ag-row")]


def test_province_map_colours_every_city_and_wuxi_opens_the_notice(dash_duo, whole, wuxi_words):
    open_path(dash_duo, "/map?year=2020&type=street_town&lang=zh", "#dd-grid .ag-row")
    dash_duo.wait_for_contains_text("#dd-table-title", "(13)", timeout=30)
    wait_settled(dash_duo)
    coloured = dash_duo.driver.execute_script(
        "const gd = document.querySelector('#dd-map .js-plotly-plot');"
        "const t = gd.data.find(t => (t.locations || []).length && t.z);"
        "return t ? Array.from(t.locations).filter((c, i) => t.z[i] !== null && t.z[i] !== undefined) : [];"
    )
    assert sorted(coloured) == sorted(whole.regions.codes("city"))  # all 13 cities, aggregates
    assert "无锡市" in page_text(dash_duo) and "南京市" in page_text(dash_duo)
    snap(dash_duo, "scope-nanjing-map-province-zh")

    row = dash_duo.find_element(f"#dd-grid .ag-center-cols-container .ag-row[row-id='{WUXI}'] .ag-cell")
    click(dash_duo, row)  # a click on 无锡市 would drill into its counties
    dash_duo.wait_for_contains_text("#out-of-scope-title", NOTICE["zh"], timeout=20)
    wait_idle(dash_duo)
    back = dash_duo.find_element("#out-of-scope-back")
    assert "返回南京市" in back.text
    assert_nothing_of_wuxi(dash_duo, wuxi_words)
    assert not dash_duo.find_elements("#dd-grid")  # no table of its counties, not even an empty one
    snap(dash_duo, "scope-nanjing-notice-zh")

    back.click()  # the way home: 南京's counties
    dash_duo.wait_for_contains_text("#dd-breadcrumb", "南京市", timeout=20)
    dash_duo.wait_for_contains_text("#dd-table-title", "各县(市、区)", timeout=20)
    wait_settled(dash_duo)
    counties = grid_rows(dash_duo, "dd-grid")
    assert any(whole.region_name(XUANWU, "zh") in text for text in counties), counties
    assert_nothing_of_wuxi(dash_duo, wuxi_words)
    snap(dash_duo, "scope-nanjing-map-city-zh")
    assert_clean_console(dash_duo)


def test_a_county_of_nanjing_lists_its_units_and_english_reads_the_same(dash_duo, whole, wuxi_words):
    units = whole.dataset.units
    xuanwu = units[(units["county_code"] == XUANWU) & (units["unit_type"] == "community_village")]
    open_path(dash_duo, f"/map?year=2020&type=community_village&region={XUANWU}&lang=en", "#dd-grid .ag-row")
    dash_duo.wait_for_contains_text("#dd-breadcrumb", whole.region_name(XUANWU, "en"), timeout=20)
    wait_settled(dash_duo)
    text = page_text(dash_duo)
    names = {str(n) for n in xuanwu.get("name_en", xuanwu["name"])}
    assert any(n in text for n in names)
    assert_nothing_of_wuxi(dash_duo, wuxi_words)
    snap(dash_duo, "scope-nanjing-map-county-en")
    open_path(dash_duo, f"/map?region={WUXI}&lang=en", "#out-of-scope-title")
    assert NOTICE["en"] in dash_duo.find_element("#out-of-scope-title").text
    assert "Back to Nanjing" in dash_duo.find_element("#out-of-scope-back").text
    snap(dash_duo, "scope-nanjing-notice-en")


def test_overview_peers_unit_and_certification_show_nothing_of_wuxi(dash_duo, whole, wuxi_words):
    for lang in ("zh", "en"):
        open_path(dash_duo, f"/overview?lang={lang}", "#ov-card-street_town .card")
        wait_settled(dash_duo)
        assert_nothing_of_wuxi(dash_duo, wuxi_words)
        snap(dash_duo, f"scope-nanjing-overview-{lang}")

    open_path(dash_duo, f"/peers?region={NANJING}", "#peers-grid .ag-row")
    wait_idle(dash_duo)
    dash_duo.find_element("#peers-county").click()
    options = wait_for(lambda: [e.text for e in dash_duo.find_elements(".dash-dropdown-option")], 10, "no options")
    mine = {whole.region_name(c, "zh") for c in whole.regions.children(NANJING)}
    assert options and all(any(name in o for name in mine) for o in options), options
    assert_nothing_of_wuxi(dash_duo, wuxi_words)

    wuxi_unit = whole.dataset.units.loc[whole.dataset.units["city_code"] == WUXI].iloc[0]
    open_path(dash_duo, "/unit", "#unit-page")
    dash_duo.find_element("#unit-search").click()
    box = dash_duo.wait_for_element(".dash-dropdown-search", timeout=10)
    box.send_keys(str(wuxi_unit["name"]))
    wait_idle(dash_duo)
    offered = [
        e.get_attribute("value") for e in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option input")
    ]
    assert all(code.startswith(NANJING[:4]) for code in offered), offered
    open_path(dash_duo, f"/unit?unit={wuxi_unit['unit_code']}", "#out-of-scope-title")
    assert_nothing_of_wuxi(dash_duo, wuxi_words)

    open_path(dash_duo, "/certification?year=2020&type=community_village", "#cert-table .ag-row")
    wait_idle(dash_duo)
    assert "无锡市" in page_text(dash_duo)  # the city table: every city's aggregates
    assert_nothing_of_wuxi(dash_duo, wuxi_words)  # the issue list: 南京's units only
    open_path(dash_duo, f"/certification?year=2020&type=community_village&region={WUXI}", "#out-of-scope-title")
    assert_clean_console(dash_duo)
