"""The 数据报送 / Submissions page in a real browser, signed in through the real form (issue 10's "Done when"):
a 徐州市 user uploads its figures with one 南京 row and the row is refused and named; uploads them without it
and a submission is made; the province accepts it (after a confirmation) and 徐州市's coverage on the drill-down
changes. A 鼓楼区 (320302) county submission is seen first by 徐州市; the province cannot accept it before the
city forwards it; the city forwards it; the province accepts it. Every role's view is photographed in both
languages and both sizes.

Sign-in is on for this module's own app (the other browser modules use the single local user).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from chuangye.config.loader import load_config
from chuangye.data.db import Accounts, Actor, Database
from chuangye.data.schema import TABLES
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.strings.numbers import percent_text
from tests.browser.conftest import SHOTS, SIZES, free_port, wait_for
from tests.browser.signin import shown_text, submit

PASSWORD = "Sp9-start-pass"
CHANGED = "Sp9-changed-pass"
CLI = Actor("cli:tests", "admin")
CHANGED_BY: set[str] = set()  # the accounts whose first password this module has changed
XUZHOU, GULOU, NANJING_COUNTY = "320300", "320302", "320102"
YEAR, TYPE = 2019, "street_town"
USERS = {"xuzhou": ("city", XUZHOU), "gulou": ("county", GULOU), "prov": ("province", None)}
LIST = "sp-grid"


@pytest.fixture(scope="module")
def site(data_dir):
    from dash.testing.application_runners import ThreadedRunner

    from chuangye.web.app import create_app

    accounts = Accounts(Database.open(data_dir))
    for name, (role, region) in USERS.items():
        accounts.add_user(name, role, region=region, password=PASSWORD, by=CLI)
    app = create_app(data_dir, auth=True)
    with ThreadedRunner() as server:
        server.start(app, port=free_port(), start_timeout=30)
        yield server.url.rstrip("/")


@pytest.fixture(scope="module")
def browser():
    from tests.conftest import pytest_setup_options

    driver = webdriver.Chrome(options=pytest_setup_options())
    yield driver
    driver.quit()


def figures(data_dir: Path, region: str, extra_units: tuple[str, ...] = ()) -> bytes:
    """A region's whole figures of ``YEAR`` as a CSV (the schema's headers), its streets/towns made to pass every
    threshold; plus the rows of ``extra_units`` (of another region)."""
    active = Store(data_dir).active()
    frame, units = active.indicator_inputs, active.units.set_index("unit_code")
    county, city = frame["unit_code"].map(units["county_code"]), frame["unit_code"].map(units["city_code"])
    rows = frame[(county.eq(region) | city.eq(region)) & frame["year"].eq(YEAR)].copy()
    passing = rows["unit_code"].map(units["unit_type"]).eq(TYPE)
    rows.loc[passing, "new_entrepreneurs"] = (rows.loc[passing, "working_age_population"] * 0.05).round()
    rows.loc[passing, "trainees_started"] = rows.loc[passing, "trainees"]
    rows.loc[passing, "entities_surviving"] = rows.loc[passing, "entities_prev_year"]
    rows.loc[passing, "jobs_by_entrepreneurship"] = rows.loc[passing, "new_jobs_total"]
    others = frame[frame["unit_code"].isin(extra_units) & frame["year"].eq(YEAR)]
    columns = TABLES["indicator_inputs"].column_names
    return pd.concat([rows, others])[columns].to_csv(index=False).encode("utf-8")


def first_unit(data_dir: Path, county: str) -> str:
    units = Store(data_dir).active().units
    return str(units.loc[units["county_code"] == county, "unit_code"].iloc[0])


def city_meets(data_dir: Path) -> str:
    """徐州市's street/town coverage (meeting the standard) of ``YEAR`` in the active version, from the engine."""
    an = Analytics(Store(data_dir).active(), load_config())
    row = an.coverage(basis="meets", level="city", year=YEAR, unit_type=TYPE, region=XUZHOU)
    return percent_text(row["coverage"].iloc[0])


