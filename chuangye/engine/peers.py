"""同级比较 Peer comparison: where a city or county stands among its peers, and which of its parts lag.

Peers: a city among the province's cities; a county among all county-level areas of the province and
among those of its own city. The "province average" is the province's own figure (all its units pooled,
the number the overview shows), not the unweighted mean of the peers' shares.

Everything here is pure: frames in, frames out. The ``*_for`` helpers only fetch the frames from an
``Analytics`` and memoise per-unit work on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from chuangye.config.loader import Config
from chuangye.engine.coverage import rank_regions
from chuangye.engine.indicators import FLOAT_GUARD, as_float, needed_to_reach
from chuangye.engine.manager import Analytics
from chuangye.engine.regions import RegionTree

MAX_UNIT_ROWS = 200  # a county has up to ~520 villages: the table keeps the ones lagging most

SubjectLevel = Literal["city", "county"]


@dataclass(frozen=True)
class Subject:
    code: str
    level: SubjectLevel
    city_code: str

    @property
    def county_code(self) -> str | None:
        return self.code if self.level == "county" else None


def resolve_subject(regions: RegionTree, region: str | None, default: str | None = None) -> Subject:
    """The subject a URL's ``region`` names: a city or county; a township code stands for its county.

    The province, unknown codes and blanks give ``default`` when it is a city or county, else the first city
    (by code).
    """
    cities = regions.codes("city")
    first_city = cities[0] if cities else ""
    for code in (region or "", (region or "")[:6], default or "", first_city):
        level = regions.level_of(code)
        if level == "city":
            return Subject(code, "city", code)
        if level == "county":
            return Subject(code, "county", str(regions.parent_of(code)))
    raise KeyError(f"区划 {first_city} 不在区划表中 / region {first_city} is not in the regions table")


def region_options(regions: RegionTree, level: str, lang: str, parent: str | None = None) -> list[dict]:
    """Dropdown options (label, value) of the regions of one level, optionally under one parent, by code."""
    codes = regions.children(parent) if parent is not None else regions.level
    return [{"label": regions.name(c, lang), "value": c} for c in sorted(codes) if regions.level_of(c) == level]


# ------------------------------------------------------------------------------------------ standing


def standing(peers: pd.DataFrame, subject_code: str, province: pd.DataFrame) -> pd.DataFrame:
    """The subject's place among its peers, one row per unit type.

    ``peers``: coverage rows of one level, year and basis (every region of the level, all unit types);
    ``province``: the province's rows for the same year and basis. Columns: ``unit_type``, ``coverage``,
    ``goal``, ``status``, ``gap_points``, ``gap_units``, ``units_in_scope``; ``rank``, ``n_peers``,
    ``percentile`` among all peers and ``rank_in_parent``, ``n_in_parent``, ``percentile_in_parent``
    among those with the same parent (same rules as ``coverage.rank_regions``: 1 = best, ties share the
    best rank, percentile = share of the other peers doing strictly worse); ``province_coverage`` and
    ``to_province_points`` (subject minus province, percentage points); ``best_code``, ``best_name``,
    ``best_name_en``, ``best_coverage`` and ``to_best_points`` (subject minus the best peer, ≤ 0).
    Ranks are NA when the subject has no value.
    """
    province_by_type = dict(zip(province["unit_type"], province["coverage"], strict=False))
    wanted = ["region_code", "region_name", "region_name_en", "parent_code", "unit_type", "coverage", "goal",
              "status", "gap_points", "gap_units", "units_in_scope"]  # fmt: skip
    peers = peers[[c for c in wanted if c in peers]]
    rows = []
    for unit_type, group in peers.groupby("unit_type", sort=False):
        codes = group["region_code"].to_numpy(dtype=object)
        hit = np.flatnonzero(codes == subject_code)
        if not len(hit):
            continue
        me = group.iloc[hit[0]]
        cov_all = group["coverage"].to_numpy(dtype="float64")
        same_parent = (group["parent_code"] == me["parent_code"]).to_numpy(dtype=bool)
        cov = float(me["coverage"])
        overall = _place(cov, cov_all)
        inside = _place(cov, cov_all[same_parent])
        best = _best(group, cov_all)
        prov = float(province_by_type.get(unit_type, np.nan))
        rows.append(
            {
                "unit_type": unit_type,
                "region_code": subject_code,
                "coverage": cov,
                "goal": float(me["goal"]),
                "status": me["status"],
                "gap_points": float(me["gap_points"]),
                "gap_units": me["gap_units"],
                "units_in_scope": int(me["units_in_scope"]),
                "rank": overall[0],
                "n_peers": overall[1],
                "percentile": overall[2],
                "rank_in_parent": inside[0],
                "n_in_parent": inside[1],
                "percentile_in_parent": inside[2],
                "province_coverage": prov,
                "to_province_points": (cov - prov) * 100,
                "best_code": None if best is None else best["region_code"],
                "best_name": None if best is None else best["region_name"],
                "best_name_en": None if best is None else best.get("region_name_en"),
                "best_coverage": np.nan if best is None else float(best["coverage"]),
                "to_best_points": np.nan if best is None else (cov - float(best["coverage"])) * 100,
            }
        )
    out = pd.DataFrame.from_records(rows)
    if not out.empty:
        out["rank"] = out["rank"].astype("Int64")
        out["rank_in_parent"] = out["rank_in_parent"].astype("Int64")
    return out


def _place(value: float, values: np.ndarray) -> tuple[Any, int, float]:
    """(rank, peers with a value, percentile) of ``value`` among ``values`` (NaN = no value)."""
    known = values[~np.isnan(values)]
    if np.isnan(value):
        return pd.NA, len(known), np.nan
    better = int((known > value).sum())
    worse = int((known < value).sum())
    return better + 1, len(known), (100.0 * worse / (len(known) - 1) if len(known) > 1 else 100.0)


def _best(group: pd.DataFrame, cov: np.ndarray) -> pd.Series | None:
    """The peer with the highest value (lowest code on ties)."""
    if np.isnan(cov).all():
        return None
    top = np.flatnonzero(cov == np.nanmax(cov))
    codes = group["region_code"].to_numpy(dtype=object)[top]
    return group.iloc[top[int(np.argmin(codes))]]


def coverage_of(
    an: Analytics,
    basis: str,
    year: int,
    *,
    level: str | None = None,
    region: str | None = None,
    unit_type: str | None = None,
) -> pd.DataFrame:
    """``an.coverage`` for one basis and year, filtered from a memoised copy of that year's rows.

    The page asks for the same year's rows five or six times per view; each ``an.coverage`` call scans
    every year and level, so the year's few hundred rows are kept (per basis and year) and filtered here.
    """
    rows = an.artefact(f"coverage|{basis}|{year}", lambda: an.coverage(basis=basis, year=int(year)))
    mask = np.ones(len(rows), dtype=bool)
    if level is not None:
        mask &= (rows["level"] == level).to_numpy(dtype=bool)
    if region is not None:
        mask &= (rows["region_code"] == region).to_numpy(dtype=bool)
    if unit_type is not None:
        mask &= (rows["unit_type"] == unit_type).to_numpy(dtype=bool)
    return rows[mask].reset_index(drop=True)


def standing_for(an: Analytics, subject: Subject, basis: str, year: int) -> pd.DataFrame:
    peers = coverage_of(an, basis, year, level=subject.level)
    province = coverage_of(an, basis, year, region=an.regions.root)
    return standing(peers, subject.code, province)


def peer_values(
    an: Analytics, subject: Subject, basis: str, year: int, unit_type: str | None, lang: str
) -> pd.DataFrame:
    """All peers of the subject's level (one unit type, or all): code, display name, coverage, parent."""
    rows = coverage_of(an, basis, year, level=subject.level, unit_type=unit_type)
    names = rows["region_name_en"] if lang == "en" and "region_name_en" in rows else rows["region_name"]
    names = names.where(names.notna() & (names.astype("string") != "") & (names != "None"), rows["region_name"])
    return rows[["region_code", "parent_code", "unit_type", "coverage", "status", "units_in_scope"]].assign(
        region_name=names
    )


