"""App-level error handling (chuangye/web/errors.py), through Flask's test client: whatever is not a page answers
JSON with a message in Chinese and English, never Flask's HTML error page or a traceback; a refused export
request answers its 4xx; a callback that fails shows an alert in the page's language.

Requests are what the Dash renderer POSTs (benchmarks/callbacks.py builds them the same way)."""

from __future__ import annotations

import base64
import json
import logging

import pytest
from dash import Dash

from chuangye.data.store import Store
from chuangye.exports.limits import ExportError
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.i18n import t
from chuangye.web.app import create_app
from chuangye.web.errors import APP_ALERT, MAX_REQUEST_BYTES

UPDATE = "/_dash-update-component"
CHART_CALLBACK = '..{"graph":["MATCH"],"type":"chart-export-download"}.data..'
TABLE_CALLBACK = '..{"grid":["MATCH"],"type":"table-export-download"}.data..'


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Dash:
    data_dir = tmp_path_factory.mktemp("errors")
    Store(data_dir).ensure_initialised(SAMPLE_DIR)
    app = create_app(data_dir, warm=False)

    @app.server.route("/test-only/boom")
    def boom():
        raise RuntimeError("secret detail of the failure")

    return app


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def error_of(response) -> dict:
    """The JSON error body: status and a message in both languages."""
    assert response.content_type.startswith("application/json"), response.data[:200]
    body = json.loads(response.data)["error"]
    assert body["status"] == response.status_code
    zh, _, en = body["message"].partition(" / ")
    assert zh and en and any("\u4e00" <= c <= "\u9fff" for c in zh) and en.isascii(), body["message"]
    assert b"Traceback" not in response.data and b"<html" not in response.data.lower()
    return body


def pattern_key(component_id: dict) -> str:
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def download_payload(kind: str, value: object, page: str = "overview", search: str = "?year=2019") -> dict:
    """The renderer's request for a chart (kind "graph") or table ("grid") download of ``value``."""
    name = value.get(kind, "x") if isinstance(value, dict) else "x"
    request_id = {"type": f"{'chart' if kind == 'graph' else 'table'}-export-request", kind: name}
    download_id = {"type": f"{'chart' if kind == 'graph' else 'table'}-export-download", kind: name}
    return {
        "output": CHART_CALLBACK if kind == "graph" else TABLE_CALLBACK,
        "outputs": [{"id": download_id, "property": "data"}],
        "inputs": [{"id": request_id, "property": "data", "value": value}],
        "state": [
            {"id": "url", "property": "search", "value": search},
            {"id": "url", "property": "pathname", "value": f"/{page}"},
        ],
        "changedPropIds": [f"{pattern_key(request_id)}.data"],
    }


def chart(value: dict, **kwargs) -> dict:
    return download_payload("graph", value, **kwargs)


# ------------------------------------------------------------------------------------------ not a page


def test_malformed_callback_requests_are_refused_with_json(client):
    for body in (b"{not json", b"[]", b'{"output": "nothing.children", "outputs": {}, "inputs": []}'):
        error_of(response := client.post(UPDATE, data=body, content_type="application/json"))
        assert response.status_code == 400
    wrong_count = chart({"graph": "ov-map", "fmt": "png", "preset": "a4"})
    wrong_count["state"] = wrong_count["state"][:1]
    assert error_of(client.post(UPDATE, json=wrong_count))["status"] == 400
    extra = {**chart({"graph": "ov-map", "fmt": "png", "preset": "a4"}), "figure": {"data": []}}
    assert error_of(client.post(UPDATE, json=extra))["status"] == 400


def test_a_body_over_the_limit_is_refused_before_it_is_read(client):
    body = b'{"output": "' + b"x" * (MAX_REQUEST_BYTES + 1) + b'"}'
    response = client.post(UPDATE, data=body, content_type="application/json")
    assert response.status_code == 413
    error_of(response)


