"""Shared test set-up: the test tiers, and headless Debian Chromium for dash.testing.

Tiers (markers, registered in pyproject.toml):

- ``browser``: needs a headless Chromium, dash.testing's or the export browser that kaleido drives. Every test
  under ``tests/browser/`` (``tests/browser/conftest.py``), and every test module that imports from
  ``chuangye.exports.browser`` (it renders with the export Chromium; set here).
- ``integration``: runs the CLI or another process, builds wheels and bundles: every test under
  ``tests/integration/`` (set here).
- ``slow``: takes more than a few seconds.

``bash scripts/test.sh --fast`` runs ruff and ``pytest -m "not browser and not integration"``; the plain
command runs everything.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

INTEGRATION = Path(__file__).resolve().parent / "integration"
EXPORT_BROWSER_MODULE = "chuangye.exports.browser"


def _renders_with_the_export_browser(module) -> bool:
    """The test module imported something from the export browser's module (to start it, or to skip without it)."""
    return any(getattr(value, "__module__", None) == EXPORT_BROWSER_MODULE for value in vars(module).values())


def pytest_collection_modifyitems(config, items):
    for item in items:
        if INTEGRATION in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.integration)
        module = getattr(item, "module", None)
        if module is not None and _renders_with_the_export_browser(module):
            item.add_marker(pytest.mark.browser)


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


@pytest.fixture(scope="session")
def postgres_cluster():
    """A throw-away PostgreSQL cluster on 127.0.0.1 (tests/postgres.py), for the whole session; fails (never
    skips) when PostgreSQL is not installed."""
    from tests.postgres import MISSING, PostgresCluster, postgres_bin_dir

    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        pytest.fail(MISSING, pytrace=False)
    cluster = PostgresCluster(bin_dir)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_cluster):
    """The URL of a fresh, empty PostgreSQL database, dropped after the test."""
    name = postgres_cluster.create_database()
    yield postgres_cluster.url(name)
    postgres_cluster.drop_database(name)


@pytest.fixture(scope="session", autouse=True)
def _apps_without_sign_in():
    """Tests of everything but sign-in build their app without it (one local user with the province's scope,
    as ``chuangye serve --no-auth``); the sign-in tests pass ``create_app(auth=True)`` explicitly."""
    from chuangye.web import app as webapp

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(webapp, "AUTH_DEFAULT", False)
        yield
