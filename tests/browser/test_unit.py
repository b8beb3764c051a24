"""单位详情 in a real browser: server-side search, navigation by URL, the scorecard, history and language."""

from __future__ import annotations

import pandas as pd
import pytest
from selenium.webdriver.common.by import By

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.numbers import percent_text
from tests.browser.conftest import (
    assert_clean_console,
    assert_no_outside_requests,
    current_query,
    open_path,
    snap,
    wait_for,
    wait_idle,
)


@pytest.fixture(scope="module")
def an(tmp_path_factory) -> Analytics:
    """The bundled sample as the app serves it: the units and texts a test looks for are taken from it."""
    store = Store(tmp_path_factory.mktemp("unit-expected"))
    store.ensure_initialised(SAMPLE_DIR)
    return Analytics(store.active(), load_config())


def failing_village(an: Analytics, year: int = 2018) -> str:
    """A community/village with data every year, failing all four core indicators in ``year``, never declared."""
    ui = an.unit_indicators
    rows = ui[(ui["unit_type"] == "community_village") & (ui["year"] == year)]
    rows = rows[(rows["n_core_passed"] == 0) & (rows["n_core_no_data"] == 0)]
    every_year = ui.groupby("unit_code")["year"].nunique() == len(an.years)
    declared = set(an.dataset.certifications["unit_code"])
    codes = [c for c in sorted(rows["unit_code"]) if every_year.get(c, False) and c not in declared]
    return codes[0]


def late_city_review(an: Analytics, round_year: int = 2019) -> pd.Series:
    """A unit certified in ``round_year`` whose city review (only) came after the December deadline."""
    c = an.dataset.certifications
    deadline = pd.Timestamp(f"{round_year - 1}-12-31")
    late = c[
        (c["round_year"] == round_year)
        & (c["stage"] == "certified")
        & (c["city_reviewed_date"] > deadline)
        & (c["decided_date"] <= pd.Timestamp(f"{round_year}-05-31"))
    ]
    return late.sort_values("unit_code").iloc[0]


def search(dash_duo, typed: str) -> list[str]:
    """Type into the unit search box; return the codes of the options the server sent back for it."""
    dash_duo.find_element("#unit-search").click()
    box = dash_duo.wait_for_element(".dash-dropdown-search", timeout=10)
    before = option_codes(dash_duo)
    box.send_keys(typed)

    def answered() -> list[str]:
        wait_idle(dash_duo)
        codes = option_codes(dash_duo)
        return codes if codes and codes != before else []

    return wait_for(answered, 15, f"the server sent no options for {typed!r}")


def option_codes(dash_duo) -> list[str]:
    inputs = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option input")
    return [e.get_attribute("value") for e in inputs]


def pick(dash_duo, code: str) -> None:
    option = dash_duo.driver.find_element(By.CSS_SELECTOR, f".dash-dropdown-option input[value='{code}']")
    option.find_element(By.XPATH, "./ancestor::label").click()
    wait_idle(dash_duo)


def wait_for_unit(dash_duo, code: str, timeout: float = 20) -> None:
    wait_for(lambda: current_query(dash_duo).get("unit") == code, timeout, lambda: dash_duo.driver.current_url)
    assert current_query(dash_duo).get("unit") == code, dash_duo.driver.current_url
    dash_duo.wait_for_contains_text("#unit-code", code, timeout=timeout)