# ---------------------------------------------------------------------------------------- indicators


def indicator_comparison(
    subject_row: Mapping[str, Any], province_row: Mapping[str, Any], cfg: Config, unit_type: str
) -> pd.DataFrame:
    """The core indicators of a region (pooled rates and pass shares) against the type's thresholds.

    ``subject_row`` / ``province_row``: one coverage row each (same type, year and basis), holding per
    indicator ``<code>`` (pooled value) and ``<code>_pass_share``. Columns: ``indicator``, ``name_zh``,
    ``name_en``, ``format``, ``threshold``, ``value``, ``pass_share``, ``province_value``,
    ``province_pass_share``, ``reaches`` (pooled value ≥ threshold; NA without a value) and
    ``to_threshold_points`` (value minus threshold, percentage points).
    """
    records = []
    for code in cfg.core_indicators:
        ind = cfg.indicators[code]
        threshold = cfg.threshold(unit_type, code)
        value = _float(subject_row.get(code))
        reaches = pd.NA if np.isnan(value) or threshold is None else bool(value >= threshold - FLOAT_GUARD)
        records.append(
            {
                "indicator": code,
                "name_zh": ind.name_zh,
                "name_en": ind.name_en,
                "format": ind.format,
                "digits": ind.shown_digits,
                "threshold": np.nan if threshold is None else float(threshold),
                "value": value,
                "pass_share": _float(subject_row.get(f"{code}_pass_share")),
                "province_value": _float(province_row.get(code)),
                "province_pass_share": _float(province_row.get(f"{code}_pass_share")),
                "reaches": reaches,
                "to_threshold_points": (value - threshold) * 100 if threshold is not None else np.nan,
            }
        )
    out = pd.DataFrame.from_records(records)
    out["reaches"] = out["reaches"].astype("boolean")
    return out


