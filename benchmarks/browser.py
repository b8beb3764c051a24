"""Page loads and interactions as a user's browser sees them: headless Chromium against ``chuangye serve``.

The benchmark starts the app itself on 127.0.0.1 (a fresh data directory with the bundled sample; signed in as an
admin made in its accounts database, or ``--no-auth``), waits for the server's warm-up to finish, and then, per
page, loads it cold (browser cache emptied through CDP ``Network.clearBrowserCache``) and warm (cache kept):

- **headline**: the page's headline visible with text (overview: every KPI card), ms after navigation start;
- **graphs**: every ``dcc.Graph`` on the page drawn (its ``.main-svg`` present, a MapLibre map ``loaded()``), the
  moment the last one became so once the page went quiet (no new request or DOM change for ``--settle`` s);
- **bytes** transferred, encoded (on the wire, headers included) and decoded, by kind (JavaScript, the
  ``_dash-update-component`` callback JSON, everything else), and the number of requests (from the CDP
  performance log's ``Network`` events);
- the browser's own time: CDP ``Performance.getMetrics`` ScriptDuration, LayoutDuration, RecalcStyleDuration,
  TaskDuration (the difference over the load).

Interactions (overview and map page): a year change and a unit-type change, timed in the page from the control's
``change``/``click`` event to the last figure update on screen (``plotly_afterplot`` of any graph, or a DOM change
in the page), repeated ``--reps`` times; median and p95. The report names the issue's aims (cards <= 1.5 s,
charts <= 3 s, an interaction <= 500 ms) and the machine's load average before and after.

    .venv/bin/python -m benchmarks.browser                         # every page, 5 loads each, 5 interactions
    .venv/bin/python -m benchmarks.browser --pages overview map --reps 10 --json artifacts/browser.json
    .venv/bin/python -m benchmarks.browser --no-auth --lang en
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from benchmarks.live import PASSWORD, Server, load_average, percentile, running_server, serve_supports_workers

CHROMIUM = os.environ.get("CHUANGYE_BENCH_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHUANGYE_BENCH_CHROMEDRIVER", "/usr/bin/chromedriver")
UPDATE_PATH = "/_dash-update-component"
SAMPLE_UNIT = "320102002"  # a street of Nanjing's Xuanwu district in the bundled sample
AIMS_MS = {"headline": 1500.0, "graphs": 3000.0, "interaction": 500.0}
METRICS = ("ScriptDuration", "LayoutDuration", "RecalcStyleDuration", "TaskDuration")
KINDS = ("js", "callbacks", "other")


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    headline: str  # CSS selector: every match visible with text means the headline is on screen
    query: str = ""


PAGES: tuple[Page, ...] = (
    Page("overview", "/overview", "[id^='ov-card-body-']"),
    Page("map", "/map", "#dd-summary"),
    Page("peers", "/peers", "#peers-heading"),
    Page("unit", "/unit", "#unit-header", f"unit={SAMPLE_UNIT}"),
    Page("certification", "/certification", "#cert-title"),
    Page("method", "/method", "#method-title"),
    Page("audit", "/audit", "#aud-title"),
    Page("data", "/data", "#dp-title"),
)
INTERACTIVE = ("overview", "map")

# Installed in every new document before its scripts run: polls the page every 20 ms and keeps, in
# window.__bench, when the headline first showed, when all graphs last became drawn, the last DOM change and
# the last plotly_afterplot (both for the interactions), and when a control fired (change/click).
OBSERVER = r"""
(() => {
  const B = window.__bench = {headline: null, drawn: null, graphs: 0, lastMutation: 0, lastPlot: 0,
                              fired: null, wasDrawn: false};
  const pageHeadlines = %HEADLINES%;
  const visible = (el) => el.getClientRects().length > 0 && el.innerText.trim().length > 0;
  const mapReady = (gd) => {
    const full = gd._fullLayout;
    if (!full) return false;
    for (const key of Object.keys(full)) {
      const sub = /^map\d*$/.test(key) && full[key] && full[key]._subplot;
      if (sub && !(sub.map && sub.map.loaded())) return false;
    }
    return true;
  };
  B.headlineShown = () => {
    const selector = pageHeadlines[location.pathname];
    if (!selector) return document.querySelector('#page-content') !== null &&
                          visible(document.querySelector('#page-content'));
    const found = [...document.querySelectorAll(selector)];
    return found.length > 0 && found.every(visible);
  };
  B.graphsDrawn = () => {
    if (document.querySelector('[data-dash-is-loading="true"]')) return false;
    const graphs = [...document.querySelectorAll('.dash-graph')];
    B.graphs = graphs.length;
    return graphs.every((g) => {
      const gd = g.classList.contains('js-plotly-plot') ? g : g.querySelector('.js-plotly-plot');
      return gd && gd.querySelector('.main-svg') && mapReady(gd);
    });
  };
  const watched = new WeakSet();
  const listen = () => {
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
      if (watched.has(gd) || !gd.on) continue;
      watched.add(gd);
      gd.on('plotly_afterplot', () => { B.lastPlot = performance.now(); });
    }
  };
  const tick = () => {
    const headline = B.headlineShown();
    if (headline && B.headline === null) B.headline = performance.now();
    const drawn = headline && B.graphsDrawn();
    if (drawn && !B.wasDrawn) B.drawn = performance.now();
    B.wasDrawn = drawn;
    listen();
  };
  setInterval(tick, 20);
  const fired = () => { if (B.fired === null) B.fired = performance.now(); };
  document.addEventListener('change', fired, true);
  document.addEventListener('click', fired, true);
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver(() => { B.lastMutation = performance.now(); })
      .observe(document.body, {childList: true, subtree: true, characterData: true});
  });
})();
"""

QUIET_STATE = """
const B = window.__bench;
return B ? {headline: B.headline, drawn: B.drawn, wasDrawn: B.wasDrawn, graphs: B.graphs,
            lastMutation: B.lastMutation, lastPlot: B.lastPlot, fired: B.fired, now: performance.now(),
            resources: performance.getEntriesByType('resource').length,
            search: location.search} : null;