def test_search_by_name_and_by_code_opens_the_scorecard(dash_duo):
    open_path(dash_duo, "/unit", "#unit-page")
    # empty state: the hint and the units of the default county closest to the standard
    dash_duo.wait_for_element("#unit-suggestion-list li", timeout=20)
    assert "玄武区" in dash_duo.find_element("#unit-suggestions").text
    assert dash_duo.find_element("#unit-body").value_of_css_property("display") == "none"
    # the browser never gets the whole register: only what the layout and the search sent
    assert len(dash_duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")) == 0

    codes = search(dash_duo, "梅园")
    assert "320102002" in codes and len(codes) <= 20
    labels = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")
    assert all("梅园" in e.text for e in labels)
    pick(dash_duo, "320102002")
    wait_for_unit(dash_duo, "320102002")
    assert dash_duo.driver.current_url.split("?")[0].endswith("/unit")
    assert dash_duo.find_element("#unit-name").text == "梅园新村街道"
    header = dash_duo.find_element("#unit-header").text
    assert "玄武区" in header and "南京市" in header and "示意位置" in header
    link = dash_duo.find_element("#unit-header .unit-link-peers")
    assert "region=320102" in link.get_attribute("href") and "/peers" in link.get_attribute("href")
    assert "/map" in dash_duo.find_element("#unit-header .unit-link-map").get_attribute("href")

    codes = search(dash_duo, "3201020")
    assert codes[0] == "320102002"
    assert all(c.startswith("3201020") for c in codes)
    pick(dash_duo, codes[1])
    wait_for_unit(dash_duo, codes[1])

    # a suggestion link on the empty page leads to a scorecard too
    open_path(dash_duo, "/unit?year=2020", "#unit-suggestion-list li a")
    first = dash_duo.find_element("#unit-suggestion-list li a")
    href = first.get_attribute("href")
    first.click()
    wait_for_unit(dash_duo, href.split("unit=")[1].split("&")[0])
    assert_clean_console(dash_duo)


def test_scorecard_shows_indicators_marks_shortfalls_history_and_both_languages(dash_duo, an):
    # a community/village failing all four core indicators in 2018
    village = failing_village(an)
    card = an.scorecard(village, 2018)["indicators"].set_index("indicator")
    open_path(dash_duo, f"/unit?unit={village}&year=2018&type=community_village", "#unit-header #unit-name")
    dash_duo.wait_for_element("#unit-grid .ag-row", timeout=20)
    for code in ("participation_rate", "success_rate", "survival_rate", "employment_contribution"):
        dash_duo.wait_for_element(f"#unit-fig-{code} .js-plotly-plot", timeout=20)
    titles = " ".join(dash_duo.find_element(f"#unit-fig-{c}").text for c in ("participation_rate", "success_rate"))
    digits = an.cfg.indicators["participation_rate"].shown_digits  # the indicator's own decimals: "≥ 0.40%"
    threshold = percent_text(an.cfg.thresholds["community_village"]["participation_rate"], digits)
    assert "创业参与率" in titles and f"阈值 ≥ {threshold}" in titles and "创业成功率" in titles
    assert "0/4 项核心指标达标" in dash_duo.find_element("#unit-verdict").text
    grid = dash_duo.find_element("#unit-grid").text
    assert "✘ 未达标" in grid and "✔ 达标" in grid
    assert card.loc["participation_rate", "shortfall_zh"] in grid  # "还需新增 N 名创业者"
    rows = dash_duo.find_elements("#unit-grid .ag-center-cols-container .ag-row")
    assert len(rows) == 20  # 5 years × 4 core indicators
    context = dash_duo.find_element("#unit-context").text
    unit = an.unit_row(village)
    county, city = an.region_name(unit["county_code"]), an.region_name(unit["city_code"])
    assert county in context and city in context and "目标 70%" in context
    history = dash_duo.find_element("#unit-history").text
    assert "尚未参加认定" in history
    assert_clean_console(dash_duo)
    assert_no_outside_requests(dash_duo)

    # a unit with a late step in its certification round
    late = late_city_review(an)
    late_code = late["unit_code"]
    open_path(dash_duo, f"/unit?unit={late_code}&year=2019", "#unit-header #unit-name")
    dash_duo.wait_for_element("#unit-rounds", timeout=20)
    rounds = dash_duo.find_element("#unit-rounds").text
    assert "2019年度认定" in rounds and "✔ 通过认定" in rounds
    for step in ("自主申报", "县级评估", "市级审核", "省级认定"):
        assert step in rounds
    assert "逾期（截止 2018-12-31）" in rounds and late["city_reviewed_date"].date().isoformat() in rounds
    late_steps = dash_duo.find_elements("#unit-rounds .unit-step-late")
    assert len(late_steps) == 1
    snap(dash_duo, "unit-zh")

    toggle = dash_duo.find_element("#lang-toggle")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", toggle)
    toggle.click()
    dash_duo.wait_for_contains_text("#unit-history", "Round 2019", timeout=20)
    wait_idle(dash_duo)
    assert current_query(dash_duo)["lang"] == "en" and current_query(dash_duo)["unit"] == late_code
    assert an.unit_row(late_code)["name_en"] in dash_duo.find_element("#unit-name").text
    assert "late (deadline 2018-12-31)" in dash_duo.find_element("#unit-rounds").text
    assert "Find a unit" in dash_duo.find_element("#unit-page").text
    assert "Core indicators by year" in dash_duo.find_element("#unit-page").text
    assert_clean_console(dash_duo)
    snap(dash_duo, "unit-en")

    open_path(dash_duo, f"/unit?unit={village}&year=2018&lang=en", "#unit-header #unit-name")
    dash_duo.wait_for_contains_text("#unit-grid", card.loc["participation_rate", "shortfall_en"], timeout=20)
    assert "✘ Fail" in dash_duo.find_element("#unit-grid").text
    assert_clean_console(dash_duo)


def test_unknown_unit_code_says_so(dash_duo):
    open_path(dash_duo, "/unit?unit=320199999", "#unit-page")
    dash_duo.wait_for_contains_text("#unit-not-found", "320199999", timeout=20)
    assert dash_duo.find_element("#unit-body").value_of_css_property("display") == "none"
    assert_clean_console(dash_duo)
