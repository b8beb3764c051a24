"""Region-level coverage, gap to the goal, the certification round pipeline and pooled indicators.

``region_coverage`` returns one row per region × unit type × year. Units count towards a year when they
are in scope and active that year (``active_from <= year <= active_to``, a missing bound is open).

- ``certified_cumulative``: active in-scope units certified in a round of that year or earlier;
- ``certified_in_year``: of those, units whose first certification is that year's round;
- ``meets_standard`` / ``units_no_data``: active in-scope units meeting the standard that year / without a
  complete set of core figures (a unit without an input row counts as no data);
- ``coverage_certified`` = certified_cumulative / units_in_scope; ``coverage_meets`` = meets_standard /
  units_in_scope (NaN when no unit reported); ``coverage`` is the chosen ``basis``;
- ``gap_points`` = (goal − coverage) × 100 and ``gap_units`` = units still needed to reach the goal;
- the round pipeline of the round held that year (``round_year == year``), counting every unit of the type
  that took part: ``declared``, ``county_evaluated``, ``city_reviewed``, ``certified``, ``rejected``, plus the
  city quota (``target_count``, ``evaluation_quota``; province = sum over its cities; county = NA);
- per indicator, the pooled value (sum of numerators / sum of denominators over active in-scope units
  reporting both) as ``<code>`` and the share of units with data that pass as ``<code>_pass_share``.

All counting is done with ``numpy.bincount`` over integer keys, so a national dataset (600,000 units ×
5 years) takes a few seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from chuangye.config.loader import Config
from chuangye.data.schema import REGION_LEVELS
from chuangye.engine.indicators import as_float, compute_unit_indicators, needed_to_reach, positions

Basis = Literal["certified", "meets"]
Level = Literal["province", "city", "county"]

PIPELINE_STEPS: tuple[str, ...] = ("declared", "county_evaluated", "city_reviewed", "certified", "rejected")


@dataclass
class PreparedCoverage:
    """Everything per unit and per unit-year, reduced to integer indexes, shared by all levels.

    Built once by ``prepare_coverage`` (the costly part: joining millions of rows on unit codes); each
    ``coverage(level, parent, basis)`` call then only counts (about 0.3 s at national scale).
    """

    cfg: Config
    years: np.ndarray
    unit_types: list[str]
    unit_type_idx: np.ndarray  # per unit, into unit_types
    unit_region: dict[str, tuple[np.ndarray, np.ndarray]]  # level -> (per-unit code index, region codes)
    parent_of: dict[str, dict[str, str]]  # county -> city and city -> province, as the units say
    active: np.ndarray  # (n_units, n_years) in scope and active
    first_certified: np.ndarray  # per unit, first certified round year (inf if never)
    ui_unit: np.ndarray  # unit-year rows kept: unit index, year index
    ui_year: np.ndarray
    ui_meets_known: np.ndarray
    ui_meets: np.ndarray
    ui_pooled: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]  # num, den, pass known, pass
    cert_unit: np.ndarray  # certification rows in the chosen years
    cert_year: np.ndarray
    cert_steps: dict[str, np.ndarray]
    quotas: pd.DataFrame | None
    regions: pd.DataFrame

    def coverage(
        self, level: Level = "province", parent: str | None = None, basis: Basis = "certified"
    ) -> pd.DataFrame:
        """Rows for one level (optionally under one parent); see ``region_coverage``."""
        return _aggregate(self, basis, level, parent)


def _open_bound(values: pd.Series | None, n: int, fill: float) -> np.ndarray:
    if values is None:
        return np.full(n, fill)
    arr = as_float(values)
    return np.where(np.isnan(arr), fill, arr)


def _year_index(values: pd.Series, years: np.ndarray) -> np.ndarray:
    """Position of each year in ``years``; -1 for other years and blanks."""
    as_int = np.nan_to_num(as_float(values), nan=-1).astype("int64")
    return pd.Index(years).get_indexer(as_int)


def _province_of_city(city_codes: pd.Series, regions: pd.DataFrame) -> np.ndarray:
    parent = regions.loc[regions["level"] == "city"].drop_duplicates("region_code").set_index("region_code")
    mapped = city_codes.map(parent["parent_code"]) if "parent_code" in parent else pd.Series(pd.NA, city_codes.index)
    fallback = city_codes.str[:2] + "0000"
    return mapped.where(mapped.notna() & (mapped.astype("string") != ""), fallback).to_numpy(dtype=object)


def prepare_coverage(
    units: pd.DataFrame,
    inputs_or_unit_indicators: pd.DataFrame,
    certifications: pd.DataFrame | None,
    quotas: pd.DataFrame | None,
    regions: pd.DataFrame,
    cfg: Config,
    years: Iterable[int] | None = None,
    unit_types: Sequence[str] | None = None,
) -> PreparedCoverage:
    """Join units, unit-year figures and certification rounds once, for any number of coverage queries."""
    if certifications is None:
        certifications = pd.DataFrame(
            {
                "unit_code": pd.Series(dtype="str"),
                "round_year": pd.Series(dtype="int64"),
                "stage": pd.Series(dtype="str"),
            }
        )
    types = [t for t in cfg.unit_types if unit_types is None or t in unit_types]
    ui = inputs_or_unit_indicators
    if "meets_standard" not in ui.columns:
        ui = compute_unit_indicators(ui, units, cfg)

    units = units[units["unit_type"].isin(types)].drop_duplicates("unit_code").reset_index(drop=True)
    if years is None:
        years = pd.concat([ui["year"], certifications["round_year"]]).dropna().unique()
    years_arr = np.array(sorted(int(y) for y in years), dtype="int64")
    n = len(units)

    in_scope = units["in_scope"].fillna(False).to_numpy(dtype=bool)
    start = _open_bound(units.get("active_from"), n, -np.inf)
    end = _open_bound(units.get("active_to"), n, np.inf)
    active = in_scope[:, None] & (start[:, None] <= years_arr[None, :]) & (end[:, None] >= years_arr[None, :])

    unit_index = pd.Index(units["unit_code"])  # built once: its hash table serves both look-ups
    cert = certifications
    cu = positions(cert["unit_code"], unit_index)
    certified_year = np.where(
        cert["stage"].isin(["certified"]).to_numpy(dtype=bool) & (cu >= 0), as_float(cert["round_year"]), np.inf
    )
    first_certified = np.full(n, np.inf)
    np.fmin.at(first_certified, np.where(cu >= 0, cu, 0), certified_year)  # fmin: a blank year is ignored

    # Unit-year rows that count: a known unit, a chosen year, in scope and active that year.
    u = positions(ui["unit_code"], unit_index)
    y = _year_index(ui["year"], years_arr)
    keep = (u >= 0) & (y >= 0)
    keep[keep] = active[u[keep], y[keep]]
    u, y = u[keep], y[keep]
    meets = ui["meets_standard"].array
    meets_known = ~np.asarray(meets.isna())[keep]
    meets_true = np.asarray(meets.fillna(False), dtype=bool)[keep]
    pooled = {}
    for code, ind in cfg.indicators.items():
        num = as_float(ui[ind.numerator])[keep]
        den = as_float(ui[ind.denominator])[keep]
        reporting = ~np.isnan(num) & ~np.isnan(den)
        passed = ui[f"{code}_pass"].array
        pooled[code] = (
            np.where(reporting, num, 0.0),
            np.where(reporting, den, 0.0),
            ~np.asarray(passed.isna())[keep],
            np.asarray(passed.fillna(False), dtype=bool)[keep],
        )

    cy = _year_index(cert["round_year"], years_arr)
    ckeep = (cu >= 0) & (cy >= 0)

    def stage_in(*stages: str) -> np.ndarray:
        return cert["stage"].isin(stages).to_numpy(dtype=bool)[ckeep]

    def date_set(column: str) -> np.ndarray:
        return cert[column].notna().to_numpy(dtype=bool)[ckeep] if column in cert else np.zeros(ckeep.sum(), bool)

    # A unit reached a step if its stage is at or beyond it, or it was rejected after the step's date was set.
    rejected = stage_in("rejected")
    steps = {
        "declared": np.ones(len(rejected), dtype=bool),  # a row in the round means the unit declared
        "county_evaluated": stage_in("county_evaluated", "city_reviewed", "certified")
        | (rejected & date_set("county_evaluated_date")),
        "city_reviewed": stage_in("city_reviewed", "certified") | (rejected & date_set("city_reviewed_date")),
        "certified": stage_in("certified"),
        "rejected": rejected,
    }

    city_idx, cities = pd.factorize(units["city_code"])
    county_idx, counties = pd.factorize(units["county_code"])
    province_of_city = _province_of_city(pd.Series(cities, dtype=object), regions)
    province_of_city_idx, provinces = pd.factorize(province_of_city)
    first_in_county = np.unique(county_idx, return_index=True)[1]
    return PreparedCoverage(
        cfg=cfg,
        years=years_arr,
        unit_types=types,
        unit_type_idx=pd.Categorical(units["unit_type"], categories=types).codes.astype("int64"),
        unit_region={
            "province": (np.append(province_of_city_idx, -1)[city_idx], np.asarray(provinces, dtype=object)),
            "city": (city_idx, np.asarray(cities, dtype=object)),
            "county": (county_idx, np.asarray(counties, dtype=object)),
        },
        parent_of={
            "county": {
                str(counties[c]): str(cities[k])
                for c, k in zip(county_idx[first_in_county], city_idx[first_in_county], strict=True)
                if c >= 0 and k >= 0
            },
            "city": dict(zip(map(str, cities), map(str, province_of_city), strict=True)),
        },
        active=active,
        first_certified=first_certified,
        ui_unit=u,
        ui_year=y,
        ui_meets_known=meets_known,
        ui_meets=meets_true,
        ui_pooled=pooled,
        cert_unit=cu[ckeep],
        cert_year=cy[ckeep],
        cert_steps=steps,
        quotas=quotas,
        regions=regions,
    )


def _region_table(prep: PreparedCoverage, level: Level, parent: str | None) -> tuple[pd.DataFrame, np.ndarray]:
    """Regions of the level (from the regions table plus any code units refer to) and each unit's index."""
    unit_idx, codes = prep.unit_region[level]
    regions = prep.regions
    table = regions.loc[regions["level"] == level].drop_duplicates("region_code")
    extra = sorted(set(codes) - set(table["region_code"]))
    if extra:  # regions the units name but the regions table lacks
        parents = [prep.parent_of.get(level, {}).get(code) for code in extra]
        table = pd.concat(
            [table, pd.DataFrame({"region_code": extra, "level": level, "parent_code": parents})], ignore_index=True
        )
    table = table.sort_values("region_code").reset_index(drop=True)
    if parent is not None:
        # The parent may be any ancestor: a county's city or province, a city's province.
        city_parent = {
            **prep.parent_of["city"],
            **regions.loc[regions["level"] == "city"].set_index("region_code")["parent_code"].dropna(),
        }
        parents = table["parent_code"] if "parent_code" in table else pd.Series(pd.NA, index=table.index)
        grandparents = parents.map(city_parent)
        table = table[(parents == parent) | (grandparents == parent)].reset_index(drop=True)
    return table, np.append(pd.Index(table["region_code"]).get_indexer(codes), -1)[unit_idx]


