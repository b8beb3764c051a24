"""Coverage for every region × unit type × year, recomputed from the bundled CSV files with plain pandas
(no code from ``chuangye/`` except the goals and thresholds read from the configuration), must equal what
the engine reports, on both bases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.sample.bundled import SAMPLE_DIR

SAMPLE = SAMPLE_DIR
CORE = {
    "participation_rate": ("new_entrepreneurs", "working_age_population"),
    "success_rate": ("trainees_started", "trainees"),
    "survival_rate": ("entities_surviving", "entities_prev_year"),
    "employment_contribution": ("jobs_by_entrepreneurship", "new_jobs_total"),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> Analytics:
    store = Store(tmp_path_factory.mktemp("store"))
    store.ensure_initialised(SAMPLE)
    return Analytics(store.active(), load_config())


def plain_pandas_coverage() -> pd.DataFrame:
    cfg = load_config()
    units = pd.read_csv(SAMPLE / "units.csv", dtype=str)
    units = units[units["in_scope"].str.lower() == "true"]
    units["active_from"] = pd.to_numeric(units["active_from"]).fillna(0)
    units["active_to"] = pd.to_numeric(units["active_to"]).fillna(9999)
    inputs = pd.read_csv(SAMPLE / "indicator_inputs.csv", dtype={"unit_code": str})
    certs = pd.read_csv(SAMPLE / "certifications.csv", dtype={"unit_code": str})
    first_cert = certs[certs["stage"] == "certified"].groupby("unit_code")["round_year"].min()

    merged = inputs.merge(units[["unit_code", "unit_type"]], on="unit_code")
    passes = []
    for code, (num, den) in CORE.items():
        threshold = merged["unit_type"].map({t: cfg.thresholds[t][code] for t in cfg.thresholds})
        value = merged[num] / merged[den].where(merged[den] > 0)
        passes.append(value >= threshold - 1e-12)
    merged["meets"] = pd.concat(passes, axis=1).all(axis=1)
    meets = set(zip(merged.loc[merged["meets"], "unit_code"], merged.loc[merged["meets"], "year"], strict=True))

    rows = []
    for year in sorted(inputs["year"].unique()):
        active = units[(units["active_from"] <= year) & (units["active_to"] >= year)].copy()
        active["certified"] = active["unit_code"].map(first_cert).le(year)
        active["meets"] = [(c, year) in meets for c in active["unit_code"]]
        active["province_code"] = "320000"
        for level, column in (("province", "province_code"), ("city", "city_code"), ("county", "county_code")):
            grouped = active.groupby([column, "unit_type"]).agg(
                units=("unit_code", "size"), n_certified=("certified", "sum"), n_meets=("meets", "sum")
            )
            for (region, unit_type), r in grouped.iterrows():
                rows.append(
                    {
                        "region_code": region,
                        "unit_type": unit_type,
                        "year": int(year),
                        "level": level,
                        "units": r["units"],
                        "n_certified": r["n_certified"],
                        "n_meets": r["n_meets"],
                        "goal": cfg.goals[unit_type],
                    }
                )
    out = pd.DataFrame(rows)
    out["exp_coverage_certified"] = out["n_certified"] / out["units"]
    out["exp_coverage_meets"] = out["n_meets"] / out["units"]
    return out


def test_engine_matches_plain_pandas_for_every_region_type_year(engine):
    expected = plain_pandas_coverage()
    assert len(expected) > 1500  # (1 + 13 + 104 regions) × up to 3 types × 5 years
    for basis in ("certified", "meets"):
        got = engine.coverage(basis=basis)
        got = got[got["units_in_scope"] > 0]
        joined = expected.merge(got, on=["region_code", "unit_type", "year", "level"], how="outer", indicator=True)
        assert (joined["_merge"] == "both").all(), joined[joined["_merge"] != "both"].head()
        np.testing.assert_array_equal(joined["units"], joined["units_in_scope"])
        np.testing.assert_array_equal(joined["n_certified"], joined["certified_cumulative"])
        np.testing.assert_array_equal(joined["n_meets"], joined["meets_standard"])
        column = f"exp_coverage_{basis}"
        np.testing.assert_allclose(joined["coverage"], joined[column], rtol=0, atol=1e-12)
        gap_points = (joined["goal_x"] - joined[column]) * 100
        np.testing.assert_allclose(joined["gap_points"], gap_points, atol=1e-9)
        gap_units = np.maximum(0, np.ceil(joined["goal_x"] * joined["units"] - 1e-9) - joined[f"n_{basis}"])
        np.testing.assert_array_equal(joined["gap_units"].astype(int), gap_units.astype(int))
