"""Browser tests with sign-in on: accounts in the module's data directory (through the same API as
``chuangye users add``), a Chromium of the module's own, and the real sign-in and password forms.

The other browser modules use the single local user (``tests/conftest.py``); ``test_login.py`` and
``test_csp.py`` serve an app with ``create_app(auth=True)`` and sign in through ``/login`` as a person would.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlencode

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.wait import WebDriverWait

from chuangye.data.db import Actor
from tests.browser.conftest import free_port, wait_for

FIRST_PASSWORD = "Qx7-start-pass"  # what ``users add`` sets; it must be changed at the first sign-in
NEW_PASSWORD = "Nw8-changed-pass"
CLI = Actor("cli:tests", "admin")  # who added the test accounts, for the audit trail


@contextmanager
def serving(app) -> Iterator[str]:
    """The app served from a thread on a free port; yields its base URL (no trailing slash)."""
    from dash.testing.application_runners import ThreadedRunner

    with ThreadedRunner() as server:
        server.start(app, port=free_port(), start_timeout=30)
        yield server.url.rstrip("/")


def chrome() -> webdriver.Chrome:
    """Headless Chromium as ``tests/conftest.py`` sets it up, keeping every console message (the browser log
    then holds warnings and Content-Security-Policy reports too, not only errors)."""
    from tests.conftest import pytest_setup_options

    options = pytest_setup_options()
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=options)


def submit(driver, **fields: str) -> None:
    """Fill the form and send it; return once the browser has left that page (the answer is a new page)."""
    for name, value in fields.items():
        box = driver.find_element(By.NAME, name)
        box.clear()
        box.send_keys(value)
    button = driver.find_element(By.ID, "submit")
    button.click()
    WebDriverWait(driver, 30).until(staleness_of(button))


def shown_text(driver, selector: str) -> str:
    """The element's visible text, "" while it is missing or being replaced (a form was just sent)."""
    try:
        found = driver.find_elements(By.CSS_SELECTOR, selector)
        return found[0].text if found else ""
    except StaleElementReferenceException:
        return ""


def sign_in(driver, site: str, username: str, password: str, *, next_path: str = "/overview", lang: str = "zh") -> None:
    """A fresh session through the login form; returns on the page ``next_path`` names, its header drawn."""
    driver.delete_all_cookies()
    driver.get(f"{site}/login?{urlencode({'next': next_path, 'lang': lang})}")
    submit(driver, username=username, password=password)
    wait_for(lambda: "/login" not in driver.current_url and shown_text(driver, "#account-menu"), 30,
             lambda: f"{username} was not signed in: {driver.current_url} {shown_text(driver, '.alert')}")  # fmt: skip