"""


# ---------------------------------------------------------------------------------------------- the browser


def make_driver(width: int = 1440, height: int = 900) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--enable-unsafe-swiftshader", f"--window-size={width},{height}"):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Performance.enable", {})
    headlines = {page.path: page.headline for page in PAGES}
    driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": OBSERVER.replace("%HEADLINES%", json.dumps(headlines))}
    )
    return driver


def sign_in_browser(driver: webdriver.Chrome, server: Server, lang: str) -> None:
    driver.get(f"{server.base}/login?lang={lang}")
    driver.find_element(By.NAME, "username").send_keys(server.users[0])
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form [type=submit]").click()
    deadline = time.monotonic() + 60
    while "/login" in driver.current_url:
        if time.monotonic() > deadline:
            raise RuntimeError("the browser could not sign in")
        time.sleep(0.1)


def browser_metrics(driver: webdriver.Chrome) -> dict[str, float]:
    found = driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]
    return {m["name"]: m["value"] for m in found if m["name"] in METRICS}


def network_events(driver: webdriver.Chrome) -> list[dict]:
    """The ``Network.*`` events logged since the last call."""
    events = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method", "").startswith("Network."):
            events.append(message)
    return events


def kind_of(url: str, mime: str) -> str:
    if UPDATE_PATH in url:
        return "callbacks"
    if "javascript" in mime or url.split("?")[0].endswith(".js"):
        return "js"
    return "other"


@dataclass
class Traffic:
    requests: int = 0
    from_cache: int = 0
    encoded: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    decoded: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    posts: list[dict] = field(default_factory=list)  # the callback requests: url, body (for the load capture)


def traffic_of(events: list[dict], driver: webdriver.Chrome | None = None) -> Traffic:
    """Requests and bytes from the CDP performance log (encoded: ``loadingFinished``; decoded: ``dataReceived``)."""
    traffic = Traffic()
    kinds: dict[str, str] = {}
    for event in events:
        method, params = event["method"], event["params"]
        request_id = params.get("requestId", "")
        if method == "Network.requestWillBeSent":
            request = params["request"]
            if request["url"].startswith("data:"):
                continue
            traffic.requests += 1
            kinds[request_id] = kind_of(request["url"], "")
            if UPDATE_PATH in request["url"] and request.get("method") == "POST":
                body = request.get("postData")
                if body is None and driver is not None and request.get("hasPostData"):
                    body = driver.execute_cdp_cmd("Network.getRequestPostData", {"requestId": request_id})["postData"]
                traffic.posts.append({"url": request["url"], "body": body})
        elif method == "Network.responseReceived" and request_id in kinds:
            kinds[request_id] = kind_of(params["response"]["url"], params["response"].get("mimeType", ""))
        elif method == "Network.requestServedFromCache":
            traffic.from_cache += 1
        elif method == "Network.dataReceived" and request_id in kinds:
            traffic.decoded[kinds[request_id]] += int(params.get("dataLength", 0))
        elif method == "Network.loadingFinished" and request_id in kinds:
            traffic.encoded[kinds[request_id]] += int(params.get("encodedDataLength", 0))
    return traffic


def settle(driver: webdriver.Chrome, *, quiet: float, timeout: float, need_headline: bool = True) -> dict:
    """Poll the page until its headline shows, its graphs are drawn and nothing (request, DOM change, plot) has
    happened for ``quiet`` seconds; the page's last state (``timed_out`` when it never settled)."""
    deadline = time.monotonic() + timeout
    last_seen: tuple | None = None
    since = time.monotonic()
    while True:
        state = driver.execute_script(QUIET_STATE) or {}
        ready = bool(state) and state.get("wasDrawn") and (state.get("headline") is not None or not need_headline)
        marks = (state.get("resources"), state.get("lastMutation"), state.get("lastPlot"), state.get("drawn"))
        if marks != last_seen:
            last_seen, since = marks, time.monotonic()
        if ready and time.monotonic() - since >= quiet:
            return state | {"timed_out": False}
        if time.monotonic() > deadline:
            return state | {"timed_out": True}
        time.sleep(0.05)


