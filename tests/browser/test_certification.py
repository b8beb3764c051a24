"""认定进度 in a real browser: funnel, bars, per-area table and late list follow the URL; the city filter writes it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from chuangye.sample.bundled import SAMPLE_DIR
from tests.browser.conftest import (
    assert_clean_console,
    assert_no_outside_requests,
    current_query,
    open_path,
    snap,
    wait_idle,
)


@pytest.fixture(scope="module")
def expected():
    """The page's numbers computed without Dash, from the same sample."""
    from chuangye.data.store import Store
    from chuangye.engine.manager import DataManager
    from chuangye.engine.pipeline import pipeline_for

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp))
        store.ensure_initialised(SAMPLE_DIR)
        return pipeline_for(DataManager(store).current())


def area_names(dash_duo, grid: str = "cert-table") -> list[str]:
    """The first column of the grid's body rows as shown (rows on their way out are skipped)."""
    texts = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText.trim())",
        f"#{grid} .ag-pinned-left-cols-container .ag-row [col-id='area']",
    )
    return [text for text in texts if text]


def grid_rows(dash_duo, grid: str) -> int:
    return len(dash_duo.driver.find_elements(By.CSS_SELECTOR, f"#{grid} .ag-center-cols-container .ag-row"))


def to_top(dash_duo) -> None:
    """Leave no input focused and the page scrolled to the top (screenshots, clicks on the navbar)."""
    dash_duo.driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")


def choose_city(dash_duo, name: str) -> None:
    """Open the city dropdown, type ``name`` into its search box and click the first match."""
    dash_duo.find_element("#cert-city").click()
    search = dash_duo.wait_for_element(".dash-dropdown-content input.dash-dropdown-search", timeout=10)
    assert search.get_attribute("placeholder") == "搜索…"
    search.send_keys(name)
    option = ".dash-dropdown-content [role='option']"
    dash_duo.wait_for_contains_text(option, name, timeout=10)
    dash_duo.find_element(option).click()


def test_certification_page_renders_offline_in_both_languages(dash_duo, expected):
    open_path(dash_duo, "/certification?year=2019&type=street_town", "#cert-table .ag-row")
    wait_idle(dash_duo)
    dash_duo.wait_for_contains_text("#cert-title", "2019", timeout=20)
    assert "街道(乡镇)" in dash_duo.find_element("#cert-title").text

    table = expected.city_table(2019, "street_town")
    assert area_names(dash_duo) == table["name"].tolist()  # 13 cities in code order
    totals = expected.funnel(2019, "street_town")
    summary = dash_duo.find_element("#cert-summary").text
    assert f"目标任务数 {totals['target_count']:,}" in summary
    assert f"已认定 {totals['certified']:,}" in summary
    issues = expected.issue_list(2019, "street_town")
    assert f"迟报或缺失 {len(issues)} 项" in summary
    dash_duo.wait_for_element("#cert-funnel .js-plotly-plot", timeout=20)
    dash_duo.wait_for_element("#cert-bar .js-plotly-plot", timeout=20)
    funnel_text = dash_duo.find_element("#cert-funnel").text
    assert "申报评估数" in funnel_text and "市级审核" in funnel_text
    assert f"✔ {totals['certified']}" in funnel_text
    assert dash_duo.find_element("#cert-issues-count").text == f"共 {len(issues)} 项"
    # the quick search narrows the table
    dash_duo.find_element("#cert-table-search").send_keys("南京")
    until(lambda: area_names(dash_duo) == ["南京市"], timeout=10)
    dash_duo.find_element("#cert-table-search").send_keys(Keys.BACKSPACE, Keys.BACKSPACE)
    until(lambda: len(area_names(dash_duo)) == 13, timeout=10)
    assert_clean_console(dash_duo)
    assert_no_outside_requests(dash_duo)
    to_top(dash_duo)
    snap(dash_duo, "certification-zh")

    to_top(dash_duo)
    dash_duo.find_element("#lang-toggle").click()
    dash_duo.wait_for_contains_text("#cert-title", "Streets/towns", timeout=20)
    wait_idle(dash_duo)
    assert current_query(dash_duo)["lang"] == "en"
    assert "Evaluation quota" in dash_duo.find_element("#cert-funnel").text
    assert area_names(dash_duo)[0] == table["name_en"].iloc[0]
    header = dash_duo.driver.find_element(By.CSS_SELECTOR, "#cert-table .ag-header-cell[col-id='pct_target']").text
    assert header == "% of target"
    assert_clean_console(dash_duo)
    to_top(dash_duo)
    snap(dash_duo, "certification-en")


def test_city_filter_changes_table_and_url_and_2016_is_empty(dash_duo, expected):
    open_path(dash_duo, "/certification?year=2018&type=community_village", "#cert-table .ag-row")
    wait_idle(dash_duo)
    assert len(area_names(dash_duo)) == 13

    choose_city(dash_duo, "连云港")
    dash_duo.wait_for_contains_text("#cert-issues-title", "连云港市", timeout=20)
    wait_idle(dash_duo)
    assert current_query(dash_duo)["region"] == "320700"
    counties = expected.county_table(2018, "community_village", "320700")
    assert area_names(dash_duo) == counties["name"].tolist()  # the city's counties, not the 13 cities
    header = dash_duo.driver.find_element(By.CSS_SELECTOR, "#cert-table .ag-header-cell[col-id='area']").text
    assert header == "县(市、区)"
    assert dash_duo.find_element("#cert-table-title").text == "连云港市各县(市、区)认定进度"
    pinned = dash_duo.driver.find_element(By.CSS_SELECTOR, "#cert-table .ag-floating-top [col-id='area']").text
    assert pinned == "连云港市"
    city = expected.funnel(2018, "community_village", "320700")
    assert f"已认定 {city['certified']:,}" in dash_duo.find_element("#cert-summary").text
    issues = expected.issue_list(2018, "community_village", "320700")
    expected_count = f"共 {len(issues)} 项" if len(issues) else "✔ 本轮无迟报或缺失"
    assert dash_duo.find_element("#cert-issues-count").text == expected_count

    # a deep link restores the city; back to the province through the dropdown
    open_path(dash_duo, "/certification?year=2018&type=community_village&region=320700", "#cert-table .ag-row")
    dash_duo.wait_for_contains_text("#cert-issues-title", "连云港市", timeout=20)
    choose_city(dash_duo, "全省")
    dash_duo.wait_for_contains_text("#cert-issues-title", "江苏省", timeout=20)
    wait_idle(dash_duo)
    assert "region" not in current_query(dash_duo)
    assert len(area_names(dash_duo)) == 13

    Select(dash_duo.find_element("#ctl-year")).select_by_value("2016")
    dash_duo.wait_for_contains_text("#cert-empty", "2016年尚无认定轮次", timeout=20)
    wait_idle(dash_duo)
    assert current_query(dash_duo)["year"] == "2016"
    assert not dash_duo.find_element("#cert-body").is_displayed()
    assert dash_duo.find_element("#cert-title").text == "认定进度"
    Select(dash_duo.find_element("#ctl-year")).select_by_value("2017")
    dash_duo.wait_for_contains_text("#cert-title", "2017", timeout=20)
    wait_idle(dash_duo)
    assert dash_duo.find_element("#cert-body").is_displayed()
    assert not dash_duo.find_elements("#cert-empty")  # the alert closes
    assert_clean_console(dash_duo)
    assert_no_outside_requests(dash_duo)
