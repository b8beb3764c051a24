"""Region coverage on a small hand-built province whose every count is worked out by hand.

Province 320000; cities 320100 (counties 320102, 320111) and 320200 (county 320205).
Street/town units:
  S1 320102  in scope, always active         certified in round 2017
  S2 320102  in scope, active from 2018      round 2018 reached city review
  S3 320111  in scope, active to 2017        certified in round 2016
  S4 320205  OUT of scope                    certified in round 2018 (pipeline only)
  S5 320205  in scope                        rejected 2017 after county evaluation; certified 2018
Community/village: C1 320102, declared in round 2018. Park: P1 in county 320199, which the regions
table does not list (city 320100); no park anywhere in city 320200.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from chuangye.config.loader import load_config
from chuangye.data.schema import INDICATOR_INPUTS
from chuangye.engine.coverage import coverage_all_levels, prepare_coverage, rank_regions, region_coverage
from chuangye.engine.indicators import compute_unit_indicators

CFG = load_config()
COUNTS = [c for c in INDICATOR_INPUTS.column_names if c not in ("unit_code", "year")]
S1, S2, S3, S4, S5 = "320102001", "320102002", "320111001", "320205001", "320205002"
C1, P1 = "320102001001", "320199900"

REGIONS = pd.DataFrame(
    {
        "region_code": ["320000", "320100", "320200", "320102", "320111", "320205"],
        "name": ["江苏省", "南京市", "无锡市", "玄武区", "浦口区", "锡山区"],
        "level": ["province", "city", "city", "county", "county", "county"],
        "parent_code": [None, "320000", "320000", "320100", "320100", "320200"],
    }
)

UNITS = pd.DataFrame(
    {
        "unit_code": [S1, S2, S3, S4, S5, C1, P1],
        "name": ["S1", "S2", "S3", "S4", "S5", "C1", "P1"],
        "unit_type": ["street_town"] * 5 + ["community_village", "park"],
        "in_scope": [True, True, True, False, True, True, True],
        "city_code": ["320100", "320100", "320100", "320200", "320200", "320100", "320100"],
        "county_code": ["320102", "320102", "320111", "320205", "320205", "320102", "320199"],
        "active_from": pd.array([None, 2018, None, None, None, None, None], dtype="Int64"),
        "active_to": pd.array([None, None, 2017, None, None, None, None], dtype="Int64"),
    }
)

D = pd.Timestamp
CERTS = pd.DataFrame(
    {
        "unit_code": [S1, S3, S5, S5, S2, C1, S4],
        "round_year": [2017, 2016, 2017, 2018, 2018, 2018, 2018],
        "stage": ["certified", "certified", "rejected", "certified", "city_reviewed", "declared", "certified"],
        "declared_date": [D("2016-10-01")] * 7,
        "county_evaluated_date": [D("2016-11-01"), pd.NaT, D("2016-11-01"), pd.NaT, pd.NaT, pd.NaT, pd.NaT],
        "city_reviewed_date": [pd.NaT] * 7,
        "decided_date": [pd.NaT] * 7,
    }
)

QUOTAS = pd.DataFrame(
    {
        "city_code": ["320100", "320200", "320100"],
        "year": [2017, 2017, 2018],
        "unit_type": ["street_town"] * 3,
        "target_count": pd.array([2, 1, 4], dtype="Int64"),
        "evaluation_quota": pd.array([3, 1, 5], dtype="Int64"),
    }
)

PASS = dict(
    working_age_population=1000,
    new_entrepreneurs=30,
    trainees=100,
    trainees_started=60,
    entities_prev_year=50,
    entities_surviving=45,
    jobs_by_entrepreneurship=70,
    new_jobs_total=100,
)
FAIL = {**PASS, "trainees_started": 30}
NO_DATA = {**PASS, "trainees": 0, "trainees_started": 0}


def inputs_frame() -> pd.DataFrame:
    plan = [
        (S1, 2016, PASS),
        (S1, 2017, PASS),
        (S1, 2018, FAIL),
        (S2, 2017, PASS),
        (S2, 2018, PASS),  # S2's 2017 row is ignored: not active yet
        (S3, 2016, NO_DATA),
        (S3, 2017, PASS),
        (S3, 2018, PASS),  # 2018 ignored: retired
        (S5, 2016, FAIL),
        (S5, 2018, PASS),  # no row in 2017 -> no data
        (S4, 2016, PASS),
        (S4, 2017, PASS),
        (S4, 2018, PASS),  # out of scope: ignored
        (C1, 2016, PASS),
    ]
    df = pd.DataFrame([{"unit_code": u, "year": y, **v} for u, y, v in plan])
    return df.astype({c: "Int64" for c in COUNTS})


INPUTS = inputs_frame()


def cov(**kwargs) -> pd.DataFrame:
    return region_coverage(UNITS, INPUTS, CERTS, QUOTAS, REGIONS, CFG, **kwargs)


def pick(df: pd.DataFrame, code: str, unit_type: str, year: int) -> pd.Series:
    rows = df[(df.region_code == code) & (df.unit_type == unit_type) & (df.year == year)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_one_row_per_region_type_year():
    df = cov()
    assert len(df) == 1 * 3 * 3
    assert sorted(df.year.unique()) == [2016, 2017, 2018]
    county = cov(level="county")
    assert sorted(county.region_code.unique()) == ["320102", "320111", "320199", "320205"]


def test_units_added_and_retired_mid_period():
    df = cov()
    expected = {  # year: (in scope, certified cumulative, certified that year)
        2016: (3, 1, 1),  # S1 S3 S5; S3 certified 2016
        2017: (3, 2, 1),  # S1 S3 S5; + S1
        2018: (3, 2, 1),  # S1 S2 S5 (S3 retired, S2 new); S1 and S5
    }
    for year, (n, cum, new) in expected.items():
        r = pick(df, "320000", "street_town", year)
        assert (r.units_in_scope, r.certified_cumulative, r.certified_in_year) == (n, cum, new), year
    r = pick(df, "320000", "street_town", 2016)
    assert r.coverage == pytest.approx(1 / 3) and r.coverage_certified == pytest.approx(1 / 3)
    assert r.goal == 0.80
    assert r.gap_points == pytest.approx((0.80 - 1 / 3) * 100)
    assert r.gap_units == 2  # ceil(0.8 * 3 - 1) = ceil(1.4)
    assert pick(df, "320000", "street_town", 2017).gap_units == 1  # ceil(2.4 - 2)


def test_gap_units_when_above_goal_and_float_guard():
    county = cov(level="county")
    r = pick(county, "320205", "street_town", 2018)  # S5 only, certified
    assert (r.units_in_scope, r.certified_cumulative, r.coverage) == (1, 1, 1.0)
    assert r.gap_points == pytest.approx(-20.0) and r.gap_units == 0
    city = cov(level="city")
    r = pick(city, "320100", "street_town", 2018)  # S1 S2 in scope, S1 certified: 0.8*2 - 1 = 0.6
    assert (r.units_in_scope, r.certified_cumulative, r.gap_units) == (2, 1, 1)
    c = pick(cov(level="city"), "320100", "community_village", 2016)  # C1 alone, 0.7 * 1 - 0 -> 1
    assert c.gap_units == 1


def test_region_without_units_of_a_type():
    city = cov(level="city")
    r = pick(city, "320200", "park", 2017)
    assert r.units_in_scope == 0 and r.certified_cumulative == 0
    assert math.isnan(r.coverage) and math.isnan(r.coverage_meets) and math.isnan(r.gap_points)
    assert pd.isna(r.gap_units)
    assert math.isnan(r.success_rate) and math.isnan(r.success_rate_pass_share)
    p = pick(city, "320100", "park", 2017)  # P1 in a county missing from the regions table
    assert (p.units_in_scope, p.coverage, p.gap_units) == (1, 0.0, 1)


def test_meets_basis_and_no_data():
    df = cov(basis="meets")
    expected = {2016: (1, 1), 2017: (2, 1), 2018: (2, 0)}  # (meets, no data)
    for year, (meets, no_data) in expected.items():
        r = pick(df, "320000", "street_town", year)
        assert (r.meets_standard, r.units_no_data) == (meets, no_data), year
        assert r.coverage == pytest.approx(meets / 3) and r.coverage_meets == r.coverage
    assert pick(df, "320000", "street_town", 2018).gap_units == 1  # ceil(2.4 - 2)
    assert pick(df, "320000", "street_town", 2018).basis == "meets"
    # no community/village figures in 2017: coverage unknown rather than 0
    r = pick(df, "320000", "community_village", 2017)
    assert r.units_no_data == 1 and math.isnan(r.coverage_meets) and pd.isna(r.gap_units)


def test_pooled_indicators_and_pass_share():
    r = pick(cov(), "320000", "street_town", 2016)
    # S1 60/100, S3 0/0 (no data, adds nothing), S5 30/100 -> 90/200
    assert r.success_rate == pytest.approx(0.45)
    assert r.success_rate_pass_share == pytest.approx(0.5)  # S1 passes, S5 fails, S3 has no data
    assert r.participation_rate == pytest.approx(90 / 3000)
    assert r.participation_rate_pass_share == pytest.approx(1.0)


def test_round_pipeline_and_quotas():
    df = cov()
    r = pick(df, "320000", "street_town", 2017)  # S1 certified, S5 rejected after county evaluation
    assert [r[c] for c in ("declared", "county_evaluated", "city_reviewed", "certified", "rejected")] == [2, 2, 1, 1, 1]
    assert (r.target_count, r.evaluation_quota) == (3, 4)  # 2 + 1, 3 + 1
    r = pick(df, "320000", "street_town", 2018)  # S5 certified, S2 city reviewed, S4 certified (out of scope)
    assert [r[c] for c in ("declared", "county_evaluated", "city_reviewed", "certified", "rejected")] == [3, 3, 3, 2, 0]
    assert (r.target_count, r.evaluation_quota) == (4, 5)
    r = pick(df, "320000", "street_town", 2016)
    assert (r.declared, r.certified) == (1, 1) and pd.isna(r.target_count)
    city = cov(level="city")
    assert pick(city, "320200", "street_town", 2017).target_count == 1
    assert pd.isna(pick(city, "320200", "street_town", 2018).target_count)
    county = cov(level="county")
    assert county.target_count.isna().all() and county.evaluation_quota.isna().all()
    s5_round = pick(county, "320205", "street_town", 2017)
    assert s5_round[["declared", "county_evaluated", "city_reviewed", "rejected"]].tolist() == [1, 1, 0, 1]
    assert pick(df, "320000", "community_village", 2018).declared == 1


def test_parent_filter_and_columns():
    county = cov(level="county", parent="320100")
    assert sorted(county.region_code.unique()) == ["320102", "320111", "320199"]
    assert set(county.parent_code) == {"320100"}
    assert pick(county, "320102", "street_town", 2018).region_name == "玄武区"
    assert sorted(cov(level="county", parent="320000").region_code.unique()) == ["320102", "320111", "320199", "320205"]
    city = cov(level="city", unit_types=["park"], years=[2018])
    assert list(city.region_code) == ["320100", "320200"] and set(city.unit_type) == {"park"}
    assert set(city.columns) >= {
        "region_code",
        "region_name",
        "level",
        "parent_code",
        "unit_type",
        "year",
        "units_in_scope",
        "certified_cumulative",
        "certified_in_year",
        "meets_standard",
        "units_no_data",
        "coverage_certified",
        "coverage_meets",
        "coverage",
        "goal",
        "gap_points",
        "gap_units",
        "target_count",
        "evaluation_quota",
        "declared",
        "county_evaluated",
        "city_reviewed",
        "certified",
        "rejected",
    }


def test_precomputed_indicators_give_the_same_answer():
    ui = compute_unit_indicators(INPUTS, UNITS, CFG)
    pd.testing.assert_frame_equal(
        cov(level="city"), region_coverage(UNITS, ui, CERTS, QUOTAS, REGIONS, CFG, level="city")
    )


def test_prepared_coverage_answers_repeated_queries():
    prep = prepare_coverage(UNITS, INPUTS, CERTS, QUOTAS, REGIONS, CFG)
    pd.testing.assert_frame_equal(
        prep.coverage("county", "320100", "meets"), cov(level="county", parent="320100", basis="meets")
    )
    with pytest.raises(ValueError, match="unknown level 'town'"):
        prep.coverage("town")


def test_coverage_all_levels_matches_single_levels():
    both = coverage_all_levels(UNITS, INPUTS, CERTS, QUOTAS, REGIONS, CFG)
    assert len(both) == (1 + 2 + 4) * 3 * 3
    for level in ("province", "city", "county"):
        pd.testing.assert_frame_equal(both[both.level == level].reset_index(drop=True), cov(level=level))
    # city sums add up to the province
    city = both[both.level == "city"].groupby(["unit_type", "year"])[["units_in_scope", "certified"]].sum()
    prov = both[both.level == "province"].set_index(["unit_type", "year"])[["units_in_scope", "certified"]]
    pd.testing.assert_frame_equal(city.sort_index(), prov.sort_index(), check_dtype=False)


def test_rank_regions():
    city = rank_regions(cov(level="city"))
    a, b = pick(city, "320100", "street_town", 2018), pick(city, "320200", "street_town", 2018)
    assert (a["rank"], b["rank"]) == (2, 1)
    assert (a.percentile, b.percentile) == (0.0, 100.0) and a.n_peers == 2
    park = pick(city, "320200", "park", 2018)
    assert pd.isna(park["rank"]) and math.isnan(park.percentile)
    assert pick(city, "320100", "park", 2018).percentile == 100.0  # alone among peers with data
    ties = pd.DataFrame(
        {
            "level": "county",
            "unit_type": "park",
            "year": 2018,
            "region_code": list("abcd"),
            "gap_points": [5.0, 5.0, 10.0, 1.0],
        }
    )
    ranked = rank_regions(ties, column="gap_points", higher_is_better=False).set_index("region_code")
    assert ranked["rank"].tolist() == [2, 2, 4, 1]
    assert ranked.percentile.tolist() == pytest.approx([100 / 3, 100 / 3, 0.0, 100.0])


def test_empty_inputs_do_not_crash():
    empty_certs = CERTS.iloc[0:0]
    df = region_coverage(UNITS, INPUTS.iloc[0:0], empty_certs, QUOTAS.iloc[0:0], REGIONS, CFG, years=[2016])
    assert len(df) == 3 and (df.certified_cumulative == 0).all() and df.coverage_meets.isna().all()
    no_rounds = region_coverage(UNITS, INPUTS, None, None, REGIONS, CFG)
    assert (no_rounds.certified_cumulative == 0).all() and no_rounds.target_count.isna().all()
    assert no_rounds.meets_standard.tolist() == cov().meets_standard.tolist()


@pytest.mark.slow
def test_national_scale_is_vectorised():
    """~600,000 units x 5 years: every unit-year counted (how long it takes: ``python -m benchmarks.engine``).

    The frames are the benchmark's own; its step asserts that the province counts every unit-year."""
    from benchmarks.engine import coverage_step

    label, run = coverage_step(1.0)
    assert label.startswith("602,000 units")
    run()
