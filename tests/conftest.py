"""Shared test set-up: headless Debian Chromium for dash.testing."""

from __future__ import annotations

import shutil


def pytest_setup_options():
    # dash.testing calls this hook to build the Chrome options for its webdriver.
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--enable-unsafe-swiftshader",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1440,900",
        "--lang=zh-CN",
    ):
        options.add_argument(flag)
    return options
