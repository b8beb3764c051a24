"""Each role's drill-down, signed in through the real form (issue 9): the admin, a 南京市 city user and a 玄武区
county user each open the map at their home area and at one region they may not open in full, and the test reads
what the page shows them.

- admin: every city opens, 无锡市's 锡山区 lists its units, every view offers its files;
- city (320100): 南京's counties and a 南京 county's units; at the province all 13 cities as totals (无锡市 among
  them) but no report, table or map download (a note and a link to 南京 instead); 无锡市 opens the notice; no
  county or unit name of 无锡 anywhere in the page source or in what Dash holds (grid rows, map data);
- county (320102): its units; its city's counties as totals without downloads; 秦淮区 (a neighbour) opens the
  notice; no unit name of another county anywhere.

Screenshots of each role's views (1440×900 and 390×844, Chinese; the city user in English too) land in
artifacts/screenshots/ as ``role-<role>-<view>-<lang>-<size>.png``. Sign-in and the app come from
test_login.py (``site`` serves its own app with accounts on; the data directory is this module's own).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from tests.browser import test_login as login
from tests.browser.conftest import snap, wait_for, wait_settled
from tests.browser.signin import FIRST_PASSWORD, NEW_PASSWORD
from tests.browser.signin import shown_text as _text
from tests.browser.signin import submit as _submit

site = login.site  # the same fixtures: an app with accounts on (for this module's data directory) and a browser
browser = login.browser

NANJING, XUANWU, QINHUAI, WUXI, XISHAN = "320100", "320102", "320104", "320200", "320205"
ROLES = {  # username: (role, home region, the region it may not open in full)
    "sheng-admin": ("admin", "", XISHAN),
    "nanjing-city": ("city", NANJING, WUXI),
    "xuanwu-county": ("county", XUANWU, QINHUAI),
}
NOTICE = {"zh": "不在您的查看范围内", "en": "Outside the area you may see"}
DASH_HOLDS = "return JSON.stringify(window.store.getState().layout)"  # every prop Dash holds, grid rows included


@pytest.fixture(scope="module")
def whole(data_dir) -> Analytics:
    store = Store(data_dir)
    return Analytics(store.active(), load_config())


def names_outside(whole: Analytics, counties: set[str], allowed_regions: set[str], mine: set[str]) -> set[str]:
    """Names (zh and en) of the units of ``counties`` and of those counties, except names that some name the user
    may see contains (e.g. a community name both areas have)."""
    units = whole.dataset.units
    theirs = units[units["county_code"].isin(counties)]
    names = {*theirs["name"], *theirs.get("name_en", [])}
    names |= {whole.region_name(c, lang) for c in counties for lang in ("zh", "en")}
    own = units[units["county_code"].isin(mine)]
    seen = {whole.region_name(c, lang) for c in allowed_regions for lang in ("zh", "en")}
    allowed = "\n".join({*own["name"], *own.get("name_en", []), *seen})
    return {str(n) for n in names if isinstance(n, str) and len(n) >= 2 and n not in allowed}


@pytest.fixture(scope="module")
def forbidden(whole) -> dict[str, set[str]]:
    """Per role, the names its pages must never hold."""
    tree = whole.regions
    cities = set(tree.codes("city"))
    nanjing = set(tree.children(NANJING))
    wuxi = set(tree.children(WUXI))
    city = names_outside(whole, wuxi, {tree.root, *cities, *nanjing}, nanjing)
    county = names_outside(whole, wuxi | (nanjing - {XUANWU}), {tree.root, *cities, *nanjing}, {XUANWU})
    assert whole.region_name(sorted(wuxi)[0], "zh") in city and whole.region_name(XISHAN, "zh") in county
    return {"admin": set(), "city": city, "county": county}


# ------------------------------------------------------------------------------------------------ the browser

SIGNED_UP: set[str] = set()  # accounts whose first password was changed in this module's database


def sign_in(browser, site: str, username: str) -> None:
    """Through the real form; the first time, the forced password change too."""
    browser.delete_all_cookies()
    browser.set_window_size(1440, 900)
    browser.get(f"{site}/login?lang=zh")
    password = NEW_PASSWORD if username in SIGNED_UP else FIRST_PASSWORD
    _submit(browser, username=username, password=password)
    if username not in SIGNED_UP:
        wait_for(lambda: "/password" in browser.current_url, 20, "no forced password change")
        _submit(browser, old_password=FIRST_PASSWORD, new_password=NEW_PASSWORD, new_again=NEW_PASSWORD)
        SIGNED_UP.add(username)
    wait_for(lambda: "/login" not in browser.current_url and _text(browser, "#account-menu"), 30, "not signed in")


def open_map(browser, site: str, region: str, lang: str = "zh", type_: str = "street_town") -> SimpleNamespace:
    """The drill-down at ``region``, once the table is filled and the map drawn and still."""
    query = f"year=2020&type={type_}&lang={lang}" + (f"&region={region}" if region else "")
    browser.get(f"{site}/map?{query}")
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#dd-grid .ag-row, #out-of-scope-title"), 30)
    page = SimpleNamespace(driver=browser)  # what conftest's waits and snap need of dash.testing's composite
    wait_settled(page)
    return page


def shown(browser, selector: str) -> bool:
    """Whether an element the selector finds is visible; False while the page is replacing it (a poll asks again)."""
    try:
        return any(e.is_displayed() for e in browser.find_elements(By.CSS_SELECTOR, selector))
    except WebDriverException:  # stale, or "Node with given id does not belong to the document" mid-redraw
        return False


def grid_names(browser) -> list[str]:
    """The names in the children table, all its rows (AG Grid draws only those in view)."""
    return browser.execute_script(  # region rows carry their name; unit rows look theirs up (grid.js)
        "const api = dash_ag_grid.getApi('dd-grid'); const out = [];"
        "api.forEachNode(n => out.push(api.getCellValue({rowNode: n, colKey: 'name' in n.data ? 'region_name'"
        " : 'name'})));"
        "return out;"
    )


def assert_holds_none_of(browser, names: set[str]) -> None:
    """Neither the page's HTML nor anything Dash holds for it (grid rows, map data) names any of ``names``."""
    for what, text in (("page source", browser.page_source), ("Dash's state", browser.execute_script(DASH_HOLDS))):
        found = sorted(n for n in names if n in text)
        assert not found, f"{what}: {found[:10]}"


