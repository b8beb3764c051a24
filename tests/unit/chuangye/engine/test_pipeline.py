"""The certification pipeline against a plain-pandas recount of the bundled Jiangsu sample, plus hand-made cases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from chuangye.data.store import Store
from chuangye.engine.manager import DataManager
from chuangye.engine.pipeline import (
    CITY_FLAGS,
    build_pipeline,
    deadlines,
    pipeline_for,
    step_deadline,
)
from chuangye.figures.funnel import certified_vs_target, pipeline_funnel
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.pages.certification.rows import city_rows, flag_text, issue_rows

REPO = Path(__file__).resolve().parents[4]
SAMPLE = SAMPLE_DIR
ROUND = 2019
DATES = ["declared_date", "county_evaluated_date", "city_reviewed_date", "decided_date"]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("pipeline-store"))
    store.ensure_initialised(SAMPLE)
    return store


@pytest.fixture(scope="module")
def pipe(store):
    return pipeline_for(DataManager(store).current())


@pytest.fixture(scope="module")
def raw() -> dict[str, pd.DataFrame]:
    """The sample CSVs read with nothing but pandas: codes as text, dates parsed."""
    codes = {"unit_code": str, "city_code": str, "county_code": str, "region_code": str, "parent_code": str}
    cert = pd.read_csv(SAMPLE / "certifications.csv", dtype=codes, parse_dates=DATES)
    units = pd.read_csv(SAMPLE / "units.csv", dtype=codes, usecols=["unit_code", "unit_type", "city_code"])
    quotas = pd.read_csv(SAMPLE / "quotas.csv", dtype=codes)
    return {"cert": cert.merge(units, on="unit_code"), "quotas": quotas}


def recount(cert: pd.DataFrame, quotas: pd.DataFrame, unit_type: str) -> pd.DataFrame:
    """Per city: quota, the five step counts of round ``ROUND``, by the definitions in DOMAIN.md."""
    rows = cert[(cert["round_year"] == ROUND) & (cert["unit_type"] == unit_type)].copy()
    rejected = rows["stage"] == "rejected"
    rows["declared"] = True
    rows["county_evaluated"] = rows["stage"].isin(["county_evaluated", "city_reviewed", "certified"]) | (
        rejected & rows["county_evaluated_date"].notna()
    )
    rows["city_reviewed"] = rows["stage"].isin(["city_reviewed", "certified"]) | (
        rejected & rows["city_reviewed_date"].notna()
    )
    rows["certified"] = rows["stage"] == "certified"
    rows["rejected"] = rejected
    steps = ["declared", "county_evaluated", "city_reviewed", "certified", "rejected"]
    counts = rows.groupby("city_code")[steps].sum()
    q = quotas[(quotas["year"] == ROUND) & (quotas["unit_type"] == unit_type)].set_index("city_code")
    return counts.join(q[["target_count", "evaluation_quota"]], how="outer").fillna(0).astype(int)


@pytest.mark.parametrize("unit_type", ["street_town", "community_village", "park"])
def test_funnel_counts_match_a_plain_pandas_recount(pipe, raw, unit_type):
    expected = recount(raw["cert"], raw["quotas"], unit_type)
    table = pipe.city_table(ROUND, unit_type).set_index("region_code")
    assert len(table) == 13
    for column in expected.columns:
        got = table[column].astype("int64").reindex(expected.index)
        assert got.tolist() == expected[column].tolist(), column
    province = pipe.funnel(ROUND, unit_type)
    assert province == {column: int(expected[column].sum()) for column in province}
    nanjing = pipe.funnel(ROUND, unit_type, "320100")
    assert nanjing["declared"] == expected.loc["320100", "declared"]
    assert nanjing["target_count"] == expected.loc["320100", "target_count"]
    # a funnel narrows: every step is reached by no more units than the one before
    assert province["declared"] >= province["county_evaluated"] >= province["city_reviewed"] >= province["certified"]


def test_late_and_undecided_items_match_a_plain_pandas_recount(pipe, raw):
    cert = raw["cert"][raw["cert"]["round_year"] == ROUND]
    submission_deadline, decision_deadline = pd.Timestamp(ROUND - 1, 12, 31), pd.Timestamp(ROUND, 5, 31)
    expected = set()
    for column, step, deadline in (
        ("county_evaluated_date", "county_evaluated", submission_deadline),
        ("city_reviewed_date", "city_reviewed", submission_deadline),
        ("decided_date", "decided", decision_deadline),
    ):
        late = cert[cert[column] > deadline]
        expected |= {
            (u, step, "late", (d - deadline).days) for u, d in zip(late["unit_code"], late[column], strict=True)
        }
    undecided = cert[(cert["stage"] == "city_reviewed") & cert["decided_date"].isna()]
    expected |= {(u, "decided", "no_decision", None) for u in undecided["unit_code"]}
    assert expected, "the sample plants late submissions and decisions"

    got = set()
    for unit_type in ("street_town", "community_village", "park"):
        items = pipe.issue_list(ROUND, unit_type)
        assert (items["unit_type"] == unit_type).all()
        got |= {
            (r.unit_code, r.step, r.kind, None if pd.isna(r.days_late) else int(r.days_late))
            for r in items.itertuples()
        }
    assert got == expected

    # per city, late submissions = late county evaluations + late city reviews of that city
    late_sub = cert[
        (cert["city_reviewed_date"] > submission_deadline) | (cert["county_evaluated_date"] > submission_deadline)
    ]
    per_city = late_sub[late_sub["unit_type"] == "street_town"].groupby("city_code").size()
    table = pipe.city_table(ROUND, "street_town").set_index("region_code")
    assert table["late_submissions"].to_dict() == per_city.reindex(table.index).fillna(0).astype(int).to_dict()
    flagged = table[table["late_submissions"] > 0]
    assert all("late_submission" in flags for flags in flagged["flags"])


def test_counts_agree_with_the_coverage_engine(store, pipe):
    from chuangye.config.loader import load_config
    from chuangye.engine.manager import Analytics

    an = Analytics(store.active(), load_config())
    for year in pipe.round_years:
        for unit_type in ("street_town", "community_village", "park"):
            cov = an.coverage(level="city", year=year, unit_type=unit_type).set_index("region_code")
            table = pipe.city_table(year, unit_type).set_index("region_code")
            for column in ("target_count", "evaluation_quota", "declared", "city_reviewed", "certified", "rejected"):
                assert (cov[column].astype("Int64") == table[column]).all(), (year, unit_type, column)


def test_county_rows_add_up_to_their_city(pipe):
    city = pipe.city_table(ROUND, "community_village").set_index("region_code").loc["320700"]
    counties = pipe.county_table(ROUND, "community_village", "320700")
    assert len(counties) > 1 and counties["target_count"].isna().all()  # quotas go to cities only
    for column in ("declared", "county_evaluated", "city_reviewed", "certified", "rejected", "late_submissions"):
        assert counties[column].sum() == city[column], column


def test_rounds(pipe):
    assert pipe.round_years == [2017, 2018, 2019, 2020]  # 2016 has no round
    assert pipe.province == "320000"


def test_deadlines_follow_the_notice():
    assert step_deadline("county_evaluated", 2019) == pd.Timestamp(2018, 12, 31)
    assert step_deadline("city_reviewed", 2019) == pd.Timestamp(2018, 12, 31)
    assert step_deadline("decided", 2020) == pd.Timestamp(2020, 5, 31)  # leap year
    assert step_deadline("declared", 2019) is None
    vectorised = deadlines("decided", np.array([2017, 2020]))
    assert [str(d)[:10] for d in vectorised] == ["2017-05-31", "2020-05-31"]
    with pytest.raises(ValueError, match="unknown step"):
        step_deadline("published", 2019)


def handmade(as_of: date | None = None):
    """One city, four units of round 2019, each with one planted problem."""
    regions = pd.DataFrame(
        {
            "region_code": ["320000", "320100", "320102"],
            "name": ["江苏省", "南京市", "玄武区"],
            "name_en": ["Jiangsu", "Nanjing", "Xuanwu"],
            "level": ["province", "city", "county"],
            "parent_code": [None, "320000", "320100"],
        }
    )
    codes = ["320102001", "320102002", "320102003", "320102004"]
    units = pd.DataFrame(
        {
            "unit_code": codes,
            "name": ["甲街道", "乙街道", "丙街道", "丁街道"],
            "name_en": ["Jia", "Yi", "Bing", "Ding"],
            "unit_type": "street_town",
            "city_code": "320100",
            "county_code": "320102",
        }
    )
    d = pd.Timestamp
    certifications = pd.DataFrame(
        {
            "unit_code": codes,
            "round_year": 2019,
            "stage": ["certified", "rejected", "city_reviewed", "declared"],
            "declared_date": [d("2018-07-01"), d("2018-07-02"), d("2018-07-03"), pd.NaT],
            # certified without a city-review date; rejected after a late county evaluation
            "county_evaluated_date": [d("2018-09-01"), d("2019-01-05"), d("2018-09-03"), pd.NaT],
            "city_reviewed_date": [pd.NaT, d("2019-01-10"), d("2018-12-20"), pd.NaT],
            "decided_date": [d("2019-04-01"), d("2019-06-03"), pd.NaT, pd.NaT],
        }
    )
    quotas = pd.DataFrame(
        {
            "city_code": ["320100"],
            "year": [2019],
            "unit_type": ["street_town"],
            "target_count": [3],
            "evaluation_quota": [6],
        }
    )
    return build_pipeline(certifications, units, quotas, regions, "320000", as_of=as_of)


def test_handmade_round_flags_every_planted_problem():
    pipe = handmade()
    items = pipe.issue_list(2019, "street_town")
    found = {
        (r.unit_code, r.step, r.kind, None if pd.isna(r.days_late) else int(r.days_late)) for r in items.itertuples()
    }
    assert found == {
        ("320102001", "city_reviewed", "missing", None),  # certified, so it was submitted: the date is missing
        ("320102002", "county_evaluated", "late", 5),
        ("320102002", "city_reviewed", "late", 10),
        ("320102002", "decided", "late", 3),
        ("320102003", "decided", "no_decision", None),  # submitted, never decided
    }  # the unit that only declared, without a date, went beyond no step: nothing to flag
    row = pipe.city_table(2019, "street_town").iloc[0]
    assert (row["declared"], row["county_evaluated"], row["city_reviewed"], row["certified"], row["rejected"]) == (
        4,
        3,
        3,
        1,
        1,
    )
    assert (row["late_submissions"], row["late_decisions"], row["missing_dates"], row["no_decision"]) == (2, 1, 1, 1)
    assert (row["declared_shortfall"], row["certified_shortfall"]) == (2, 2)
    assert row["flags"] == CITY_FLAGS  # every flag raised
    assert row["pct_target"] == pytest.approx(1 / 3)
    text = flag_text(row.to_dict(), "zh")
    assert "◷ 迟报 2" in text and "▽ 申报少于申报评估数 2" in text and "▽ 认定少于目标 2" in text
    assert "certified 2 below target" in flag_text(row.to_dict(), "en")


def test_an_open_round_does_not_flag_undecided_submissions():
    open_round = handmade(as_of=date(2019, 3, 1)).issue_list(2019, "street_town")
    assert "no_decision" not in set(open_round["kind"])
    closed = handmade(as_of=date(2019, 6, 10)).issue_list(2019, "street_town")
    overdue = closed[closed["kind"] == "no_decision"]
    assert overdue["days_late"].tolist() == [10]


def test_rows_for_the_grids(pipe):
    table = pipe.city_table(ROUND, "street_town")
    rows = city_rows(table, "en")
    assert [r["area"] for r in rows] == table["name_en"].tolist()
    assert set(rows[0]) == {
        "code", "area", "target_count", "evaluation_quota", "declared", "county_evaluated", "city_reviewed",
        "certified", "rejected", "pct_target", "late", "flags",
    }  # fmt: skip
    clean = [r for r, flags in zip(rows, table["flags"], strict=True) if not flags]
    assert clean and all(r["flags"] == "✔ none" for r in clean)
    items = pipe.issue_list(ROUND, "street_town")
    listed = issue_rows(items, {"320800": "淮安市"}, "zh")
    assert len(listed) == len(items)
    first = listed[0]
    assert first["deadline"] in ("2018-12-31", "2019-05-31") and first["kind"] in ("◷ 逾期", "⚠ 逾期未认定")


def test_funnel_figure_shows_steps_reference_lines_and_rejected(pipe):
    totals = pipe.funnel(ROUND, "park")
    fig = pipeline_funnel(totals, "zh")
    go.Figure(fig)  # a valid plotly figure
    steps, rejected = fig["data"][0], fig["data"][1]
    assert steps["y"] == ["申报评估数", "自主申报", "县级评估", "市级审核", "省级认定"]
    stages = ("evaluation_quota", "declared", "county_evaluated", "city_reviewed", "certified")
    assert steps["x"] == [totals[k] for k in stages]
    assert rejected["x"][-1] == totals["rejected"] and sum(rejected["x"][:-1]) == 0
    lines = sorted({round(s["x0"], 3) for s in fig["layout"]["shapes"]})
    target, quota = totals["target_count"], totals["evaluation_quota"]
    assert lines == sorted({-target / 2, target / 2, -quota / 2, quota / 2})
    legend = [trace["name"] for trace in fig["data"] if trace.get("showlegend")]
    assert f"目标任务数 {target}" in legend and f"✗ 未通过 {totals['rejected']}" in legend
    assert "template" not in fig["layout"]  # no 7 KB of plotly defaults in every response


def test_bar_figure_says_met_or_short_per_city(pipe):
    table = pipe.city_table(ROUND, "street_town")
    fig = certified_vs_target(table, "zh", selected="320700")
    go.Figure(fig)
    notes = dict(zip(fig["data"][-1]["y"], fig["data"][-1]["text"], strict=True))
    for row in table.itertuples():
        short = int(row.target_count) - row.certified
        assert notes[row.name] == (f"{row.certified} ✔ 完成" if short <= 0 else f"{row.certified} ▽ 差{short}")
    assert len(fig["layout"]["shapes"]) == 1  # the chosen city is highlighted