def test_addresses_of_the_machinery_answer_json(client):
    assert error_of(client.get(UPDATE))["status"] == 404  # the callback endpoint takes POST only
    assert error_of(client.get("/assets/no-such-file.js"))["status"] == 404
    assert error_of(client.get("/_dash-component-suites/dash/no-such-file.js"))["status"] == 404
    assert error_of(client.get("/_dash-component-suites/no_such_package/x.js"))["status"] == 404
    assert client.get("/overview").status_code == 200  # a page is still a page


def test_an_unexpected_failure_answers_500_without_detail_and_is_logged(client, caplog):
    with caplog.at_level(logging.ERROR, logger="chuangye.web.errors"):
        response = client.get("/test-only/boom")
    assert response.status_code == 500
    error_of(response)
    assert b"secret detail" not in response.data
    assert "secret detail of the failure" in caplog.text  # the server's log has it, with the traceback
    assert "Traceback" in caplog.text


# ------------------------------------------------------------------------------------------ export requests


def test_a_chart_request_carrying_a_figure_is_refused(client):
    hostile = {
        "graph": "ov-map",
        "fmt": "png",
        "preset": "a4",
        "figure": {"data": [], "layout": {"images": [{"source": "http://127.0.0.1:9/x.png"}]}},
    }
    body = error_of(response := client.post(UPDATE, json=chart(hostile)))
    assert response.status_code == 400 and "figure" in body["message"]


@pytest.mark.parametrize(
    ("value", "status", "words"),
    [
        ({"graph": "no-such-chart", "fmt": "png", "preset": "a4"}, 404, "no-such-chart"),
        ({"graph": "dd-map", "fmt": "png", "preset": "a4"}, 404, "dd-map"),  # a chart of another page
        ({"graph": "ov-map", "fmt": "gif", "preset": "a4"}, 400, "gif"),
        ({"graph": "ov-map", "fmt": "png", "preset": "poster"}, 400, "poster"),
        ({"graph": "ov-map", "fmt": "png", "preset": "a4", "title": "<img src=x>"}, 400, "title"),
        ({"graph": ["ov-map"], "fmt": "png", "preset": "a4"}, 400, "malformed"),
        ("ov-map", 400, "malformed"),
    ],
)
def test_bad_chart_requests_get_their_4xx(client, value, status, words):
    body = error_of(response := client.post(UPDATE, json=chart(value)))
    assert response.status_code == status and words in body["message"]


def test_a_table_request_beyond_the_grid_is_refused(client, app):
    columns = [
        {"id": "area", "field": "area", "header": "设区市", "type": "text"},
        {"id": "certified", "field": "certified", "header": "省级认定", "type": "int"},
    ]
    rows = [[f"城市{i}", i] for i in range(200_000)]
    huge = {"grid": "cert-table", "fmt": "csv", "columns": columns, "rows": rows, "nonce": 1}
    payload = json.dumps(download_payload("grid", huge, page="certification")).encode()
    assert len(payload) > MAX_REQUEST_BYTES  # larger than any request the pages send: refused unread
    response = client.post(UPDATE, data=payload, content_type="application/json")
    assert response.status_code == 413
    error_of(response)
    some = {**huge, "rows": rows[:500]}  # small enough to read, more rows than the grid has
    body = error_of(response := client.post(UPDATE, json=download_payload("grid", some, page="certification")))
    assert response.status_code == 413 and "500" in body["message"]
    wide = {**huge, "columns": columns * 20, "rows": [["南京市", 1] * 20]}
    assert client.post(UPDATE, json=download_payload("grid", wide, page="certification")).status_code == 413


def test_a_legitimate_table_request_still_downloads(client):
    columns = [{"id": "area", "field": "area", "header": "设区市", "type": "text"}]
    ok = {"grid": "cert-table", "fmt": "csv", "columns": columns, "rows": [["=1+2"], ["南京市"]], "nonce": 1}
    response = client.post(UPDATE, json=download_payload("grid", ok, page="certification"))
    assert response.status_code == 200
    data = json.loads(response.data)["response"]
    (download,) = data.values()
    content = download["data"]["content"]
    assert download["data"]["filename"] == "certification-table-320000-2019.csv"
    text = (base64.b64decode(content) if download["data"]["base64"] else content.encode()).decode("utf-8-sig")
    assert text.splitlines() == ["设区市", "'=1+2", "南京市"]


