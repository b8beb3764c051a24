"""Synthetic quotas: the target count and evaluation quota the province hands each city per round and type.

The target count splits the city's share of the 2020 goal over the rounds (ROUND_SHARES); the evaluation
quota leaves a margin of 30 % above it and always covers the units the city actually submitted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from chuangye.sample.story import ROUND_SHARES, ROUNDS

SUBMITTED_STAGES = ("city_reviewed", "certified", "rejected")
EVALUATION_MARGIN = 1.3


def generate_quotas(units: pd.DataFrame, certifications: pd.DataFrame, goals: dict[str, float]) -> pd.DataFrame:
    """``units`` in scope (unit_code, unit_type, city_code, active_to)."""
    active_2020 = units["active_to"].isna() | (units["active_to"] >= ROUNDS[-1])
    sizes = units[active_2020].groupby(["city_code", "unit_type"]).size().rename("units")
    rows = pd.DataFrame(
        [(c, y, t, n, share) for (c, t), n in sizes.items() for y, share in zip(ROUNDS, ROUND_SHARES, strict=True)],
        columns=["city_code", "year", "unit_type", "units", "share"],
    )
    rows["target_count"] = np.rint(rows["unit_type"].map(goals) * rows["units"] * rows["share"]).astype(int)
    submitted = certifications[certifications["stage"].isin(SUBMITTED_STAGES)].merge(
        units[["unit_code", "city_code", "unit_type"]], on="unit_code"
    )
    counts = submitted.groupby(["city_code", "round_year", "unit_type"]).size()
    counts.index = counts.index.set_names(["city_code", "year", "unit_type"])
    rows = rows.join(counts.rename("submitted"), on=["city_code", "year", "unit_type"])
    rows["submitted"] = rows["submitted"].fillna(0).astype(int)
    margin = np.ceil(rows["target_count"] * EVALUATION_MARGIN).astype(int)
    rows["evaluation_quota"] = np.maximum(margin, rows["submitted"])
    return rows.sort_values(["city_code", "year", "unit_type"]).reset_index(drop=True)