def indicator_comparison_for(an: Analytics, subject: Subject, basis: str, year: int, unit_type: str) -> pd.DataFrame:
    mine = coverage_of(an, basis, year, region=subject.code, unit_type=unit_type)
    province = coverage_of(an, basis, year, region=an.regions.root, unit_type=unit_type)
    empty: dict[str, Any] = {}
    return indicator_comparison(
        mine.iloc[0].to_dict() if len(mine) else empty,
        province.iloc[0].to_dict() if len(province) else empty,
        an.cfg,
        unit_type,
    )


def _float(value: Any) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return float("nan")
    return out


# ------------------------------------------------------------------------------------ lagging children


def lagging_counties(counties: pd.DataFrame) -> pd.DataFrame:
    """A city's counties for one type, year and basis, furthest below the goal first.

    Counties without units of the type drop out; ties keep code order.
    """
    rows = counties[counties["units_in_scope"] > 0]
    return rows.sort_values(["gap_points", "region_code"], ascending=[False, True], na_position="last").reset_index(
        drop=True
    )


def lagging_counties_for(an: Analytics, city: str, basis: str, year: int, unit_type: str) -> pd.DataFrame:
    """``lagging_counties`` of one city, each with its rank among all the province's counties."""
    ranked = rank_regions(coverage_of(an, basis, year, level="county", unit_type=unit_type))
    return lagging_counties(ranked[ranked["parent_code"] == city])


def unit_years(units: pd.DataFrame, unit_indicators: pd.DataFrame, certifications: pd.DataFrame, cfg: Config):
    """Every in-scope unit with a type × every year of figures, plus its first certified round.

    Columns: ``unit_code``, ``name``, ``name_en``, ``unit_type``, ``city_code``, ``county_code``, ``year``,
    ``first_certified`` (float, NaN if never), ``active``, per core indicator ``<code>`` and ``<code>_pass``
    with its numerator and denominator columns, and ``meets_standard``, ``n_core_passed``,
    ``n_core_no_data``. Units without figures in a year get a row with no data. Only these columns are
    kept: every lookup copies rows, and narrow rows copy fast.
    """
    typed = units[units["in_scope"].fillna(False).astype(bool) & units["unit_type"].isin(cfg.unit_types)]
    typed = typed.drop_duplicates("unit_code")
    years = sorted(int(y) for y in unit_indicators["year"].dropna().unique())
    grid = typed.loc[typed.index.repeat(len(years))].reset_index(drop=True)
    grid["year"] = np.tile(np.array(years, dtype="int64"), len(typed))
    start = as_float(grid["active_from"]) if "active_from" in grid else np.full(len(grid), np.nan)
    end = as_float(grid["active_to"]) if "active_to" in grid else np.full(len(grid), np.nan)
    year = grid["year"].to_numpy(dtype="float64")
    grid["active"] = (np.isnan(start) | (start <= year)) & (np.isnan(end) | (end >= year))
    certified = certifications[certifications["stage"] == "certified"]
    first = certified.groupby("unit_code")["round_year"].min()
    grid["first_certified"] = grid["unit_code"].map(first).astype("float64")
    wanted = ["meets_standard", "n_core_passed", "n_core_no_data"]
    for code in cfg.core_indicators:
        ind = cfg.indicators[code]
        wanted += [code, f"{code}_pass", ind.numerator, ind.denominator]
    keep = ["unit_code", "year", *(c for c in dict.fromkeys(wanted) if c in unit_indicators and c not in grid)]
    ui = unit_indicators[keep].copy()
    ui["year"] = ui["year"].astype("int64")
    out = grid[["unit_code", "name", "name_en", "unit_type", "city_code", "county_code", "year", "first_certified",
                "active"]].merge(ui, on=["unit_code", "year"], how="left")  # fmt: skip
    out["n_core_passed"] = out["n_core_passed"].fillna(0).astype("int64")
    out["n_core_no_data"] = out["n_core_no_data"].fillna(len(cfg.core_indicators)).astype("int64")
    return out