def assert_offers_files(browser, offered: bool) -> None:
    """The region report buttons, the table's XLSX/CSV and the map's 下载 menu: all visible, or none."""
    assert shown(browser, "#export-report-pdf") is offered
    assert shown(browser, "#dd-table-downloads button") is offered
    assert shown(browser, "#dd-page .chart-export-menu") is offered
    assert shown(browser, "#dd-exports-home") is not offered  # the way to the user's own area instead


# ------------------------------------------------------------------------------------------------ the tests


@pytest.mark.parametrize("username", list(ROLES))
def test_each_role_sees_its_own_area_in_full_and_the_rest_as_totals(site, browser, whole, forbidden, username):
    role, home, elsewhere = ROLES[username]
    sign_in(browser, site, username)
    tree = whole.regions

    # home: its own area, every file offered
    page = open_map(browser, site, home)
    names = grid_names(browser)
    assert_offers_files(browser, True)
    if role == "admin":
        assert len(names) == 13 and "无锡市" in names and "无锡市" in _text(browser, "#dd-grid")
    elif role == "city":
        assert "南京市" in _text(browser, "#dd-breadcrumb") and len(names) == len(tree.children(NANJING))
        assert "玄武区" in names and "玄武区" in _text(browser, "#dd-grid")
        assert "点击一行向下钻取" in _text(browser, "#dd-table-hint")
    else:  # its units, named in the visible table
        units = whole.dataset.units
        mine = units[(units["county_code"] == XUANWU) & (units["unit_type"] == "street_town")]
        assert names and set(names) <= set(mine["name"]) and "梅园新村街道" in _text(browser, "#dd-grid")
    assert_holds_none_of(browser, forbidden[role])
    snap(page, f"role-{role}-home-zh")

    if role == "city":  # and one of its counties: that county's units
        open_map(browser, site, XUANWU, type_="community_village")
        assert "玄武区" in _text(browser, "#dd-breadcrumb") and "社区(村)名单" in _text(browser, "#dd-table-title")
        assert_offers_files(browser, True)
        assert_holds_none_of(browser, forbidden[role])

    # the level above its home: other regions as totals, nothing to download
    if role != "admin":
        above = "" if role == "city" else NANJING
        page = open_map(browser, site, above)
        names = grid_names(browser)
        if role == "city":
            assert len(names) == 13 and {"南京市", "无锡市"} <= set(names)  # every city's aggregates
            assert "无锡市" in _text(browser, "#dd-grid")
            assert "点击南京市向下钻取" in _text(browser, "#dd-table-hint")
        else:
            assert set(names) == {whole.region_name(c, "zh") for c in tree.children(NANJING)}
            assert "秦淮区" in _text(browser, "#dd-grid")  # its neighbour's totals, shown
            assert "点击玄武区向下钻取" in _text(browser, "#dd-table-hint")
        assert_offers_files(browser, False)
        assert "本区域的报告和数据不在您的导出范围内" in _text(browser, "#dd-exports")
        assert whole.region_name(home, "zh") in _text(browser, "#dd-exports-home")
        assert_holds_none_of(browser, forbidden[role])
        snap(page, f"role-{role}-above-zh")
        browser.find_element(By.ID, "dd-exports-home").click()  # the way back to its own files
        wait_for(lambda: f"region={home}" in browser.current_url and shown(browser, "#export-report-pdf"), 30)

    # one region it may not open in full: another city, or a neighbouring county
    page = open_map(browser, site, elsewhere)
    text = _text(browser, "#page-content")
    if role == "admin":  # everything opens: 锡山区's units
        assert "锡山区" in _text(browser, "#dd-breadcrumb") and len(grid_names(browser)) > 0
        assert_offers_files(browser, True)
    else:
        assert NOTICE["zh"] in text and not browser.find_elements(By.ID, "dd-grid")
        assert whole.region_name(home, "zh") in _text(browser, "#out-of-scope-back")
    assert_holds_none_of(browser, forbidden[role])
    snap(page, f"role-{role}-elsewhere-zh")


def test_the_city_user_in_english(site, browser, whole, forbidden):
    sign_in(browser, site, "nanjing-city")
    page = open_map(browser, site, "", lang="en")
    assert_offers_files(browser, False)
    assert "Click Nanjing City to drill down" in _text(browser, "#dd-table-hint")
    assert "Open Nanjing City" in _text(browser, "#dd-exports-home")
    assert_holds_none_of(browser, forbidden["city"])
    snap(page, "role-city-above-en")
    page = open_map(browser, site, NANJING, lang="en")
    assert_offers_files(browser, True)
    assert "Xuanwu District" in grid_names(browser)
    snap(page, "role-city-home-en")
