"""Browser tests: one app, one data directory, one server and one Chromium per test module.

Every test here carries the ``browser`` marker (``pytest_collection_modifyitems`` below). The module-scoped
``dash_duo`` replaces dash.testing's function-scoped fixture of the same name: it starts the module's app once
on a free port (two runs on one host never collide) and drives one selenium session; before each test the
page goes blank, the console log is drained, the window is 1440×900 again and downloads go to a fresh folder.

Nothing waits a fixed time: helpers wait for a condition (an element, a text, no Dash callback pending, the
page's layout at rest, the map at rest).

Screenshots land in ``artifacts/screenshots/`` (git-ignored): every page, both languages, 1440×900 and
390×844, so a person can look at what the tests saw.
"""

from __future__ import annotations

import shutil
import socket
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.errors import APP_ALERT

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHOTS = REPO / "artifacts" / "screenshots"
SIZES = ((1440, 900), (390, 844))
POLL = 0.1  # seconds between two looks at the page while waiting for a condition


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


# ------------------------------------------------------------------------------------------ app and browser


def free_port() -> int:
    """A TCP port nobody listens on now (the kernel's pick), for this module's server."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory) -> Path:
    from chuangye.data.store import Store

    path = tmp_path_factory.mktemp("browser-store")
    Store(path).ensure_initialised(SAMPLE_DIR)
    return path


@pytest.fixture(scope="module")
def data_dir(seeded_store, tmp_path_factory) -> Path:
    """The module's own copy of the seeded store (what one test's app writes, the next modules never see)."""
    path = tmp_path_factory.mktemp("browser-data") / "data"
    shutil.copytree(seeded_store, path)
    return path


@pytest.fixture(scope="module")
def dash_app(data_dir):
    from chuangye.web.app import create_app

    return create_app(data_dir=data_dir)


@pytest.fixture(scope="module")
def dash_duo(request, dash_app, tmp_path_factory):
    """dash.testing's ``DashComposite`` for the whole module: the app served from a thread on a free port."""
    from dash.testing.application_runners import ThreadedRunner
    from dash.testing.composite import DashComposite
    from dash.testing.errors import DashAppLoadingError

    config = request.config
    with (
        ThreadedRunner() as server,
        DashComposite(
            server=server,
            browser=config.getoption("webdriver"),
            remote=config.getoption("remote"),
            remote_url=config.getoption("remote_url"),
            headless=config.getoption("headless"),
            options=config.hook.pytest_setup_options(),
            download_path=str(tmp_path_factory.mktemp("downloads")),
            percy_finalize=config.getoption("nopercyfinalize"),
            pause=config.getoption("pause"),
        ) as duo,
    ):
        for attempt in range(3):  # a port taken between the pick and the bind: pick another
            try:
                duo.start_server(dash_app, port=free_port(), start_timeout=30)
                break
            except DashAppLoadingError:
                if attempt == 2:
                    raise
        yield duo


@pytest.fixture(autouse=True)
def _fresh_page(request):
    """Each test of a module starts on a blank page, 1440×900, with an empty console log."""
    if "dash_duo" in request.fixturenames:
        duo = request.getfixturevalue("dash_duo")
        duo.driver.get("about:blank")
        duo.driver.set_window_size(*SIZES[0])
        duo.get_logs()  # Chrome hands each entry out once: what the last test left is gone
    yield


# ------------------------------------------------------------------------------------------------- waiting

DASH_BUSY = """
const store = window.store;
if (!store || !document.querySelector('#react-entry-point')) { return true; }
const state = store.getState();
const callbacks = state.callbacks || {};
const pending = ['requested', 'prioritized', 'blocked', 'executing', 'watched', 'executed']
    .some(k => (callbacks[k] || []).length > 0);
return pending || !!state.isLoading || document.querySelector('[data-dash-is-loading="true"]') !== null;
"""

# What moves while the page is still laying itself out or scrolling (Bootstrap scrolls smoothly): the window,
# the scroll position, the page's height, every plotly graph's size and, for MapLibre maps, whether the map
# is loaded and still, and its view.
LAYOUT_FINGERPRINT = """
const plots = Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
    const fl = gd._fullLayout;
    if (!fl) { return 'drawing'; }
    let view = '';
    const sub = fl.map && fl.map._subplot;
    if (sub && sub.map) {
        const m = sub.map;
        if (!m.loaded() || m.isMoving() || !m.isStyleLoaded()) { return 'moving'; }
        const c = m.getCenter();
        view = [c.lng.toFixed(6), c.lat.toFixed(6), m.getZoom().toFixed(4), m.getCanvas().width].join(',');
    }
    return [fl.width, fl.height, view].join('/');
});
const page = [window.innerWidth, window.innerHeight, window.scrollX, window.scrollY];
return page.concat([document.documentElement.scrollHeight, plots.join('|')]).join(' ');
"""