def unit_gaps(rows: pd.DataFrame, cfg: Config, year: int, basis: str = "certified") -> pd.DataFrame:
    """Units of one area, type and year, those lagging most first, with what each still lacks.

    ``rows``: rows of ``unit_years`` for that year (active units). Adds ``certified`` (certified in a
    round up to ``year``), ``state`` (certified / meets / below / no_data, as on the map), ``counted``
    (counts towards coverage on ``basis``), ``failing`` (core indicator codes below threshold),
    ``shortfall_zh`` / ``shortfall_en`` (what each failing indicator still needs, joined), and
    ``gap_score``: the sum over failing core indicators of how far below the threshold the value is,
    as a share of the threshold (0 when all pass, NaN without figures). Order: units not counted first,
    then the largest gap, units without figures after those with, then code.
    """
    out = rows[rows["active"]].copy()
    out["certified"] = out["first_certified"] <= year
    meets = out["meets_standard"].astype("boolean") if "meets_standard" in out else pd.Series(pd.NA, out.index)
    out["state"] = np.select(
        [out["certified"].to_numpy(bool), meets.fillna(False).to_numpy(bool), meets.notna().to_numpy(bool)],
        ["certified", "meets", "below"],
        "no_data",
    )
    out["counted"] = out["certified"] if basis == "certified" else meets.fillna(False).astype(bool)
    n = len(out)
    score = np.zeros(n)
    failing: list[list[str]] = [[] for _ in range(n)]
    short_zh: list[list[str]] = [[] for _ in range(n)]
    short_en: list[list[str]] = [[] for _ in range(n)]
    for code in cfg.core_indicators:
        ind = cfg.indicators[code]
        passed = out[f"{code}_pass"].astype("boolean") if f"{code}_pass" in out else pd.Series(pd.NA, out.index)
        fails = (~passed.fillna(True)).to_numpy(bool)
        if not fails.any():
            continue
        threshold = np.array([cfg.threshold(t, code) or np.nan for t in out["unit_type"]], dtype="float64")
        value = as_float(out[code])
        score += np.where(fails, np.maximum(0.0, (threshold - value) / threshold), 0.0)
        need = needed_to_reach(threshold, as_float(out[ind.denominator]), as_float(out[ind.numerator]))
        for i in np.flatnonzero(fails):
            count = max(1, int(need[i]))
            failing[i].append(code)
            short_zh[i].append(ind.shortfall_zh.format(n=count))
            short_en[i].append(ind.shortfall_en.format(n=count))
    out["gap_score"] = np.where(out["n_core_no_data"].to_numpy() > 0, np.nan, score)
    out["failing"] = failing
    out["shortfall_zh"] = ["；".join(s) for s in short_zh]
    out["shortfall_en"] = ["; ".join(s) for s in short_en]
    out["_no_data"] = out["gap_score"].isna()
    out = out.sort_values(["counted", "_no_data", "gap_score", "unit_code"], ascending=[True, True, False, True])
    return out.drop(columns="_no_data").reset_index(drop=True)


def unit_years_for(an: Analytics) -> tuple[pd.DataFrame, dict[tuple[str, int, str], np.ndarray]]:
    """``unit_years`` of the active data and its row positions per (county, year, unit type), built once."""

    def build():
        frame = unit_years(an.dataset.units, an.unit_indicators, an.dataset.certifications, an.cfg)
        return frame, frame.groupby(["county_code", "year", "unit_type"]).indices

    return an.artefact("unit_years", build)


def county_units(an: Analytics, counties: str | list[str], year: int, unit_type: str | None = None) -> pd.DataFrame:
    """Rows of ``unit_years`` of one county (or several) in one year, of one unit type or all."""
    frame, index = unit_years_for(an)
    types = [unit_type] if unit_type else an.cfg.unit_types
    wanted = [counties] if isinstance(counties, str) else counties
    parts = [index[key] for c in wanted for ut in types if (key := (c, int(year), ut)) in index]
    return frame.iloc[np.sort(np.concatenate(parts)) if parts else np.array([], dtype="int64")]


def lagging_units_for(an: Analytics, county: str, basis: str, year: int, unit_type: str) -> pd.DataFrame:
    return unit_gaps(county_units(an, county, year, unit_type), an.cfg, year, basis)


__all__ = [
    "MAX_UNIT_ROWS",
    "Subject",
    "county_units",
    "coverage_of",
    "indicator_comparison",
    "indicator_comparison_for",
    "lagging_counties",
    "lagging_counties_for",
    "lagging_units_for",
    "peer_values",
    "region_options",
    "resolve_subject",
    "standing",
    "standing_for",
    "unit_gaps",
    "unit_years",
    "unit_years_for",
]
