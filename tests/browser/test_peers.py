"""同级比较 in a real browser: dropdowns write the URL, a deep link reopens the view, rows lead on."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from chuangye.config.loader import load_config
from chuangye.data.schema import UNIT_TYPES
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.engine.peers import resolve_subject, standing_for
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.i18n import t
from chuangye.strings.numbers import percent_text
from tests.browser.conftest import (
    assert_clean_console,
    assert_no_outside_requests,
    current_query,
    focus_grid_row,
    focused_row,
    open_path,
    press,
    snap,
    wait_for,
    wait_idle,
)


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    """The standing the page should show, computed straight from the bundled sample."""

    store = Store(tmp_path_factory.mktemp("peers-expected"))
    store.ensure_initialised(SAMPLE_DIR)
    an = Analytics(store.active(), load_config())

    def rank(code: str, unit_type: str = "street_town", year: int = 2020, basis: str = "certified"):
        row = standing_for(an, resolve_subject(an.regions, code), basis, year).set_index("unit_type")
        return row.loc[unit_type]

    return rank


def choose(dash_duo, dropdown: str, value: str, typed: str | None = None) -> None:
    """Open a dcc.Dropdown, optionally type into its search box, click the option with ``value``."""
    dash_duo.find_element(f"#{dropdown}").click()
    if typed:
        dash_duo.wait_for_element(".dash-dropdown-search", timeout=10).send_keys(typed)
    selector = f".dash-dropdown-option input[value='{value}']"
    dash_duo.wait_for_element(selector, timeout=10)
    option = dash_duo.driver.find_element(By.CSS_SELECTOR, selector).find_element(By.XPATH, "./ancestor::label")
    option.click()
    wait_idle(dash_duo)


def wait_for_query(dash_duo, key: str, value: str | None, timeout: float = 15) -> None:
    wait_for(
        lambda: current_query(dash_duo).get(key) == value,
        timeout,
        lambda: f"URL {dash_duo.driver.current_url} has no {key}={value}",
    )


def click(dash_duo, element) -> None:
    """Scroll the element to the middle of the window first: the page may be scrolled anywhere."""
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def card_text(dash_duo, unit_type: str = "street_town") -> str:
    return dash_duo.find_element(f"#peers-card-body-{unit_type}").text


def test_city_and_county_dropdowns_write_the_url_and_show_the_rank(dash_duo, expected):
    open_path(dash_duo, "/peers", "#peers-card-body-street_town")
    dash_duo.wait_for_contains_text("#peers-heading", "南京市", timeout=20)
    nanjing = expected("320100")
    assert f"第 {nanjing['rank']} 名 / 共 13 个" in card_text(dash_duo)
    assert "region" not in current_query(dash_duo)  # the default subject leaves the URL alone

    choose(dash_duo, "peers-city", "320500")
    wait_for_query(dash_duo, "region", "320500")
    dash_duo.wait_for_contains_text("#peers-heading", "苏州市", timeout=20)
    suzhou = expected("320500")
    assert f"第 {suzhou['rank']} 名 / 共 13 个" in card_text(dash_duo)
    assert percent_text(suzhou["coverage"]) in card_text(dash_duo)  # the one display rounding
    assert "苏州市" in dash_duo.find_element("#peers-chart-street_town").text  # the subject's label on the chart

    choose(dash_duo, "peers-county", "320576", typed="工业园")
    wait_for_query(dash_duo, "region", "320576")
    dash_duo.wait_for_contains_text("#peers-heading", "苏州工业园区", timeout=20)
    sip = expected("320576")
    text = card_text(dash_duo)
    assert f"第 {sip['rank']} 名 / 共 {sip['n_peers']} 个" in text
    assert f"市内第 {sip['rank_in_parent']} 名 / 共 {sip['n_in_parent']} 个" in text
    assert "苏州工业园区" in dash_duo.find_element("#peers-county").text

    # the lagging units of the county, largest gap first; a click opens the scorecard
    dash_duo.wait_for_element("#peers-grid .ag-row", timeout=20)
    first = dash_duo.find_element("#peers-grid .ag-row[row-index='0'] .ag-cell[col-id='code']").text
    click(dash_duo, dash_duo.find_element("#peers-grid .ag-row[row-index='0'] .ag-cell[col-id='name']"))
    dash_duo.wait_for_element("#unit-header #unit-name", timeout=20)
    assert dash_duo.driver.current_url.split("?")[0].endswith("/unit")
    assert current_query(dash_duo)["unit"] == first
    assert first in dash_duo.find_element("#unit-code").text
    assert_clean_console(dash_duo)


def test_deep_link_reopens_the_county_and_switches_language(dash_duo, expected):
    open_path(dash_duo, "/peers?region=320115", "#peers-card-body-street_town")
    dash_duo.wait_for_contains_text("#peers-heading", "江宁区", timeout=20)
    assert "南京市" in dash_duo.find_element("#peers-city").text
    assert "江宁区" in dash_duo.find_element("#peers-county").text
    row = expected("320115")
    assert f"第 {row['rank']} 名 / 共 {row['n_peers']} 个" in card_text(dash_duo)
    assert f"市内第 {row['rank_in_parent']} 名" in card_text(dash_duo)
    dash_duo.wait_for_element("#peers-chart-street_town .js-plotly-plot", timeout=20)
    for unit_type in ("street_town", "community_village", "park"):
        assert "江宁区" in dash_duo.find_element(f"#peers-chart-{unit_type}").text
    table = dash_duo.find_element("#peers-ind-table").text
    cfg = load_config()
    participation = cfg.indicators["participation_rate"]
    threshold = percent_text(cfg.thresholds["street_town"]["participation_rate"], participation.shown_digits)
    assert "创业参与率" in table and f"≥ {threshold}" in table and "✔" in table
    dash_duo.wait_for_element("#peers-grid .ag-row", timeout=20)
    assert "汤山街道" in dash_duo.find_element("#peers-grid").text

    assert_clean_console(dash_duo)
    assert_no_outside_requests(dash_duo)
    snap(dash_duo, "peers-zh")

    # the table's search box filters its rows
    names = "#peers-grid .ag-pinned-left-cols-container .ag-row"  # the name column is pinned
    rows_before = len(dash_duo.find_elements(names))
    dash_duo.find_element("#peers-grid-filter").send_keys("东山")

    def narrowed() -> list | None:
        rows = dash_duo.find_elements(names)
        return [rows] if len(rows) < rows_before else None

    [rows] = wait_for(narrowed, 10, "the search box never narrowed the rows")
    assert 0 < len(rows) < rows_before and all("东山" in r.text for r in rows)

    click(dash_duo, dash_duo.find_element("#lang-toggle"))
    dash_duo.wait_for_contains_text("#peers-heading", "Jiangning District", timeout=20)
    wait_idle(dash_duo)
    assert current_query(dash_duo)["lang"] == "en" and current_query(dash_duo)["region"] == "320115"
    text = card_text(dash_duo)
    assert f"Rank {row['rank']} of {row['n_peers']}" in text and "Nanjing City" in text
    assert "Entrepreneurship participation rate" in dash_duo.find_element("#peers-ind-table").text
    assert "County (optional)" in dash_duo.find_element("#peers-page").text
    assert "Threshold" in dash_duo.find_element("#peers-ind-table").text
    assert_clean_console(dash_duo)
    snap(dash_duo, "peers-en")

    # the shared unit-type control changes the lagging table
    click(dash_duo, dash_duo.find_element("#ctl-type").find_element(By.XPATH, ".//label[contains(., 'parks')]"))
    wait_for_query(dash_duo, "type", "park")
    dash_duo.wait_for_contains_text("#peers-children-title", "Development parks", timeout=20)
    assert_clean_console(dash_duo)


def test_enter_and_space_open_a_row_like_a_click(dash_duo):
    """By keyboard alone: Enter on a county's row compares that county; Space on one of its units opens the unit."""
    open_path(dash_duo, "/peers?region=320100", "#peers-card-body-street_town")
    dash_duo.wait_for_contains_text("#peers-heading", "南京市", timeout=20)
    dash_duo.wait_for_element("#peers-grid .ag-row", timeout=20)
    county = dash_duo.find_element("#peers-grid .ag-center-cols-container .ag-row[row-index='1']").get_attribute(
        "row-id"
    )
    focus_grid_row(dash_duo, "peers-grid", county, start="#peers-grid-filter")
    press(dash_duo, Keys.ENTER)
    wait_for_query(dash_duo, "region", county)
    wait_idle(dash_duo)
    unit = wait_for(lambda: focused_row(dash_duo, "peers-grid"), 10, "the units' table never got the focus")
    assert len(unit) > 6  # a unit's row: the table now lists the county's lagging units
    press(dash_duo, Keys.SPACE)
    dash_duo.wait_for_element("#unit-header #unit-name", timeout=20)
    assert dash_duo.driver.current_url.split("?")[0].endswith("/unit")
    assert current_query(dash_duo)["unit"] == unit
    assert_clean_console(dash_duo)