def wait_for(predicate, timeout: float = 20, message: str = "condition not met"):
    """Poll ``predicate`` until it returns something truthy; that value, or an AssertionError."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(message() if callable(message) else message)
        time.sleep(POLL)


def wait_idle(dash_duo, timeout: float = 30) -> None:
    """No Dash callback pending (none requested, blocked or running), seen twice in a row."""
    busy = [True]

    def quiet_twice() -> bool:
        was_busy, busy[0] = busy[0], dash_duo.driver.execute_script(DASH_BUSY)
        return not was_busy and not busy[0]

    wait_for(quiet_twice, timeout, lambda: f"Dash callbacks still pending: {dash_duo.redux_state_rqs}")


def wait_settled(dash_duo, timeout: float = 30, quiet: float = 0.6) -> None:
    """No callback pending and the layout at rest: nothing in ``LAYOUT_FINGERPRINT`` changed for ``quiet``
    seconds (longer than the map page's 250 ms resize debounce before it refits the zoom)."""
    seen = {"print": None, "since": 0.0}

    def at_rest() -> bool:
        if dash_duo.driver.execute_script(DASH_BUSY):
            seen["print"] = None
            return False
        now, fingerprint = time.monotonic(), dash_duo.driver.execute_script(LAYOUT_FINGERPRINT)
        if "moving" in fingerprint or "drawing" in fingerprint or fingerprint != seen["print"]:
            seen.update(print=fingerprint, since=now)
            return False
        return now - seen["since"] >= quiet

    wait_for(at_rest, timeout, lambda: f"page never settled: {seen['print']}")


def resize(dash_duo, width: int, height: int) -> None:
    """Resize the window and wait until the page has laid itself out again."""
    driver = dash_duo.driver
    driver.set_window_size(width, height)
    wait_for(
        lambda: driver.execute_script("return window.innerWidth") == width,
        10,
        f"the window never became {width} px wide",
    )
    wait_settled(dash_duo)


# ----------------------------------------------------------------------------------------------- the page


def open_path(dash_duo, path: str, ready_selector: str = "#page-content > *") -> None:
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element(ready_selector, timeout=30)
    wait_idle(dash_duo)


def current_query(dash_duo) -> dict[str, str]:
    query = urlparse(dash_duo.driver.current_url).query
    return {k: v[-1] for k, v in parse_qs(query).items()}


def snap(dash_duo, name: str) -> list[Path]:
    """Full-page screenshots at both sizes; returns the files written. The window is 1440×900 again after."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver = dash_duo.driver
    written = []
    for width, height in SIZES:
        resize(dash_duo, width, height)
        full = driver.execute_script(
            "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"
        )
        chrome = driver.execute_script("return window.outerHeight - window.innerHeight")  # title/tool bars
        resize(dash_duo, width, max(height, min(full + chrome, 6000)))
        path = SHOTS / f"{name}-{width}x{height}.png"
        driver.save_screenshot(str(path))
        written.append(path)
    resize(dash_duo, *SIZES[0])
    return written


IGNORED_CONSOLE = ("GL Driver Message", "WebGL", "GPU stall", "favicon.ico")


def assert_clean_console(dash_duo) -> None:
    """No console error, and no failed-callback alert on screen (web/errors.py turns a callback's exception into
    an alert in the page, where the console would have shown a 500 before)."""
    errors = [e for e in dash_duo.get_logs() if not any(s in e["message"] for s in IGNORED_CONSOLE)]
    assert errors == [], "\n".join(e["message"] for e in errors)
    alerts = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText)", f"#{APP_ALERT} .toast.show"
    )
    assert alerts == [], alerts


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


# ------------------------------------------------------------------------------------------------ keyboard

FOCUSED_ROW = """
const active = document.activeElement;
const grid = active && active.closest('#' + arguments[0]);
const row = grid && active.closest('.ag-row');
return row ? row.getAttribute('row-id') : (grid ? '' : null);
"""


def press(dash_duo, key: str) -> None:
    """A real key press (down and up) on whatever has the focus."""
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(dash_duo.driver).send_keys(key).perform()


def focused_row(dash_duo, grid: str) -> str | None:
    """The row id of the grid cell that has the focus; "" when the focus is elsewhere in the grid (its header),
    None when it is outside the grid."""
    return dash_duo.driver.execute_script(FOCUSED_ROW, grid)


def click(dash_duo, element) -> None:
    """Bring ``element`` to the middle of the window at once (no smooth scroll still moving it), then click."""
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def focus_grid_row(dash_duo, grid: str, row_id: str, start: str) -> None:
    """Reach row ``row_id`` of AG Grid ``grid`` by keyboard alone: focus ``start`` (an element before the grid),
    Tab into the grid, then ArrowDown until the focused cell is in that row."""
    from selenium.webdriver.common.keys import Keys

    click(dash_duo, dash_duo.find_element(start))
    for _ in range(12):
        if focused_row(dash_duo, grid) is not None:
            break
        press(dash_duo, Keys.TAB)
    else:
        raise AssertionError(f"Tab never reached #{grid}")
    rows = dash_duo.driver.execute_script(
        f"return document.querySelectorAll('#{grid} .ag-center-cols-container .ag-row').length"
    )
    for _ in range(rows + 1):
        if focused_row(dash_duo, grid) == row_id:
            return
        press(dash_duo, Keys.ARROW_DOWN)
    raise AssertionError(f"ArrowDown never reached row {row_id} of #{grid}: at {focused_row(dash_duo, grid)!r}")