# ------------------------------------------------------------------------------------------ alerts


def side_alert(response) -> str:
    """The text of the alert a callback put in the shell's corner (Dash's side update)."""
    assert response.status_code == 200, response.data[:300]
    body = json.loads(response.data)
    toast = body["sideUpdate"][APP_ALERT]["children"]
    return json.dumps(toast, ensure_ascii=False)


def test_a_chart_export_that_fails_shows_an_alert_in_the_page_language(client, monkeypatch):
    from chuangye.web.downloads import callbacks

    def broken(*args, **kwargs):
        raise ExportError("浏览器坏了 / the browser broke")

    monkeypatch.setattr(callbacks, "chart_download", broken)
    value = {"graph": "ov-map", "fmt": "png", "preset": "a4", "nonce": 1}
    zh = side_alert(response := client.post(UPDATE, json=chart(value, search="?year=2019&lang=zh")))
    assert t("ex_alert_title", "zh") in zh and "浏览器坏了" in zh
    assert json.loads(response.data)["response"]  # no file: the download's data is emptied
    en = side_alert(client.post(UPDATE, json=chart(value, search="?year=2019&lang=en")))
    assert t("ex_alert_title", "en") in en


def test_a_failing_page_callback_shows_an_alert_not_a_traceback(app, client, monkeypatch, caplog):
    from chuangye.web.pages.overview import charts

    def broken(*args, **kwargs):
        raise KeyError("a column the figure needs")

    monkeypatch.setattr(charts, "trend", broken)
    key = next(k for k in app.callback_map if "ov-cards-title.children" in k)
    payload = {
        "output": key,
        "outputs": _outputs(key),
        "inputs": [{"id": "url", "property": "search", "value": "?year=2019&lang=en"}],
        "state": [{"id": "url", "property": "pathname", "value": "/overview"}],
        "changedPropIds": ["url.search"],
    }
    with caplog.at_level(logging.ERROR, logger="chuangye.web.errors"):
        response = client.post(UPDATE, json=payload)
    text = side_alert(response)
    assert t("err_callback_failed", "en") in text and t("err_alert_title", "en") in text
    assert "a column the figure needs" not in text and "Traceback" not in response.data.decode()
    assert "a column the figure needs" in caplog.text


def _outputs(key: str) -> list[dict]:
    """Output dependencies from a multi-output callback id (``..a.b...c.d..``)."""
    parts = key.strip(".").split("...")
    return [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in parts]


def test_an_alert_follows_the_servers_default_language_when_the_url_names_none(tmp_path, monkeypatch):
    from chuangye.web.downloads import callbacks

    def broken(*args, **kwargs):
        raise ExportError("坏了 / broken")

    from chuangye.web.pages.overview import charts

    Store(tmp_path).ensure_initialised(SAMPLE_DIR)
    app = create_app(tmp_path, warm=False, default_lang="en")
    english = app.server.test_client()
    monkeypatch.setattr(callbacks, "chart_download", broken)
    value = {"graph": "ov-map", "fmt": "png", "preset": "a4", "nonce": 1}
    assert t("ex_alert_title", "en") in side_alert(english.post(UPDATE, json=chart(value, search="?year=2019")))
    monkeypatch.setattr(charts, "trend", broken)  # a page callback fails: Dash's on_error
    key = next(k for k in app.callback_map if "ov-cards-title.children" in k)
    payload = {
        "output": key,
        "outputs": _outputs(key),
        "inputs": [{"id": "url", "property": "search", "value": "?year=2019"}],
        "state": [{"id": "url", "property": "pathname", "value": "/overview"}],
        "changedPropIds": ["url.search"],
    }
    assert t("err_callback_failed", "en") in side_alert(english.post(UPDATE, json=payload))
