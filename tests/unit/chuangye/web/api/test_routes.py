"""Each route's shape and values, compared with ``Analytics`` (the whole version, read as the province)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from chuangye.data.db import Actor, AuditTrail, Database
from chuangye.engine.drilldown import drill_data
from chuangye.engine.progress import STATUSES
from tests.unit.chuangye.web.api.conftest import PROVINCE, WUXI


def _same(api_value, engine_value) -> bool:
    """A JSON value equals the engine's: null for missing, numbers at full precision, codes as strings."""
    if engine_value is None or engine_value is pd.NA or (isinstance(engine_value, float) and math.isnan(engine_value)):
        return api_value is None
    if isinstance(engine_value, float):
        return isinstance(api_value, float) and api_value == engine_value
    if hasattr(engine_value, "item"):
        engine_value = engine_value.item()
    return api_value == engine_value and type(api_value) is type(engine_value)


def test_coverage_rows_are_the_engines_rows(api):
    an = api.whole()
    year = an.years[-2]
    body = api.json(f"/api/v1/coverage?year={year}&level=city&basis=meets", PROVINCE)
    expected = an.coverage(basis="meets", level="city", year=year)
    assert (body["year"], body["level"], body["basis"], body["type"], body["version"]) == (
        year, "city", "meets", None, an.version_id
    )  # fmt: skip
    assert len(body["rows"]) == len(expected) > 0
    by_key = {(r["region_code"], r["unit_type"]): r for r in body["rows"]}
    for row in expected.to_dict("records"):
        got = by_key[(row["region_code"], row["unit_type"])]
        for column, value in row.items():
            if column in ("region_name", "region_name_en"):
                continue
            assert _same(got[column], value), (column, got[column], value)
        assert got["region_name"] == row["region_name"] and "region_name_en" not in got
    codes = [r["region_code"] for r in body["rows"]]
    assert codes == sorted(codes) and all(isinstance(c, str) for c in codes)
    assert {r["status"] for r in body["rows"]} <= {*STATUSES, None}  # codes, not words


def test_coverage_statuses_are_codes_and_names_follow_lang(api):
    an = api.whole()
    body = api.json(f"/api/v1/coverage?level=county&parent={WUXI}&type=park&lang=en", PROVINCE)
    expected = an.coverage(level="county", year=max(an.years), unit_type="park")
    expected = expected[expected["parent_code"] == WUXI]
    assert [r["region_code"] for r in body["rows"]] == sorted(expected["region_code"])
    for row in body["rows"]:
        assert row["region_name"] == an.region_name(row["region_code"], "en")
        assert row["status"] in set(expected["status"])  # the engine's code, not its words
    assert {r["unit_type"] for r in body["rows"]} == {"park"}


def test_coverage_parent_takes_every_region_below_it(api):
    an = api.whole()
    body = api.json(f"/api/v1/coverage?level=county&parent={an.regions.root}&type=street_town", PROVINCE)
    expected = an.coverage(level="county", year=max(an.years), unit_type="street_town")
    assert sorted(r["region_code"] for r in body["rows"]) == sorted(expected["region_code"])


def test_unit_list_of_a_county_is_the_map_tables(api):
    an = api.whole()
    county = an.regions.children(WUXI)[0]
    year = an.years[-2]
    body = api.json(f"/api/v1/units?region={county}&year={year}", PROVINCE)
    data = drill_data(an)
    expected = pd.concat([data.unit_states(county, year, t) for t in an.cfg.unit_types], ignore_index=True)
    assert (body["region"], body["year"], body["type"]) == (county, year, None)
    assert [u["unit_code"] for u in body["units"]] == sorted(expected["unit_code"])
    states = expected.set_index("unit_code")
    for unit in body["units"]:
        want = states.loc[unit["unit_code"]]
        assert unit["county_code"] == county and unit["name"] == want["name"]
        assert unit["state"] == want["state"]
        assert unit["meets_standard"] == want["meets_standard"]
        assert unit["core_passed"] == (None if pd.isna(want["n_core_passed"]) else int(want["n_core_passed"]))
        assert unit["core_total"] == len(an.cfg.core_indicators)
        latest = data.latest_round(unit["unit_code"], year)
        assert (unit["stage_year"], unit["stage"]) == (latest if latest else (None, None))
        if unit["state"] == "certified":
            assert unit["certified_year"] == int(want["certified_year"]) <= year