def _sign_in(driver, site: str, username: str, lang: str = "zh") -> None:
    """Sign in (changing the first password when asked) and arrive at the Submissions page. The page left first,
    so none of its late requests sets a cookie over the sign-in form's."""
    driver.get("about:blank")
    driver.delete_all_cookies()
    driver.get(f"{site}/login?next=/submissions&lang={lang}")
    submit(driver, username=username, password=CHANGED if username in CHANGED_BY else PASSWORD)
    if "/password" in driver.current_url:
        submit(driver, old_password=PASSWORD, new_password=CHANGED, new_again=CHANGED)
        CHANGED_BY.add(username)
    wait_for(lambda: shown_text(driver, "#account-menu"), 30,
             lambda: f"{username} not signed in: {driver.current_url} {shown_text(driver, 'body')[:300]}")  # fmt: skip
    _open(driver, site, f"/submissions?lang={lang}&year={YEAR}", "#sp-title")


def _open(driver, site: str, path: str, ready: str) -> None:
    driver.get(f"{site}{path}")
    wait_for(lambda: shown_text(driver, ready), 60, f"{ready} never showed on {path}")


def _upload(driver, path: Path) -> None:
    picker = driver.find_element(By.CSS_SELECTOR, "#sp-upload input[type=file]")
    driver.execute_script("arguments[0].value = ''", picker)
    picker.send_keys(str(path))


def _rows(driver, grid: str) -> list[str]:
    return driver.execute_script(
        "return [...document.querySelectorAll(arguments[0] + ' .ag-center-cols-container .ag-row')]"
        ".sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')))"
        ".map(row => row.innerText.replace(/\\s+/g, ' '));",
        f"#{grid}",
    )


def _click(driver, selector: str) -> None:
    element = driver.find_element(By.CSS_SELECTOR, selector)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def _select(driver, submission_id: int) -> None:
    """Click the list's row of the submission (its region cell), and wait for its detail."""
    wait_for(lambda: any(r.startswith(f"{submission_id} ") for r in _rows(driver, LIST)), 30, "the row never came")
    rows = driver.find_elements(By.CSS_SELECTOR, f"#{LIST} .ag-center-cols-container .ag-row")
    row = next(e for e in rows if e.text.split()[0] == str(submission_id))
    cell = row.find_element(By.CSS_SELECTOR, "[col-id='region']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", cell)
    cell.click()
    wait_for(lambda: f"#{submission_id}" in shown_text(driver, "#sp-detail"), 30, "the detail never came")


def _accept(driver) -> str:
    """Accept the selected through the confirmation; the result's words."""
    wait_for(lambda: driver.find_element(By.ID, "sp-accept").is_enabled(), 60, "accepting never became possible")
    _click(driver, "#sp-accept")
    wait_for(lambda: shown_text(driver, "#sp-confirm-text"), 30, "no confirmation")
    _click(driver, "#sp-confirm-ok")
    return wait_for(lambda: "已采用" in (text := shown_text(driver, "#sp-action-result")) and text, 180, "no word")


def _snap(driver, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        driver.set_window_size(width, height)
        full = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, max(height, min(full + 120, 6000)))
        driver.save_screenshot(str(SHOTS / f"{name}-{width}.png"))
    driver.set_window_size(*SIZES[0])


def _submission_id(text: str) -> int:
    return int(text.split("#", 1)[1].split("（", 1)[0].split(" ", 1)[0])


def _drilldown_xuzhou(driver, site: str) -> str:
    _open(driver, site, f"/map?lang=zh&year={YEAR}&type={TYPE}&basis=meets", "#dd-grid .ag-row")
    return wait_for(lambda: next((r for r in _rows(driver, "dd-grid") if "徐州市" in r), ""), 60, "no 徐州市 row")


