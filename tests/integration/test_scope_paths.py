"""Nothing leaves its scope (issue 9): every registered server callback and every Flask route of the app, driven
through ``app.server.test_client()`` as a 南京市 (320100) city user and a 玄武区 (320102) county user, answers no
unit code or name outside the user's area and no county code or name the user may not see; the downloads refuse
views outside the user's area (403, zh + en) and build no file; a page asked for such a view shows the notice.

The user's scope is set by a test-only ``before_request`` hook on the app instance (the login layer's job in
production). The forbidden sets come from the whole version; 无锡市's code and name are allowed (city-level
aggregates). Clientside callbacks are left out: they run in the browser and the server never answers them.
If a callback or route is added that this test does not know how to drive, ``test_every_path_is_driven`` fails.
"""

from __future__ import annotations

import base64
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest

from chuangye.engine.scope import Scope, scoped
from chuangye.strings.i18n import collect_strings
from chuangye.web.access import set_scope
from chuangye.web.app import ASSETS_DIR, EXTENSION, create_app
from chuangye.web.downloads.registry import page_charts, page_grids
from chuangye.web.viewstate import PAGES
from tests.dash_requests import UPDATE, payload, server_callbacks

NANJING, WUXI = "320100", "320200"
XUANWU, QINHUAI = "320102", "320104"
SCOPES = {"nanjing": Scope("city", NANJING), "xuanwu": Scope("county", XUANWU)}
NOTICE = {"zh": "不在您的查看范围内", "en": "Outside the area you may see"}
DOWNLOADS = ("download_chart", "download_table", "download_region")
# the Data page (web/pages/data): upload, report, import, versions, rollback
DATA_PAGE = ("receive_upload", "show_preview", "download_report", "filter_problems", "run_import", "list_versions",
             "choose_version", "rollback", "choose_template")  # fmt: skip
# the Submissions page (web/pages/submissions): driven once per user by test_the_submissions_page_stays_in_scope
SUBMISSIONS_PAGE = ("deliver_upload", "list_submissions", "show_detail", "review", "accept")
# the audit log (web/pages/audit) and the Data page: a 403 to every other role
ADMIN_ONLY = ("audit_records", "audit_export", *DATA_PAGE)
API_ROUTES = {"/api/v1/coverage", "/api/v1/units", "/api/v1/units/<code>", "/api/v1/versions", "/api/v1/",
              "/api/v1/<path:rest>", "/api/v1/templates/<table>.xlsx"}  # fmt: skip
# the API's writing routes and the submissions' (issue 10): driven by test_the_writing_api_routes_stay_in_scope
WRITING_API_ROUTES = {"/api/v1/imports", "/api/v1/versions/<version_id>/activate", "/api/v1/submissions",
                      "/api/v1/submissions/<int:submission_id>", "/api/v1/submissions/accept",
                      "/api/v1/submissions/<int:submission_id>/<any(forward, return):action>",
                      "/api/v1/submissions/<int:submission_id>/accept",
                      "/api/v1/submissions/<int:submission_id>/files/<path:name>"}  # fmt: skip
# every route the app serves, and how this test reaches it
ROUTES = {
    "/static/<path:filename>",
    "/assets/<path:filename>",
    "/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>",
    "/_dash-layout",
    "/_dash-dependencies",
    "/_dash-update-component",
    "/_reload-hash",
    "/_favicon.ico",
    "/_version",
    "/",
    "/<path:path>",
    *API_ROUTES,
    *WRITING_API_ROUTES,
}
CJK = re.compile(r"[\u3400-\u9fff（）()·]+")
DIGITS = re.compile(r"(?<![\d.])\d+(?![\d.]\d)")
WORDS = re.compile(r"[A-Za-z0-9'’\-()]+")


# ------------------------------------------------------------------------------------------ the app and the user


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = create_app(tmp_path_factory.mktemp("scope-paths"), warm=False)
    user: dict[str, Scope] = {"scope": Scope.everything()}

    @app.server.before_request
    def sign_in_as_the_user_under_test() -> None:  # test-only: the login layer's job in production
        set_scope(user["scope"])

    app.user_under_test = user
    return app


@pytest.fixture(scope="module")
def whole(app):
    return app.server.extensions[EXTENSION]["services"].manager.current()


