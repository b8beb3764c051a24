"""Every refusal is JSON ``{"error", "message_zh", "message_en"}`` with the right status: a bad parameter is
named, an unknown code or route is 404, a wrong method 405, a failure 500 with no detail. Never HTML."""

from __future__ import annotations

import pytest

from tests.unit.chuangye.web.api.conftest import PROVINCE

BAD_PARAMETERS = [
    ("/api/v1/coverage?year=abc", "year", "bad_parameter"),
    ("/api/v1/coverage?year=1999", "year", "bad_parameter"),
    ("/api/v1/coverage?level=town", "level", "bad_parameter"),
    ("/api/v1/coverage?type=factory", "type", "bad_parameter"),
    ("/api/v1/coverage?basis=guess", "basis", "bad_parameter"),
    ("/api/v1/coverage?lang=fr", "lang", "bad_parameter"),
    ("/api/v1/coverage?parent=32O100", "parent", "bad_parameter"),
    ("/api/v1/coverage?level=city&parent=320100", "parent", "bad_parameter"),  # not above the level
    ("/api/v1/coverage?level=province&parent=320000", "parent", "bad_parameter"),
    ("/api/v1/coverage?yaer=2020", "yaer", "unknown_parameter"),
    ("/api/v1/units", "region", "missing_parameter"),
    ("/api/v1/units?region=320000", "region", "bad_parameter"),  # the province: not a city or county
    ("/api/v1/units?region=320100&type=x", "type", "bad_parameter"),
    ("/api/v1/units/320102002?year=20x0", "year", "bad_parameter"),
    ("/api/v1/units/320102002?region=320100", "region", "unknown_parameter"),
    ("/api/v1/versions?active=1", "active", "unknown_parameter"),
]


@pytest.mark.parametrize(("route", "parameter", "error"), BAD_PARAMETERS)
def test_a_bad_parameter_is_400_naming_it(api, route, parameter, error):
    body = api.json(route, PROVINCE, status=400)
    assert body["error"] == error and body["parameter"] == parameter
    assert parameter in body["message_zh"] and parameter in body["message_en"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message_zh"])  # Chinese first, really Chinese


def test_a_year_out_of_range_says_which_years_there_are(api):
    years = api.whole().years
    body = api.json("/api/v1/coverage?year=1999", PROVINCE, status=400)
    assert f"{min(years)}–{max(years)}" in body["message_zh"] and "a year the data has" in body["message_en"]


def test_unit_types_and_levels_take_the_command_lines_spellings(api):
    body = api.json("/api/v1/coverage?type=园区&level=设区市", PROVINCE)
    assert (body["type"], body["level"]) == ("park", "city")


@pytest.mark.parametrize(
    ("route", "error"),
    [
        ("/api/v1/nothing-here", "not_found"),
        ("/api/v1/", "not_found"),
        ("/api/v1/units/320102002/extra", "not_found"),
        ("/api/v1/units/000000000", "unknown_unit"),
        ("/api/v1/units?region=329999", "unknown_region"),
        ("/api/v1/coverage?level=county&parent=329900", "unknown_region"),
    ],
)
def test_what_exists_nowhere_is_404(api, route, error):
    assert api.json(route, PROVINCE, status=404)["error"] == error


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_a_write_method_is_405_with_allow(api, method):
    for route in ("/api/v1/coverage", "/api/v1/units/320102002", "/api/v1/versions"):
        signed_in = {"Authorization": f"Bearer {api.token(PROVINCE)}"}
        response = getattr(api.server.test_client(), method)(route, headers=signed_in)
        assert response.status_code == 405 and response.content_type.startswith("application/json")
        assert response.get_json()["error"] == "method_not_allowed"
        assert response.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_a_failure_is_500_json_without_a_traceback(api, monkeypatch):
    def broken():
        raise RuntimeError("secret detail /etc/passwd")

    monkeypatch.setattr(api.services, "analytics", broken)
    response = api.get("/api/v1/coverage", PROVINCE)
    assert response.status_code == 500 and response.content_type.startswith("application/json")
    text = response.get_data(as_text=True)
    assert response.get_json()["error"] == "internal"
    assert "Traceback" not in text and "secret" not in text and "<html" not in text.lower()
