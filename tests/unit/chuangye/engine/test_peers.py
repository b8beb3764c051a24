"""Peer comparison and the unit-scorecard computations on the bundled sample, checked against plain pandas."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.engine.peers import (
    indicator_comparison_for,
    lagging_counties_for,
    lagging_units_for,
    region_options,
    resolve_subject,
    standing,
    standing_for,
    unit_gaps,
)
from chuangye.engine.scorecard import (
    build_search_index,
    certification_rounds,
    closest_to_standard,
    indicator_history,
    search_units,
    step_deadline,
)
from chuangye.sample.bundled import SAMPLE_DIR

REPO = Path(__file__).resolve().parents[4]
YEAR, BASIS = 2019, "certified"


@pytest.fixture(scope="module")
def an(tmp_path_factory) -> Analytics:
    store = Store(tmp_path_factory.mktemp("peers-store"))
    store.ensure_initialised(SAMPLE_DIR)
    return Analytics(store.active(), load_config())


def plain_place(frame: pd.DataFrame, code: str) -> tuple[int, int, float]:
    """Rank (1 = best, ties share), peers with a value and percentile, the long way round."""
    frame = frame.dropna(subset=["coverage"])
    mine = frame.loc[frame["region_code"] == code, "coverage"].iloc[0]
    others = frame[frame["region_code"] != code]["coverage"]
    rank = 1 + int((frame["coverage"] > mine).sum())
    return rank, len(frame), 100.0 * (others < mine).sum() / len(others)


# ---------------------------------------------------------------------------------------------- subject


def test_resolve_subject_accepts_cities_counties_and_townships(an):
    assert resolve_subject(an.regions, "320100").level == "city"
    county = resolve_subject(an.regions, "320115")
    assert (county.level, county.city_code, county.county_code) == ("county", "320100", "320115")
    assert resolve_subject(an.regions, "320115001").code == "320115"  # a township stands for its county
    for region in ("320000", "999999", "", None):
        assert resolve_subject(an.regions, region).code == an.regions.codes("city")[0] == "320100"


def test_a_blank_region_gives_the_default_when_it_is_a_city_or_county_else_the_first_city(an):
    assert resolve_subject(an.regions, None, default="320300").code == "320300"
    assert resolve_subject(an.regions, "", default="320303").code == "320303"
    assert resolve_subject(an.regions, "320500", default="320300").code == "320500"  # the URL's region first
    assert resolve_subject(an.regions, None, default="320000").code == "320100"  # the province: first city


def test_region_options_list_the_cities_and_the_counties_of_one_city(an):
    cities = region_options(an.regions, "city", "zh")
    assert len(cities) == 13 and cities[0] == {"label": "南京市", "value": "320100"}
    counties = region_options(an.regions, "county", "en", "320100")
    assert len(counties) == 11 and {"label": "Jiangning District", "value": "320115"} in counties


# --------------------------------------------------------------------------------------------- standing


@pytest.mark.parametrize("code,level", [("320500", "city"), ("320115", "county"), ("320576", "county")])
def test_standing_matches_plain_pandas(an, code, level):
    subject = resolve_subject(an.regions, code)
    got = standing_for(an, subject, BASIS, YEAR).set_index("unit_type")
    peers = an.coverage(basis=BASIS, level=level, year=YEAR)
    province = an.coverage(basis=BASIS, region="320000", year=YEAR).set_index("unit_type")
    for unit_type in ("street_town", "community_village"):
        rows = peers[peers["unit_type"] == unit_type]
        row = got.loc[unit_type]
        mine = rows.loc[rows["region_code"] == code].iloc[0]
        rank, n, pct = plain_place(rows, code)
        assert (row["rank"], row["n_peers"]) == (rank, n)
        assert row["percentile"] == pytest.approx(pct)
        same_city = rows[rows["parent_code"] == mine["parent_code"]]
        rank_c, n_c, pct_c = plain_place(same_city, code)
        assert (row["rank_in_parent"], row["n_in_parent"], row["percentile_in_parent"]) == (
            rank_c,
            n_c,
            pytest.approx(pct_c),
        )
        prov = province.at[unit_type, "coverage"]
        assert row["to_province_points"] == pytest.approx((mine["coverage"] - prov) * 100)
        best = rows["coverage"].max()
        assert row["best_coverage"] == pytest.approx(best)
        assert row["to_best_points"] == pytest.approx((mine["coverage"] - best) * 100)
        assert rows.loc[rows["region_code"] == row["best_code"], "coverage"].iloc[0] == best


def test_standing_agrees_with_the_core_ranking(an):
    ranked = an.ranked(basis="meets", level="city", year=2018)
    got = standing_for(an, resolve_subject(an.regions, "321300"), "meets", 2018).set_index("unit_type")
    core = ranked[ranked["region_code"] == "321300"].set_index("unit_type")
    for unit_type in got.index:
        assert got.at[unit_type, "rank"] == core.at[unit_type, "rank"]
        assert got.at[unit_type, "percentile"] == pytest.approx(core.at[unit_type, "percentile"])


def test_standing_without_units_has_no_rank():
    peers = pd.DataFrame(
        {
            "region_code": ["A", "B", "C"],
            "region_name": ["甲", "乙", "丙"],
            "parent_code": ["P", "P", "Q"],
            "unit_type": "park",
            "coverage": [np.nan, 0.5, 1.0],
            "goal": 0.9,
            "status": ["no_data", "on_track", "achieved"],
            "gap_points": [np.nan, 40.0, -10.0],
            "gap_units": pd.array([pd.NA, 2, 0], dtype="Int64"),
            "units_in_scope": [0, 4, 2],
        }
    )
    province = pd.DataFrame({"unit_type": ["park"], "coverage": [0.7]})
    none = standing(peers, "A", province).iloc[0]
    assert pd.isna(none["rank"]) and none["n_peers"] == 2
    b = standing(peers, "B", province).iloc[0]
    assert (b["rank"], b["percentile"], b["rank_in_parent"], b["n_in_parent"]) == (2, 0.0, 1, 1)
    assert b["best_code"] == "C" and b["to_best_points"] == pytest.approx(-50.0)
    assert b["to_province_points"] == pytest.approx(-20.0)


def test_indicator_comparison_uses_the_pooled_rates_and_the_type_thresholds(an):
    subject = resolve_subject(an.regions, "320115")
    got = indicator_comparison_for(an, subject, BASIS, YEAR, "park").set_index("indicator")
    mine = an.coverage(basis=BASIS, region="320115", year=YEAR, unit_type="park").iloc[0]
    prov = an.coverage(basis=BASIS, region="320000", year=YEAR, unit_type="park").iloc[0]
    assert list(got.index) == an.cfg.core_indicators
    for code in got.index:
        assert got.at[code, "value"] == pytest.approx(mine[code])
        assert got.at[code, "pass_share"] == pytest.approx(mine[f"{code}_pass_share"])
        assert got.at[code, "province_value"] == pytest.approx(prov[code])
        assert got.at[code, "threshold"] == an.cfg.thresholds["park"][code]
        assert bool(got.at[code, "reaches"]) == (mine[code] >= an.cfg.thresholds["park"][code])


# -------------------------------------------------------------------------------------- lagging children


def test_lagging_counties_are_ordered_by_gap(an):
    got = lagging_counties_for(an, "320300", BASIS, YEAR, "community_village")
    plain = an.coverage(basis=BASIS, level="county", year=YEAR, unit_type="community_village", parent="320300")
    plain = plain[plain["units_in_scope"] > 0].sort_values(["gap_points", "region_code"], ascending=[False, True])
    assert list(got["region_code"]) == list(plain["region_code"])
    assert got["gap_points"].is_monotonic_decreasing
    assert got["rank"].notna().all() and (got["n_peers"] > 13).all()  # ranked among all counties


def test_lagging_units_put_uncounted_units_with_the_largest_gap_first(an):
    got = lagging_units_for(an, "320115", BASIS, 2018, "community_village")
    units = an.dataset.units
    expected = units[(units["county_code"] == "320115") & (units["unit_type"] == "community_village")]
    assert set(got["unit_code"]) == set(expected.loc[expected["in_scope"].fillna(False), "unit_code"])
    counted = got["counted"].to_numpy()
    assert not counted[: (~counted).sum()].any()  # every uncounted unit before any counted one
    uncounted = got[~got["counted"] & got["gap_score"].notna()]
    assert uncounted["gap_score"].is_monotonic_decreasing
    worst = uncounted.iloc[0]
    assert worst["failing"] and worst["shortfall_zh"].startswith("还需")
    ui = an.unit_indicators
    row = ui[(ui["unit_code"] == worst["unit_code"]) & (ui["year"] == 2018)].iloc[0]
    failing = [c for c in an.cfg.core_indicators if not pd.isna(row[f"{c}_pass"]) and not row[f"{c}_pass"]]
    assert worst["failing"] == failing
    score = sum((an.cfg.thresholds["community_village"][c] - row[c]) / an.cfg.thresholds["community_village"][c]
                for c in failing)  # fmt: skip
    assert worst["gap_score"] == pytest.approx(score)
    certified = got[got["certified"]]
    first = an.dataset.certifications.query("stage == 'certified'").groupby("unit_code")["round_year"].min()
    assert (certified["unit_code"].map(first) <= 2018).all()


def test_unit_gaps_on_the_meets_basis_counts_units_meeting_the_standard(an):
    from chuangye.engine.peers import county_units

    rows = county_units(an, "320102", 2020, "street_town")
    got = unit_gaps(rows, an.cfg, 2020, "meets")
    assert (got["counted"] == got["meets_standard"].fillna(False)).all()
    assert set(got["state"]) <= {"certified", "meets", "below", "no_data"}


# ------------------------------------------------------------------------------------ unit scorecard data


def test_search_finds_units_by_partial_name_english_name_and_code_prefix(an):
    index = build_search_index(an.dataset.units)
    by_name = [index.codes.iat[i] for i in search_units(index, "梅园")]
    by_code = [index.codes.iat[i] for i in search_units(index, "3201020")]
    by_english = [index.codes.iat[i] for i in search_units(index, "MEIYUANXINCUN")]
    assert "320102002" in by_name and "320102002" in by_code and "320102002" in by_english
    assert by_code[0] == "320102002"  # shortest matching code first
    assert search_units(index, "320102002")[0] == search_units(index, "3201020")[0]
    assert len(search_units(index, "村")) == 20  # capped
    assert search_units(index, "  ") == [] and search_units(index, "没有这个单位") == []
    names = [index.names.iat[i] for i in search_units(index, "梅园")]
    assert all("梅园" in n for n in names)


def _failing_every_core_indicator(an, year: int) -> str:
    """A unit that fails all four core indicators in ``year`` (whichever the sample has)."""
    ui = an.unit_indicators
    rows = ui[(ui["year"] == year) & (ui["n_core_passed"] == 0) & (ui["n_core_no_data"] == 0)]
    return str(rows["unit_code"].sort_values().iloc[0])


def test_indicator_history_is_the_scorecard_of_every_year(an):
    unit = _failing_every_core_indicator(an, 2018)
    history = indicator_history(an, unit)
    assert sorted(history["year"].unique()) == an.years
    for year in (2016, 2020):
        card = an.scorecard(unit, year)["indicators"].set_index("indicator")
        mine = history[history["year"] == year].set_index("indicator")
        assert mine["value"].to_dict() == pytest.approx(card["value"].to_dict(), nan_ok=True)
        assert list(mine["shortfall_zh"]) == list(card["shortfall_zh"])
    failing = history[(history["year"] == 2018) & (history["pass"] == False)]  # noqa: E712
    assert len(failing) == 4 and failing["shortfall_zh"].str.startswith(("还需", "上年")).all()


def test_certification_rounds_mark_steps_outcomes_and_late_dates():
    certs = pd.DataFrame(
        {
            "unit_code": ["U"] * 3,
            "round_year": pd.array([2017, 2019, 2020], dtype="Int64"),
            "stage": ["rejected", "certified", "county_evaluated"],
            "declared_date": pd.to_datetime(["2016-10-01", "2018-08-04", "2019-09-01"]),
            "county_evaluated_date": pd.to_datetime(["2016-11-01", "2018-09-11", "2020-01-05"]),
            "city_reviewed_date": pd.to_datetime([None, "2019-01-12", None]),
            "decided_date": pd.to_datetime([None, "2019-06-20", None]),
        }
    )
    rounds = certification_rounds(certs)
    assert [r["round_year"] for r in rounds] == [2017, 2019, 2020]
    assert [r["outcome"] for r in rounds] == ["rejected", "certified", "open"]
    states = [[s["state"] for s in r["steps"]] for r in rounds]
    assert states[0] == ["done", "done", "rejected", "pending"]  # turned down at city review
    assert states[1] == ["done"] * 4
    assert states[2] == ["done", "done", "pending", "pending"]
    late = [[s["step"] for s in r["steps"] if s["late"]] for r in rounds]
    assert late == [[], ["city_reviewed", "decided"], ["county_evaluated"]]
    assert rounds[1]["n_late"] == 2
    assert step_deadline("city_reviewed", 2019) == date(2018, 12, 31)
    assert step_deadline("decided", 2019) == date(2019, 5, 31)
    assert step_deadline("declared", 2019) is None


def test_closest_to_standard_lists_units_below_it_smallest_gap_first(an):
    found = closest_to_standard(an, "320102", 2020, "street_town", n=6)
    assert 0 < len(found) <= 6
    assert (found["meets_standard"] == False).all()  # noqa: E712
    assert found["unit_code"].str.startswith("3201").all()  # the county, then the rest of its city
    in_county = found[found["county_code"] == "320102"]
    assert in_county["gap_score"].is_monotonic_increasing
