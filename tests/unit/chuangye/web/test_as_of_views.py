"""Viewing an older data version read-only across the dashboard (``?version=``), through the real Dash
endpoints as a signed-in browser sends them: the first paint and every page carry the banner naming the version
shown and the current one, with a link back that drops only ``version``; the footer names the version shown;
the version-watch notice keeps the active version; a page is drawn again when the version changes; the region
workbook and report name the version they come from. A city user asking for an older version, and anyone asking
for an unknown one, gets the active version and a notice saying why (zh/en), never an error."""

from __future__ import annotations

import base64
import io
import json

import openpyxl
import pytest
from docx import Document

from chuangye.data.db import Accounts, Actor, Database
from chuangye.data.db.database import DATABASE_URL_ENV_VAR
from chuangye.web.app import create_app
from chuangye.web.downloads import ids as download_ids
from chuangye.web.shell import ids
from chuangye.web.version_watch import NOTICE
from tests.as_of import two_sample_versions
from tests.dash_requests import UPDATE, payload, server_callbacks
from tests.unit.chuangye.web.auth.conftest import sign_in
from tests.unit.chuangye.web.shell.test_data_notice import _props_of, _words

PASSWORD, FIRST = "Nw8-changed-pass", "Qx7-start-pass"
BY = Actor("cli:tests", "admin")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(DATABASE_URL_ENV_VAR, raising=False)
        data_dir = tmp_path_factory.mktemp("as-of-views")
        older, newer = two_sample_versions(data_dir, tmp_path_factory.mktemp("as-of-views-input"))
        accounts = Accounts(Database.open(data_dir))
        for name, role, region in (("sheng", "province", None), ("nanjing", "city", "320100")):
            accounts.add_user(name, role, region=region, password=FIRST, by=BY)
            accounts.change_password(name, FIRST, PASSWORD)
        app = create_app(data_dir, warm=False, auth=True)
        clients = {}
        for name in ("sheng", "nanjing"):
            clients[name] = app.server.test_client()
            assert sign_in(clients[name], name, PASSWORD).status_code in (302, 303)
        yield app, clients, older, newer


def _call(app, client, function: str, search: str, path: str = "/overview", **values) -> dict:
    callback = next(key for key, name in server_callbacks(app).items() if name.startswith(f"{function}:"))
    body = payload(
        app, callback, {"url.search": search, "url.pathname": path, **values}, list(values) or ["url.search"]
    )
    response = client.post(UPDATE, json=body)
    assert response.status_code == 200, response.data[:300]
    return json.loads(response.data)["response"]


def _shown(app, client, search: str, path: str = "/overview") -> tuple[str, dict, str]:
    """The banner's words and its first child's props, and the footer's version, for a view."""
    answer = _call(app, client, "version_shown", search, path)
    banner = answer[ids.AS_OF]["children"]
    return _words(banner), (banner or {}).get("props", {}), answer[ids.FOOTER_VERSION]["children"]


def test_the_first_paint_of_an_older_version_carries_the_banner_and_keeps_the_watch_on_the_active(site):
    _, clients, older, newer = site
    referrer = f"http://127.0.0.1/map?region=320100&year=2019&version={older}"
    layout = clients["sheng"].get("/_dash-layout", headers={"Referer": referrer}).get_json()
    banner = _words(_props_of(layout, ids.AS_OF).get("children"))
    assert f"正在查看历史版本 {older}（只读）；当前版本为 {newer}" in banner and "返回当前版本" in banner
    back = _props_of(layout, ids.AS_OF_BACK)["href"]
    assert back.startswith("/map?") and "region=320100" in back and "year=2019" in back and "version" not in back
    assert older in _words(_props_of(layout, ids.FOOTER_VERSION).get("children"))
    assert _props_of(layout, NOTICE)["data-version"] == newer  # what /_version answers: no reload offered
    plain = clients["sheng"].get("/_dash-layout", headers={"Referer": "http://127.0.0.1/map"}).get_json()
    assert _words(_props_of(plain, ids.AS_OF).get("children")) == ""