# -------------------------------------------------------------------------------------------- measurements


@dataclass
class Load:
    page: str
    cache: str  # cold | warm
    headline_ms: float | None
    graphs_ms: float | None
    graphs: int
    requests: int
    from_cache: int
    encoded: dict[str, int]
    decoded: dict[str, int]
    browser_ms: dict[str, float]
    timed_out: bool


@dataclass
class Interaction:
    page: str
    control: str  # year | type
    ms: float | None  # to the last figure redraw or DOM change in the page
    plot_ms: float | None  # to the last figure redraw (plotly_afterplot) alone
    figures_updated: bool  # at least one plotly_afterplot after the control fired
    timed_out: bool


def page_url(server: Server, page: Page, lang: str) -> str:
    query = "&".join(part for part in (f"lang={lang}", page.query) if part)
    return f"{server.base}{page.path}?{query}"


def measure_load(driver: webdriver.Chrome, url: str, page: Page, cache: str, *, quiet: float, timeout: float) -> Load:
    network_events(driver)  # drain what came before
    if cache == "cold":
        driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    before = browser_metrics(driver)
    driver.get("about:blank")
    driver.get(url)
    state = settle(driver, quiet=quiet, timeout=timeout)
    after = browser_metrics(driver)
    traffic = traffic_of(network_events(driver))
    spent = {name: round(1000 * (after[name] - before[name] if after[name] >= before[name] else after[name]), 1)
             for name in METRICS}  # fmt: skip
    return Load(
        page=page.name,
        cache=cache,
        headline_ms=_ms(state.get("headline")),
        graphs_ms=_ms(state.get("drawn")) if state.get("graphs") else None,
        graphs=int(state.get("graphs") or 0),
        requests=traffic.requests,
        from_cache=traffic.from_cache,
        encoded=traffic.encoded,
        decoded=traffic.decoded,
        browser_ms=spent,
        timed_out=bool(state.get("timed_out")),
    )


def _ms(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)


TYPE_CONTROLS = "#ctl-type, #ov-map-type"  # the overview hides the shell's type choice: its map has its own


def choose_control(driver: webdriver.Chrome, control: str, turn: int) -> None:
    """Move the year select or the visible unit-type radio to another of its options."""
    if control == "year":
        select = Select(driver.find_element(By.ID, "ctl-year"))
        values = [o.get_attribute("value") for o in select.options]
        current = select.first_selected_option.get_attribute("value")
        others = [v for v in values if v != current]
        select.select_by_value(others[turn % len(others)] if turn % 2 else others[-1])
        return
    group = next(g for g in driver.find_elements(By.CSS_SELECTOR, TYPE_CONTROLS) if g.is_displayed())
    radios = group.find_elements(By.CSS_SELECTOR, "input[type=radio]")
    target = next(r for r in radios if not r.is_selected())
    label = driver.find_element(By.CSS_SELECTOR, f"label[for='{target.get_attribute('id')}']")
    driver.execute_script("arguments[0].click()", label)  # below the fold at 1440x900: no pointer needed


def measure_interaction(
    driver: webdriver.Chrome, page: Page, control: str, turn: int, *, quiet: float, timeout: float
) -> Interaction:
    driver.execute_script("const B = window.__bench; B.fired = null; B.lastPlot = 0; B.lastMutation = 0;")
    before = driver.execute_script("return location.search")
    choose_control(driver, control, turn)
    state = settle(driver, quiet=quiet, timeout=timeout)
    fired = state.get("fired")
    last = max(state.get("lastPlot") or 0, state.get("lastMutation") or 0)
    changed = state.get("search") != before
    ms = round(last - fired, 1) if fired is not None and last > fired and changed else None
    plotted = state.get("lastPlot") or 0
    plot_ms = round(plotted - fired, 1) if fired is not None and plotted > fired and changed else None
    return Interaction(page.name, control, ms, plot_ms, bool(plotted), bool(state.get("timed_out")))


