"""Statuses in a real browser (issue 8): "goal missed" after the deadline on the cards and the ranking, a badge
or legend entry opens the 口径与方法 Method page at that status (in the view's language), and the base year
before any certification round shows the baseline meeting the standard instead of 0.0 %.

Every expectation comes from the engine on the module's own data, never from today's sample figures.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.engine.progress import first_round_year
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

CARD = "#ov-card-body-{}"


@pytest.fixture(scope="module")
def an(data_dir) -> Analytics:
    return Analytics(Store(data_dir).active(), load_config())


def visible_text(dash_duo, selector: str) -> str:
    return dash_duo.find_element(selector).text


def click(dash_duo, element) -> None:
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def ranking_bars(dash_duo, unit_type: str) -> dict[str, str]:
    """City name → its bar's label, as drawn (the ranking is a horizontal bar per city, in data order)."""
    graph = f"#ov-ranking-{unit_type}"
    dash_duo.wait_for_element(f"{graph} .annotation-text", timeout=20)
    names = [e.text for e in dash_duo.find_elements(f"{graph} .ytick text")]
    # each bar's label stands right of the plot, one annotation per city in bar order; the goal's label comes last
    labels = [e.text for e in dash_duo.find_elements(f"{graph} .annotation-text")][: len(names)]
    assert len(names) == len(labels) and names, (names, labels)
    return dict(zip(names, labels, strict=True))


def in_viewport(dash_duo, selector: str) -> bool:
    return dash_duo.driver.execute_script(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return r.top >= 0 && r.top < window.innerHeight;",
        selector,
    )


def test_in_the_target_year_below_the_goal_reads_goal_missed_on_cards_and_ranking(dash_duo, an):
    target = an.cfg.target_year
    province = an.coverage(basis="certified", region=an.regions.root, year=target).set_index("unit_type")
    cities = an.coverage(basis="certified", level="city", year=target, parent=an.regions.root)
    assert (province["status"] == "missed").any() and (cities["status"] == "missed").any()

    for lang, missed_words, old_words, achieved_words in (
        ("zh", "未达目标", "需要加速", "已达目标"),
        ("en", "Goal missed", "Acceleration needed", "Achieved"),
    ):
        open_path(dash_duo, f"/overview?year={target}&lang={lang}", CARD.format("street_town"))
        dash_duo.wait_for_contains_text(CARD.format("park"), "%", timeout=20)
        wait_idle(dash_duo)
        for unit_type, status in province["status"].items():
            card = visible_text(dash_duo, CARD.format(unit_type))
            if status == "missed":
                assert missed_words in card and old_words not in card, card
            elif status == "achieved":
                assert achieved_words in card
        legend = visible_text(dash_duo, "#ov-status-legend")
        assert missed_words in legend and "×" in legend
        for unit_type in an.cfg.unit_types:
            rows = cities[cities["unit_type"] == unit_type]
            names = dict(zip(rows["region_code"], an.region_names_for(rows["region_code"], lang), strict=True))
            bars = ranking_bars(dash_duo, unit_type)
            for code, status in zip(rows["region_code"], rows["status"], strict=True):
                label = bars[names[code]]
                assert percent_text(rows.loc[rows["region_code"] == code, "coverage"].iloc[0]) in label
                assert label.endswith("×") == (status == "missed"), (names[code], label, status)
        assert_clean_console(dash_duo)
    snap(dash_duo, "status-overview-2020-en")


