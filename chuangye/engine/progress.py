"""Progress status of coverage towards the goal, adapted from Open SDG's progress measure.

Open SDG (after Statistics Canada) compares the observed growth since the base year with the growth
required to reach the target on time. Coverage is a share with a fixed goal, so the pace here is linear,
in percentage points per year:

    observed pace = (cov_Y − cov_base) / (Y − base_year)
    required pace = (goal − cov_base) / (target_year − base_year)
    ratio = observed / required

status: achieved (cov_Y >= goal), then on_track / acceleration_needed / limited_progress / deterioration by
the cut-offs of ``[status]`` in the configuration, no_data without coverage or before a year after the base.
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
    "no_data",
)

_GROUP_KEYS = ("level", "basis", "region_code", "unit_type")


def add_progress(coverage: pd.DataFrame, cfg: Config) -> pd.DataFrame:
    """Add pace, projection, status and the yearly effort still needed to a ``region_coverage`` frame.

    New columns: ``coverage_base``, ``observed_pace``, ``required_pace``, ``pace_ratio``,
    ``required_pace_from_now`` (paces in percentage points per year), ``projected_coverage_target``
    (a share, observed pace carried on to the target year, within 0..1), ``units_needed_per_year``
    (ceil(gap_units / years left), NA from the target year on) and ``status``.
    """
    base_year, target_year = cfg.base_year, cfg.target_year
    keys = [k for k in _GROUP_KEYS if k in coverage]
    base = coverage.loc[coverage["year"] == base_year, [*keys, "coverage"]].drop_duplicates(keys)
    out = coverage.merge(base.rename(columns={"coverage": "coverage_base"}), on=keys, how="left")
    out.index = coverage.index

    cov = out["coverage"].to_numpy(dtype="float64")
    cov_base = out["coverage_base"].to_numpy(dtype="float64")
    goal = out["goal"].to_numpy(dtype="float64")
    year = out["year"].to_numpy(dtype="int64")
    since_base = (year - base_year).astype("float64")
    years_left = (target_year - year).astype("float64")

    with np.errstate(divide="ignore", invalid="ignore"):
        observed = np.where(since_base > 0, (cov - cov_base) / since_base, np.nan)
        required = (goal - cov_base) / (target_year - base_year)
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
    out["status"] = _status(cov, cov_base, goal, since_base, observed, ratio, cfg, years_left)
    return out


def _status(
    cov: np.ndarray,
    cov_base: np.ndarray,
    goal: np.ndarray,
    since_base: np.ndarray,
    observed: np.ndarray,
    ratio: np.ndarray,
    cfg: Config,
    years_left: np.ndarray,
) -> np.ndarray:
    cut = cfg.status
    no_coverage = np.isnan(cov) | np.isnan(goal)
    achieved = ~no_coverage & (cov >= goal - FLOAT_GUARD)
    no_pace = np.isnan(cov_base) | (since_base <= 0)
    # The base already met the goal but coverage has since fallen below it: required pace <= 0, ratio undefined.
    fell_back = np.isnan(ratio) & (observed < 0)
    conditions = [
        no_coverage,
        achieved,
        no_pace,
        fell_back,
        # From the target year on, a region still below the goal is no longer "on track", however close.
        (ratio >= cut.on_track - FLOAT_GUARD) & (years_left > 0),  # the guard keeps 0.19 / 0.2 (= 0.9499999) on track
        ratio >= cut.acceleration_needed - FLOAT_GUARD,
        ratio >= cut.limited_progress - FLOAT_GUARD,
        ~np.isnan(ratio),
    ]
    choices = [
        "no_data",
        "achieved",
        "no_data",
        "deterioration",
        "on_track",
        "acceleration_needed",
        "limited_progress",
        "deterioration",
    ]
    return np.select(conditions, choices, default="no_data").astype(object)


__all__ = ["STATUSES", "add_progress"]