@pytest.mark.parametrize(
    ("lang", "words", "footer"),
    [
        ("zh", ["正在查看历史版本", "（只读）；当前版本为", "返回当前版本"], "历史版本 {v}（只读）"),
        ("en", ["Viewing the older data version", "(read-only); the current version is", "Back to the current"],
         "older version {v} (read-only)"),
    ],
)  # fmt: skip
def test_every_page_says_which_version_it_shows(site, lang, words, footer):
    app, clients, older, newer = site
    for path in ("/overview", "/map", "/peers", "/unit", "/certification", "/method"):
        banner, props, shown = _shown(app, clients["sheng"], f"?year=2018&lang={lang}&version={older}", path)
        assert all(w in banner for w in words) and older in banner and newer in banner, (path, banner)
        assert props.get("data-as-of") == older
        assert shown == f" · {footer.format(v=older)}"
    banner, _, shown = _shown(app, clients["sheng"], f"?lang={lang}")
    assert banner == "" and shown == f" · {newer}"


def test_a_control_change_keeps_the_version(site):
    app, clients, older, _ = site
    answer = _call(app, clients["sheng"], "sync_url_and_controls", f"?year=2020&version={older}",
                   **{"ctl-year.value": "2017", "ctl-type.value": "park", "ctl-basis.value": "meets"})  # fmt: skip
    search = answer[ids.URL]["search"]
    assert "year=2017" in search and "basis=meets" in search and f"version={older}" in search


def test_the_page_is_drawn_again_when_the_version_changes(site):
    app, clients, older, _ = site
    current = _call(app, clients["sheng"], "switch_page", "?lang=zh", **{"page-key.data": None})
    then = _call(app, clients["sheng"], "switch_page", f"?lang=zh&version={older}",
                 **{"page-key.data": current[ids.PAGE_KEY]["data"]})  # fmt: skip
    assert then[ids.PAGE_KEY]["data"] != current[ids.PAGE_KEY]["data"]


@pytest.mark.parametrize(
    ("user", "asked", "words"),
    [
        ("nanjing", "older", ["只有管理员和省级用户可以查看历史数据版本", "正在显示当前版本"]),
        ("sheng", "20990101T000000-dead", ["没有数据版本 20990101T000000-dead", "正在显示当前版本"]),
    ],
    ids=["city-user", "unknown-version"],
)
def test_a_version_that_is_not_shown_is_explained_and_the_active_one_shown(site, user, asked, words):
    app, clients, older, newer = site
    asked = older if asked == "older" else asked
    banner, props, shown = _shown(app, clients[user], f"?version={asked}&lang=zh")
    assert all(w in banner for w in words) and newer in banner
    assert "data-as-of" not in props and shown == f" · {newer}"
    english, _, _ = _shown(app, clients[user], f"?version={asked}&lang=en")
    assert "showing the current version" in english
    answer = _call(app, clients[user], "sync_url_and_controls", f"?version={asked}", **{"ctl-year.value": "2019"})
    assert "version" not in answer[ids.URL]["search"]  # the next view is the current one, without the notice


def _click(button: str) -> dict:
    return {f"{button}.n_clicks": 1}


def _file(answer: dict, output: str) -> bytes:
    return base64.b64decode(answer[output]["data"]["content"])


def test_the_region_workbook_and_report_name_the_version_they_come_from(site):
    app, clients, older, newer = site
    for version, search in ((older, f"?region=320100&version={older}"), (newer, "?region=320100")):
        xlsx = _call(app, clients["sheng"], "download_region", search, "/map", **_click(download_ids.REGION_XLSX))
        book = openpyxl.load_workbook(io.BytesIO(_file(xlsx, download_ids.REPORT_DOWNLOAD)))
        cells = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value)
        assert version in cells and (older if version == newer else newer) not in cells
        docx = _call(app, clients["sheng"], "download_region", search, "/map", **_click(download_ids.REPORT_DOCX))
        document = Document(io.BytesIO(_file(docx, download_ids.REPORT_DOWNLOAD)))
        text = " ".join(p.text for section in document.sections for p in section.header.paragraphs)
        text += " ".join(p.text for p in document.paragraphs)
        assert version in text
