"""Browser-test helpers: one store for the session, page opening, screenshots, console and offline checks.

Every test here carries the ``browser`` marker (``pytest_collection_modifyitems``).

Screenshots land in ``artifacts/screenshots/`` (git-ignored): every page, both languages, 1440×900 and
390×844, so a person can look at what the tests saw.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from chuangye.sample.bundled import SAMPLE_DIR

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHOTS = REPO / "artifacts" / "screenshots"
SIZES = ((1440, 900), (390, 844))


def pytest_collection_modifyitems(config, items):
    for item in items:  # every test here needs the browser (the hook sees the whole session's items)
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory) -> Path:
    from chuangye.data.store import Store

    path = tmp_path_factory.mktemp("browser-store")
    Store(path).ensure_initialised(SAMPLE_DIR)
    return path


@pytest.fixture
def dash_app(seeded_store, tmp_path):
    from chuangye.web import app as webapp

    data_dir = tmp_path / "data"
    shutil.copytree(seeded_store, data_dir)
    return webapp.create_app(data_dir=data_dir)


def open_path(dash_duo, path: str, ready_selector: str = "#page-content > *") -> None:
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element(ready_selector, timeout=30)
    wait_idle(dash_duo)


def wait_idle(dash_duo, timeout: float = 30) -> None:
    """Wait until Dash has no callback in flight (the renderer marks the document while loading)."""
    deadline = time.time() + timeout
    time.sleep(0.3)
    while time.time() < deadline:
        busy = dash_duo.driver.execute_script(
            "return document.querySelector('[data-dash-is-loading=\"true\"]') !== null"
            " || document.title.indexOf('Updating') === 0"
        )
        if not busy:
            time.sleep(0.4)
            return
        time.sleep(0.2)


def current_query(dash_duo) -> dict[str, str]:
    from urllib.parse import parse_qs

    query = urlparse(dash_duo.driver.current_url).query
    return {k: v[-1] for k, v in parse_qs(query).items()}


def snap(dash_duo, name: str) -> list[Path]:
    """Full-page screenshots at both sizes; returns the files written."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver = dash_duo.driver
    written = []
    for width, height in SIZES:
        driver.set_window_size(width, height)
        time.sleep(0.8)
        wait_idle(dash_duo)
        full = driver.execute_script(
            "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"
        )
        chrome = driver.execute_script("return window.outerHeight - window.innerHeight")  # title/tool bars
        driver.set_window_size(width, max(height, min(full + chrome, 6000)))
        time.sleep(0.8)
        path = SHOTS / f"{name}-{width}x{height}.png"
        driver.save_screenshot(str(path))
        written.append(path)
    driver.set_window_size(*SIZES[0])
    time.sleep(0.5)
    return written


IGNORED_CONSOLE = ("GL Driver Message", "WebGL", "GPU stall", "favicon.ico")


def assert_clean_console(dash_duo) -> None:
    errors = [e for e in dash_duo.get_logs() if not any(s in e["message"] for s in IGNORED_CONSOLE)]
    assert errors == [], "\n".join(e["message"] for e in errors)


def assert_no_outside_requests(dash_duo) -> None:
    """Every resource the page loaded (scripts, styles, fonts, XHR/fetch, images) came from the app's origin.

    A request that failed to leave (no network here) also shows up as a console error, which
    ``assert_clean_console`` catches.
    """
    origin = urlparse(dash_duo.server_url).netloc
    urls = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".concat(performance.getEntriesByType('navigation').map(e => e.name))"
    )
    outside = [u for u in urls if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != origin]
    assert urls and outside == [], outside