# ------------------------------------------------------------------------------------------------ the run


@dataclass
class Report:
    measured: str
    server: str
    lang: str
    reps: int
    load_before: tuple[float, ...]
    load_after: tuple[float, ...] = ()
    loads: list[Load] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    aims_ms: dict[str, float] = field(default_factory=lambda: dict(AIMS_MS))


def run(
    *,
    pages: Sequence[str],
    reps: int,
    lang: str = "zh",
    auth: bool = True,
    workers: int | None = None,
    quiet: float = 1.0,
    timeout: float = 60.0,
    log: Callable[[str], None] = print,
) -> Report:
    chosen = [p for p in PAGES if p.name in pages]
    with running_server(users=1, auth=auth, workers=workers) as server:
        report = Report(
            measured="headless Chromium 1440x900 against chuangye serve on 127.0.0.1 (bundled sample)",
            server=" ".join(server.command()[1:]).replace(str(server.data_dir), "<tmp>"),
            lang=lang,
            reps=reps,
            load_before=load_average(),
        )
        driver = make_driver()
        try:
            if auth:
                sign_in_browser(driver, server, lang)
            driver.get(page_url(server, PAGES[0], lang))  # the first look fills nothing we measure
            settle(driver, quiet=quiet, timeout=timeout)
            for page in chosen:
                url = page_url(server, page, lang)
                for cache in ("cold", "warm"):
                    for _ in range(reps):
                        report.loads.append(measure_load(driver, url, page, cache, quiet=quiet, timeout=timeout))
                log(f"{page.name}: {reps} cold and {reps} warm loads")
                if page.name in INTERACTIVE:
                    driver.get(url)
                    settle(driver, quiet=quiet, timeout=timeout)
                    for control in ("year", "type"):
                        for turn in range(reps):
                            report.interactions.append(
                                measure_interaction(driver, page, control, turn, quiet=quiet, timeout=timeout)
                            )
                    log(f"{page.name}: {reps} year and {reps} type changes")
        finally:
            driver.quit()
        report.load_after = load_average()
    return report


# ------------------------------------------------------------------------------------------------- output


def summary(values: Sequence[float | None]) -> tuple[float | None, float | None]:
    real = [v for v in values if v is not None]
    if not real:
        return None, None
    return round(statistics.median(real), 1), round(percentile(real, 0.95), 1)


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _kb(value: float) -> str:
    return f"{value / 1024:.0f}"


def _verdict(value: float | None, aim: float) -> str:
    return "—" if value is None else ("meets" if value <= aim else "misses")


def load_rows(report: Report) -> list[dict[str, Any]]:
    rows = []
    for page in dict.fromkeys(load.page for load in report.loads):
        for cache in ("cold", "warm"):
            group = [x for x in report.loads if x.page == page and x.cache == cache]
            if not group:
                continue
            headline, headline95 = summary([x.headline_ms for x in group])
            graphs, graphs95 = summary([x.graphs_ms for x in group])
            rows.append({
                "page": page, "cache": cache, "headline_median_ms": headline, "headline_p95_ms": headline95,
                "graphs_median_ms": graphs, "graphs_p95_ms": graphs95, "graphs": max(x.graphs for x in group),
                "requests": statistics.median(x.requests for x in group),
                "encoded": {k: statistics.median(x.encoded[k] for x in group) for k in KINDS},
                "decoded": {k: statistics.median(x.decoded[k] for x in group) for k in KINDS},
                "browser_ms": {m: round(statistics.median(x.browser_ms[m] for x in group), 1) for m in METRICS},
                "timed_out": sum(x.timed_out for x in group),
            })  # fmt: skip
    return rows


def interaction_rows(report: Report) -> list[dict[str, Any]]:
    rows = []
    for page, control in dict.fromkeys((x.page, x.control) for x in report.interactions):
        group = [x for x in report.interactions if x.page == page and x.control == control]
        median, p95 = summary([x.ms for x in group])
        plot_median, plot_p95 = summary([x.plot_ms for x in group])
        rows.append({
            "page": page, "control": control, "median_ms": median, "p95_ms": p95, "plot_median_ms": plot_median,
            "plot_p95_ms": plot_p95, "reps": len(group),
            "measured": sum(x.ms is not None for x in group), "figures_updated": sum(x.figures_updated for x in group),
            "timed_out": sum(x.timed_out for x in group),
        })  # fmt: skip
    return rows


