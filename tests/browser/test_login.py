"""Signing in through the real form in a real browser: an admin, a city user and a county user each arrive at
the login page, change the first password as they must, and see the overview with their name in the header;
the city and county users' drill-down lists only their own area. Five wrong passwords lock an account.

This module serves its own app with sign-in on (the other browser modules use the single local user); the
accounts are created in the data directory's database through the same API as ``chuangye users add``.
"""

from __future__ import annotations

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from chuangye.data.db import Accounts, Database
from tests.browser.conftest import SHOTS, SIZES, free_port, wait_for
from tests.browser.signin import CLI, FIRST_PASSWORD, NEW_PASSWORD
from tests.browser.signin import shown_text as _text
from tests.browser.signin import submit as _submit

USERS = {  # username: (role, region, what the header shows, a county the drill-down must list, one it must not)
    "sheng-admin": ("admin", None, "省厅管理员", "锡山区", None),
    "nanjing-city": ("city", "320100", "市局", "玄武区", "锡山区"),
    "xuanwu-county": ("county", "320102", "县区", "梅园新村街道", "锡山区"),
}


@pytest.fixture(scope="module")
def site(data_dir):
    from dash.testing.application_runners import ThreadedRunner

    from chuangye.web.app import create_app

    database = Database.open(data_dir)
    accounts = Accounts(database)
    for name, (role, region, *_) in USERS.items():
        accounts.add_user(name, role, region=region, password=FIRST_PASSWORD, by=CLI)
    accounts.add_user("locked-out", "province", password=FIRST_PASSWORD, by=CLI)
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


@pytest.mark.parametrize("username", list(USERS))
def test_each_role_signs_in_changes_its_password_and_sees_its_area(site, browser, username):
    role, region, role_word, listed, hidden = USERS[username]
    browser.delete_all_cookies()
    browser.set_window_size(*SIZES[0])
    browser.get(f"{site}/map?lang=zh")
    wait_for(lambda: "/login" in browser.current_url)
    assert "登录" in browser.title and browser.find_element(By.NAME, "csrf_token")
    _submit(browser, username=username, password=FIRST_PASSWORD)
    wait_for(lambda: "/password" in browser.current_url)  # a new account must change its password first
    _submit(browser, old_password=FIRST_PASSWORD, new_password=NEW_PASSWORD, new_again=NEW_PASSWORD)
    wait_for(lambda: "/map" in browser.current_url and _text(browser, "#account-menu"), 30)
    header = _text(browser, "#account-menu")
    assert username in header and role_word in header
    table = wait_for(lambda: _text(browser, "#page-content .ag-center-cols-container"), 30)
    if region is not None:  # the drill-down opens on the home area, with nothing of another city
        browser.get(f"{site}/map?region={region}&lang=zh")
        table = wait_for(lambda: listed in _text(browser, "#page-content") and _text(browser, "#page-content"), 30)
        assert hidden not in table
    else:
        browser.get(f"{site}/map?region=320205&lang=zh")
        wait_for(lambda: listed in _text(browser, "#page-content"), 30)
    for width, height in SIZES:
        browser.set_window_size(width, height)
        browser.get(f"{site}/overview?lang=zh")
        wait_for(lambda: _text(browser, "#account-menu") and _text(browser, "#page-content"), 30)
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SHOTS / f"login-{role}-overview-{width}.png"))


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(site, browser):
    browser.delete_all_cookies()
    browser.set_window_size(*SIZES[0])
    browser.get(f"{site}/login?lang=zh")
    for attempt in range(5):
        _submit(browser, username="locked-out", password=f"Wrong-pass-{attempt}")
        wait_for(lambda: _text(browser, ".alert-danger"))
    _submit(browser, username="locked-out", password=FIRST_PASSWORD)
    wait_for(lambda: "锁定" in _text(browser, ".alert-danger"), message="the right password was not refused")
    assert "/login" in browser.current_url
    browser.get(f"{site}/overview")
    wait_for(lambda: "/login" in browser.current_url)


def test_a_page_whose_session_ended_goes_to_the_sign_in_page_by_itself(site, browser):
    """After an idle timeout (here: the session cookie gone) the next control change is refused with 401; the
    page then opens the sign-in page with the way back, instead of keeping figures it can no longer update."""
    browser.delete_all_cookies()
    browser.set_window_size(*SIZES[0])
    browser.get(f"{site}/login?next=/overview&lang=zh")
    _submit(browser, username="sheng-admin", password=NEW_PASSWORD)  # its password was changed above
    wait_for(lambda: "/overview" in browser.current_url and _text(browser, "#account-menu"), 30)
    wait_for(lambda: _text(browser, "#page-content"), 30)
    browser.delete_all_cookies()
    browser.execute_script(
        "const s = document.getElementById('ctl-year'); s.value = s.options[0].value;"
        "s.dispatchEvent(new Event('change', {bubbles: true}));"
    )
    wait_for(lambda: "/login" in browser.current_url, 30, "the page stayed after its session ended")
    assert "timeout=1" in browser.current_url and "next=%2Foverview" in browser.current_url
