"""Progress status: pace ratios at and around every cut-off, worked out by hand.

Goal 0.80, base year 2016, target 2020. With base coverage 0.40 the required pace is
(0.80 − 0.40) / 4 = 10 points a year; in 2018 (two years on) the observed pace is (cov − 0.40) / 2.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from chuangye.config.loader import FORMULA_COLUMNS, StatusCutoffs, load_config
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


def test_no_data_and_the_base_year():
    out = add_progress(
        frame(
            {
                "nan_now": {2016: 0.40, 2018: float("nan")},
                "never": {2016: float("nan"), 2018: float("nan")},
                "early_row": {2015: 0.30, 2016: 0.40, 2018: 0.50},
            }
        ),
        CFG,
    ).set_index(["region_code", "year"])
    assert out.loc[("nan_now", 2018), "status"] == "no_data"  # no coverage that year
    assert out.loc[("nan_now", 2016), "status"] == "baseline"  # the base year: coverage known, no pace yet
    assert out.loc[("never", 2018), "status"] == "no_data" and pd.isna(out.loc[("never", 2018), "pace_base_year"])
    assert out.loc[("early_row", 2015), "status"] == "no_data"  # before the base year: no pace, no baseline
    assert out.loc[("early_row", 2018), "pace_base_year"] == 2016


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
    assert out.status.tolist() == ["baseline", "limited_progress", "on_track"]
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
    assert out.loc[1, "status"] == "missed"  # issue 8: below the goal at the deadline is its own status


# ---- issue 8: missed from the target year on -------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "coverage", "expected"),
    [
        (2020, 0.79, "missed"),  # the target year, just below the goal, whatever the pace
        (2020, 0.10, "missed"),
        (2020, 0.80, "achieved"),  # at the goal
        (2020, 0.1 + 0.7, "achieved"),  # 0.7999999999999999: the float guard keeps it at the goal
        (2020, 0.7999, "missed"),  # a real shortfall is not swallowed by the guard
        (2021, 0.79, "missed"),  # after the target year too
        (2021, 0.95, "achieved"),
        (2019, 0.79, "on_track"),  # before the target year the pace statuses still apply
    ],
)
def test_missed_from_the_target_year_on(year, coverage, expected):
    out = add_progress(frame({"x": {2016: 0.0, year: coverage}}), CFG).set_index("year")
    assert out.loc[year, "status"] == expected


def test_missed_is_a_status_with_words_in_both_languages():
    assert "missed" in STATUSES and "baseline" in STATUSES
    assert status_label("missed") == "未达目标" and status_label("missed", "en") == "Goal missed"
    assert status_label("baseline") == "基期" and status_label("baseline", "en") == "Base year"


def test_missed_with_every_preset():
    for name in CFG.status_presets:
        cfg = with_preset(name)
        out = add_progress(frame({"x": {2016: 0.0, 2020: 0.79}}), cfg).set_index("year")
        assert out.loc[2020, "status"] == "missed", name


# ---- issue 8: the base year falls back to the next year with coverage -------------------------------------


def test_a_region_without_base_year_coverage_takes_the_next_year_with_coverage_as_its_base():
    df = frame(
        {
            "late": {2016: float("nan"), 2017: 0.20, 2019: 0.50},
            "on_time": {2016: 0.20, 2017: 0.30, 2019: 0.50},
        }
    )
    out = add_progress(df, CFG).set_index(["region_code", "year"])
    late, on_time = out.loc["late"], out.loc["on_time"]
    assert late["pace_base_year"].tolist() == [2017, 2017, 2017]  # every row says which base was used
    assert on_time["pace_base_year"].tolist() == [2016, 2016, 2016]
    assert late.loc[2017, "coverage_base"] == 0.20
    # required (80 − 20) / (2020 − 2017) = 20 points a year; observed (50 − 20) / (2019 − 2017) = 15
    assert late.loc[2019, "required_pace"] == pytest.approx(20.0)
    assert late.loc[2019, "observed_pace"] == pytest.approx(15.0)
    assert late.loc[2019, "pace_ratio"] == pytest.approx(0.75)
    assert late.loc[2019, "status"] == "acceleration_needed"
    assert late.loc[2017, "status"] == "baseline" and late.loc[2016, "status"] == "no_data"
    # the same figures measured from 2016 would read differently: (50 − 20) / 3 = 10 of 15 needed
    assert on_time.loc[2019, "pace_ratio"] == pytest.approx(10 / 15)


def test_a_region_whose_first_coverage_is_the_target_year_is_achieved_or_missed():
    out = add_progress(frame({"a": {2016: float("nan"), 2020: 0.5}, "b": {2020: 0.9}}), CFG)
    out = out.set_index("region_code")
    assert out.loc["a"].set_index("year").loc[2020, "status"] == "missed"
    assert out.loc["b", "status"] == "achieved"
    assert out.loc["b", "pace_base_year"] == 2020 and pd.isna(out.loc["b", "required_pace"])


def test_the_base_year_used_comes_from_region_coverage_output():
    """A county whose units all start in 2018 has no coverage before: its pace is measured from 2018."""
    regions = pd.DataFrame(
        {"region_code": ["320000"], "name": ["江苏省"], "level": ["province"], "parent_code": [None]}
    )
    units = pd.DataFrame(
        {
            "unit_code": ["320102001", "320102002", "320102003", "320102004"],
            "unit_type": "street_town",
            "in_scope": True,
            "city_code": "320100",
            "county_code": "320102",
            "active_from": 2018,
        }
    )
    inputs = pd.DataFrame({"unit_code": units.unit_code.repeat(3).to_numpy(), "year": [2016, 2018, 2019] * 4})
    for column in FORMULA_COLUMNS:
        inputs[column] = pd.array([100] * len(inputs), dtype="Int64")
    certs = pd.DataFrame({"unit_code": ["320102001", "320102002"], "round_year": [2018, 2019], "stage": "certified"})
    cov = region_coverage(units, inputs, certs, None, regions, CFG, level="county", unit_types=["street_town"])
    out = add_progress(cov, CFG).set_index("year")
    assert pd.isna(out.loc[2016, "coverage"])  # no unit active yet
    assert out["pace_base_year"].tolist() == [2018, 2018, 2018]
    assert out.loc[2018, "status"] == "baseline"
    # 25 % in 2018, 50 % in 2019: 25 points a year against (80 − 25) / 2 = 27.5 needed
    assert out.loc[2019, "pace_ratio"] == pytest.approx(25 / 27.5)