@pytest.fixture(scope="module")
def analytics(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("peers-analytics"))
    store.ensure_initialised(SAMPLE_DIR)
    return Analytics(store.active(), load_config())


# the labels plotly drew on a chart (annotations: the subject's value, the goal, the province average)
CHART_LABELS = """
return Array.from(document.querySelectorAll('#' + arguments[0] + ' .annotation-text'))
    .map(el => el.textContent.trim());
"""
PERCENT = re.compile(r"(\d+\.\d)%")


def test_every_citys_cards_and_charts_print_the_same_numbers(dash_duo, analytics):
    """For each city and unit type, the card's coverage and the chart's label of that city read the same (one
    rounding: 徐州 read 76.6 % on the card and 76.7 % on the chart), and so does the province average."""
    compared = 0
    for city in analytics.regions.codes("city"):
        name = analytics.region_name(city, "zh")
        open_path(dash_duo, f"/peers?region={city}", "#peers-card-body-street_town")
        dash_duo.wait_for_contains_text("#peers-heading", name, timeout=20)
        wait_idle(dash_duo)
        for unit_type in UNIT_TYPES:
            chart = f"peers-chart-{unit_type}"
            labels = wait_for(
                lambda chart=chart: dash_duo.driver.execute_script(CHART_LABELS, chart),
                20,
                f"{name}: the {unit_type} chart drew no labels",
            )
            card = dash_duo.find_element(f"#peers-card-body-{unit_type}")
            shown = card.find_elements(By.CSS_SELECTOR, ".peers-coverage")
            subject = [label for label in labels if label.startswith(name)]
            if not shown:  # no units of the type: no card figure, and the chart says the city has no bar
                assert not subject, (name, unit_type, labels)
                continue
            assert len(subject) == 1, (name, unit_type, labels)
            assert PERCENT.findall(subject[0]) == PERCENT.findall(shown[0].text), (name, unit_type, subject)
            province = [label for label in labels if label.startswith(t("peers_province_average", "zh"))]
            on_card = card.find_element(By.CSS_SELECTOR, ".peers-to-province").text
            assert province and PERCENT.findall(province[0])[0] in on_card, (name, unit_type, province, on_card)
            compared += 1
    assert compared >= 13 * 2  # every city has streets/towns and communities/villages
    assert_clean_console(dash_duo)
