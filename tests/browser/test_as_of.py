"""Viewing an older data version read-only (issue 10): an admin, signed in through the real form, opens
``/overview?version=<older>``, sees the banner naming it and the current version, and the older version's
number; changes the year and stays on that version; clicks back to the current version and sees the new number.
The version-watch notice stays quiet while the older version is shown on purpose, and speaks once the user is
back on the current one. A city user asking for an older version sees the current one and a notice saying why.

The two versions (``tests/as_of.py``): the sample, then an import rejecting the parks it certifies in 2020, so
the province's 2020 park coverage drops. Screenshots: ``as-of-*`` in artifacts/screenshots/ (zh and en, 1440×900
and 390×844)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from chuangye.config.loader import load_config
from chuangye.data.db import Accounts, Database
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.strings.numbers import percent_text
from chuangye.web import version_watch
from chuangye.web.shell import ids
from tests.as_of import rejected_certifications, two_sample_versions
from tests.browser.conftest import assert_clean_console, current_query, free_port, snap, wait_for, wait_settled
from tests.browser.signin import CLI, FIRST_PASSWORD, NEW_PASSWORD, shown_text, submit

PARK_CARD = "#ov-card-body-park .headline-value"
POLL_SECONDS = 0.5  # the version watch asks twice a second here (a minute in use)
COUNT_ASKS = """
if (!window.__versionAsks) {
    window.__versionAsks = {n: 0};
    const real = window.fetch;
    window.fetch = function (url, options) {
        if (String(url).indexOf('/_version') !== -1) { window.__versionAsks.n += 1; }
        return real.apply(this, arguments);
    };
}
return window.__versionAsks.n;
"""


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("as-of-browser") / "data"
    older, newer = two_sample_versions(data_dir, tmp_path_factory.mktemp("as-of-browser-input"))
    return data_dir, older, newer


@pytest.fixture(scope="module")
def site(versions):
    from dash.testing.application_runners import ThreadedRunner

    from chuangye.web.app import create_app

    data_dir, _, _ = versions
    accounts = Accounts(Database.open(data_dir))
    accounts.add_user("sheng-admin", "admin", password=FIRST_PASSWORD, by=CLI)
    accounts.add_user("nanjing-city", "city", region="320100", password=FIRST_PASSWORD, by=CLI)
    normal, version_watch.POLL_SECONDS = version_watch.POLL_SECONDS, POLL_SECONDS
    app = create_app(data_dir, auth=True)
    with ThreadedRunner() as server:
        server.start(app, port=free_port(), start_timeout=30)
        yield server.url.rstrip("/")
    version_watch.POLL_SECONDS = normal


@pytest.fixture(scope="module")
def browser():
    from tests.conftest import pytest_setup_options

    driver = webdriver.Chrome(options=pytest_setup_options())
    yield driver
    driver.quit()


def park_coverage(data_dir, version: str, year: int) -> str:
    """The province's park coverage in ``year`` as the overview's card writes it."""
    an = Analytics(Store(data_dir).load(version), load_config())
    row = an.coverage(level="province", unit_type="park", year=year)
    return percent_text(float(row["coverage"].iloc[0]))


def sign_in(browser, site: str, username: str) -> None:
    """Through the real form, the forced first password change included."""
    browser.delete_all_cookies()
    browser.set_window_size(1440, 900)
    browser.get(f"{site}/login?lang=zh")
    submit(browser, username=username, password=FIRST_PASSWORD)
    wait_for(lambda: "/password" in browser.current_url, 20, "no forced password change")
    submit(browser, old_password=FIRST_PASSWORD, new_password=NEW_PASSWORD, new_again=NEW_PASSWORD)
    wait_for(lambda: "/login" not in browser.current_url and shown_text(browser, "#account-menu"), 30, "not signed in")


def page(browser) -> SimpleNamespace:
    """What conftest's waits, ``snap`` and ``assert_clean_console`` need of dash.testing's composite."""
    return SimpleNamespace(
        driver=browser, get_logs=lambda: [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    )


def text(browser, selector: str) -> str:
    return shown_text(browser, selector)


def card_shows(browser, value: str) -> bool:
    return text(browser, PARK_CARD) == value


def open_overview(browser, site: str, query: str) -> SimpleNamespace:
    browser.get(f"{site}/overview?{query}")
    wait_for(lambda: text(browser, PARK_CARD), 30, "the overview's cards were not drawn")
    view = page(browser)
    wait_settled(view)
    return view


def test_an_admin_views_an_older_version_keeps_it_across_the_year_and_goes_back(site, browser, versions):
    data_dir, older, newer = versions
    then, now = park_coverage(data_dir, older, 2020), park_coverage(data_dir, newer, 2020)
    assert then != now
    sign_in(browser, site, "sheng-admin")
    view = open_overview(browser, site, f"year=2020&lang=zh&version={older}")

    banner = wait_for(lambda: text(browser, f"#{ids.AS_OF}"), 20, "no banner")
    assert f"正在查看历史版本 {older}（只读）；当前版本为 {newer}" in banner and "返回当前版本" in banner
    assert wait_for(lambda: card_shows(browser, then), 20, lambda: f"card shows {text(browser, PARK_CARD)}")
    assert f"历史版本 {older}（只读）" in text(browser, "footer")
    snap(view, "as-of-overview-zh")

    Select(browser.find_element(By.ID, ids.YEAR)).select_by_value("2019")
    wait_for(lambda: current_query(view).get("year") == "2019", 20, "the year did not reach the URL")
    assert current_query(view).get("version") == older
    wait_settled(view)
    assert text(browser, PARK_CARD) == park_coverage(data_dir, older, 2019)
    assert older in text(browser, f"#{ids.AS_OF}")
    Select(browser.find_element(By.ID, ids.YEAR)).select_by_value("2020")
    wait_for(lambda: card_shows(browser, then), 20, "the older version's 2020 number is gone")
    assert current_query(view).get("version") == older

    browser.find_element(By.ID, ids.LANG_TOGGLE).click()
    english = wait_for(lambda: "Viewing" in text(browser, f"#{ids.AS_OF}") and text(browser, f"#{ids.AS_OF}"), 20)
    assert f"Viewing the older data version {older} (read-only); the current version is {newer}" in english
    assert current_query(view).get("version") == older and current_query(view).get("lang") == "en"
    wait_settled(view)
    snap(view, "as-of-overview-en")

    browser.find_element(By.ID, ids.AS_OF_BACK).click()
    wait_for(lambda: "version" not in current_query(view), 20, "the link kept the version")
    wait_for(lambda: card_shows(browser, now), 30, lambda: f"card shows {text(browser, PARK_CARD)}, not {now}")
    assert text(browser, f"#{ids.AS_OF}") == "" and newer in text(browser, "footer")
    assert current_query(view).get("year") == "2020" and current_query(view).get("lang") == "en"
    assert_clean_console(view)


def test_the_version_watch_is_quiet_on_an_older_version_and_speaks_back_on_the_current(site, browser, versions):
    data_dir, older, _ = versions
    view = open_overview(browser, site, f"year=2020&lang=zh&version={older}")
    asked = browser.execute_script(COUNT_ASKS)
    third = Store(data_dir).import_paths([rejected_certifications(data_dir.parent / "third")]).version_id
    wait_for(lambda: browser.execute_script(COUNT_ASKS) >= asked + 2, 30, "the page stopped asking for the version")
    assert not browser.find_element(By.ID, version_watch.NOTICE).is_displayed()  # asked twice since: quiet
    browser.find_element(By.ID, ids.AS_OF_BACK).click()
    notice = wait_for(lambda: text(browser, f"#{version_watch.NOTICE}"), 20, "no notice back on the current version")
    assert third in notice
    assert_clean_console(view)


def test_a_city_user_is_shown_the_current_version_and_why(site, browser, versions):
    data_dir, older, _ = versions
    current = Store(data_dir).active_version_id()
    sign_in(browser, site, "nanjing-city")
    view = open_overview(browser, site, f"year=2020&lang=zh&version={older}")
    notice = wait_for(lambda: text(browser, f"#{ids.AS_OF}"), 20, "no notice")
    assert "只有管理员和省级用户可以查看历史数据版本" in notice and f"正在显示当前版本 {current}" in notice
    assert card_shows(browser, park_coverage(data_dir, current, 2020))
    assert current in text(browser, "footer") and "历史版本" not in text(browser, "footer")
    snap(view, "as-of-refused-city-zh")
    assert_clean_console(view)
