"""The Content-Security-Policy in a real browser (issue 9, "Hardening"): with sign-in on, no page of the app makes
Chromium refuse anything, in Chinese or English, and neither does an image export rendered by the server's
export browser under that page's policy of its own.

Every page of ``web/routing.PAGE_MODULES`` is visited (the admin's audit log too, the out-of-scope notice by a
city user), plus the sign-in and password pages, at 1440 px; each counts as drawn once the texts it must show
are visible (from the module's own data and the string tables: headings, the names a grid lists), no Dash
callback is pending, every plotly graph is laid out and every MapLibre map loaded and still.

Two witnesses of a refusal, read after each page:

- a ``securitypolicyviolation`` listener put into every document before any of its own scripts runs
  (DevTools ``Page.addScriptToEvaluateOnNewDocument``); it reports the directive and the blocked URI;
- the browser's console log (``goog:loggingPrefs``), where Chromium reports every refusal, in workers too
  ("… violates the following Content Security Policy directive …"; older versions began "Refused to …").

The listener runs although the policy allows no inline script: DevTools injects it, and no policy applies to
that. Checked by ``test_the_watch_reports_an_inline_script_refused_before_the_page_ran``: a throw-away page
served with the app's own policy holds an inline script in its head; the script does not run, and both
witnesses report it (directive ``script-src-elem``, blocked URI ``inline``). Without the listener in place the
test fails on its first assertion, without the console log on its last.
"""

from __future__ import annotations

import io
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from selenium.webdriver.common.by import By

from chuangye.config.loader import load_config
from chuangye.data.db import Accounts, Database
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.exports.browser import export_browser, find_browser
from chuangye.strings.i18n import t
from chuangye.web.errors import APP_ALERT
from chuangye.web.routing import PAGE_MODULES
from chuangye.web.shell.ids import APP_TITLE
from tests.browser.conftest import DASH_BUSY, LAYOUT_FINGERPRINT, SHOTS, SIZES, wait_for
from tests.browser.signin import CLI, FIRST_PASSWORD, NEW_PASSWORD, chrome, serving, shown_text, sign_in, submit

pytestmark = pytest.mark.skipif(find_browser() is None, reason="needs chromium for the server-side export")

ADMIN, NEWCOMER, CITY_USER = "csp-admin", "csp-newcomer", "csp-nanjing"
HOME_CITY = "320100"  # 南京市
SELF_CHECK = "/csp-self-check"  # a throw-away page of this module's app only
CSP_MARK = "Content Security Policy"
ALERT = f"#{APP_ALERT} .toast.show"  # a failed callback's message (web/errors.py)