def test_a_badge_opens_the_method_page_at_its_status_in_the_views_language(dash_duo, an):
    target = an.cfg.target_year
    province = an.coverage(basis="certified", region=an.regions.root, year=target)
    unit_type = province.loc[province["status"] == "missed", "unit_type"].iloc[0]

    for lang, heading, explained in (("zh", "口径与方法", "目标年"), ("en", "Method and definitions", "target year")):
        open_path(dash_duo, f"/overview?year={target}&lang={lang}", CARD.format(unit_type))
        dash_duo.wait_for_contains_text(CARD.format(unit_type), "%", timeout=20)
        wait_idle(dash_duo)
        badge = dash_duo.find_element(f"{CARD.format(unit_type)} a.status-badge-link")
        click(dash_duo, badge)
        wait_for(lambda: urlparse(dash_duo.driver.current_url).path == "/method", 20, "the badge did not open /method")
        assert urlparse(dash_duo.driver.current_url).fragment == "status-missed"
        assert current_query(dash_duo)["lang"] == lang and current_query(dash_duo)["year"] == str(target)
        dash_duo.wait_for_element("#status-missed.mth-target", timeout=20)
        wait_idle(dash_duo)
        assert visible_text(dash_duo, "#method-title") == heading
        wait_for(lambda: in_viewport(dash_duo, "#status-missed"), 10, "the page did not scroll to the status")
        explanation = dash_duo.driver.execute_script(
            "return document.getElementById('status-missed').nextElementSibling.innerText"
        )
        assert explained in explanation and str(target) in explanation
        dash_duo.driver.back()  # the way back is the view the user came from
        dash_duo.wait_for_element(CARD.format(unit_type), timeout=20)
        assert current_query(dash_duo)["year"] == str(target)

    # a ranking legend entry leads to its status as well
    open_path(dash_duo, f"/overview?year={target}&lang=zh", "#ov-status-legend a")
    wait_idle(dash_duo)
    entry = next(a for a in dash_duo.find_elements("#ov-status-legend a") if "进展有限" in a.text)
    click(dash_duo, entry)
    dash_duo.wait_for_element("#status-limited_progress.mth-target", timeout=20)
    assert urlparse(dash_duo.driver.current_url).fragment == "status-limited_progress"
    assert_clean_console(dash_duo)


def test_the_method_page_reads_the_configuration_in_both_languages(dash_duo, an):
    cfg = an.cfg
    open_path(dash_duo, "/method?lang=zh", "#method-title")
    wait_idle(dash_duo)
    text = visible_text(dash_duo, "#method-page")
    assert cfg.status.name_zh in text
    for goal in cfg.goals.values():
        assert percent_text(goal, 0) in text
    assert f"比值 ≥ {percent_text(cfg.status.on_track, 0)}" in text
    assert_clean_console(dash_duo)
    assert_no_outside_requests(dash_duo)
    snap(dash_duo, "method-zh")
    dash_duo.find_element("#lang-toggle").click()
    dash_duo.wait_for_text_to_equal("#method-title", "Method and definitions", timeout=20)
    wait_idle(dash_duo)
    assert cfg.status.name_en in visible_text(dash_duo, "#method-page")
    assert_clean_console(dash_duo)
    snap(dash_duo, "method-en")


def test_the_base_year_before_any_round_shows_the_baseline_not_zero(dash_duo, an):
    year = an.years[0]
    first = first_round_year(an.dataset.certifications)
    assert first is not None and year < first, "the data's first year precedes the first certification round"
    meets = an.coverage(basis="meets", region=an.regions.root, year=year).set_index("unit_type")
    open_path(dash_duo, f"/overview?year={year}&basis=certified&lang=zh", CARD.format("street_town"))
    dash_duo.wait_for_contains_text(CARD.format("park"), "%", timeout=20)
    wait_idle(dash_duo)
    for unit_type in an.cfg.unit_types:
        card = visible_text(dash_duo, CARD.format(unit_type))
        assert percent_text(meets.loc[unit_type, "coverage"]) in card
        assert "0.0%" not in card and "无数据" not in card
        assert "按指标达标的基线" in card and f"{year}年尚无认定轮次（首轮认定在{first}年）" in card
        assert "基期" in card
    assert "按指标达标的基线" in visible_text(dash_duo, "#ov-ranking-title")
    cities = an.coverage(basis="meets", level="city", year=year, parent=an.regions.root)
    for unit_type in an.cfg.unit_types:
        rows = cities[cities["unit_type"] == unit_type]
        drawn = sorted(label.split()[0] for label in ranking_bars(dash_duo, unit_type).values())
        assert drawn == sorted(percent_text(c) for c in rows["coverage"])  # the baseline, not an empty chart
    snap(dash_duo, "status-overview-2016-zh")

    # the other pages say why certified figures are 0 that year and lead to the baseline
    open_path(dash_duo, f"/peers?year={year}&basis=certified&lang=zh", "#baseline-notice .alert")
    notice = visible_text(dash_duo, "#baseline-notice")
    assert f"{year}年尚无认定轮次" in notice
    click(dash_duo, dash_duo.find_element("#baseline-notice a"))
    wait_for(lambda: current_query(dash_duo).get("basis") == "meets", 20, "the notice did not switch the basis")
    wait_idle(dash_duo)
    assert dash_duo.find_element("#baseline-notice").text == ""
    assert_clean_console(dash_duo)
