"""An older data version through the running server's JSON API (``?version=``), as another system asks it: a
data directory with two versions that differ in a known way (``tests/as_of.py``: the newer one, imported with
``chuangye import``, rejects the parks the sample certifies in 2020), accounts and tokens made with
``chuangye users``, and ``chuangye serve`` answering over HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from chuangye.data.store import Store
from chuangye.sample.bundled import SAMPLE_DIR
from tests.as_of import parks_certified_in_2020, parks_in_scope, rejected_certifications
from tests.integration.test_cli_accounts import chuangye, ok
from tests.integration.test_serve_auth import _serve, _wait_for

PARKS_2020 = "/api/v1/coverage?year=2020&type=park&level=province"
PASSWORD = "Kaifa-2016!x"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("as-of-serve") / "data"
    Store(data_dir).ensure_initialised(SAMPLE_DIR)
    older = Store(data_dir).active_version_id()
    ok(chuangye("import", str(rejected_certifications(tmp_path_factory.mktemp("as-of-in"))), data_dir=data_dir))
    newer = Store(data_dir).active_version_id()
    assert newer != older
    tokens = {}
    for name, role, region in (("admin", "admin", None), ("nanjing", "city", "320100")):
        where = ["--region", region] if region else []
        ok(chuangye("users", "add", name, "--role", role, *where, "--password", PASSWORD, data_dir=data_dir))
        tokens[name] = ok(chuangye("users", "token", name, data_dir=data_dir)).stdout.strip()
    proc, base = _serve(data_dir)
    try:
        _wait_for(f"{base}/api/v1/versions", proc)
        yield base, tokens, older, newer
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _get(base: str, path: str, token: str) -> tuple[int, dict]:
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as refused:
        assert refused.headers["Content-Type"].startswith("application/json")
        return refused.code, json.loads(refused.read())


def test_coverage_of_the_older_version_differs_from_the_current_by_what_the_import_changed(server):
    base, tokens, older, newer = server
    status, now = _get(base, PARKS_2020, tokens["admin"])
    assert status == 200 and now["version"] == newer
    status, then = _get(base, f"{PARKS_2020}&version={older}", tokens["admin"])
    assert status == 200 and then["version"] == older
    (row_now,), (row_then,) = now["rows"], then["rows"]
    assert row_then["certified_cumulative"] - row_now["certified_cumulative"] == len(parks_certified_in_2020())
    assert row_then["units_in_scope"] == row_now["units_in_scope"] == parks_in_scope()
    assert row_then["coverage"] == pytest.approx(row_then["certified_cumulative"] / parks_in_scope())
    status, listed = _get(base, "/api/v1/versions", tokens["admin"])
    assert status == 200 and {older, newer} <= {v["id"] for v in listed["versions"]} and listed["active"] == newer


def test_a_city_user_is_refused_an_older_version_and_served_the_current_one(server):
    base, tokens, older, newer = server
    status, body = _get(base, f"{PARKS_2020}&version={older}", tokens["nanjing"])
    assert status == 403 and body["error"] == "forbidden"
    assert "历史数据版本" in body["message_zh"] and "older data versions" in body["message_en"]
    status, body = _get(base, PARKS_2020, tokens["nanjing"])
    assert status == 200 and body["version"] == newer


def test_an_unknown_version_is_a_json_404(server):
    base, tokens, _, _ = server
    status, body = _get(base, f"{PARKS_2020}&version=20990101T000000-dead", tokens["admin"])
    assert status == 404 and body["error"] == "unknown_version" and body["parameter"] == "version"
