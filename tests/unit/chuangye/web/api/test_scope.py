"""Who sees what through the API (issue 9's rule, ``engine/scope.py``): the role matrix, anonymous requests,
and no unit of another area anywhere in an answer."""

from __future__ import annotations

import pytest

from chuangye.web.access import Principal
from chuangye.web.app import create_app
from tests.unit.chuangye.web.api.conftest import ADMIN, NANJING, PROVINCE, QINHUAI, WUXI, XUANWU, unit_codes_in

ROUTES = ["/api/v1/coverage", "/api/v1/units?region=320102", "/api/v1/units/320102002", "/api/v1/versions"]


def _first_unit(api, county: str) -> str:
    units = api.whole().dataset.units
    return str(units.loc[units["county_code"] == county, "unit_code"].iloc[0])


@pytest.mark.parametrize("route", ROUTES)
def test_anonymous_gets_401_and_nothing_else(api, route):
    body = api.json(route, None, status=401)
    assert set(body) == {"error", "message_zh", "message_en"} and body["error"] == "unauthorized"
    assert "登录" in body["message_zh"] and "Sign in" in body["message_en"]
    assert api.get(route).headers["WWW-Authenticate"].startswith("Bearer")


def test_without_sign_in_the_single_local_user_sees_everything(api):
    local = create_app(api.data_dir, warm=False, auth=False)  # chuangye serve --no-auth: the province's scope
    response = local.server.test_client().get(f"/api/v1/units?region={WUXI}&type=park")
    assert response.status_code == 200
    body = response.get_json()
    assert body["units"] and all(u["unit_code"][:4] == WUXI[:4] for u in body["units"])


@pytest.mark.parametrize("user", [ADMIN, PROVINCE], ids=["admin", "province"])
def test_admin_and_province_see_everything(api, user):
    county = api.whole().regions.children(WUXI)[0]
    assert api.json(f"/api/v1/coverage?level=county&parent={WUXI}", user)["rows"]
    assert api.json(f"/api/v1/units?region={WUXI}", user)["units"]
    assert api.json(f"/api/v1/units/{_first_unit(api, county)}", user)["city_code"] == WUXI


def test_a_city_user_sees_other_cities_only_as_city_aggregates(api):
    tree = api.whole().regions
    cities = api.json("/api/v1/coverage?level=city", NANJING)["rows"]
    assert {r["region_code"] for r in cities} == set(tree.codes("city"))  # 无锡 included: the peer comparison
    counties = api.json("/api/v1/coverage?level=county", NANJING)["rows"]
    assert {r["parent_code"] for r in counties} == {"320100"}  # no county row of another city
    assert api.json(f"/api/v1/coverage?level=county&parent={WUXI}", NANJING, status=403)["error"] == "forbidden"
    wuxi_county = tree.children(WUXI)[0]
    assert api.json(f"/api/v1/units?region={WUXI}", NANJING, status=403)["error"] == "forbidden"
    assert api.json(f"/api/v1/units?region={wuxi_county}", NANJING, status=403)["error"] == "forbidden"
    assert api.json(f"/api/v1/units/{_first_unit(api, wuxi_county)}", NANJING, status=403)["error"] == "forbidden"


def test_a_city_user_sees_its_own_units(api):
    own = api.json("/api/v1/units?region=320100&type=park", NANJING)["units"]
    units = api.whole().dataset.units
    parks = units[(units["city_code"] == "320100") & (units["unit_type"] == "park") & units["in_scope"].astype(bool)]
    assert sorted(u["unit_code"] for u in own) == sorted(parks["unit_code"])
    code = _first_unit(api, QINHUAI)
    assert api.json(f"/api/v1/units/{code}", NANJING)["unit_code"] == code


def test_a_county_user_sees_its_citys_counties_but_only_its_own_units(api):
    tree = api.whole().regions
    rows = api.json("/api/v1/coverage?level=county&parent=320100", XUANWU)["rows"]
    assert {r["region_code"] for r in rows} == set(tree.children("320100"))
    assert api.json(f"/api/v1/coverage?level=county&parent={WUXI}", XUANWU, status=403)["error"] == "forbidden"
    assert {r["region_code"] for r in api.json("/api/v1/coverage?level=city", XUANWU)["rows"]} == set(
        tree.codes("city")
    )
    assert api.json(f"/api/v1/units?region={QINHUAI}", XUANWU, status=403)["error"] == "forbidden"
    assert api.json("/api/v1/units?region=320100", XUANWU, status=403)["error"] == "forbidden"  # a city's units
    assert api.json(f"/api/v1/units/{_first_unit(api, QINHUAI)}", XUANWU, status=403)["error"] == "forbidden"
    own = api.json("/api/v1/units?region=320102", XUANWU)["units"]
    assert own and {u["county_code"] for u in own} == {"320102"}
    assert api.json(f"/api/v1/units/{own[0]['unit_code']}", XUANWU)["county_code"] == "320102"


def test_no_answer_holds_a_unit_of_another_area(api):
    """Every route a Nanjing user may call, every parameter that widens the answer: scan the whole JSON."""
    an = api.whole()
    county_of = dict(zip(an.dataset.units["unit_code"], an.dataset.units["county_code"], strict=True))
    own_counties = set(an.regions.children("320100"))
    own_unit = _first_unit(api, QINHUAI)
    routes = [
        *(f"/api/v1/coverage?level={level}" for level in ("province", "city", "county")),
        f"/api/v1/coverage?level=county&parent={an.regions.root}",
        "/api/v1/units?region=320100",
        *(f"/api/v1/units?region=320100&year={year}" for year in an.years[:2]),
        f"/api/v1/units/{own_unit}",
        "/api/v1/versions",
    ]
    seen: set[str] = set()
    for route in routes:
        seen |= unit_codes_in(api.json(route, NANJING))
    units_seen = {code for code in seen if code in county_of}
    assert units_seen, "the scan found no unit at all: it would prove nothing"
    assert {county_of[code] for code in units_seen} <= own_counties


@pytest.mark.parametrize(
    "user",
    [Principal("stale", "city", "320102"), Principal("gone", "county", "329999")],
    ids=["city-bound-to-a-county", "county-not-in-the-data"],
)
def test_an_account_whose_region_does_not_fit_the_data_gets_nothing(api, user):
    for route in ROUTES:
        body = api.json(route, user, status=403)
        assert body["error"] == "scope_invalid" and user.role in body["message_en"]


def test_a_refusal_does_not_echo_the_code_of_another_area(api):
    county = api.whole().regions.children(WUXI)[0]
    unit = _first_unit(api, county)
    for route, code in ((f"/api/v1/units?region={county}", county), (f"/api/v1/units/{unit}", unit)):
        response = api.get(route, NANJING)
        assert response.status_code == 403 and code not in response.get_data(as_text=True)