def text_report(report: Report) -> str:
    aims = report.aims_ms
    lines = [
        f"Measured: {report.measured}; language {report.lang}; {report.reps} repetitions each.",
        f"Server: {report.server}",
        f"Load average (1, 5, 15 min) before {report.load_before}, after {report.load_after} on {os.cpu_count()} CPUs.",
        "Times in ms after navigation start (median / p95); bytes in KB (median); encoded = on the wire.",
        "",
        "| page | cache | headline | graphs (n) | requests | enc JS | enc callbacks | enc other | dec total "
        "| script | layout | recalc style | task |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in load_rows(report):
        lines.append(
            f"| {row['page']} | {row['cache']} | {_cell(row['headline_median_ms'])} / {_cell(row['headline_p95_ms'])} "
            f"| {_cell(row['graphs_median_ms'])} / {_cell(row['graphs_p95_ms'])} ({row['graphs']}) "
            f"| {row['requests']:.0f} | {_kb(row['encoded']['js'])} | {_kb(row['encoded']['callbacks'])} "
            f"| {_kb(row['encoded']['other'])} | {_kb(sum(row['decoded'].values()))} | "
            + " | ".join(f"{row['browser_ms'][m]:.0f}" for m in METRICS)
            + " |"
            + (f" {row['timed_out']} never settled" if row["timed_out"] else "")
        )
    if report.interactions:
        lines += [
            "",
            "Interactions: from the control's event to the last change on screen (any DOM change or figure "
            "redraw), and to the last figure redraw alone (plotly_afterplot).",
            "",
        ]
        lines += ["| page | change | median ms | p95 ms | redraw median | redraw p95 | measured / reps | redrawn |"]
        lines.append("|---|---|---|---|---|---|---|---|")
        for row in interaction_rows(report):
            lines.append(
                f"| {row['page']} | {row['control']} | {_cell(row['median_ms'])} | {_cell(row['p95_ms'])} "
                f"| {_cell(row['plot_median_ms'])} | {_cell(row['plot_p95_ms'])} "
                f"| {row['measured']} / {row['reps']} | {row['figures_updated']} |"
            )
    lines += ["", "Aims (issue 11, warm server, this 2-core machine):"]
    overview = {r["cache"]: r for r in load_rows(report) if r["page"] == "overview"}
    for cache, row in overview.items():
        lines.append(
            f"- overview {cache}: cards {_cell(row['headline_median_ms'])} ms (aim <= {aims['headline']:.0f}: "
            f"{_verdict(row['headline_median_ms'], aims['headline'])}), charts {_cell(row['graphs_median_ms'])} ms "
            f"(aim <= {aims['graphs']:.0f}: {_verdict(row['graphs_median_ms'], aims['graphs'])})"
        )
    for row in interaction_rows(report):
        lines.append(
            f"- {row['page']} {row['control']} change: p95 {_cell(row['p95_ms'])} ms (aim <= "
            f"{aims['interaction']:.0f}: {_verdict(row['p95_ms'], aims['interaction'])})"
        )
    return "\n".join(lines)


def json_report(report: Report) -> dict[str, Any]:
    return asdict(report) | {"summary": {"loads": load_rows(report), "interactions": interaction_rows(report)}}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", nargs="+", default=[p.name for p in PAGES], choices=[p.name for p in PAGES])
    parser.add_argument("--reps", type=int, default=5, help="loads per page and cache state, and interactions")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--no-auth", action="store_true", help="serve with --no-auth instead of signing in")
    parser.add_argument("--workers", type=int, default=None, help="serve --workers N (when the CLI has it)")
    parser.add_argument("--settle", type=float, default=1.0, help="seconds of quiet that end a measurement")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a measurement gives up")
    parser.add_argument("--json", metavar="FILE", help="also write the measurements as JSON")
    args = parser.parse_args(argv)
    if args.workers and not serve_supports_workers():
        print("chuangye serve has no --workers here: measuring the single-process server", file=sys.stderr)
        args.workers = None
    report = run(
        pages=args.pages, reps=args.reps, lang=args.lang, auth=not args.no_auth, workers=args.workers,
        quiet=args.settle, timeout=args.timeout, log=lambda line: print(line, file=sys.stderr, flush=True),
    )  # fmt: skip
    print(text_report(report))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(json_report(report), out, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
