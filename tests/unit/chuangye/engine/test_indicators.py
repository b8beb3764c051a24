"""Unit-level indicators on hand-built frames whose answers are worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from chuangye.config.loader import StandardRule, load_config
from chuangye.data.schema import INDICATOR_INPUTS
from chuangye.engine.indicators import compute_unit_indicators, needed_to_reach, shortfall, unit_scorecard

CFG = load_config()
COUNTS = [c for c in INDICATOR_INPUTS.column_names if c not in ("unit_code", "year")]

UNITS = pd.DataFrame(
    {
        "unit_code": ["320102001", "320102001001", "320102900", "320102400"],
        "name": ["街道甲", "社区乙", "园区丙", "农场丁"],
        "unit_type": pd.array(["street_town", "community_village", "park", None], dtype="str"),
        "in_scope": [True, True, True, False],
        "city_code": ["320100"] * 4,
        "county_code": ["320102"] * 4,
    }
)


def row(code: str, year: int, pop=1000, ne=25, tr=100, ts=60, ep=50, es=45, je=60, jt=100) -> dict:
    return dict(zip(["unit_code", "year", *COUNTS], [code, year, pop, ne, tr, ts, ep, es, je, jt], strict=True))


def frame(*rows: dict) -> pd.DataFrame:
    df = pd.DataFrame(list(rows))
    for c in COUNTS:
        df[c] = df[c].astype("Int64")
    df["unit_code"] = df["unit_code"].astype("str")
    return df


INPUTS = frame(
    # street_town, thresholds 0.005 / 0.50 / 0.80 / 0.50:
    # participation 25/1000 = 2.5 % pass; success 38/100 fail (12 short); survival 40/50 = 0.80 exactly: pass;
    # employment 60/100 pass.  -> 3 of 4 core passed, does not meet.
    row("320102001", 2017, ts=38, es=40),
    # no trainees: success rate has no data -> meets_standard NA although the other three pass
    row("320102001", 2018, tr=0, ts=0),
    # community_village: new_entrepreneurs missing -> participation (and jobs per entrepreneur) no data
    row("320102001001", 2017, ne=None),
    # community_village: 60 surviving out of 50 -> flagged, value kept (1.2) and passes; all four pass
    row("320102001001", 2018, es=60),
    # park, thresholds 0.008 / 0.55 / 0.85 / 0.60, each reached exactly (0.55 * 100 is 55.000000000000007)
    row("320102900", 2017, pop=2500, ne=20, tr=100, ts=55, ep=20, es=17, je=60, jt=100),
    # out of scope, no type: values but no pass/fail
    row("320102400", 2017),
    # a unit the units table does not know
    row("999999999", 2017),
)


@pytest.fixture(scope="module")
def result() -> pd.DataFrame:
    return compute_unit_indicators(INPUTS, UNITS, CFG).set_index(["unit_code", "year"])


def test_values_and_pass(result):
    r = result.loc[("320102001", 2017)]
    assert r["participation_rate"] == pytest.approx(0.025)
    assert r["success_rate"] == pytest.approx(0.38)
    assert r["survival_rate"] == pytest.approx(0.80)
    assert [bool(r[f"{c}_pass"]) for c in CFG.core_indicators] == [True, False, True, True]
    assert r["n_core_passed"] == 3
    assert not pd.isna(r["meets_standard"]) and not r["meets_standard"]
    assert r["jobs_per_entrepreneur"] == pytest.approx(60 / 25)
    assert pd.isna(r["jobs_per_entrepreneur_pass"])  # no threshold for the non-core ratio
    assert not r["jobs_per_entrepreneur_flag_over"]  # ratios may exceed 1


def test_zero_denominator_is_no_data_not_zero(result):
    r = result.loc[("320102001", 2018)]
    assert math.isnan(r["success_rate"])
    assert pd.isna(r["success_rate_pass"])
    assert r["n_core_no_data"] == 1 and r["n_core_passed"] == 3
    assert pd.isna(r["meets_standard"])


def test_missing_numerator_is_no_data(result):
    r = result.loc[("320102001001", 2017)]
    assert math.isnan(r["participation_rate"]) and math.isnan(r["jobs_per_entrepreneur"])
    assert pd.isna(r["participation_rate_pass"]) and pd.isna(r["meets_standard"])


def test_numerator_above_denominator_is_flagged_and_kept(result):
    r = result.loc[("320102001001", 2018)]
    assert r["survival_rate"] == pytest.approx(1.2)
    assert r["survival_rate_flag_over"]
    assert bool(r["survival_rate_pass"])
    assert bool(r["meets_standard"])
    assert not result["success_rate_flag_over"].any()


def test_reaching_the_threshold_exactly_passes(result):
    r = result.loc[("320102900", 2017)]
    assert [bool(r[f"{c}_pass"]) for c in CFG.core_indicators] == [True, True, True, True]
    assert bool(r["meets_standard"]) and r["n_core_passed"] == 4


def test_units_without_type_get_values_but_no_verdict(result):
    for key in [("320102400", 2017), ("999999999", 2017)]:
        r = result.loc[key]
        assert r["success_rate"] == pytest.approx(0.6)
        assert pd.isna(r["success_rate_pass"]) and pd.isna(r["meets_standard"])


def test_dtypes_and_shape(result):
    assert len(result) == len(INPUTS)
    assert result["meets_standard"].dtype == "boolean"
    assert result["success_rate_pass"].dtype == "boolean"
    assert result["success_rate"].dtype == "float64"
    assert result["survival_rate_flag_over"].dtype == bool
    assert set(COUNTS) <= set(result.columns)  # inputs kept for pooling and shortfalls


def test_rule_at_least():
    cfg = CFG.model_copy(update={"standard": StandardRule(rule="at_least", min_passed=3)})
    out = compute_unit_indicators(INPUTS, UNITS, cfg).set_index(["unit_code", "year"])
    assert bool(out.loc[("320102001", 2017), "meets_standard"])  # 3 of 4 is enough now
    assert pd.isna(out.loc[("320102001", 2018), "meets_standard"])  # a core indicator without data stays NA
    strict = cfg.model_copy(update={"standard": StandardRule(rule="at_least", min_passed=4)})
    out = compute_unit_indicators(INPUTS, UNITS, strict).set_index(["unit_code", "year"])
    assert not bool(out.loc[("320102001", 2017), "meets_standard"])


def test_needed_to_reach_rounding():
    assert needed_to_reach(0.55, 100, 55) == 0  # 0.55 * 100 = 55.000000000000007
    assert needed_to_reach(0.7, 10, 6) == 1  # 0.7 * 10 = 7.000000000000001
    assert needed_to_reach(0.8, 1334, 0) == 1068  # ceil(1067.2)
    assert needed_to_reach(0.5, 100, 70) == 0  # never negative
    assert list(needed_to_reach([0.5, 0.02], [100, 1000], [38, 19])) == [12, 1]


def test_shortfall_texts(result):
    gaps = shortfall(result.loc[("320102001", 2017)], CFG)
    assert gaps == {
        "success_rate": {
            "count": 12,
            "zh": "还需 12 名培训学员成功创业",
            "en": "12 more trainees must start a business",
        }
    }
    assert shortfall(result.loc[("320102900", 2017)], CFG) == {}


def test_shortfall_participation_counts_people():
    # 4000 working-age residents at 0.5 %: 20 needed, 13 started -> 7 more
    inputs = frame(row("320102001", 2019, pop=4000, ne=13))
    out = compute_unit_indicators(inputs, UNITS, CFG).iloc[0]
    gaps = shortfall(out, CFG)
    assert gaps["participation_rate"]["count"] == 7
    assert gaps["participation_rate"]["zh"] == "还需新增 7 名创业者"


def test_unit_scorecard(result):
    ui = result.reset_index()
    card = unit_scorecard("320102001", 2017, ui, CFG)
    assert card["unit_type"] == "street_town" and card["n_core_passed"] == 3
    assert not bool(card["meets_standard"])
    table = card["indicators"].set_index("indicator")
    assert list(table.index) == list(CFG.indicators)
    s = table.loc["success_rate"]
    assert (s["numerator"], s["denominator"], s["threshold"]) == (38, 100, 0.50)
    assert s["value"] == pytest.approx(0.38) and not s["pass"]
    assert s["shortfall_count"] == 12
    assert s["shortfall_en"] == "12 more trainees must start a business"
    assert table.loc["participation_rate", "shortfall_zh"] == ""
    assert pd.isna(table.loc["participation_rate", "shortfall_count"])
    assert math.isnan(table.loc["jobs_per_entrepreneur", "threshold"])
    # every screen shows an indicator with the config's decimals: a 0.5 % threshold needs two
    assert table["digits"].to_dict() == {code: ind.shown_digits for code, ind in CFG.indicators.items()}
    assert table.loc["participation_rate", "digits"] == 2 and table.loc["jobs_per_entrepreneur", "digits"] == 2


def test_unit_scorecard_without_figures_and_unknown_unit(result):
    ui = result.reset_index()
    card = unit_scorecard("320102900", 2019, ui, CFG, units=UNITS)
    assert card["unit_type"] == "park" and pd.isna(card["meets_standard"])
    assert card["indicators"]["value"].isna().all() and card["indicators"]["pass"].isna().all()
    assert card["indicators"].set_index("indicator").loc["success_rate", "threshold"] == 0.55
    with pytest.raises(KeyError, match="未找到单位 123 / Unit 123 not found"):
        unit_scorecard("123", 2017, ui, CFG, units=UNITS)