WATCH = """
window.__cspWatch = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspWatch.push({
    directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber,
    sample: e.sample, disposition: e.disposition,
}));
"""
SELF_CHECK_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<script>window.inlineScriptRan = true;</script></head>
<body><p id="probe">CSP self-check</p></body></html>"""


@pytest.fixture(scope="module", autouse=True)
def started_export_browser():
    """The server's export browser, started before the module's server (dash.testing kills the threads that
    appear while its server runs, and the browser's event loop must outlive one request)."""
    browser = export_browser()
    browser.start()
    return browser


@pytest.fixture(scope="module")
def an(data_dir) -> Analytics:
    return Analytics(Store(data_dir).active(), load_config())


@pytest.fixture(scope="module")
def site(data_dir):
    from chuangye.web.app import create_app

    accounts = Accounts(Database.open(data_dir))
    for name, role, region in ((ADMIN, "admin", None), (NEWCOMER, "admin", None), (CITY_USER, "city", HOME_CITY)):
        accounts.add_user(name, role, region=region, password=FIRST_PASSWORD, by=CLI)
    for name in (ADMIN, CITY_USER):  # the newcomer changes its password through the form
        accounts.change_password(name, FIRST_PASSWORD, NEW_PASSWORD)
    app = create_app(data_dir, auth=True)
    # answered like any page: behind the sign-in guard, with the app's security headers
    app.server.add_url_rule(SELF_CHECK, "csp_self_check", lambda: SELF_CHECK_PAGE)
    with serving(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    driver = chrome()
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    driver.set_window_size(*SIZES[0])
    yield driver
    driver.quit()


# ------------------------------------------------------------------------------------------------ witnesses


def refusals(driver, where: str) -> list[str]:
    """What the policy refused on the current page, one line each (the console's report drained with it)."""
    seen = driver.execute_script("return window.__cspWatch === undefined ? null : window.__cspWatch")
    assert seen is not None, f"{where}: the violation listener was not in the page"
    lines = [
        f"{where}: {v['directive']} refused {v['blocked'] or '?'} ({v['source'] or 'page'}:{v['line']})"
        + (f" «{v['sample']}»" if v["sample"] else "")
        for v in seen
    ]
    console = [e["message"] for e in driver.get_log("browser") if CSP_MARK in e["message"]]
    return lines + [f"{where}: console: {message}" for message in console]


# ------------------------------------------------------------------------------------------------ the pages


@dataclass(frozen=True)
class Visit:
    page: str  # a key of web/routing.PAGE_MODULES, or the sign-in page's name
    path: str
    texts: tuple[str, ...]  # shown once the page is drawn (data names in grids, headings)
    where: str = "#page-content"  # the dashboard's page, under its header; the sign-in pages: "body"

    def label(self) -> str:
        return f"{self.page} {self.path}"


def dashboard_visits(an: Analytics, lang: str) -> list[Visit]:
    year = max(an.years)
    units = an.dataset.units
    unit = units[(units["unit_type"] == "street_town") & units["in_scope"]].iloc[0]
    unit_name = str(unit["name_en"] if lang == "en" else unit["name"])
    city, county = str(unit["city_code"]), str(unit["county_code"])
    first_city = an.regions.children(an.regions.root)[0]
    q = f"year={year}&lang={lang}"
    return [
        Visit("overview", f"/overview?{q}",
              (t("ov_cards_title", lang, year=year), t("ov_ranking_title", lang, year=year))),
        Visit("map", f"/map?{q}", (an.region_name(first_city, lang),)),
        Visit("map", f"/map?region={city}&{q}", (an.region_name(county, lang),)),
        Visit("map", f"/map?region={county}&{q}", (unit_name,)),
        Visit("unit", f"/unit?unit={unit['unit_code']}&{q}", (unit_name, an.region_name(county, lang))),
        Visit("peers", f"/peers?region={city}&{q}", (an.region_name(city, lang), t("peers_pass_share_title", lang))),
        Visit("certification", f"/certification?{q}", (t("cert_table_title", lang),)),
        Visit("method", f"/method?{q}", (t("m_title", lang),)),
        Visit("not_found", f"/no-such-page?{q}", (t("nf_title", lang),)),
        Visit("audit", f"/audit?lang={lang}", (t("aud_intro", lang), ADMIN)),  # the admin's own sign-in listed
        Visit("data", f"/data?lang={lang}", (t("dp_intro", lang), an.version_id)),  # the versions listed
        Visit("submissions", f"/submissions?{q}", (t("sp_title", lang), t("sp_count", lang, n=0))),  # list drawn
    ]  # fmt: skip


def out_of_scope_visit(an: Analytics, lang: str) -> Visit:
    other_city = next(c for c in an.regions.children(an.regions.root) if c != HOME_CITY)
    county = an.regions.children(other_city)[0]
    return Visit("out_of_scope", f"/map?region={county}&lang={lang}", (t("acc_title", lang),))


DASH_PAGE_BUSY = f"if (!document.querySelector('#react-entry-point')) {{ return false; }}\n{DASH_BUSY}"
GRAPHS_LAID_OUT = "return Array.from(document.querySelectorAll('.js-plotly-plot')).every(gd => !!gd._fullLayout);"


def wait_drawn(driver, visit: Visit, timeout: float = 60, quiet: float = 0.6) -> None:
    """The visit's texts are visible, no Dash callback is pending, every graph is laid out and every map loaded
    and still, and nothing of that moved for ``quiet`` seconds."""
    seen = {"print": None, "since": 0.0}

    def drawn() -> bool:
        text = shown_text(driver, visit.where)
        if not all(s in text for s in visit.texts) or driver.execute_script(DASH_PAGE_BUSY):
            seen["print"] = None
            return False
        if not driver.execute_script(GRAPHS_LAID_OUT):
            return False
        now, fingerprint = time.monotonic(), driver.execute_script(LAYOUT_FINGERPRINT)
        if "moving" in fingerprint or "drawing" in fingerprint or fingerprint != seen["print"]:
            seen.update(print=fingerprint, since=now)
            return False
        return now - seen["since"] >= quiet

    wait_for(drawn, timeout, lambda: f"{visit.label()} never drew {visit.texts}: {shown_text(driver, 'body')[:300]}")


def visit_all(driver, site: str, visits: list[Visit]) -> list[str]:
    """Each visit drawn in turn; what the policy refused on them. A page that never draws fails with what was
    refused on it so far (a refused worker or script is a likely reason)."""
    found: list[str] = []
    for visit in visits:
        driver.get(site + visit.path)
        try:
            wait_drawn(driver, visit)
        except AssertionError as never_drawn:
            refused = "\n".join(found + refusals(driver, visit.label())) or "nothing refused"
            raise AssertionError(f"{never_drawn}\n{refused}") from None
        found += refusals(driver, visit.label())
    return found


# ------------------------------------------------------------------------------------------------ the tests


def test_the_watch_reports_an_inline_script_refused_before_the_page_ran(site, browser):
    sign_in(browser, site, ADMIN, NEW_PASSWORD)
    browser.get(site + SELF_CHECK)
    wait_for(lambda: shown_text(browser, "#probe"))
    assert browser.execute_script("return window.__cspWatch !== undefined"), "the listener was not injected"
    assert browser.execute_script("return window.inlineScriptRan === undefined"), "the inline script ran"
    seen = wait_for(lambda: browser.execute_script("return window.__cspWatch"), 10, "the listener saw nothing")
    assert [(v["directive"], v["blocked"]) for v in seen] == [("script-src-elem", "inline")]
    console = [e["message"] for e in browser.get_log("browser") if CSP_MARK in e["message"]]
    assert len(console) == 1 and "script-src" in console[0], console


def test_the_sign_in_and_password_pages_satisfy_the_policy(site, browser):
    """Before signing in, the login page in both languages, then the first sign-in's forced password change
    (the password page in both languages) and the overview it leads to."""
    browser.delete_all_cookies()
    found: list[str] = []
    for lang in ("zh", "en"):
        login = Visit("login", f"/login?lang={lang}", (t("auth_login_title", lang), t("auth_sign_in", lang)), "body")
        found += visit_all(browser, site, [login])
    submit(browser, username=NEWCOMER, password=FIRST_PASSWORD)
    wait_for(lambda: "/password" in browser.current_url)
    found += refusals(browser, "password (first sign-in)")
    for lang in ("en", "zh"):
        password = Visit("password", f"/password?lang={lang}", (t("auth_change", lang),), "body")
        found += visit_all(browser, site, [password])
    submit(browser, old_password=FIRST_PASSWORD, new_password=NEW_PASSWORD, new_again=NEW_PASSWORD)
    wait_for(lambda: "/password" not in browser.current_url and shown_text(browser, "#account-menu"), 30)
    found += refusals(browser, "after the password change")
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_satisfies_the_policy(site, browser, an, lang):
    sign_in(browser, site, ADMIN, NEW_PASSWORD, lang=lang)
    found = visit_all(browser, site, dashboard_visits(an, lang))
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_out_of_scope_notice_satisfies_the_policy(site, browser, an, lang):
    sign_in(browser, site, CITY_USER, NEW_PASSWORD, lang=lang)
    found = visit_all(browser, site, [out_of_scope_visit(an, lang)])
    assert found == [], "\n".join(found)


def platform_font(driver, selector: str) -> str:
    """The font Chromium drew most of the element's characters in (DevTools CSS.getPlatformFontsForNode)."""
    driver.execute_cdp_cmd("DOM.enable", {})
    driver.execute_cdp_cmd("CSS.enable", {})
    root = driver.execute_cdp_cmd("DOM.getDocument", {})["root"]["nodeId"]
    node = driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = driver.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return max(fonts, key=lambda font: font["glyphCount"])["familyName"]


BODY_FONT = "return getComputedStyle(document.body).fontFamily"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_login_page_is_drawn_in_the_dashboards_font(site, browser, an, lang):
    """The app's title in the login page's bar is drawn in the font of the dashboard's own title (it was the
    system font, DejaVu Sans here, for the English page), and the policy still refuses nothing there."""
    sign_in(browser, site, ADMIN, NEW_PASSWORD, next_path=f"/overview?lang={lang}", lang=lang)
    year = max(an.years)
    wait_drawn(browser, Visit("overview", f"/overview?lang={lang}", (t("ov_cards_title", lang, year=year),)))
    dashboard = browser.execute_script(BODY_FONT), platform_font(browser, f"#{APP_TITLE}")
    browser.delete_all_cookies()
    login = Visit("login", f"/login?lang={lang}", (t("app_title", lang), t("auth_sign_in", lang)), "body")
    found = visit_all(browser, site, [login])
    assert (browser.execute_script(BODY_FONT), platform_font(browser, ".navbar-brand")) == dashboard
    assert found == [], "\n".join(found)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        browser.set_window_size(width, height)
        wait_for(lambda w=width: browser.execute_script("return window.innerWidth") == w)
        browser.save_screenshot(str(SHOTS / f"login-page-{lang}-{width}x{height}.png"))
    browser.set_window_size(*SIZES[0])


def test_every_page_of_the_app_is_visited(an):
    """A page added to the app without a visit here fails (its policy would go unchecked)."""
    visited = {v.page for lang in ("zh", "en") for v in dashboard_visits(an, lang)} | {"out_of_scope"}
    assert set(PAGE_MODULES) <= visited, set(PAGE_MODULES) - visited


def test_an_image_export_from_the_overview_satisfies_both_policies(site, browser, an, started_export_browser):
    """The city map's PNG from its 下载 menu: the page refuses nothing while asking for it and saving it, and the
    server's export browser renders the map (MapLibre, blob: workers) under its own policy refusing nothing."""
    folder = Path(tempfile.mkdtemp(prefix="csp-export-"))
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    sign_in(browser, site, ADMIN, NEW_PASSWORD)
    year = max(an.years)
    overview = Visit("overview", f"/overview?year={year}&lang=zh", (t("ov_cards_title", "zh", year=year),))
    browser.get(site + overview.path)
    wait_drawn(browser, overview)
    export_mark = started_export_browser.csp_violation_count
    toggle = browser.find_element(By.CSS_SELECTOR, '[data-export-name="city-map"] .chart-export-toggle')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", toggle)
    toggle.click()
    menu = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, '[data-export-name="city-map"] .dropdown-menu.show'))
    png_item = menu[0].find_elements(By.CSS_SELECTOR, ".dropdown-item")[0]
    assert png_item.text.split()[0] == "PNG"
    png_item.click()

    def export_refusals() -> list[str]:
        return [f"export browser: {text}" for text in started_export_browser.csp_violations_since(export_mark)]

    def saved_or_refused() -> list[Path] | str:  # a failed export shows an alert in the page
        return [p for p in folder.glob("*.png") if p.stat().st_size > 0] or shown_text(browser, ALERT)

    outcome = wait_for(saved_or_refused, 90, lambda: "\n".join(["no PNG was saved", *export_refusals()]))
    assert isinstance(outcome, list), "\n".join([f"the export failed: {outcome}", *export_refusals()])
    with Image.open(io.BytesIO(outcome[0].read_bytes())) as image:
        assert image.width >= 1000
    found = refusals(browser, "overview while exporting the city map") + export_refusals()
    assert found == [], "\n".join(found)