@dataclass(frozen=True)
class Codes:
    """Codes of the sample the views name: in 南京 and in 无锡."""

    xuanwu_unit: str
    qinhuai_unit: str
    wuxi_county: str
    wuxi_unit: str
    wuxi_unit_name: str
    wuxi_county_name: str
    xuanwu_unit_name: str


@pytest.fixture(scope="module")
def codes(whole) -> Codes:
    units = whole.dataset.units.drop_duplicates("unit_code")

    def first_unit(county: str) -> str:
        return str(units.loc[units["county_code"] == county, "unit_code"].sort_values().iloc[0])

    wuxi_county = sorted(whole.regions.children(WUXI))[0]
    wuxi_unit, xuanwu_unit = first_unit(wuxi_county), first_unit(XUANWU)
    name = dict(zip(units["unit_code"], units["name"], strict=True))
    return Codes(
        xuanwu_unit,
        first_unit(QINHUAI),
        wuxi_county,
        wuxi_unit,
        name[wuxi_unit],
        whole.region_name(wuxi_county, "zh"),
        name[xuanwu_unit],
    )


@dataclass
class Forbidden:
    """What a scope must never receive: codes, and names (only those no allowed name contains)."""

    codes: frozenset[str]
    names: frozenset[str]
    longest: int

    def found_in(self, text: str) -> set[str]:
        hits = {c for c in DIGITS.findall(text) if c in self.codes}
        for run in CJK.findall(text):
            hits |= {
                run[i : i + n]
                for i in range(len(run))
                for n in range(2, min(self.longest, len(run) - i) + 1)
                if run[i : i + n] in self.names
            }
        words = WORDS.findall(text)
        for i in range(len(words)):
            for n in range(1, 7):
                phrase = " ".join(words[i : i + n])
                if phrase in self.names:
                    hits.add(phrase)
        return hits


def forbidden_for(whole, scope: Scope) -> Forbidden:
    tree = whole.regions
    mine, visible = scope.unit_counties(tree), scope.visible_regions(tree)
    units = whole.dataset.units
    outside = units[~units["county_code"].isin(mine)]
    inside = units[units["county_code"].isin(mine)]
    out_counties = [c for c in tree.codes("county") if c not in visible]
    names = {str(n) for col in ("name", "name_en") if col in outside for n in outside[col].dropna()}
    names |= {whole.region_name(c, lang) for c in out_counties for lang in ("zh", "en")}
    allowed = {str(n) for col in ("name", "name_en") if col in inside for n in inside[col].dropna()}
    allowed |= {whole.region_name(c, lang) for c in visible for lang in ("zh", "en")}
    allowed |= {text for entry in collect_strings().values() for text in entry.values()}
    # a name that an allowed name or a UI text also holds (鼓楼区 is in 南京 and in 徐州) proves nothing
    joined = "\n".join(allowed)
    names = {n for n in names if len(n) >= 2 and n not in joined}
    codes = set(outside["unit_code"].astype(str)) | set(out_counties)
    return Forbidden(frozenset(codes), frozenset(names), max(map(len, names)))


# ------------------------------------------------------------------------------------------ reading what came back


def strings_of(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_of(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_of(item)
    elif value is not None:
        yield str(value)


def file_text(filename: str, content: bytes) -> str:
    """The text a downloaded file holds, read with the library a user's program would use."""
    suffix = Path(filename).suffix
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content))
        return "\n".join(str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row if c is not None)
    if suffix == ".csv":
        return content.decode("utf-8-sig")
    if suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    if suffix == ".docx":
        from docx import Document

        doc = Document(io.BytesIO(content))
        cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)
    if suffix == ".svg":
        return content.decode("utf-8")
    raise AssertionError(f"a download this test cannot read: {filename}")


def response_text(body: bytes) -> tuple[str, list[str]]:
    """All text of a callback response, the downloaded files' text included; and the files' names."""
    data = json.loads(body)
    texts, files = list(strings_of(data)), []
    for props in data.get("response", {}).values():
        for value in props.values():
            if isinstance(value, dict) and "filename" in value and "content" in value:
                content = base64.b64decode(value["content"]) if value.get("base64") else value["content"].encode()
                files.append(value["filename"])
                texts.append(file_text(value["filename"], content))
    return "\n".join(texts), files


# ------------------------------------------------------------------------------------------ the requests


