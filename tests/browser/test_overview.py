"""总览 in a real browser: renders with an empty console, loads nothing from outside, keeps state in the URL."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.browser.conftest import (
    assert_clean_console,
    assert_no_outside_requests,
    current_query,
    open_path,
    snap,
    wait_for,
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
    assert dash_duo.find_element("#nav-map").text.strip() == "Map"
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


MAP_Z = "return document.querySelector('#ov-map .js-plotly-plot').data[0].z;"


@pytest.mark.parametrize(("lang", "communities"), [("zh", "社区(村)"), ("en", "Communities/villages")])
def test_the_unit_type_is_chosen_on_the_map_the_one_part_it_changes(dash_duo, lang, communities):
    """The cards, trends and rankings show every type; the type choice sits on the map and changes the map
    (and the URL, which the other pages follow); the shell's type control is not shown on the overview."""
    open_path(dash_duo, f"/overview?lang={lang}", "#ov-card-body-street_town")
    dash_duo.wait_for_element("#ov-map .js-plotly-plot", timeout=20)
    wait_idle(dash_duo)
    assert not dash_duo.find_element("#ctl-type").is_displayed()  # no control that seems to drive the cards
    choice = dash_duo.find_element("#ov-map-type")
    assert choice.is_displayed() and communities in choice.text
    assert dash_duo.find_element("#ov-map-type-label").text in ("地图显示", "Map shows")
    cards = [dash_duo.find_element(f"#ov-card-body-{t}").text for t in ("street_town", "community_village", "park")]
    towns = dash_duo.driver.execute_script(MAP_Z)

    label = choice.find_element(By.XPATH, f".//label[contains(., '{communities}')]")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", label)
    label.click()
    wait_for(lambda: current_query(dash_duo).get("type") == "community_village", message="the URL kept its type")
    dash_duo.wait_for_contains_text("#ov-map-title", communities, timeout=20)
    wait_for(lambda: dash_duo.driver.execute_script(MAP_Z) != towns, message="the map was not recoloured")
    wait_idle(dash_duo)
    assert [dash_duo.find_element(f"#ov-card-body-{t}").text for t in ("street_town", "community_village", "park")] == (
        cards
    )
    snap(dash_duo, f"overview-map-type-{lang}")

    # the other pages follow the URL: the map page opens on communities, with the shell's control shown
    dash_duo.find_element("#nav-map").click()
    dash_duo.wait_for_element("#dd-map .js-plotly-plot", timeout=30)
    wait_idle(dash_duo)
    assert dash_duo.find_element("#ctl-type").is_displayed()
    checked = dash_duo.find_element("#ctl-type label.active").text
    assert checked == communities
    assert_clean_console(dash_duo)
