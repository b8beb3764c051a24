"""Progress status of coverage towards the goal, adapted from Open SDG's progress measure.

Open SDG (after Statistics Canada) compares the observed growth since the base year with the growth
required to reach the target on time. Coverage is a share with a fixed goal, so the pace here is linear,
in percentage points per year:

    observed pace = (cov_Y − cov_base) / (Y − base)
    required pace = (goal − cov_base) / (target_year − base)
    ratio = observed / required

``base`` is the configured base year, or, for a region without coverage that year, the next year with
coverage (Open SDG's rule); ``pace_base_year`` says which. Status, in this order:

- ``no_data``: no coverage that year;
- ``achieved``: coverage at or above the goal (any year);
- ``missed``: from the target year on, below the goal (the deadline has passed: a pace no longer applies);
- ``baseline``: the region's base year (coverage is known, a pace is not yet);
- ``on_track`` / ``acceleration_needed`` / ``limited_progress`` / ``deterioration`` by the ratio and the cut-offs
  of the active ``[status]`` preset (``deterioration`` too when a base at the goal has since fallen below it);
- ``no_data`` again for a year before the region's base year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from chuangye.config.loader import Config
from chuangye.engine.indicators import FLOAT_GUARD

STATUSES: tuple[str, ...] = (
    "achieved",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "deterioration",
    "missed",
    "baseline",
    "no_data",
)
PACE_STATUSES: tuple[str, ...] = ("on_track", "acceleration_needed", "limited_progress", "deterioration")

_GROUP_KEYS = ("level", "basis", "region_code", "unit_type")


def pace_bases(coverage: pd.DataFrame, base_year: int, keys: list[str]) -> pd.DataFrame:
    """Per group, the first year from ``base_year`` on with coverage (``pace_base_year``) and that coverage
    (``coverage_base``): the base year itself when it has coverage, else the next year that has."""
    known = coverage["coverage"].notna().to_numpy() & (coverage["year"].to_numpy() >= base_year)
    rows = coverage.loc[known, [*keys, "year", "coverage"]].sort_values("year", kind="stable")
    first = rows.drop_duplicates(keys, keep="first")
    return first.rename(columns={"year": "pace_base_year", "coverage": "coverage_base"})


def first_round_year(certifications: pd.DataFrame | None) -> int | None:
    """The year of the first certification round in the data (any stage: a round was held once units declared),
    None when there is none. Before it, certified coverage is 0 because nothing could be certified yet."""
    if certifications is None or certifications.empty or "round_year" not in certifications:
        return None
    years = pd.to_numeric(certifications["round_year"], errors="coerce").dropna()
    return int(years.min()) if len(years) else None


def add_progress(coverage: pd.DataFrame, cfg: Config) -> pd.DataFrame:
    """Add pace, projection, status and the yearly effort still needed to a ``region_coverage`` frame.

    New columns: ``pace_base_year`` (the year the pace is measured from, see the module docstring; NA when the
    region never has coverage), ``coverage_base``, ``observed_pace``, ``required_pace``, ``pace_ratio``,
    ``required_pace_from_now`` (paces in percentage points per year), ``projected_coverage_target`` (a share,
    observed pace carried on to the target year, within 0..1), ``units_needed_per_year`` (ceil(gap_units /
    years left), NA from the target year on) and ``status``.
    """
    target_year = cfg.target_year
    keys = [k for k in _GROUP_KEYS if k in coverage]
    out = coverage.merge(pace_bases(coverage, cfg.base_year, keys), on=keys, how="left")
    out.index = coverage.index
    out["pace_base_year"] = out["pace_base_year"].astype("Int64")

    cov = out["coverage"].to_numpy(dtype="float64")
    cov_base = out["coverage_base"].to_numpy(dtype="float64")
    goal = out["goal"].to_numpy(dtype="float64")
    year = out["year"].to_numpy(dtype="int64")
    base = out["pace_base_year"].to_numpy(dtype="float64", na_value=np.nan)
    since_base = year - base
    base_to_target = target_year - base
    years_left = (target_year - year).astype("float64")

    with np.errstate(divide="ignore", invalid="ignore"):
        observed = np.where(since_base > 0, (cov - cov_base) / since_base, np.nan)
        required = np.where(base_to_target > 0, (goal - cov_base) / base_to_target, np.nan)
        ratio = np.where(required > 0, observed / required, np.nan)
        from_now = np.where(years_left > 0, np.maximum(goal - cov, 0.0) / years_left, np.nan)
    projected = np.where(years_left >= 0, np.clip(cov + observed * years_left, 0.0, 1.0), np.nan)

    out["observed_pace"] = observed * 100
    out["required_pace"] = required * 100
    out["pace_ratio"] = ratio
    out["required_pace_from_now"] = from_now * 100
    out["projected_coverage_target"] = projected
    if "gap_units" in out:
        gap = out["gap_units"].to_numpy(dtype="float64", na_value=np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            per_year = np.where(years_left > 0, np.ceil(gap / years_left), np.nan)
        out["units_needed_per_year"] = pd.array(per_year, dtype="Int64")
    else:
        out["units_needed_per_year"] = pd.array([pd.NA] * len(out), dtype="Int64")
    out["status"] = _status(cov, goal, since_base, observed, ratio, cfg, years_left)
    return out


def _status(
    cov: np.ndarray,
    goal: np.ndarray,
    since_base: np.ndarray,
    observed: np.ndarray,
    ratio: np.ndarray,
    cfg: Config,
    years_left: np.ndarray,
) -> np.ndarray:
    cut = cfg.status
    no_coverage = np.isnan(cov) | np.isnan(goal)
    # the guard keeps 0.56 / 0.7 (= 0.7999999…) at a goal of 0.8 achieved
    achieved = ~no_coverage & (cov >= goal - FLOAT_GUARD)
    # The base already met the goal but coverage has since fallen below it: required pace <= 0, ratio undefined.
    fell_back = np.isnan(ratio) & (observed < 0)
    conditions = [
        no_coverage,
        achieved,
        years_left <= 0,  # the target year has come and coverage is below the goal
        since_base == 0,
        np.isnan(since_base) | (since_base < 0),
        fell_back,
        ratio >= cut.on_track - FLOAT_GUARD,  # the guard keeps 0.19 / 0.2 (= 0.9499999) on track
        ratio >= cut.acceleration_needed - FLOAT_GUARD,
        ratio >= cut.limited_progress - FLOAT_GUARD,
        ~np.isnan(ratio),
    ]
    choices = [
        "no_data",
        "achieved",
        "missed",
        "baseline",
        "no_data",
        "deterioration",
        "on_track",
        "acceleration_needed",
        "limited_progress",
        "deterioration",
    ]
    return np.select(conditions, choices, default="no_data").astype(object)


__all__ = ["PACE_STATUSES", "STATUSES", "add_progress", "first_round_year", "pace_bases"]