@dataclass(frozen=True)
class View:
    page: str
    region: str = ""
    unit: str | None = None
    lang: str = "zh"

    @property
    def path(self) -> str:
        return "/nowhere" if self.page == "not_found" else f"/{self.page}"

    @property
    def search(self) -> str:
        params = {"year": 2020, "type": "community_village", "basis": "certified", "lang": self.lang}
        params |= {"region": self.region} if self.region else {}
        params |= {"unit": self.unit} if self.unit else {}
        return "?" + urlencode(params)

    def names(self) -> set[str]:
        return {c for c in (self.region, self.unit) if c}


def views(c: Codes) -> list[View]:
    regions = ["", NANJING, XUANWU, QINHUAI, c.xuanwu_unit, c.qinhuai_unit, WUXI, c.wuxi_county, c.wuxi_unit]
    found = [View(page, region) for page in (*PAGES, "not_found") for region in regions]
    found += [View("unit", unit=u) for u in (c.xuanwu_unit, c.qinhuai_unit, c.wuxi_unit)]
    found += [View("map", XUANWU, c.xuanwu_unit), View("map", XUANWU, c.wuxi_unit)]
    found += [View(page, region, lang="en") for page in PAGES for region in ("", NANJING, c.wuxi_county)]
    return found


def events(name: str, c: Codes, view: View) -> list[tuple[dict, list[str], dict | None]]:
    """What the browser sends to the callback ``name`` on ``view``: the values of its inputs and states (by
    "id.property"), the changed ones, and a pattern-matching id's keys."""
    url = {"url.search": view.search, "url.pathname": view.path}
    function = name.split(":")[0]
    somewhere = [WUXI, c.wuxi_county, c.wuxi_unit, NANJING, XUANWU, c.xuanwu_unit, c.qinhuai_unit]

    def each(key: str, values: list) -> list:
        return [({**url, key: v}, [key], None) for v in values]

    if function == "sync_url_and_controls":
        controls = {"ctl-year.value": "2019", "ctl-type.value": "park", "ctl-basis.value": "meets"}
        return [(url, ["url.search"], None), ({**url, **controls}, ["ctl-year.value"], None),
                ({**url, **controls, "lang-toggle.n_clicks": 1}, ["lang-toggle.n_clicks"], None)]  # fmt: skip
    if function == "toggle_menu":
        return each("nav-toggler.n_clicks", [1])
    if function == "map_type_to_url":
        return each("ov-map-type.value", ["park"])
    if function == "drill_from_overview":
        return each("ov-map.clickData", [{"points": [{"location": code}]} for code in somewhere])
    if function == "drill":
        clicks = each("dd-map.clickData", [{"points": [{"location": code}]} for code in somewhere])
        return clicks + each("dd-grid.cellClicked", [{"rowId": code} for code in somewhere])
    if function == "peers_region_from_controls":
        pairs = [(WUXI, None), (WUXI, c.wuxi_county), (NANJING, XUANWU), (NANJING, QINHUAI)]
        return [({**url, "peers-city.value": a, "peers-county.value": b}, ["peers-county.value"], None)
                for a, b in pairs]  # fmt: skip
    if function == "peers_open_child":
        return each("peers-grid.cellClicked", [{"rowId": code} for code in somewhere])
    if function == "quick_filter":
        box = {"peers": "peers-grid-filter", "unit": "unit-grid-filter"}
        grid = name.split(":")[1]
        key = box.get(grid.split("-")[0], f"{grid}-search") + ".value"
        return each(key, ["区"])
    if function == "unit_search_options":
        queries = [c.wuxi_unit_name, c.wuxi_county_name, c.wuxi_unit, "社区", c.xuanwu_unit_name]
        return [(url, ["url.search"], None), *each("unit-search.search_value", queries)]
    if function == "unit_open":
        return each("unit-search.value", [c.wuxi_unit, c.qinhuai_unit, c.xuanwu_unit])
    if function == "city_filter_to_url":
        return each("cert-city.value", [WUXI, c.wuxi_county, NANJING])
    if function == "city_from_bar":
        return each("cert-bar.clickData", [{"points": [{"customdata": code}]} for code in (WUXI, NANJING)])
    if function == "update_table":
        return [(url, ["url.search"], None), ({**url, "dd-search.value": "区"}, ["dd-search.value"], None)]
    if function in ("switch_page", "translate_shell", "baseline_notice", "damaged_data_notice"):
        return [(url, ["url.pathname"], None)]
    if function == "control_scope":
        return [(url, ["url.pathname"], None)]
    if function in DOWNLOADS or function in ADMIN_ONLY or function in SUBMISSIONS_PAGE:
        return []  # driven by test_downloads_stay_in_scope (a file each) or test_admin_only_callbacks_refuse
    return [(url, ["url.search"], None)]  # a view's own callback: the URL triggers it


