"""The audit trail of what a signed-in user looked at and took away (issue 9): a unit scorecard, a county's unit
list, the unit card on the map, an export and a report, each with the user, role and source address; a file
outside the user's area is refused and recorded as denied. Driven through the real sign-in form and the real
Dash endpoint, as a browser would."""

from __future__ import annotations

import pytest

from chuangye.data.db import Accounts, Actor, AuditTrail, Database
from chuangye.data.store import Store
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.app import create_app
from tests.integration.test_scope_paths import UPDATE, View, payload, server_callbacks
from tests.unit.chuangye.web.auth.conftest import sign_in

NANJING, XUANWU, WUXI = "320100", "320102", "320200"
FIRST, PASSWORD = "Qx7-start-pass", "Nw8-changed-pass"
ADDRESS = {"environ_base": {"REMOTE_ADDR": "10.32.5.9"}}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("audit-paths")
    Store(data_dir).ensure_initialised(SAMPLE_DIR)
    accounts = Accounts(Database.open(data_dir))
    accounts.add_user("nanjing", "city", region=NANJING, password=FIRST, by=Actor("cli:tests", "admin"))
    accounts.change_password("nanjing", FIRST, PASSWORD)
    app = create_app(data_dir, warm=False, auth=True)
    client = app.server.test_client()
    assert sign_in(client, "nanjing", PASSWORD).status_code in (302, 303)
    return app, client, AuditTrail(Database.open(data_dir))


def _drive(app, client, function: str, view: View, **values) -> int:
    callback = next(key for key, name in server_callbacks(app).items() if name.startswith(f"{function}:"))
    url = {"url.search": view.search, "url.pathname": view.path}
    changed = list(values) or ["url.search"]
    body = payload(app, callback, {**url, **values}, changed)
    return client.post(UPDATE, json=body, **ADDRESS).status_code


def _latest(trail: AuditTrail, action: str, **match):
    for record in trail.search(action=action, limit=50):
        if all(getattr(record, k) == v for k, v in match.items()):
            return record
    raise AssertionError(f"no {action} record with {match}")


def test_a_scorecard_a_unit_list_and_the_map_unit_card_are_recorded(site):
    app, client, trail = site
    unit = "320102002"  # 梅园新村街道, 玄武区
    assert _drive(app, client, "unit_scorecard", View("unit", unit=unit)) == 200
    seen = _latest(trail, "unit_view", object=unit)
    assert (seen.username, seen.role, seen.address, seen.region) == ("nanjing", "city", "10.32.5.9", XUANWU)
    assert seen.detail["page"] == "unit" and seen.detail["year"] == 2020
    assert _drive(app, client, "update_table", View("map", XUANWU)) == 200
    listed = _latest(trail, "unit_list_view", object=XUANWU)
    assert (listed.username, listed.detail["page"]) == ("nanjing", "map")
    assert _drive(app, client, "update_path", View("map", XUANWU, unit)) == 200
    assert _latest(trail, "unit_view", object=unit).detail["page"] == "map"


def test_a_report_is_recorded_and_one_outside_the_area_is_denied(site):
    app, client, trail = site
    button = {"export-report-docx.n_clicks": 1}
    assert _drive(app, client, "download_region", View("map", NANJING), **button) == 200
    made = _latest(trail, "report", region=NANJING)
    assert (made.outcome, made.object, made.username) == ("ok", "docx", "nanjing")
    assert _drive(app, client, "download_region", View("map", WUXI), **button) == 403
    refused = _latest(trail, "report", outcome="denied")
    assert (refused.username, refused.address) == ("nanjing", "10.32.5.9")
    assert refused.region != NANJING  # the view outside the area was turned into its notice before the request
