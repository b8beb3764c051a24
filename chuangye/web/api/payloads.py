"""What each route answers, built from an ``Analytics`` (already scoped to the request's user): codes as
strings, numbers as numbers at full precision, ``null`` for missing, status and state codes rather than words,
names in the language asked for."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd

from chuangye.data.store import VersionInfo
from chuangye.engine.drilldown import DrillData
from chuangye.engine.manager import Analytics

HIDDEN_COVERAGE_COLUMNS = ("region_name_en",)  # the name comes once, in the language asked for


def plain(value: Any) -> Any:
    """One cell as JSON: missing as None, NumPy scalars as Python numbers, dates as ISO dates."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


# ------------------------------------------------------------------------------------------ coverage


def coverage_rows(an: Analytics, frame: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    """Rows of ``Analytics.coverage`` by region code, then unit type in the configuration's order."""
    type_order = {unit_type: i for i, unit_type in enumerate(an.cfg.unit_types)}
    ordered = frame.assign(_order=frame["unit_type"].map(type_order).fillna(len(type_order)))
    ordered = ordered.sort_values(["region_code", "_order"], kind="stable").drop(columns="_order")
    ordered = ordered.drop(columns=[c for c in HIDDEN_COVERAGE_COLUMNS if c in ordered])
    ordered["region_name"] = [an.region_name(code, lang) for code in ordered["region_code"]]
    return records(ordered)


# ------------------------------------------------------------------------------------------ units


def unit_list(data: DrillData, counties: list[str], unit_types: list[str], year: int, lang: str) -> list[dict]:
    """The units of ``counties`` of ``unit_types`` with their state in ``year``, as the map's unit table
    knows it (``DrillData.unit_states``), by unit code."""
    rows: list[dict[str, Any]] = []
    for county in counties:
        for unit_type in unit_types:
            states = data.unit_states(county, year, unit_type, lang)
            rows.extend(_unit_row(data, record, county, unit_type, year) for record in states.to_dict("records"))
    return sorted(rows, key=lambda row: row["unit_code"])


def _unit_row(data: DrillData, record: dict, county: str, unit_type: str, year: int) -> dict[str, Any]:
    latest = data.latest_round(record["unit_code"], year)
    core = plain(record["n_core_passed"])
    certified = plain(record["certified_year"])
    return {
        "unit_code": record["unit_code"],
        "name": record["name"],
        "unit_type": unit_type,
        "county_code": county,
        "township_code": plain(record["township_code"]) or None,
        "township_name": plain(record["township_name"]),
        "state": record["state"],
        "meets_standard": plain(record["meets_standard"]),
        "core_passed": None if core is None else int(core),
        "core_total": int(record["n_core"]),
        "certified_year": int(certified) if record["state"] == "certified" and certified is not None else None,
        "stage": latest[1] if latest else None,
        "stage_year": latest[0] if latest else None,
    }


# ------------------------------------------------------------------------------------------ one unit


def scorecard(an: Analytics, code: str, year: int, lang: str) -> dict[str, Any]:
    """One unit's scorecard in ``year``: each indicator with value, threshold, pass and shortfall."""
    unit = an.unit_row(code)
    card = an.scorecard(code, year)
    active_from, active_to = _year(unit.get("active_from")), _year(unit.get("active_to"))
    certs = an.dataset.certifications
    history = certs[(certs["unit_code"] == code)].sort_values("round_year")
    return {
        "unit_code": code,
        "name": _unit_name(unit, lang),
        "unit_type": plain(unit["unit_type"]),
        "county_code": unit["county_code"],
        "county_name": an.region_name(unit["county_code"], lang),
        "city_code": unit["city_code"],
        "city_name": an.region_name(unit["city_code"], lang),
        "year": int(year),
        "active_from": active_from,
        "active_to": active_to,
        "active_in_year": (active_from is None or active_from <= year) and (active_to is None or year <= active_to),
        "meets_standard": plain(card["meets_standard"]),
        "core_passed": int(card["n_core_passed"]),
        "indicators": [_indicator(row, lang) for row in card["indicators"].to_dict("records")],
        "certification": [
            {"round_year": int(r["round_year"]), "stage": r["stage"]} for r in history.to_dict("records")
        ],
    }


def _indicator(row: dict, lang: str) -> dict[str, Any]:
    return {
        "indicator": row["indicator"],
        "name": row["name_en"] if lang == "en" else row["name_zh"],
        "core": bool(row["core"]),
        "format": row["format"],
        "digits": plain(row["digits"]),
        "value": plain(row["value"]),
        "threshold": plain(row["threshold"]),
        "pass": plain(row["pass"]),
        "numerator": plain(row["numerator"]),
        "denominator": plain(row["denominator"]),
        "shortfall": plain(row["shortfall_count"]),
        "shortfall_text": (row["shortfall_en"] if lang == "en" else row["shortfall_zh"]) or None,
    }


def _unit_name(unit: pd.Series, lang: str) -> str:
    english = unit.get("name_en")
    return english if lang == "en" and isinstance(english, str) and english else unit["name"]


def _year(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


# ------------------------------------------------------------------------------------------ versions


def versions(infos: list[VersionInfo], importers: dict[str, str]) -> dict[str, Any]:
    """``{"active": id, "versions": [...]}`` newest first; ``by`` from the version's manifest, else from
    ``importers`` (version id → user, the audit trail's), with its note, region and change summary."""
    active = next((info.id for info in infos if info.active), None)
    listed = [
        {
            "id": info.id,
            "active": info.active,
            "created": info.created_at,
            "by": info.by or importers.get(info.id),
            "note": info.note,
            "region": list(info.region),
            "changes": list(info.changes),
        }
        for info in sorted(infos, key=lambda info: info.id, reverse=True)
    ]
    return {"active": active, "versions": listed}


__all__ = ["coverage_rows", "plain", "records", "scorecard", "unit_list", "versions"]