KNOWN = {
    "sync_url_and_controls", "switch_page", "translate_shell", "control_scope", "toggle_menu",
    "update_overview", "update_city_map", "map_type_to_url", "drill_from_overview",
    "update_map", "update_table", "update_path", "drill",
    "peers_controls_from_url", "peers_region_from_controls", "peers_standing", "peers_charts", "peers_children",
    "peers_open_child", "quick_filter",
    "unit_search_options", "unit_open", "unit_scorecard", "unit_figures",
    "update_certification", "city_filter_to_url", "city_from_bar",
    "update_example", "baseline_notice", "damaged_data_notice", *DOWNLOADS, *ADMIN_ONLY,
    "version_shown",  # the shell's as-of banner, footer version and year options (issue 10)
    *SUBMISSIONS_PAGE,
}  # fmt: skip


# ------------------------------------------------------------------------------------------ the tests


def test_every_path_is_driven(app):
    """A callback or route added later must be driven here (or this fails)."""
    functions = {name.split(":")[0] for name in server_callbacks(app).values()}
    assert functions == KNOWN, f"not driven: {functions - KNOWN}; gone: {KNOWN - functions}"
    clientside = [e for e in app._callback_list if e.get("clientside_function")]
    assert len(server_callbacks(app)) + len(clientside) == len(app._callback_list)
    assert {rule.rule for rule in app.server.url_map.iter_rules()} == ROUTES


@pytest.fixture(params=sorted(SCOPES))
def user(request, app, whole):
    scope = SCOPES[request.param]
    app.user_under_test["scope"] = scope
    yield scope, forbidden_for(whole, scope)
    app.user_under_test["scope"] = Scope.everything()


def test_no_callback_answers_anything_outside_the_scope(app, whole, codes, user):
    scope, forbidden = user
    client = app.server.test_client()
    found: dict[str, set[str]] = {}
    driven: set[str] = set()
    notices = 0
    for view in views(codes):
        for callback_id, name in server_callbacks(app).items():
            for values, changed, concrete in events(name, codes, view):
                response = client.post(UPDATE, json=payload(app, callback_id, values, changed, concrete))
                assert response.status_code in (200, 204), (name, view, response.status_code, response.data[:300])
                driven.add(name.split(":")[0])
                if response.status_code == 204:
                    continue
                text, _ = response_text(response.data)
                hits = forbidden.found_in(text)
                if hits:
                    found.setdefault(f"{name} {view}", set()).update(hits)
                if name.startswith("switch_page") and NOTICE[view.lang] in text:
                    notices += 1
                    assert not scope.opens(view.region, whole.regions) or not scope.opens(view.unit, whole.regions)
    assert not found, "\n".join(f"{k}: {sorted(v)[:8]}" for k, v in sorted(found.items()))
    assert driven == KNOWN - set(DOWNLOADS) - set(ADMIN_ONLY) - set(SUBMISSIONS_PAGE)
    shut = [v for v in views(codes) if not all(scope.opens(c, whole.regions) for c in v.names())]
    assert notices == len([v for v in shut if v.page != "not_found"])  # every view it may not open: the notice


def test_admin_only_callbacks_refuse(app, whole, codes, user):
    """The audit log's records and exports: a 403 (zh + en) to a city or county user; a view naming a region
    the user may not open is the notice's, where they answer nothing (204)."""
    scope, _ = user
    client = app.server.test_client()
    clicks = {"aud-export-csv.n_clicks": 1, "aud-export-xlsx.n_clicks": 1}
    for view in views(codes):
        for callback_id, name in server_callbacks(app).items():
            if name.split(":")[0] not in ADMIN_ONLY:
                continue
            page = "/data" if name.split(":")[0] in DATA_PAGE else "/audit"
            values = {"url.search": view.search, "url.pathname": page, **clicks}
            changed = ["aud-export-csv.n_clicks"] if "download" in callback_id else ["url.search"]
            response = client.post(UPDATE, json=payload(app, callback_id, values, changed))
            if not all(scope.opens(c, whole.regions) for c in view.names()):
                assert response.status_code == 204 and not response.data, (name, view, response.status_code)
                continue
            assert response.status_code == 403, (name, view, response.status_code)
            assert "省厅管理员" in response.get_json()["error"]["message"]


