"""The audit page's callbacks through the real callback endpoint: an admin gets the records and the files (and
both are recorded); a province or city user, or nobody signed in, gets a 403 (zh + en) and nothing of the trail."""

from __future__ import annotations

import base64
import json

import pytest

from chuangye.data.db import Actor
from chuangye.web.access import Principal, set_principal
from chuangye.web.app import EXTENSION, create_app
from chuangye.web.pages.audit import ids

UPDATE = "/_dash-update-component"
URL = {"search": "?lang=zh", "pathname": "/audit"}
SECRET = "nanjing-secret-user"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = create_app(tmp_path_factory.mktemp("audit-page"), warm=False)
    signed_in: dict[str, Principal | None] = {"as": None}

    @app.server.before_request
    def sign_in_as_the_user_under_test() -> None:  # test-only: the login layer's job in production
        if signed_in["as"] is not None:
            set_principal(signed_in["as"])

    app.signed_in = signed_in
    trail = app.server.extensions[EXTENSION]["services"].audit.trail()
    trail.record("login", actor=Actor(SECRET, "city", "10.0.0.7"))
    trail.record("export", actor=Actor(SECRET, "city", "10.0.0.7"), object="xlsx", region="320100")
    return app


def callback_id(app, output: str) -> str:
    (found,) = [cid for cid in app.callback_map if output in cid]
    return found


def post(app, output: str, values: dict, changed: list[str]):
    cid = callback_id(app, output)
    entry = app.callback_map[cid]
    outputs = entry["output"] if isinstance(entry["output"], list | tuple) else [entry["output"]]
    out = [{"id": o.component_id, "property": o.component_property} for o in outputs]

    def deps(group):
        return [{**d, "value": values.get(f"{d['id']}.{d['property']}")} for d in entry[group]]

    body = {"output": cid, "outputs": out if cid.startswith("..") else out[0], "inputs": deps("inputs"),
            "state": deps("state"), "changedPropIds": changed}  # fmt: skip
    return app.server.test_client().post(UPDATE, json=body)


def url_values() -> dict:
    return {"url.search": URL["search"], "url.pathname": URL["pathname"]}


def grid(app):
    return post(app, ids.GRID, {**url_values(), f"{ids.ACTION}.value": "export"}, ["url.search"])


def export(app, button: str = ids.EXPORT_CSV):
    return post(app, ids.DOWNLOAD, {**url_values(), f"{button}.n_clicks": 1}, [f"{button}.n_clicks"])


@pytest.fixture
def signed_in(app):
    def sign_in(principal: Principal | None) -> None:
        app.signed_in["as"] = principal

    yield sign_in
    app.signed_in["as"] = None


@pytest.mark.parametrize(
    "principal",
    [Principal("nj", "city", "320100"), Principal("sheng", "province"), None],
    ids=["city", "province", "nobody (--no-auth)"],
)
def test_anyone_but_an_admin_gets_a_403_and_nothing(app, signed_in, principal):
    signed_in(principal)
    for response in (grid(app), export(app), export(app, ids.EXPORT_XLSX)):
        assert response.status_code == 403
        message = response.get_json()["error"]["message"]
        assert "审计日志只对省厅管理员开放" in message and "administrators only" in message
        assert SECRET not in response.get_data(as_text=True)


def test_an_admin_gets_the_records_and_the_files_and_both_are_recorded(app, signed_in):
    signed_in(Principal("root", "admin"))
    response = grid(app)
    assert response.status_code == 200
    answer = response.get_json()["response"]
    shown = answer[ids.GRID]["rowData"]
    assert [(r["username"], r["action"], r["region_name"]) for r in shown] == [(SECRET, "导出", "南京市")]
    assert answer[ids.COUNT]["children"] == "共 1 条记录"
    csv = export(app)
    assert csv.status_code == 200
    file = csv.get_json()["response"][ids.DOWNLOAD]["data"]
    assert file["filename"] == "审计日志.csv"
    content = base64.b64decode(file["content"])
    assert content.startswith(b"\xef\xbb\xbf") and SECRET.encode() in content
    trail = app.server.extensions[EXTENSION]["services"].audit.trail()
    views = trail.search(user="root", action="audit_view")
    exports = trail.search(user="root", action="export")
    assert views and views[0].object == "audit_log" and views[0].detail["action"] == "export"
    assert exports and exports[0].detail["format"] == "csv"
    assert json.dumps(exports[0].detail)  # a plain JSON detail the CLI can print
