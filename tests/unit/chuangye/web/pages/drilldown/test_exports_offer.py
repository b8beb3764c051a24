"""What the drill-down offers to export, per role (issue 9): the view's callback (``update_path``, asked through
the Dash endpoint as the renderer asks it) sends the region report buttons, the table's XLSX/CSV and the map's
下载 menu only where the user may have the files; elsewhere the card says so and links to the user's own area.
The server refuses those files anyway (web/downloads/callbacks.py); this is about not offering them.

The user's scope is set by a test-only ``before_request`` hook (the sign-in layer's job in production)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from benchmarks.callbacks import find_callback, response_values
from chuangye.data.store import Store
from chuangye.engine.scope import Scope
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.access import set_scope
from chuangye.web.app import EXTENSION, create_app
from chuangye.web.components import EXPORT_MENU_HIDDEN
from chuangye.web.downloads import ids as download_ids
from chuangye.web.pages.drilldown import ids
from chuangye.web.pages.drilldown.layout import MAP_MENU
from chuangye.web.viewstate import ViewState
from tests.dash_requests import UPDATE, payload

NANJING, XUANWU, QINHUAI, WUXI, XISHAN = "320100", "320102", "320104", "320200", "320205"
PROVINCE, CITY, COUNTY = Scope.everything(), Scope("city", NANJING), Scope("county", XUANWU)
MENU_STYLE = f"{json.dumps(MAP_MENU, sort_keys=True, separators=(',', ':'))}.style"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("drilldown-exports")
    Store(data_dir).ensure_initialised(SAMPLE_DIR)
    app = create_app(data_dir, warm=False)
    user = {"scope": PROVINCE}

    @app.server.before_request
    def sign_in_as_the_user_under_test() -> None:  # test-only: the login layer's job in production
        set_scope(user["scope"])

    app.user_under_test = user
    return app


@pytest.fixture(scope="module")
def units(app) -> dict[str, str]:
    """A unit of 玄武区 and one of 锡山区 (无锡市)."""
    frame = app.server.extensions[EXTENSION]["services"].manager.current().dataset.units
    return {county: str(frame.loc[frame["county_code"] == county, "unit_code"].min()) for county in (XUANWU, XISHAN)}


def offered(app, scope: Scope, state: ViewState, drawn: bool | None = None) -> dict:
    """What ``update_path`` sends for the view as ``scope`` sees it: {"id.prop": value} of the export controls."""
    app.user_under_test["scope"] = scope
    try:
        callback = find_callback(app, f"{ids.EXPORTS}.children")
        values = {"url.pathname": "/map", "url.search": state.search(), f"{ids.EXPORTS_DRAWN}.data": drawn}
        body = payload(app, callback, values, ["url.search"])  # the map's 下载 menu: a dict id, sent as one
        response = app.server.test_client().post(UPDATE, json=body)
    finally:
        app.user_under_test["scope"] = PROVINCE
    assert response.status_code == 200, response.data[:300]
    return response_values(response.data)


def component_ids(tree) -> list:
    """Every id in a component tree as Dash sends it (JSON)."""
    found = []
    if isinstance(tree, dict):
        props = tree.get("props", {})
        if "id" in props:
            found.append(props["id"])
        for value in props.values():
            found += component_ids(value)
    elif isinstance(tree, list):
        for item in tree:
            found += component_ids(item)
    return found


def links(tree) -> dict[str, str]:
    """id → href of every link in a component tree."""
    found = {}
    if isinstance(tree, dict):
        props = tree.get("props", {})
        if "href" in props and "id" in props:
            found[props["id"]] = props["href"]
        for value in props.values():
            found |= links(value)
    elif isinstance(tree, list):
        for item in tree:
            found |= links(item)
    return found


REPORT_BUTTONS = {download_ids.REPORT_PDF, download_ids.REPORT_DOCX, download_ids.REGION_XLSX}
# (scope, region) → may the user have the files of that view (report, table and map alike)
CASES = [
    (PROVINCE, "", True),
    (PROVINCE, WUXI, True),
    (PROVINCE, XISHAN, True),
    (CITY, "", False),  # the province's 13 cities: aggregates to look at, not files to take
    (CITY, NANJING, True),
    (CITY, XUANWU, True),
    (COUNTY, "", False),
    (COUNTY, NANJING, False),  # its own city's counties: aggregates only
    (COUNTY, XUANWU, True),
]


@pytest.mark.parametrize(("scope", "region", "allowed"), CASES, ids=lambda v: getattr(v, "key", v))
def test_each_role_is_offered_the_files_of_its_own_area_only(app, scope, region, allowed):
    sent = offered(app, scope, ViewState(page="map", region=region, year=2019, unit_type="park"))
    card = sent[f"{ids.EXPORTS}.children"]
    assert (set(component_ids(card)) >= REPORT_BUTTONS) is allowed
    assert not (REPORT_BUTTONS & set(component_ids(card))) or allowed  # none at all when not allowed
    assert sent[f"{ids.EXPORTS_DRAWN}.data"] is allowed
    assert sent[f"{ids.TABLE_DOWNLOADS}.hidden"] is (not allowed)
    assert sent[MENU_STYLE] == ({} if allowed else EXPORT_MENU_HIDDEN)
    home = links(card).get(ids.EXPORTS_HOME)
    if allowed:
        assert home is None
    else:  # the way to the user's own area, in the view's year and type
        address = urlsplit(home)
        query = {k: v[0] for k, v in parse_qs(address.query).items()}
        assert address.path == "/map" and query["region"] == scope.region
        assert (query["year"], query["type"]) == ("2019", "park")
        assert "不在您的导出范围内" in json.dumps(card, ensure_ascii=False)


def test_a_unit_of_the_users_county_offers_its_files_and_a_full_scope_offers_every_one(app, units):
    for scope, county in ((COUNTY, XUANWU), (CITY, XUANWU), (PROVINCE, XISHAN)):
        sent = offered(app, scope, ViewState(page="map", region=county, unit=units[county]))
        assert set(component_ids(sent[f"{ids.EXPORTS}.children"])) >= REPORT_BUTTONS, scope


def test_the_card_on_screen_is_kept_while_it_offers_the_buttons(app):
    """A report being made keeps its buttons and spinner: a drill inside the area sends no new card; a card
    with the link home is sent again (its address carries the view's year and type)."""
    inside = offered(app, CITY, ViewState(page="map", region=XUANWU), drawn=True)
    assert f"{ids.EXPORTS}.children" not in inside and inside[f"{ids.TABLE_DOWNLOADS}.hidden"] is False
    outside = offered(app, CITY, ViewState(page="map", year=2018), drawn=False)
    assert "year=2018" in links(outside[f"{ids.EXPORTS}.children"])[ids.EXPORTS_HOME]
    back = offered(app, CITY, ViewState(page="map", region=NANJING), drawn=False)
    assert set(component_ids(back[f"{ids.EXPORTS}.children"])) >= REPORT_BUTTONS


def test_english_card_says_the_same(app):
    sent = offered(app, CITY, ViewState(page="map", lang="en"))
    text = json.dumps(sent[f"{ids.EXPORTS}.children"])
    assert "outside what you may export" in text and "Open Nanjing" in text
