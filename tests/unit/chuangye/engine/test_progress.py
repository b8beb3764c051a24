"""Progress status: pace ratios at and around every cut-off, worked out by hand.

Goal 0.80, base year 2016, target 2020. With base coverage 0.40 the required pace is
(0.80 − 0.40) / 4 = 10 points a year; in 2018 (two years on) the observed pace is (cov − 0.40) / 2.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from chuangye.config.loader import StatusCutoffs, load_config
from chuangye.engine.coverage import region_coverage
from chuangye.engine.progress import STATUSES, add_progress
from chuangye.strings.i18n import STRINGS, status_label

CFG = load_config()


def frame(series: dict[str, dict[int, float]], goal: float = 0.80, gap_units: dict | None = None) -> pd.DataFrame:
    rows = []
    for code, by_year in series.items():
        for year, value in by_year.items():
            rows.append(
                {
                    "level": "city",
                    "region_code": code,
                    "unit_type": "street_town",
                    "year": year,
                    "coverage": value,
                    "goal": goal,
                    "gap_units": (gap_units or {}).get((code, year), pd.NA),
                }
            )
    df = pd.DataFrame(rows)
    df["gap_units"] = df["gap_units"].astype("Int64")
    return df


def status_of(cov_2018: float, base: float = 0.40, cfg=CFG) -> str:
    out = add_progress(frame({"x": {2016: base, 2018: cov_2018}}), cfg)
    return out.loc[out.year == 2018, "status"].item()


def with_preset(name: str):
    """The packaged configuration with another of its presets active."""
    return CFG.model_copy(update={"status": CFG.status_presets[name]})


@pytest.mark.parametrize(
    ("cov_2018", "expected"),
    [
        (0.80, "achieved"),  # at the goal
        (0.85, "achieved"),
        (0.60, "on_track"),  # ratio 1.0
        (0.59, "on_track"),  # ratio 0.95 exactly (0.19 / 0.2 is 0.9499999 in binary)
        (0.5899, "acceleration_needed"),  # ratio 0.9495
        (0.52, "acceleration_needed"),  # ratio 0.6 exactly (Open SDG's middle cut-off)
        (0.5199, "limited_progress"),  # ratio 0.5995
        (0.50, "limited_progress"),  # ratio 0.5
        (0.40, "limited_progress"),  # ratio 0: no change
        (0.3999, "deterioration"),  # ratio < 0
    ],
)
def test_status_boundaries_open_sdg(cov_2018, expected):
    assert CFG.status.preset == "open_sdg"  # the packaged default
    assert status_of(cov_2018) == expected


@pytest.mark.parametrize(
    ("cov_2018", "expected"),
    [
        (0.59, "on_track"),  # ratio 0.95
        (0.5899, "acceleration_needed"),
        (0.50, "acceleration_needed"),  # ratio 0.5 exactly (the Progress Chart's middle cut-off)
        (0.4999, "limited_progress"),  # ratio 0.4995
        (0.40, "limited_progress"),  # ratio 0
        (0.38, "limited_progress"),  # ratio −0.1 exactly: the Progress Chart tolerates a small fall
        (0.3799, "deterioration"),  # ratio −0.1005
    ],
)
def test_status_boundaries_un_progress_chart(cov_2018, expected):
    assert status_of(cov_2018, cfg=with_preset("un_progress_chart")) == expected


def test_no_data_cases():
    out = add_progress(
        frame(
            {
                "nan_now": {2016: 0.40, 2018: float("nan")},
                "nan_base": {2016: float("nan"), 2018: 0.50},
                "no_base_row": {2018: 0.50},
            }
        ),
        CFG,
    ).set_index(["region_code", "year"])
    assert out.loc[("nan_now", 2018), "status"] == "no_data"
    assert out.loc[("nan_base", 2018), "status"] == "no_data"
    assert out.loc[("no_base_row", 2018), "status"] == "no_data"
    assert out.loc[("nan_now", 2016), "status"] == "no_data"  # Y == base: no pace yet


def test_base_year_already_at_goal_is_achieved():
    out = add_progress(frame({"x": {2016: 0.85}}), CFG)
    assert out.status.item() == "achieved"


def test_falling_below_a_goal_met_in_the_base_year_is_deterioration():
    assert status_of(0.75, base=0.85) == "deterioration"  # required pace <= 0, ratio undefined
    assert status_of(0.82, base=0.85) == "achieved"


def test_paces_projection_and_units_per_year():
    df = frame(
        {"x": {2016: 0.40, 2018: 0.59, 2020: 0.70, 2021: 0.75}},
        gap_units={("x", 2018): 7, ("x", 2020): 3, ("x", 2021): 1},
    )
    out = add_progress(df, CFG).set_index("year")
    r = out.loc[2018]
    assert r.coverage_base == 0.40
    assert r.observed_pace == pytest.approx(9.5)  # (0.59 − 0.40) / 2 × 100
    assert r.required_pace == pytest.approx(10.0)  # (0.80 − 0.40) / 4 × 100
    assert r.pace_ratio == pytest.approx(0.95)
    assert r.required_pace_from_now == pytest.approx(10.5)  # (0.80 − 0.59) / 2 × 100
    assert r.projected_coverage_target == pytest.approx(0.78)  # 0.59 + 0.095 × 2
    assert r.units_needed_per_year == 4  # ceil(7 / 2)
    assert pd.isna(out.loc[2020, "units_needed_per_year"]) and pd.isna(out.loc[2021, "units_needed_per_year"])
    assert math.isnan(out.loc[2020, "required_pace_from_now"])
    assert out.loc[2020, "projected_coverage_target"] == pytest.approx(0.70)
    assert math.isnan(out.loc[2021, "projected_coverage_target"])
    assert math.isnan(out.loc[2016, "observed_pace"])


def test_projection_is_kept_within_0_and_1():
    out = add_progress(frame({"x": {2016: 0.10, 2017: 0.60}}, goal=0.90), CFG).set_index("year")
    assert out.loc[2017, "projected_coverage_target"] == 1.0  # 0.60 + 0.5 × 3 capped


def test_cut_offs_come_from_the_configuration():
    assert status_of(0.58) == "acceleration_needed"  # ratio 0.9
    lenient = CFG.model_copy(
        update={"status": StatusCutoffs(on_track=0.9, acceleration_needed=0.6, limited_progress=0.0)}
    )
    assert status_of(0.58, cfg=lenient) == "on_track"
    assert status_of(0.51, cfg=lenient) == "limited_progress"  # ratio 0.55 < 0.6


def test_groups_are_kept_apart_and_order_is_preserved():
    df = frame({"b": {2018: 0.50, 2016: 0.40}, "a": {2016: 0.10, 2018: 0.05}})
    out = add_progress(df, CFG)
    assert list(out.region_code) == ["b", "b", "a", "a"] and list(out.index) == list(df.index)
    assert out.set_index(["region_code", "year"]).loc[("a", 2018), "status"] == "deterioration"


def test_labels():
    assert {s for s in STATUSES if f"status_{s}" in STRINGS} == set(STATUSES)
    assert status_label("on_track") == "进度正常" and status_label("on_track", "en") == "On track"
    assert status_label("deterioration") == "出现倒退" and status_label("no_data", "en") == "No data"


def test_works_on_region_coverage_output():
    regions = pd.DataFrame(
        {"region_code": ["320000"], "name": ["江苏省"], "level": ["province"], "parent_code": [None]}
    )
    units = pd.DataFrame(
        {
            "unit_code": [f"32010200{i}" for i in range(5)],
            "unit_type": "street_town",
            "in_scope": True,
            "city_code": "320100",
            "county_code": "320102",
        }
    )
    inputs = pd.DataFrame({"unit_code": units.unit_code.repeat(3).to_numpy(), "year": [2016, 2017, 2018] * 5})
    for c in (
        "working_age_population",
        "new_entrepreneurs",
        "trainees",
        "trainees_started",
        "entities_prev_year",
        "entities_surviving",
        "jobs_by_entrepreneurship",
        "new_jobs_total",
    ):
        inputs[c] = pd.array([100] * len(inputs), dtype="Int64")
    # one unit certified in 2016 (20 %), two more in 2018 (60 %)
    certs = pd.DataFrame(
        {"unit_code": units.unit_code[:3].to_numpy(), "round_year": [2016, 2018, 2018], "stage": "certified"}
    )
    cov = region_coverage(units, inputs, certs, None, regions, CFG, unit_types=["street_town"])
    out = add_progress(cov, CFG).set_index("year")
    assert out.coverage.tolist() == pytest.approx([0.2, 0.2, 0.6])
    # required 15 points a year; observed (60 − 20) / 2 = 20 -> on track; 2017 no change -> limited progress
    assert out.status.tolist() == ["no_data", "limited_progress", "on_track"]
    # gap ceil(0.8 × 5 − 3) = 1 unit, over the two years left: ceil(1 / 2) = 1 a year
    assert out.loc[2018, "gap_units"] == 1 and out.loc[2018, "units_needed_per_year"] == 1


def test_target_year_below_goal_is_never_on_track():
    cfg = load_config()
    frame = pd.DataFrame(
        {
            "region_code": ["320300"] * 2,
            "level": ["city"] * 2,
            "unit_type": ["street_town"] * 2,
            "year": [cfg.base_year, cfg.target_year],
            "coverage": [0.0, 0.79],  # 0.79 / 0.80 of the required pace: on track by the ratio alone
            "goal": [0.80, 0.80],
            "gap_units": [80, 1],
        }
    )
    out = add_progress(frame, cfg)
    assert out.loc[1, "pace_ratio"] > cfg.status.on_track
    assert out.loc[1, "status"] == "acceleration_needed"