def test_downloads_stay_in_scope(app, whole, codes, user):
    """Charts (SVG), tables (XLSX, CSV) and the region report (PDF, Word, XLSX): a view inside the home area gives
    a file that holds nothing outside it; any other view is refused with a 403 in Chinese and English."""
    scope, forbidden = user
    client = app.server.test_client()
    ids = {name.split(":")[0]: key for key, name in server_callbacks(app).items()}
    home = NANJING if scope.role == "city" else XUANWU
    cases = [View("map", home), View("map", WUXI), View("map", codes.wuxi_county), View("overview"),
             View("peers"), View("peers", home), View("peers", codes.wuxi_county),
             View("unit", unit=codes.xuanwu_unit),
             View("unit", unit=codes.wuxi_unit), View("certification", home)]  # fmt: skip
    files, refused = [], 0
    an = scoped(whole, scope)
    for view in cases:
        # the peers page without a region compares the user's own area (web/access.peer_subject)
        blank = home if view.page == "peers" else whole.regions.root
        allowed = scope.may_export(view.unit or view.region or blank, whole.regions)
        url = {"url.search": view.search, "url.pathname": view.path}
        requests = []
        for graph in list(page_charts(an, view.page))[:1]:
            key = '{"graph":["MATCH"],"type":"chart-export-request"}.data'  # the value of the wildcard input
            body = {**url, key: {"graph": graph, "fmt": "svg", "preset": "a4"}}
            requests.append(payload(app, ids["download_chart"], body, [key], {"graph": graph}))
        for grid in list(page_grids(an, view.page))[:1]:
            for fmt in ("xlsx", "csv"):
                key = '{"grid":["MATCH"],"type":"table-export-request"}.data'
                table = {"grid": grid, "fmt": fmt, "columns": [{"id": "a", "header": "A"}], "rows": [["x"]]}
                requests.append(payload(app, ids["download_table"], {**url, key: table}, [key], {"grid": grid}))
        for button in ("export-report-pdf", "export-report-docx", "export-region-xlsx"):
            if view.page == "map" or not allowed:
                requests.append(payload(app, ids["download_region"], {**url, f"{button}.n_clicks": 1},
                                        [f"{button}.n_clicks"]))  # fmt: skip
        for body in requests:
            response = client.post(UPDATE, json=body)
            if not allowed:
                assert response.status_code == 403, (view, body["output"], response.data[:300])
                message = json.loads(response.data)["error"]["message"]
                assert "不在您的查看范围内" in message and "Outside the area you may see" in message
                refused += 1
                continue
            assert response.status_code == 200, (view, body["output"], response.data[:300])
            text, names = response_text(response.data)
            assert names, (view, body["output"], response.data[:300])
            files += names
            assert not forbidden.found_in(text), (view, names, sorted(forbidden.found_in(text))[:8])
    assert refused and len({Path(f).suffix for f in files}) == 5, files  # svg, xlsx, csv, pdf, docx


def test_the_peers_page_compares_the_users_own_area_and_offers_its_downloads(app, whole, codes, user):
    """/peers without a region compared 南京市 (the first city) for every user, and offered downloads the server
    then refused (it took the province as the subject). It now compares the user's own area, whose files the
    menus offer and the server gives; another area's comparison is the out-of-scope notice (no callback answer)."""
    scope, _ = user
    client = app.server.test_client()
    callbacks = {name.split(":")[0]: key for key, name in server_callbacks(app).items()}
    home = NANJING if scope.role == "city" else XUANWU
    for view in (View("peers"), View("peers", home)):
        url = {"url.search": view.search, "url.pathname": view.path}
        response = client.post(UPDATE, json=payload(app, callbacks["peers_standing"], url, ["url.search"]))
        assert response.status_code == 200, (view, response.status_code)
        answer = json.loads(response.data)["response"]
        assert whole.region_name(home, "zh") in answer["peers-heading"]["children"], view
        menus = [value["style"] for key, value in answer.items() if "chart-export-menu" in key]
        assert len(menus) == 4 and all(menu.get("display") != "none" for menu in menus), (view, menus)
        assert answer["peers-grid-downloads"]["hidden"] is False, view
    for view in (View("peers", WUXI), View("peers", codes.wuxi_county)):
        url = {"url.search": view.search, "url.pathname": view.path}
        response = client.post(UPDATE, json=payload(app, callbacks["peers_standing"], url, ["url.search"]))
        assert response.status_code == 204, (view, response.status_code)


