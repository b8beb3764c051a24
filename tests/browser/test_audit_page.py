"""The admins' audit log page in a real browser, signed in through the real form: an admin finds the failed
sign-ins of one user by choosing the action, sees them in the grid with the count line, and exports the CSV,
which a real CSV reader opens; a city user has no tab for the page and gets the admins-only notice at its
address, with nothing of the trail in the page.

Sign-in is on for this module's own app (the other browser modules use the single local user).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from chuangye.data.db import Accounts, Actor, Database
from tests.browser.conftest import SHOTS, SIZES, free_port, wait_for
from tests.browser.signin import shown_text, submit

PASSWORD = "Au9-start-pass"
CHANGED = "Au9-changed-pass"
CLI = Actor("cli:tests", "admin")
CHANGED_BY: set[str] = set()  # the accounts whose first password this module has changed
WRONG_TRIES = 2  # failed sign-ins of the city user the admin then looks for


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("audit-downloads")


@pytest.fixture(scope="module")
def site(data_dir):
    from dash.testing.application_runners import ThreadedRunner

    from chuangye.web.app import create_app

    accounts = Accounts(Database.open(data_dir))
    accounts.add_user("audit-admin", "admin", password=PASSWORD, by=CLI)
    accounts.add_user("nanjing-reader", "city", region="320100", password=PASSWORD, by=CLI)
    app = create_app(data_dir, auth=True)
    with ThreadedRunner() as server:
        server.start(app, port=free_port(), start_timeout=30)
        yield server.url.rstrip("/")


@pytest.fixture(scope="module")
def browser(downloads):
    from tests.conftest import pytest_setup_options

    driver = webdriver.Chrome(options=pytest_setup_options())
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    yield driver
    driver.quit()


def _sign_in(driver, site: str, username: str, next_path: str) -> None:
    """Sign in (changing the first password when asked) and arrive at ``next_path``."""
    driver.delete_all_cookies()
    driver.get(f"{site}/login?next={next_path}&lang=zh")
    submit(driver, username=username, password=CHANGED if username in CHANGED_BY else PASSWORD)
    if "/password" in driver.current_url:
        submit(driver, old_password=PASSWORD, new_password=CHANGED, new_again=CHANGED)
        CHANGED_BY.add(username)
    wait_for(lambda: next_path.split("?")[0] in driver.current_url and shown_text(driver, "#account-menu"), 30)


def _choose(driver, dropdown: str, label: str) -> None:
    driver.find_element(By.CSS_SELECTOR, f"#{dropdown}").click()
    search = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-content input"))[0]
    search.send_keys(label)
    option = ".dash-dropdown-content [role='option']"
    wait_for(lambda: label in shown_text(driver, option), 10)
    driver.find_element(By.CSS_SELECTOR, option).click()


def _grid_rows(driver) -> list[str]:
    """The grid's visible rows' text, read in one go (the grid replaces its rows while it redraws)."""
    return driver.execute_script(
        "return [...document.querySelectorAll('#aud-grid .ag-center-cols-container .ag-row')]"
        ".map(row => row.innerText);"
    )


def _fresh_csv(folder: Path, before: set[str]) -> Path:
    def done() -> Path | None:
        for path in folder.glob("*.csv"):
            if path.name not in before and not path.with_name(path.name + ".crdownload").exists():
                return path if path.stat().st_size else None
        return None

    return wait_for(done, 30, "no CSV download")


def test_an_admin_filters_the_failed_sign_ins_and_exports_them(site, browser, downloads):
    browser.set_window_size(*SIZES[0])
    for attempt in range(WRONG_TRIES):  # the events the admin will look for
        browser.delete_all_cookies()
        browser.get(f"{site}/login?lang=zh")
        submit(browser, username="nanjing-reader", password=f"Wrong-{attempt}-pass")
    _sign_in(browser, site, "audit-admin", "/audit?lang=zh")
    wait_for(lambda: "审计日志" in shown_text(browser, "#aud-title"), 30)
    assert "审计日志" in shown_text(browser, ".navbar")  # the tab is an admin's
    wait_for(lambda: "共" in shown_text(browser, "#aud-count") and _grid_rows(browser), 30)
    _choose(browser, "aud-action", "登录失败")
    wait_for(lambda: len(_grid_rows(browser)) == WRONG_TRIES, 30, "the grid did not narrow to the failed sign-ins")
    assert all("nanjing-reader" in row and "登录失败" in row for row in _grid_rows(browser))
    assert f"共 {WRONG_TRIES} 条" in shown_text(browser, "#aud-count")
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / "audit-admin-failed-sign-ins-1440.png"))

    before = {p.name for p in downloads.iterdir()}
    browser.find_element(By.ID, "aud-export-csv").click()
    content = _fresh_csv(downloads, before).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with the BOM
    table = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(table) == WRONG_TRIES
    assert {row["用户"] for row in table} == {"nanjing-reader"}  # the headers in the page's language
    assert {row["动作"] for row in table} == {"登录失败"}


def test_the_admin_s_own_views_and_export_are_in_the_trail(site, browser):
    browser.set_window_size(*SIZES[0])
    _sign_in(browser, site, "audit-admin", "/audit?lang=en")
    wait_for(lambda: "Audit log" in shown_text(browser, "#aud-title"), 30)
    _choose(browser, "aud-action", "Export")
    wait_for(lambda: _grid_rows(browser) and all("audit_log" in row for row in _grid_rows(browser)), 30)
    assert all("audit-admin" in row for row in _grid_rows(browser))


def test_a_city_user_has_no_tab_and_gets_the_admins_only_notice(site, browser):
    _sign_in(browser, site, "nanjing-reader", "/overview?lang=zh")
    assert "审计日志" not in shown_text(browser, ".navbar")
    browser.get(f"{site}/audit?lang=zh")
    notice = wait_for(lambda: shown_text(browser, "#aud-admin-only"), 30)
    assert "管理员" in notice
    assert not browser.find_elements(By.ID, "aud-grid")
    assert "nanjing-reader" not in shown_text(browser, "#page-content")  # no record of the trail shows
    for width, height in SIZES:
        browser.set_window_size(width, height)
        browser.get(f"{site}/audit?lang=zh")
        wait_for(lambda: shown_text(browser, "#aud-admin-only"), 30)
        browser.save_screenshot(str(SHOTS / f"audit-city-notice-{width}.png"))
