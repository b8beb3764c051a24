"""Unit-level indicators: value, pass/fail against the unit type's threshold, and the provincial standard.

``compute_unit_indicators`` returns one row per (unit_code, year) of ``indicator_inputs`` with the input
counts kept and, per indicator ``<code>`` of the configuration:

- ``<code>``            value = numerator / denominator; NaN ("no data") when either is missing or the
                          denominator is 0;
- ``<code>_pass``       nullable boolean, NA when there is no data or no threshold for the unit's type;
- ``<code>_flag_over``  True when a share's numerator exceeds its denominator (the value is kept).

and ``n_core_passed``, ``n_core_no_data``, ``meets_standard`` (NA when any core indicator has no data).
Everything is vectorised: a few million rows take about a second.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from chuangye.config.loader import Config
from chuangye.data.schema import UNIT_TYPES

# Threshold comparisons and "how many more" rounding get this much slack, so that a count that reaches
# the threshold exactly is not failed (or asked for one more) because of binary floating point.
FLOAT_GUARD = 1e-9


def as_float(values: pd.Series | pd.api.extensions.ExtensionArray | np.ndarray) -> np.ndarray:
    """Nullable integers (or anything numeric) as float64 with NaN for NA."""
    if isinstance(values, pd.Series):
        return values.to_numpy(dtype="float64", na_value=np.nan)
    return pd.array(values).to_numpy(dtype="float64", na_value=np.nan)


def nullable_bool(values: np.ndarray, known: np.ndarray) -> pd.arrays.BooleanArray:
    return pd.arrays.BooleanArray(np.asarray(values, dtype=bool) & known, ~known)


def needed_to_reach(share: Any, total: Any, have: Any) -> np.ndarray:
    """max(0, ceil(share * total - have)): items still missing to reach ``share`` of ``total``.

    A product such as 0.55 * 100 is 55.000000000000007 in binary; the guard keeps it at 55.
    """
    share, total, have = (np.asarray(x, dtype="float64") for x in (share, total, have))
    raw = share * total - have
    return np.maximum(0.0, np.ceil(raw - FLOAT_GUARD * np.maximum(1.0, np.abs(share * total))))


def positions(values: pd.Series | np.ndarray, index: pd.Series | pd.Index) -> np.ndarray:
    """Position of each value in ``index`` (-1 when absent).

    Factorizing first means one hash lookup per distinct value: 4x faster than ``get_indexer`` on millions
    of Arrow-backed strings.
    """
    codes, uniques = pd.factorize(values)
    index = index if isinstance(index, pd.Index) else pd.Index(index)
    found = index.get_indexer(uniques)
    return np.append(found, -1)[codes]  # code -1 (a missing value) picks the appended -1


def compute_unit_indicators(inputs: pd.DataFrame, units: pd.DataFrame, cfg: Config) -> pd.DataFrame:
    """Indicator values, pass/fail and the standard for every row of ``indicator_inputs``.

    ``units`` supplies each unit's type (its thresholds); units missing from it get no pass/fail.
    """
    out = inputs.reset_index(drop=True)
    units = units.drop_duplicates("unit_code")
    types = list(UNIT_TYPES)
    type_of_unit = pd.Categorical(units["unit_type"], categories=types).codes
    row_unit = positions(out["unit_code"], units["unit_code"])
    type_code = np.append(type_of_unit, -1)[row_unit]
    out["unit_type"] = pd.Categorical.from_codes(type_code, categories=types)
    n = len(out)
    core = cfg.core_indicators
    n_passed = np.zeros(n, dtype="int64")
    n_no_data = np.zeros(n, dtype="int64")
    new_columns: dict[str, Any] = {}
    for code, ind in cfg.indicators.items():
        num = as_float(out[ind.numerator])
        den = as_float(out[ind.denominator])
        has_data = ~np.isnan(num) & (den > 0)  # NaN > 0 is False
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(has_data, num / den, np.nan)
        # code -1 (unit unknown or without type) picks the trailing NaN
        threshold = np.array([cfg.thresholds.get(t, {}).get(code, np.nan) for t in types] + [np.nan])[type_code]
        known = has_data & ~np.isnan(threshold)
        passed = known & (value >= threshold - FLOAT_GUARD)
        new_columns[code] = value
        new_columns[f"{code}_pass"] = nullable_bool(passed, known)
        new_columns[f"{code}_flag_over"] = has_data & (num > den) if ind.is_share else np.zeros(n, dtype=bool)
        if code in core:
            n_passed += passed
            n_no_data += ~known
    if cfg.standard.rule == "at_least":
        meets = n_passed >= (cfg.standard.min_passed or len(core))
    else:
        meets = n_passed == len(core)
    new_columns["n_core_passed"] = n_passed
    new_columns["n_core_no_data"] = n_no_data
    new_columns["meets_standard"] = nullable_bool(meets, n_no_data == 0)
    return pd.concat([out, pd.DataFrame(new_columns, index=out.index)], axis=1)


def shortfall(row: pd.Series | dict[str, Any], cfg: Config) -> dict[str, dict[str, Any]]:
    """For each failing indicator of one unit-year row: how many more numerator items are needed.

    The count is ceil(threshold * denominator - numerator) at the current denominator, e.g.
    ``{"success_rate": {"count": 12, "zh": "还需 12 名培训学员成功创业",
    "en": "12 more trainees must start a business"}}``.
    """
    out: dict[str, dict[str, Any]] = {}
    unit_type = row.get("unit_type")
    for code, ind in cfg.indicators.items():
        threshold = cfg.threshold(unit_type, code) if isinstance(unit_type, str) else None
        if threshold is None or _is_na(row.get(f"{code}_pass")) or bool(row.get(f"{code}_pass")):
            continue
        count = max(1, int(needed_to_reach(threshold, row[ind.denominator], row[ind.numerator])))
        out[code] = {"count": count, "zh": ind.shortfall_zh.format(n=count), "en": ind.shortfall_en.format(n=count)}
    return out


def _is_na(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def unit_scorecard(
    unit_code: str, year: int, unit_indicators: pd.DataFrame, cfg: Config, units: pd.DataFrame | None = None
) -> dict[str, Any]:
    """One unit in one year: per indicator its value, threshold, pass and shortfall (zh/en).

    Returns ``{"unit_code", "year", "unit_type", "meets_standard", "n_core_passed", "indicators": DataFrame}``.
    A unit without figures that year gets "no data" rows; a unit unknown everywhere raises KeyError.
    """
    rows = unit_indicators[(unit_indicators["unit_code"] == unit_code) & (unit_indicators["year"] == year)]
    if len(rows):
        row = rows.iloc[0]
    else:
        known = units is not None and (units["unit_code"] == unit_code).any()
        if not known and not (unit_indicators["unit_code"] == unit_code).any():
            raise KeyError(f"未找到单位 {unit_code} / Unit {unit_code} not found")
        unit_type = units.loc[units["unit_code"] == unit_code, "unit_type"].iloc[0] if known else None
        row = pd.Series(
            {"unit_code": unit_code, "year": year, "unit_type": unit_type, "meets_standard": pd.NA, "n_core_passed": 0}
        )
    unit_type = row.get("unit_type")
    gaps = shortfall(row, cfg)
    records = []
    for code, ind in cfg.indicators.items():
        gap = gaps.get(code, {})
        value = row.get(code, np.nan)
        records.append(
            {
                "indicator": code,
                "name_zh": ind.name_zh,
                "name_en": ind.name_en,
                "core": ind.core,
                "format": ind.format,
                "digits": ind.shown_digits,
                "numerator": row.get(ind.numerator, pd.NA),
                "denominator": row.get(ind.denominator, pd.NA),
                "value": np.nan if _is_na(value) else float(value),
                "threshold": cfg.threshold(unit_type, code) if isinstance(unit_type, str) else None,
                "pass": row.get(f"{code}_pass", pd.NA),
                "flag_over": bool(row.get(f"{code}_flag_over", False)),
                "shortfall_count": gap.get("count", pd.NA),
                "shortfall_zh": gap.get("zh", ""),
                "shortfall_en": gap.get("en", ""),
            }
        )
    table = pd.DataFrame.from_records(records)
    table["pass"] = table["pass"].astype("boolean")
    table["shortfall_count"] = table["shortfall_count"].astype("Int64")
    table["threshold"] = table["threshold"].astype("float64")
    return {
        "unit_code": unit_code,
        "year": int(year),
        "unit_type": unit_type,
        "meets_standard": row.get("meets_standard", pd.NA),
        "n_core_passed": int(row.get("n_core_passed", 0)),
        "indicators": table,
    }


__all__ = [
    "FLOAT_GUARD",
    "as_float",
    "compute_unit_indicators",
    "needed_to_reach",
    "positions",
    "shortfall",
    "unit_scorecard",
]