def _aggregate(prep: PreparedCoverage, basis: Basis, level: Level, parent: str | None) -> pd.DataFrame:
    cfg = prep.cfg
    if level not in REGION_LEVELS:
        raise ValueError(
            f"未知层级 {level!r}，应为 {REGION_LEVELS} / unknown level {level!r}, expected one of {REGION_LEVELS}"
        )
    if basis not in ("certified", "meets"):
        raise ValueError(f"未知口径 {basis!r} / unknown basis {basis!r}, expected 'certified' or 'meets'")
    table, unit_region = _region_table(prep, level, parent)
    n_regions, n_types, n_years = len(table), len(prep.unit_types), len(prep.years)
    size = n_regions * n_types * n_years
    # Output row of a (unit, year): region, then type, then year; -1 for units outside the chosen regions.
    group = np.where(unit_region >= 0, unit_region * n_types + prep.unit_type_idx, -1)

    def counter(unit_idx: np.ndarray, year_idx: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        """Sum per output row of weights given per (unit, year) pair; pairs outside the chosen regions drop out."""
        g = group[unit_idx]
        ok = g >= 0
        keys = g[ok] * n_years + year_idx[ok]
        return lambda weights: np.bincount(keys, weights=np.asarray(weights, dtype="float64")[ok], minlength=size)

    n_units = len(group)
    unit_year = counter(np.repeat(np.arange(n_units), n_years), np.tile(np.arange(n_years), n_units))
    active = prep.active.ravel()  # row-major: unit, then year, as the repeat/tile above
    first = np.repeat(prep.first_certified, n_years)
    year_of = np.tile(prep.years, n_units)
    cols: dict[str, np.ndarray] = {
        "units_in_scope": unit_year(active),
        "certified_cumulative": unit_year(active & (first <= year_of)),
        "certified_in_year": unit_year(active & (first == year_of)),
    }
    unit_input = counter(prep.ui_unit, prep.ui_year)
    known = unit_input(prep.ui_meets_known)
    cols["meets_standard"] = unit_input(prep.ui_meets)
    cols["units_no_data"] = cols["units_in_scope"] - known
    round_rows = counter(prep.cert_unit, prep.cert_year)
    for step, reached in prep.cert_steps.items():
        cols[step] = round_rows(reached)
    in_scope, cum, meets = cols["units_in_scope"], cols["certified_cumulative"], cols["meets_standard"]

    idx = np.arange(size)
    region_i, type_i, year_i = idx // (n_types * n_years), (idx // n_years) % n_types, idx % n_years
    out = pd.DataFrame(
        {
            "region_code": table["region_code"].to_numpy(dtype=object)[region_i],
            "region_name": _column(table, "name")[region_i],
        }
    )
    if "name_en" in table:
        out["region_name_en"] = _column(table, "name_en")[region_i]
    out["level"] = level
    out["parent_code"] = _column(table, "parent_code")[region_i]
    out["unit_type"] = np.array(prep.unit_types, dtype=object)[type_i]
    out["year"] = prep.years[year_i]
    for name in ("units_in_scope", "certified_cumulative", "certified_in_year", "meets_standard", "units_no_data"):
        out[name] = cols[name].round().astype("int64")

    with np.errstate(divide="ignore", invalid="ignore"):
        out["coverage_certified"] = np.where(in_scope > 0, cum / in_scope, np.nan)
        out["coverage_meets"] = np.where((in_scope > 0) & (known > 0), meets / in_scope, np.nan)
    out["basis"] = basis
    out["coverage"] = out[f"coverage_{basis}"]
    goal = np.array([cfg.goals[t] for t in prep.unit_types], dtype="float64")[type_i]
    out["goal"] = goal
    out["gap_points"] = (goal - out["coverage"]) * 100
    reached = cum if basis == "certified" else meets
    gap_units = needed_to_reach(goal, in_scope, reached)
    out["gap_units"] = pd.array(np.where(out["coverage"].isna(), np.nan, gap_units), dtype="Int64")

    for name, values in _quota_columns(prep, level, out).items():
        out[name] = values
    for step in PIPELINE_STEPS:
        out[step] = cols[step].round().astype("int64")

    for code, (num, den, pass_known, passed) in prep.ui_pooled.items():
        sum_num, sum_den = unit_input(num), unit_input(den)
        n_known, n_pass = unit_input(pass_known), unit_input(passed)
        with np.errstate(divide="ignore", invalid="ignore"):
            out[code] = np.where(sum_den > 0, sum_num / sum_den, np.nan)
            out[f"{code}_pass_share"] = np.where(n_known > 0, n_pass / n_known, np.nan)
    text = ("region_code", "region_name", "region_name_en", "level", "parent_code", "unit_type", "basis")
    return out.astype({c: "str" for c in text if c in out})  # the same dtype at every level, even all-missing


def _column(table: pd.DataFrame, name: str) -> np.ndarray:
    if name not in table:
        return np.full(len(table), None, dtype=object)
    return table[name].astype(object).where(table[name].notna(), None).to_numpy(dtype=object)


def _quota_columns(prep: PreparedCoverage, level: Level, out: pd.DataFrame) -> dict[str, pd.arrays.IntegerArray]:
    """The round's city quotas on the output rows: city as given, province summed over its cities, county NA."""
    columns = ("target_count", "evaluation_quota")
    quotas = prep.quotas
    if level == "county" or quotas is None or quotas.empty:
        return {c: pd.array([pd.NA] * len(out), dtype="Int64") for c in columns}
    q = quotas[["city_code", "year", "unit_type", *columns]].copy()
    q["region_code"] = q["city_code"] if level == "city" else _province_of_city(q["city_code"], prep.regions)
    q = q.groupby(["region_code", "year", "unit_type"], as_index=False)[list(columns)].sum(min_count=1)
    q["year"] = q["year"].astype("int64")
    merged = out[["region_code", "unit_type", "year"]].merge(q, on=["region_code", "unit_type", "year"], how="left")
    return {c: merged[c].astype("Int64").array for c in columns}


def region_coverage(
    units: pd.DataFrame,
    inputs_or_unit_indicators: pd.DataFrame,
    certifications: pd.DataFrame | None,
    quotas: pd.DataFrame | None,
    regions: pd.DataFrame,
    cfg: Config,
    basis: Basis = "certified",
    level: Level = "province",
    parent: str | None = None,
    years: Iterable[int] | None = None,
    unit_types: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Coverage, gap, pipeline and pooled indicators per region × unit type × year at one level.

    ``inputs_or_unit_indicators`` is either raw ``indicator_inputs`` or the result of
    ``compute_unit_indicators`` (recognised by its ``meets_standard`` column; pass it to avoid recomputing).
    ``parent`` keeps the regions under that code (a county's city or province). ``years`` defaults to every
    year in the inputs or certifications.
    """
    prep = prepare_coverage(units, inputs_or_unit_indicators, certifications, quotas, regions, cfg, years, unit_types)
    return prep.coverage(level, parent, basis)


def coverage_all_levels(
    units: pd.DataFrame,
    inputs_or_unit_indicators: pd.DataFrame,
    certifications: pd.DataFrame | None,
    quotas: pd.DataFrame | None,
    regions: pd.DataFrame,
    cfg: Config,
    basis: Basis = "certified",
    years: Iterable[int] | None = None,
    unit_types: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Province, city and county rows in one frame (the unit-level work is done once)."""
    prep = prepare_coverage(units, inputs_or_unit_indicators, certifications, quotas, regions, cfg, years, unit_types)
    return pd.concat([prep.coverage(level, None, basis) for level in REGION_LEVELS], ignore_index=True)


def rank_regions(
    coverage: pd.DataFrame, column: str = "coverage", higher_is_better: bool = True, within_parent: bool = False
) -> pd.DataFrame:
    """Rank each region among its peers (same level, unit type and year; optionally same parent).

    Adds ``rank`` (1 = best, ties share the best rank), ``n_peers`` (peers with a value) and ``percentile``
    (0–100: the share of the other peers doing strictly worse; 100 for the best or a lone region).
    Rows without a value get NA.
    """
    keys = [k for k in ("level", "basis", "unit_type", "year") if k in coverage]
    if within_parent:
        keys.append("parent_code")
    out = coverage.copy()
    grouped = out.groupby(keys, dropna=False)[column]
    best_first = grouped.rank(method="min", ascending=not higher_is_better)
    worse = grouped.rank(method="min", ascending=higher_is_better) - 1
    n_peers = grouped.transform("count")
    out["rank"] = best_first.astype("Int64")
    out["n_peers"] = n_peers.astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(n_peers > 1, 100 * worse / (n_peers - 1), 100.0)
    out["percentile"] = np.where(out[column].isna(), np.nan, pct)
    return out


__all__ = [
    "PIPELINE_STEPS",
    "PreparedCoverage",
    "coverage_all_levels",
    "prepare_coverage",
    "rank_regions",
    "region_coverage",
]
