"""总览 in a real browser: renders with an empty console, loads nothing from outside, keeps state in the URL."""

from __future__ import annotations

from selenium.webdriver.support.ui import Select

from tests.browser.conftest import (
    assert_clean_console,
    assert_no_outside_requests,
    current_query,
    open_path,
    snap,
    wait_idle,
)


def test_overview_renders_offline_in_both_languages(dash_duo):
    open_path(dash_duo, "/overview", "#ov-card-body-street_town")
    dash_duo.wait_for_contains_text("#ov-card-body-community_village", "%", timeout=20)
    assert "社区(村)" in dash_duo.find_element("#ov-card-body-community_village").text
    dash_duo.wait_for_element("#ov-map .js-plotly-plot", timeout=20)
    for unit_type in ("street_town", "community_village", "park"):
        dash_duo.wait_for_element(f"#ov-ranking-{unit_type} .js-plotly-plot", timeout=20)
        dash_duo.wait_for_element(f"#ov-trend-{unit_type} .js-plotly-plot", timeout=20)
    assert_clean_console(dash_duo)
    assert_no_outside_requests(dash_duo)
    snap(dash_duo, "overview-zh")

    dash_duo.find_element("#lang-toggle").click()
    dash_duo.wait_for_contains_text("#ov-card-body-community_village", "Communities/villages", timeout=20)
    wait_idle(dash_duo)
    assert current_query(dash_duo)["lang"] == "en"
    assert dash_duo.find_element("#nav-map").text.strip() == "Drill-down map"
    assert_clean_console(dash_duo)
    snap(dash_duo, "overview-en")


def test_year_control_writes_the_url_and_a_deep_link_restores_it(dash_duo):
    open_path(dash_duo, "/overview", "#ov-card-body-street_town")
    Select(dash_duo.find_element("#ctl-year")).select_by_value("2018")
    dash_duo.wait_for_contains_text("#ov-cards-title", "2018", timeout=20)
    wait_idle(dash_duo)
    assert current_query(dash_duo)["year"] == "2018"
    headline_2018 = dash_duo.find_element("#ov-card-body-street_town").text

    open_path(dash_duo, "/overview?year=2018&type=park&basis=certified&lang=zh", "#ov-card-body-street_town")
    dash_duo.wait_for_contains_text("#ov-cards-title", "2018", timeout=20)
    wait_idle(dash_duo)
    assert Select(dash_duo.find_element("#ctl-year")).first_selected_option.text == "2018"
    assert dash_duo.find_element("#ov-card-body-street_town").text == headline_2018
    assert "园区" in dash_duo.find_element("#ov-map-title").text

    dash_duo.driver.back()
    dash_duo.wait_for_contains_text("#ov-cards-title", "2018", timeout=20)
    assert_clean_console(dash_duo)
