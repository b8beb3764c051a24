"""Loading feedback in a real browser on a slow network: from the moment the year changes until a region's
new figures are on the page, the region says it is being redrawn (aria-busy, dimmed, a spinner), on every
page; the old year's figures are never shown as current. Nothing in the app is there for the test: the
network is slowed with Chrome DevTools' own throttling."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.support.ui import Select

from tests.browser.conftest import POLL, current_query, open_path, wait_settled

LATENCY_MS = 600  # per request and answer; every hop (control → URL → the page's callbacks) waits this long
ARRIVAL_TIMEOUT = 60

# per page: the view at 2020, and an element inside each region whose figures a change of year redraws
PAGES = {
    "overview": (
        "/?year=2020",
        ["ov-cards-title", "ov-card-street_town", "ov-card-park", "ov-trend-street_town", "ov-ranking-park", "ov-map"],
    ),
    "map": ("/map?year=2020&region=320100", ["dd-map", "dd-summary", "dd-grid"]),
    "peers": (
        "/peers?year=2020&region=320100",
        ["peers-heading", "peers-card-street_town", "peers-chart-park", "peers-ind-table", "peers-grid"],
    ),
    "unit": ("/unit?year=2020&unit=320102002", ["unit-header", "unit-fig-participation_rate", "unit-context"]),
    "certification": (
        "/certification?year=2020",
        ["cert-title", "cert-summary", "cert-funnel", "cert-bar", "cert-table", "cert-issues"],
    ),
    "method": ("/method?year=2020", ["method-example"]),  # the worked example follows the year
}

# For each element: its region (the element itself for a line of text), what the region shows (its text and
# its charts' data), whether it is marked busy, whether it looks busy (dimmed, spinner) and where it is.
OBSERVE = """
function region(id) {
    const el = document.getElementById(id);
    return el && (el.classList.contains('busy-region') ? el : el.closest('.busy-region'));
}
function shown(r) {
    const charts = Array.from(r.querySelectorAll('.js-plotly-plot')).map(gd => JSON.stringify([
        (gd.data || []).map(t => [t.x, t.y, t.z, t.text, t.marker && t.marker.color]),
        gd.layout && [gd.layout.shapes, gd.layout.annotations, gd.layout.title],
    ]));
    return r.innerText + '|' + charts.join('|');
}
const out = {};
for (const id of arguments[0]) {
    const r = region(id);
    if (!r) { out[id] = null; continue; }
    const text = r.classList.contains('busy-text');
    const faded = getComputedStyle(text ? r : (r.firstElementChild || r)).opacity;
    const spinner = getComputedStyle(r, '::after').content;
    const box = r.getBoundingClientRect();
    out[id] = {
        shown: shown(r),
        busy: r.getAttribute('aria-busy') === 'true',
        looks_busy: Number(faded) < 0.9 && (text || (spinner !== 'none' && spinner !== '')),
        box: [Math.round(box.left), Math.round(box.top), Math.round(box.width), Math.round(box.height)],
    };
}
return out;
"""


def observe(dash_duo, ids: list[str]) -> dict:
    return dash_duo.driver.execute_script(OBSERVE, ids)


def throttle(dash_duo, latency_ms: int) -> None:
    dash_duo.driver.execute_cdp_cmd("Network.enable", {})
    dash_duo.driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": latency_ms, "downloadThroughput": -1, "uploadThroughput": -1},
    )


@pytest.mark.parametrize("page", list(PAGES))
def test_regions_show_a_loading_state_until_the_new_year_arrives(dash_duo, page):
    path, ids = PAGES[page]
    open_path(dash_duo, path)
    wait_settled(dash_duo)
    before = observe(dash_duo, ids)
    missing = [i for i, seen in before.items() if seen is None]
    assert not missing, f"no loading region around {missing}"
    assert not any(seen["busy"] for seen in before.values())

    throttle(dash_duo, LATENCY_MS)
    try:
        Select(dash_duo.find_element("#ctl-year")).select_by_value("2017")
        marked, looked, moved = set(), set(), {}
        deadline = time.monotonic() + ARRIVAL_TIMEOUT
        while True:
            now = observe(dash_duo, ids)  # one look at every region at the same moment
            nothing_new_yet = all(seen["shown"] == before[i]["shown"] for i, seen in now.items())
            for i, seen in now.items():
                old = seen["shown"] == before[i]["shown"]
                assert not old or seen["busy"], f"{page}: {i} shows 2020's figures as current while the view is 2017"
                if seen["busy"]:
                    marked.add(i)
                    looked.update([i] if seen["looks_busy"] else [])
                    if nothing_new_yet and seen["box"] != before[i]["box"]:  # the loading state itself moved it
                        moved[i] = (before[i]["box"], seen["box"])
            if all(seen["shown"] != before[i]["shown"] and not seen["busy"] for i, seen in now.items()):
                break
            assert time.monotonic() < deadline, f"{page}: the 2017 figures never all arrived: {now.keys()}"
            time.sleep(POLL / 2)
    finally:
        throttle(dash_duo, 0)
    assert marked == set(ids), f"{page}: never marked busy: {set(ids) - marked}"
    assert looked == set(ids), f"{page}: marked busy but never dimmed under a spinner: {set(ids) - looked}"
    assert not moved, f"{page}: regions moved while loading: {moved}"
    assert current_query(dash_duo)["year"] == "2017"
