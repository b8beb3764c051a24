"""``?version=<id>`` on the API's data routes: admin and province get the stored version's figures, named by
the answer's ``version``; city and county users are refused (403, audited); a malformed id is 400, a version
that is not stored 404, a damaged one 409, all JSON in Chinese and English. Without it: the active version."""

from __future__ import annotations

import pytest

from chuangye.data.db import Accounts, Database
from chuangye.data.db.database import DATABASE_URL_ENV_VAR
from chuangye.web.app import create_app
from tests.as_of import parks_certified_in_2020, parks_in_scope, two_sample_versions
from tests.store_faults import copy_as_older, damage
from tests.unit.chuangye.web.api.conftest import ADMIN, NANJING, PROVINCE, XUANWU, ApiClient

DAMAGED = "20000101T000000-0bad"  # a copy of the sample sorted before it, one file damaged
PARKS_2020 = "/api/v1/coverage?year=2020&type=park"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(DATABASE_URL_ENV_VAR, raising=False)
        data_dir = tmp_path_factory.mktemp("as-of-api")
        older, newer = two_sample_versions(data_dir, tmp_path_factory.mktemp("as-of-input"))
        damage(copy_as_older(data_dir, DAMAGED) / "units.parquet")
        app = create_app(data_dir, warm=False, auth=True)
        yield ApiClient(app.server, data_dir, Accounts(Database.open(data_dir))), older, newer


def _certified(body: dict) -> int:
    (row,) = body["rows"]
    return row["certified_cumulative"]


@pytest.mark.parametrize("user", [ADMIN, PROVINCE], ids=["admin", "province"])
def test_admin_and_province_get_the_older_version_named_by_its_id(site, user):
    api, older, newer = site
    now = api.json(PARKS_2020, user)
    then = api.json(f"{PARKS_2020}&version={older}", user)
    assert (now["version"], then["version"]) == (newer, older)
    assert _certified(then) - _certified(now) == len(parks_certified_in_2020())
    assert then["rows"][0]["units_in_scope"] == now["rows"][0]["units_in_scope"] == parks_in_scope()
    assert api.json(f"{PARKS_2020}&version={newer}", user) == now  # the active version asked for by its id


def test_a_unit_and_a_unit_list_come_from_the_version_asked_for(site):
    api, older, newer = site
    park = parks_certified_in_2020()[0]
    stages = {
        version: [
            (r["round_year"], r["stage"]) for r in api.json(f"/api/v1/units/{park}?{query}", ADMIN)["certification"]
        ]
        for version, query in ((older, f"version={older}"), (newer, "year=2020"))
    }
    assert (2020, "certified") in stages[older] and (2020, "rejected") in stages[newer]
    county = park[:6]
    listed = api.json(f"/api/v1/units?region={county}&type=park&version={older}", ADMIN)
    assert listed["version"] == older
    assert next(u for u in listed["units"] if u["unit_code"] == park)["certified_year"] == 2020


@pytest.mark.parametrize("user", [NANJING, XUANWU], ids=["city", "county"])
def test_city_and_county_users_may_not_ask_for_another_version(site, user):
    api, older, newer = site
    body = api.json(f"{PARKS_2020}&version={older}", user, status=403)
    assert body["error"] == "forbidden"
    assert "管理员和省级用户" in body["message_zh"] and "administrators and provincial users" in body["message_en"]
    denied = api.audit(action="denied", limit=1)[0]
    assert (denied.username, denied.object, denied.detail["status"]) == (user.username, older, 403)
    assert api.json(f"{PARKS_2020}&version={newer}", user)["version"] == newer  # the active one, by its id


@pytest.mark.parametrize(
    ("asked", "status", "error", "words"),
    [
        ("20990101T000000-dead", 404, "unknown_version", "没有数据版本 20990101T000000-dead"),
        (DAMAGED, 409, "version_damaged", f"数据版本 {DAMAGED} 已损坏"),
        ("..%2F..%2Fetc", 400, "bad_parameter", "参数 version 的值"),
    ],
    ids=["unknown", "damaged", "malformed"],
)
def test_a_version_that_cannot_be_shown_is_refused_by_name(site, asked, status, error, words):
    api, _, _ = site
    body = api.json(f"{PARKS_2020}&version={asked}", ADMIN, status=status)
    assert body["error"] == error and body["parameter"] == "version"
    assert words in body["message_zh"] and body["message_en"]


def test_the_versions_list_takes_no_version(site):
    api, older, _ = site
    assert api.json(f"/api/v1/versions?version={older}", ADMIN, status=400)["error"] == "unknown_parameter"
