"""The audit trail holds every unit view (``unit_view``), unit-list view (``unit_list_view``) and refusal
(``denied``, for 401 and 403) with the principal, the source address and the region or unit."""

from __future__ import annotations

from chuangye.data.db.audit import AuditTrail
from tests.unit.chuangye.web.api.conftest import NANJING, QINHUAI, WUXI, XUANWU

ADDRESS = {"environ_base": {"REMOTE_ADDR": "10.32.1.7"}}


def _latest(api, action: str):
    return api.audit(action=action, limit=1)[0]


def test_a_scorecard_view_is_recorded(api):
    code = api.json("/api/v1/units?region=320102&type=street_town", XUANWU)["units"][0]["unit_code"]
    year = api.whole().years[0]
    assert api.get(f"/api/v1/units/{code}?year={year}", XUANWU, **ADDRESS).status_code == 200
    record = _latest(api, "unit_view")
    assert (record.username, record.role, record.address) == ("xuanwu", "county", "10.32.1.7")
    assert (record.object, record.region, record.outcome) == (code, "320102", "ok")
    assert record.detail["year"] == year


def test_a_unit_list_view_is_recorded(api):
    assert api.get("/api/v1/units?region=320100&type=park", NANJING, **ADDRESS).status_code == 200
    record = _latest(api, "unit_list_view")
    assert (record.username, record.role, record.address, record.object, record.region) == (
        "nanjing", "city", "10.32.1.7", "320100", "320100"
    )  # fmt: skip
    assert record.detail["type"] == "park" and record.detail["units"] > 0


def test_a_403_is_recorded_as_denied_with_what_was_asked(api):
    assert api.get(f"/api/v1/units?region={QINHUAI}", XUANWU, **ADDRESS).status_code == 403
    record = _latest(api, "denied")
    assert (record.username, record.role, record.address) == ("xuanwu", "county", "10.32.1.7")
    assert (record.object, record.region, record.outcome, record.detail["status"]) == (
        QINHUAI, QINHUAI, "denied", 403
    )  # fmt: skip
    before = len(api.audit(action="unit_list_view", limit=None))
    api.get(f"/api/v1/coverage?level=county&parent={WUXI}", NANJING)
    assert (_latest(api, "denied").region, len(api.audit(action="unit_list_view", limit=None))) == (WUXI, before)


def test_a_401_is_recorded_as_denied_with_the_address(api):
    assert api.get("/api/v1/units/320102002", None, **ADDRESS).status_code == 401
    record = _latest(api, "denied")
    assert (record.username, record.address, record.object, record.detail["status"]) == (
        None,
        "10.32.1.7",
        "/api/v1/units/320102002",
        401,
    )  # fmt: skip  (refused by the sign-in guard, before any route: the path asked for is what it names)


def test_no_unit_data_is_served_when_its_view_cannot_be_recorded(api, monkeypatch):
    def unwritable(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(AuditTrail, "record", unwritable)
    body = api.json("/api/v1/units/320102002", XUANWU, status=503)
    assert body["error"] == "audit_unavailable" and "审计" in body["message_zh"]
    assert api.json("/api/v1/units?region=320102", XUANWU, status=503)["error"] == "audit_unavailable"
    assert api.json(f"/api/v1/units?region={QINHUAI}", XUANWU, status=403)["error"] == "forbidden"