def test_a_city_delivers_its_figures_and_the_province_accepts_them(site, browser, data_dir, tmp_path):
    browser.set_window_size(*SIZES[0])
    _sign_in(browser, site, "prov")
    before = city_meets(data_dir)
    assert before in _drilldown_xuzhou(browser, site)

    _sign_in(browser, site, "xuzhou")
    assert "数据报送" in shown_text(browser, ".navbar")
    deliver = shown_text(browser, "#sp-deliver")
    assert "报送本地区数据：徐州市" in deliver and "2019年数据报送截止" in deliver
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#sp-templates a")]
    assert any("/api/v1/templates/indicator_inputs.xlsx?region=320300" in href for href in links)

    nanjing_unit = first_unit(data_dir, NANJING_COUNTY)
    mixed = tmp_path / "徐州数据.csv"
    mixed.write_bytes(figures(data_dir, XUZHOU, extra_units=(nanjing_unit,)))
    _upload(browser, mixed)
    wait_for(lambda: _rows(browser, "sp-problem-grid"), 120, "no problem row")
    problems = " | ".join(_rows(browser, "sp-problem-grid"))
    assert "徐州数据.csv" in problems and "unit_code（单位代码）" in problems and nanjing_unit in problems
    assert "不在本次导入的区域徐州市（320300）内" in problems and "玄武" not in problems  # nothing of 南京 but the code
    assert "未报送" in shown_text(browser, "#sp-upload-result")
    assert not _rows(browser, LIST)  # nothing kept
    _snap(browser, "submissions-city-refused-zh")

    clean = tmp_path / "徐州数据2.csv"
    clean.write_bytes(figures(data_dir, XUZHOU))
    _upload(browser, clean)
    result = wait_for(lambda: "已报送" in (text := shown_text(browser, "#sp-upload-result")) and text, 120, "none")
    made = _submission_id(result)
    assert "已提交" in result
    wait_for(lambda: any(r.startswith(f"{made} ") and "已提交" in r for r in _rows(browser, LIST)), 30)
    _snap(browser, "submissions-city-delivered-zh")

    _sign_in(browser, site, "prov")
    _select(browser, made)
    impact = wait_for(lambda: "徐州市" in (text := shown_text(browser, "#sp-impact")) and text, 120, "no preview")
    assert before in impact  # coverage before → after, 徐州市's street/town row among them
    _snap(browser, "submissions-province-preview-zh")
    words = _accept(browser)
    version = Store(data_dir).active_version_id()
    assert version in words and f"#{made}" in words
    after = city_meets(data_dir)
    assert after != before
    row = _drilldown_xuzhou(browser, site)
    assert after in row and before not in row


def test_a_county_submission_goes_through_its_city_first(site, browser, data_dir, tmp_path):
    browser.set_window_size(*SIZES[0])
    _sign_in(browser, site, "gulou")
    assert "报送本地区数据：鼓楼区" in shown_text(browser, "#sp-deliver")
    upload = tmp_path / "鼓楼区.csv"
    upload.write_bytes(figures(data_dir, GULOU))
    _upload(browser, upload)
    made = _submission_id(wait_for(lambda: "已报送" in (t := shown_text(browser, "#sp-upload-result")) and t, 120))
    _snap(browser, "submissions-county-zh")

    _sign_in(browser, site, "prov")  # the province sees it, but may not take it before the city
    _select(browser, made)
    assert "设区市审核" in next(r for r in _rows(browser, LIST) if r.startswith(f"{made} "))
    wait_for(lambda: "现在不能采用" in shown_text(browser, "#sp-impact"), 60, "no word why")
    assert not browser.find_element(By.ID, "sp-accept").is_enabled()

    _sign_in(browser, site, "xuzhou")  # the city sees it first and forwards it
    _select(browser, made)
    wait_for(lambda: browser.find_element(By.ID, "sp-forward").is_enabled(), 30, "forward stayed off")
    _snap(browser, "submissions-city-review-zh")
    _click(browser, "#sp-forward")
    wait_for(lambda: "已转报省厅" in shown_text(browser, "#sp-action-result"), 60, "no word of the forward")
    wait_for(lambda: "省厅采用" in next(r for r in _rows(browser, LIST) if r.startswith(f"{made} ")), 30)

    _sign_in(browser, site, "prov")
    _select(browser, made)
    words = _accept(browser)
    assert f"#{made}" in words and Store(data_dir).active_version_id() in words


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_roles_view_in_both_languages(site, browser, lang):
    title = {"zh": "数据报送", "en": "Submissions"}[lang]
    for user in USERS:
        _sign_in(browser, site, user, lang)
        wait_for(lambda: shown_text(browser, "#sp-count"), 30, "no count")
        assert title in shown_text(browser, "#sp-title") and title in shown_text(browser, ".navbar")
        if user != "prov":
            assert shown_text(browser, "#sp-deliver")
        else:
            assert not shown_text(browser, "#sp-deliver")
        _snap(browser, f"submissions-{user}-{lang}")