def test_unit_list_of_a_city_is_all_its_counties_units(api):
    an = api.whole()
    body = api.json(f"/api/v1/units?region={WUXI}&type=park", PROVINCE)
    units = an.dataset.units
    expected = units[(units["city_code"] == WUXI) & (units["unit_type"] == "park") & units["in_scope"].astype(bool)]
    assert sorted(u["unit_code"] for u in body["units"]) == sorted(expected["unit_code"])
    assert {u["unit_type"] for u in body["units"]} == {"park"}


def test_scorecard_is_the_engines(api):
    an = api.whole()
    year = an.years[-1]
    code = str(an.dataset.units.loc[an.dataset.units["city_code"] == WUXI, "unit_code"].iloc[0])
    body = api.json(f"/api/v1/units/{code}?year={year}&lang=en", PROVINCE)
    card = an.scorecard(code, year)
    assert (body["unit_code"], body["year"], body["city_code"]) == (code, year, WUXI)
    assert body["meets_standard"] == (None if card["meets_standard"] is pd.NA else bool(card["meets_standard"]))
    assert body["core_passed"] == card["n_core_passed"]
    rows = card["indicators"].to_dict("records")
    assert [i["indicator"] for i in body["indicators"]] == [r["indicator"] for r in rows]
    for got, want in zip(body["indicators"], rows, strict=True):
        assert got["name"] == want["name_en"]
        assert _same(got["value"], want["value"]) and _same(got["threshold"], want["threshold"])
        assert got["pass"] == (None if pd.isna(want["pass"]) else bool(want["pass"]))
        assert got["shortfall"] == (None if pd.isna(want["shortfall_count"]) else int(want["shortfall_count"]))
    certs = an.dataset.certifications
    assert body["certification"] == [
        {"round_year": int(r.round_year), "stage": r.stage}
        for r in certs[certs["unit_code"] == code].sort_values("round_year").itertuples()
    ]


def test_versions_lists_the_store_and_who_imported_from_the_audit_trail(api):
    store = api.services.store
    active = store.active_version_id()
    body = api.json("/api/v1/versions", PROVINCE)
    assert body["active"] == active
    assert [v["id"] for v in body["versions"]] == sorted((i.id for i in store.versions()), reverse=True)
    [listed] = [v for v in body["versions"] if v["active"]]
    assert {k: listed[k] for k in ("id", "active", "created", "by", "note", "region")} == {
        "id": active, "active": True, "created": store.versions()[-1].created_at, "by": None, "note": None,
        "region": [],
    }  # fmt: skip  # nothing recorded its import: unknown, not guessed
    assert {c["table"] for c in listed["changes"]} == {"regions", "units", "indicator_inputs", "certifications",
                                                        "quotas"}  # fmt: skip
    AuditTrail(Database.open(api.data_dir)).record("import", actor=Actor("cli:loader"), object=active)
    assert api.json("/api/v1/versions", PROVINCE)["versions"][0]["by"] == "cli:loader"


@pytest.mark.parametrize("route", ["/api/v1/coverage", "/api/v1/units?region=320100", "/api/v1/versions"])
def test_answers_are_json_with_chinese_as_characters(api, route):
    response = api.get(route, PROVINCE)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    assert "\\u" not in text and "NaN" not in text


def test_every_route_is_documented(api):
    doc = (Path(__file__).resolve().parents[5] / "docs" / "api.md").read_text(encoding="utf-8")
    rules = [r.rule for r in api.server.url_map.iter_rules() if r.rule.startswith("/api/v1/")]
    routes = [rule for rule in rules if "<path:" not in rule and rule != "/api/v1/"]
    documented_alone = [rule for rule in routes if not rule.startswith("/api/v1/submissions")]
    assert sorted(documented_alone) == [
        "/api/v1/coverage", "/api/v1/imports", "/api/v1/templates/<table>.xlsx", "/api/v1/units",
        "/api/v1/units/<code>", "/api/v1/versions", "/api/v1/versions/<version_id>/activate",
    ]  # fmt: skip
    for rule in api.server.url_map.iter_rules():
        if rule.rule in documented_alone:
            method = "GET" if "GET" in rule.methods else "POST"
            assert f"## `{method} {rule.rule}`" in doc
    for rule in api.server.url_map.iter_rules():  # issue 10's submissions: one line each in their table
        if rule.rule.startswith("/api/v1/submissions"):
            route = rule.rule.replace("<int:submission_id>", "<id>").replace("<path:name>", "<name>")
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                for one in (route.replace("<any(forward, return):action>", step) for step in ("forward", "return")):
                    assert f"`{method} {one}`" in doc, (method, one)
