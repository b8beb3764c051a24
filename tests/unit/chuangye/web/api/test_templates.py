"""``GET /api/v1/templates/<table>.xlsx`` (issue 10): a city or county user gets its own region's template and a
403 for another's, the province any region or a blank template, nobody anything without credentials; every
template handed out is in the audit trail. Accounts and audit in SQLite (the package's ``api`` fixture)."""

from __future__ import annotations

import io
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from tests.unit.chuangye.web.api.conftest import ADMIN, NANJING, PROVINCE, WUXI, XUANWU

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XUZHOU = "320300"


def _workbook(api, path: str, user) -> object:
    response = api.get(path, user)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.content_type == XLSX
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    return load_workbook(io.BytesIO(response.get_data()))


def _unit_codes(wb, sheet: str = "指标基础数据") -> set[str]:
    return {row[0] for row in wb[sheet].iter_rows(min_row=3, values_only=True)}


@pytest.mark.parametrize("path", ["/api/v1/templates/units.xlsx", "/api/v1/templates/all.xlsx?region=320100"])
def test_without_credentials_it_is_401_in_json(api, path):
    body = api.json(path, None, status=401)
    assert body["error"] == "unauthorized" and "登录" in body["message_zh"]


def test_a_city_user_gets_its_own_citys_units_by_default(api):
    response = api.get("/api/v1/templates/indicator_inputs.xlsx?year=2020", NANJING)
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    assert unquote(response.headers["Content-Disposition"]).endswith("填报模板-指标基础数据-320100-2020.xlsx")
    wb = load_workbook(io.BytesIO(response.get_data()))
    codes = _unit_codes(wb)
    units = api.whole().dataset.units
    counted = units[(units["city_code"] == "320100") & units["in_scope"].astype(bool) & units["unit_type"].notna()]
    alive = counted[counted["active_to"].isna() | (counted["active_to"] >= 2020)]
    assert codes == set(alive["unit_code"])
    assert all(code.startswith("3201") for code in codes)


def test_a_city_user_may_ask_for_one_of_its_counties_but_not_another_city_nor_the_province(api):
    county = "320104"
    assert {
        code[:6] for code in _unit_codes(_workbook(api, f"/api/v1/templates/all.xlsx?region={county}", NANJING))
    } == {county}
    for region in (WUXI, "320205", "320000"):
        body = api.json(f"/api/v1/templates/all.xlsx?region={region}", NANJING, status=403)
        assert body["error"] == "forbidden" and region not in str(body)  # the refusal names nothing of it


def test_a_county_user_gets_its_county_and_a_403_for_its_city(api):
    codes = _unit_codes(_workbook(api, "/api/v1/templates/certifications.xlsx", XUANWU), "认定进程")
    assert codes and {code[:6] for code in codes} == {"320102"}
    assert api.json("/api/v1/templates/units.xlsx?region=320100", XUANWU, status=403)["error"] == "forbidden"


@pytest.mark.parametrize("user", [ADMIN, PROVINCE], ids=["admin", "province"])
def test_the_province_gets_a_blank_template_by_default_and_any_region_asked_for(api, user):
    blank = _workbook(api, "/api/v1/templates/all.xlsx", user)
    assert all(_unit_codes(blank, sheet) == set() for sheet in ("单位名录", "指标基础数据", "认定进程"))
    xuzhou = _workbook(api, f"/api/v1/templates/units.xlsx?region={XUZHOU}&lang=en", user)
    assert xuzhou.sheetnames == ["units", "Instructions"]
    codes = _unit_codes(xuzhou, "units")
    assert codes and all(code.startswith("3203") for code in codes)


@pytest.mark.parametrize(
    ("path", "status", "error"),
    [
        ("/api/v1/templates/shops.xlsx", 404, "unknown_template"),
        ("/api/v1/templates/units.xlsx?year=1999", 400, "bad_parameter"),
        ("/api/v1/templates/units.xlsx?year=next", 400, "bad_parameter"),
        ("/api/v1/templates/units.xlsx?region=999999", 404, "unknown_region"),
        ("/api/v1/templates/units.xlsx?region=320102002", 400, "bad_parameter"),
        ("/api/v1/templates/units.xlsx?region=abc", 400, "bad_parameter"),
        ("/api/v1/templates/units.xlsx?yaer=2020", 400, "unknown_parameter"),
    ],
)
def test_a_template_asked_for_wrongly_is_refused_in_json_naming_the_problem(api, path, status, error):
    body = api.json(path, ADMIN, status=status)
    assert body["error"] == error and body["message_zh"] and body["message_en"]


def test_the_year_after_the_datas_last_is_a_template_too(api):
    latest = max(api.whole().years)
    wb = _workbook(api, f"/api/v1/templates/indicator_inputs.xlsx?year={latest + 1}", NANJING)
    years = {row[5] for row in wb["指标基础数据"].iter_rows(min_row=3, values_only=True)}
    assert years == {latest + 1}
    body = api.json(f"/api/v1/templates/indicator_inputs.xlsx?year={latest + 2}", NANJING, status=400)
    assert body["parameter"] == "year" and str(latest + 1) in body["message_en"]


def test_only_get_is_answered(api):
    response = api.server.test_client().post(
        "/api/v1/templates/units.xlsx", headers={"Authorization": f"Bearer {api.token(ADMIN)}"}
    )
    assert response.status_code == 405 and response.get_json()["error"] == "method_not_allowed"


def test_each_template_handed_out_and_each_refusal_is_audited(api):
    api.get("/api/v1/templates/quotas.xlsx?year=2019", NANJING)
    api.get(f"/api/v1/templates/quotas.xlsx?region={WUXI}", NANJING)
    (latest, *_) = api.audit(action="template", user=NANJING.username)
    assert (latest.object, latest.region, latest.outcome) == ("quotas", "320100", "ok")
    assert latest.detail["year"] == 2019 and latest.detail["rows"] == 3 and latest.detail["via"] == "api"
    (denied, *_) = api.audit(action="denied", user=NANJING.username)
    assert (denied.object, denied.detail["status"]) == (WUXI, 403)