def test_the_certification_page_offers_only_the_downloads_the_server_gives(app, whole, codes, user):
    """认定进度 without a region (the province) offered a city or county user its 下载 menus and table buttons,
    whose files the server then refused; the offers now follow the server's own check on the same subject."""
    scope, _ = user
    client = app.server.test_client()
    callbacks = {name.split(":")[0]: key for key, name in server_callbacks(app).items()}
    home_city = NANJING
    for view in (View("certification"), View("certification", home_city)):
        url = {"url.search": view.search, "url.pathname": view.path}
        response = client.post(UPDATE, json=payload(app, callbacks["update_certification"], url, ["url.search"]))
        assert response.status_code == 200, (view, response.status_code)
        answer = json.loads(response.data)["response"]
        allowed = scope.may_export(view.region or whole.regions.root, whole.regions)
        assert allowed == (view.region == home_city and scope.role == "city"), view  # a county: its county only
        menus = [value["style"] for key, value in answer.items() if "chart-export-menu" in key]
        assert len(menus) == 2 and all((menu.get("display") != "none") == allowed for menu in menus), (view, menus)
        hidden = [answer[key]["hidden"] for key in ("cert-table-downloads", "cert-issues-downloads")]
        assert hidden == [not allowed] * 2, view


def test_no_route_answers_anything_outside_the_scope(app, codes, user):
    _scope, forbidden = user
    client = app.server.test_client()
    answers = []
    for view in views(codes)[:: max(1, len(views(codes)) // 12)]:
        answers.append(client.get(f"{view.path}{view.search}"))  # "/<path:path>"
        answers.append(client.get("/_dash-layout", headers={"Referer": f"http://localhost{view.path}{view.search}"}))
    answers += [client.get("/"), client.get("/_dash-dependencies"), client.get("/_reload-hash"),
                client.get("/_favicon.ico"), client.get("/static/anything.json"), client.get("/_version")]  # fmt: skip
    answers += [client.get(f"/assets/{p.relative_to(ASSETS_DIR).as_posix()}") for p in ASSETS_DIR.rglob("*.*")
                if p.suffix in (".js", ".css", ".md")]  # fmt: skip
    index = answers[0].get_data(as_text=True)
    suites = re.findall(r'src="(/_dash-component-suites/[^"]+)"', index)
    assert suites
    answers += [client.get(src.split("?")[0]) for src in suites if "chuangye" in src or "dash_ag_grid" in src]
    for response in answers:
        assert response.status_code in (200, 204, 304, 404), response.status_code
        text = response.get_data().decode("utf-8", "replace")  # the favicon is an image
        assert not forbidden.found_in(text), (response.request.path, sorted(forbidden.found_in(text))[:8])


def _answer_text(response) -> str:
    """What an answer says: a workbook (a template) as the text of every cell of every sheet."""
    if response.content_type != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
        return response.get_data(as_text=True)
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(response.get_data()), read_only=True)
    return "\n".join(str(v) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)


def test_no_api_route_answers_anything_outside_the_scope(app, whole, codes, user):
    """The JSON API (web/api), asked for everything a parameter can widen to: an answer (200) holds nothing
    outside the scope, and a view outside the user's area is refused (403) without naming what was asked."""
    scope, forbidden = user
    client = app.server.test_client()
    home = NANJING if scope.role == "city" else XUANWU
    asked = [f"/api/v1/coverage?level={level}&lang={lang}" for level in ("province", "city", "county")
             for lang in ("zh", "en")]  # fmt: skip
    asked += [f"/api/v1/coverage?level=county&parent={p}" for p in (whole.regions.root, NANJING, WUXI)]
    asked += [f"/api/v1/units?region={r}&lang={lang}" for r in (home, NANJING, WUXI, QINHUAI, codes.wuxi_county)
              for lang in ("zh", "en")]  # fmt: skip
    asked += [f"/api/v1/units/{u}" for u in (codes.xuanwu_unit, codes.qinhuai_unit, codes.wuxi_unit)]
    asked += ["/api/v1/versions", "/api/v1/", "/api/v1/elsewhere"]
    templates = ["/api/v1/templates/all.xlsx"]  # the user's own region by default (issue 10)
    regions = (home, whole.regions.root, NANJING, WUXI, QINHUAI, codes.wuxi_county)
    templates += [f"/api/v1/templates/all.xlsx?region={r}&lang={lang}" for r in regions for lang in ("zh", "en")]
    answers = {route: client.get(route) for route in asked + templates}  # the scope comes from this test's hook
    for route, response in answers.items():
        assert response.status_code in (200, 403, 404), (route, response.status_code)
        assert not forbidden.found_in(_answer_text(response)), (route, response.status_code)
    allowed = {route: scope.may_export(route.split("region=")[1][:6], whole.regions) for route in templates[1:]}
    assert {route: answers[route].status_code == 200 for route in allowed} == allowed
    assert answers[templates[0]].status_code == 200
    opens = {route: scope.opens(route.rsplit("/", 1)[-1], whole.regions) for route in asked if "/units/" in route}
    assert {route: answers[route].status_code == 200 for route in opens} == opens


# ------------------------------------------------------------------------------------------ the Submissions page


@pytest.fixture(scope="module")
def delivered(app, codes) -> dict[str, int]:
    """One open submission of 南京市, 玄武区, 秦淮区, 无锡市 and a 无锡 county, made straight in the app's database."""
    from chuangye.data.db import Actor
    from chuangye.data.db.submissions import Submissions

    store = Submissions(app.server.extensions[EXTENSION]["services"].audit.trail().db)
    regions = {"nanjing": (NANJING, "city"), "xuanwu": (XUANWU, "county"), "qinhuai": (QINHUAI, "county"),
               "wuxi": (WUXI, "city"), "wuxi_county": (codes.wuxi_county, "county")}  # fmt: skip
    return {
        key: store.submit(region=region, level=level, tables=["indicator_inputs"], year=2019,
                          files=[("indicator_inputs.csv", b"unit_code,year\n")], by=Actor(f"u{region}", level)).id
        for key, (region, level) in regions.items()
    }  # fmt: skip


def _submissions_call(app, client, function: str, values: dict, changed: list[str]):
    (callback_id,) = [cid for cid, name in server_callbacks(app).items() if name.split(":")[0] == function]
    url = {"url.search": "?lang=zh", "url.pathname": "/submissions"}
    return client.post(UPDATE, json=payload(app, callback_id, {**url, **values}, changed))


def test_the_submissions_page_stays_in_scope(app, whole, codes, user, delivered):
    """A county lists, opens and reviews only its own submissions, a city its own and its counties', never another
    city's; neither accepts; an upload naming a unit outside the user's area is refused and nothing is kept."""
    scope, forbidden = user
    client = app.server.test_client()
    own = {"nanjing": {"nanjing", "xuanwu", "qinhuai"}, "xuanwu": {"xuanwu"}}[
        "nanjing" if scope.region == NANJING else "xuanwu"
    ]
    mine = {delivered[key] for key in own}

    listed = _submissions_call(app, client, "list_submissions", {}, ["url.search"])
    assert listed.status_code == 200, listed.data[:300]
    rows = json.loads(listed.data)["response"]["sp-grid"]["rowData"]
    assert {row["id"] for row in rows} & set(delivered.values()) == mine
    assert not forbidden.found_in(response_text(listed.data)[0])

    for key, number in delivered.items():
        detail = _submissions_call(app, client, "show_detail", {"sp-grid.selectedRows": [{"id": number}]},
                                   ["sp-grid.selectedRows"])  # fmt: skip
        assert detail.status_code == 200, detail.data[:300]
        text = response_text(detail.data)[0]
        assert (f"#{number}" in text) == (key in own), (key, text[:300])
        assert not forbidden.found_in(text)
        step = _submissions_call(app, client, "review", {"sp-forward.n_clicks": 1, "sp-grid.selectedRows":
                                 [{"id": number}]}, ["sp-forward.n_clicks"])  # fmt: skip
        assert step.status_code == 200 and not forbidden.found_in(response_text(step.data)[0])
        if key not in own:
            assert "没有编号为" in response_text(step.data)[0]

    accept = _submissions_call(app, client, "accept", {"sp-confirm-ok.n_clicks": 1, "sp-grid.selectedRows":
                               [{"id": delivered["wuxi"]}]}, ["sp-confirm-ok.n_clicks"])  # fmt: skip
    assert accept.status_code == 403 and "省级" in accept.get_json()["error"]["message"]

    before = len(json.loads(_submissions_call(app, client, "list_submissions", {}, ["url.search"]).data)["response"]
                 ["sp-grid"]["rowData"])  # fmt: skip
    outside = f"unit_code,year\n{codes.wuxi_unit},2019\n".encode()
    upload = {"sp-upload.contents": ["data:text/csv;base64," + base64.b64encode(outside).decode()],
              "sp-upload.filename": ["figures.csv"]}  # fmt: skip
    refused = _submissions_call(app, client, "deliver_upload", upload, ["sp-upload.contents"])
    assert refused.status_code == 200, refused.data[:300]
    assert "未报送" in response_text(refused.data)[0]
    after = json.loads(_submissions_call(app, client, "list_submissions", {}, ["url.search"]).data)["response"]
    assert len(after["sp-grid"]["rowData"]) == before


def test_the_province_may_not_deliver_and_sees_every_submission(app, delivered):
    client = app.server.test_client()
    listed = _submissions_call(app, client, "list_submissions", {}, ["url.search"])
    ids = {row["id"] for row in json.loads(listed.data)["response"]["sp-grid"]["rowData"]}
    assert set(delivered.values()) <= ids
    upload = {"sp-upload.contents": ["data:text/csv;base64,AAAA"], "sp-upload.filename": ["figures.csv"]}
    refused = _submissions_call(app, client, "deliver_upload", upload, ["sp-upload.contents"])
    assert refused.status_code == 403 and "省级" in refused.get_json()["error"]["message"]


def test_the_writing_api_routes_stay_in_scope(app, whole, codes, user, delivered):
    """The API's writing routes (issue 10) for a city or county user: importing and switching versions are the
    administrator's (403), accepting the province's (403); the submissions it lists, shows, reviews and whose files
    it reads are its own area's only (another's is 404, as if there were none); nothing outside its area is in any
    answer."""
    scope, forbidden = user
    client = app.server.test_client()
    own = {"nanjing", "xuanwu", "qinhuai"} if scope.region == NANJING else {"xuanwu"}
    mine = {delivered[key] for key in own}
    empty = {"files": (io.BytesIO(b"unit_code,year\n"), "quotas.csv")}
    refused = [client.post("/api/v1/imports", data={**empty, "dry_run": "1"}),
               client.post(f"/api/v1/versions/{whole.dataset.version_id}/activate"),
               client.post("/api/v1/submissions/accept", data={"ids": str(delivered["xuanwu"])}),
               client.post(f"/api/v1/submissions/{delivered['xuanwu']}/accept")]  # fmt: skip
    assert [r.status_code for r in refused] == [403] * 4
    listed = client.get("/api/v1/submissions")
    assert listed.status_code == 200
    assert {s["id"] for s in listed.get_json()["submissions"]} & set(delivered.values()) == mine
    answers = [listed]
    for key, number in delivered.items():
        one = client.get(f"/api/v1/submissions/{number}")
        file = client.get(f"/api/v1/submissions/{number}/files/indicator_inputs.csv")
        step = client.post(f"/api/v1/submissions/{number}/return", data={"comment": "请核对"})
        seen = key in own
        assert (one.status_code == 200, file.status_code == 200) == (seen, seen), (key, one.status_code)
        assert step.status_code != 200 or seen, (key, step.status_code)  # a step only on one it may see
        answers += [one, file, step]
    outside = {"files": (io.BytesIO(f"unit_code,year\n{codes.wuxi_unit},2019\n".encode()), "figures.csv")}
    submitted = client.post("/api/v1/submissions", data=outside)
    assert submitted.status_code == 422 and "row_outside_region" in submitted.get_data(as_text=True)
    # the code the user typed comes back (it names the row), nothing else of that unit: not its name, nor county
    assert not forbidden.found_in(_answer_text(submitted).replace(codes.wuxi_unit, "")), submitted.get_data()[:400]
    for response in answers + refused:
        assert not forbidden.found_in(_answer_text(response)), (response.request.path, response.status_code)
