"""Deadlines of the yearly cycle (engine/deadlines.py) come from ``[certification_cycle]``: the packaged file
follows the notice, a province's copy with another day moves every deadline and late flag with it, the
certification pipeline and the unit scorecard included."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from chuangye.config.loader import Config, ConfigError, load_config, packaged_config_path
from chuangye.data.store import Store
from chuangye.engine import deadlines
from chuangye.engine.manager import Analytics
from chuangye.engine.pipeline import build_pipeline, late_and_missing, pipeline_for, unit_rounds
from chuangye.engine.scorecard import certification_rounds_for
from chuangye.sample.bundled import SAMPLE_DIR

PACKAGED_TEXT = packaged_config_path().read_text(encoding="utf-8")
CITY_REVIEWED = "city_reviewed = { year = -1, month = 12, day = 31 }"
COUNTY_EVALUATED = "county_evaluated = { year = -1, month = 12, day = 31 }"
UTC = dt.UTC


def config_with(tmp_path: Path, old: str, new: str, *more: tuple[str, str]) -> Config:
    """The packaged configuration with lines changed, as a province's own copy."""
    text = PACKAGED_TEXT
    for before, after in ((old, new), *more):
        assert before in text, before
        text = text.replace(before, after, 1)
    path = tmp_path / "province.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def earlier_city_review(tmp_path: Path) -> Config:
    """County evaluation and city review (the lists' submission) due by 30 November instead of 31 December."""
    return config_with(
        tmp_path,
        CITY_REVIEWED,
        "city_reviewed = { year = -1, month = 11, day = 30 }",
        (COUNTY_EVALUATED, "county_evaluated = { year = -1, month = 11, day = 30 }"),
    )


def test_the_packaged_submission_deadlines_follow_the_notice():
    cycle = load_config().certification_cycle
    # quotas for round Y by the end of June of Y-1; round Y's lists by the end of December of Y-1; year Y's
    # figures before the province evaluates, by the end of May of Y+1
    assert deadlines.table_deadline("quotas", 2019, cycle) == dt.date(2018, 6, 30)
    assert deadlines.table_deadline("certifications", 2019, cycle) == dt.date(2018, 12, 31)
    assert deadlines.table_deadline("indicator_inputs", 2018, cycle) == dt.date(2019, 5, 31)
    assert deadlines.table_deadline("units", 2019, cycle) is None  # no yearly delivery, no deadline
    assert deadlines.submission_deadline(["indicator_inputs", "certifications"], 2019, cycle) == dt.date(2018, 12, 31)
    assert deadlines.submission_deadline(["certifications"], None, cycle) is None
    assert deadlines.step_deadline("quota", 2017, cycle) == dt.date(2016, 6, 30)
    with pytest.raises(ValueError, match="unknown step"):
        deadlines.step_deadline("published", 2019, cycle)


def test_a_submission_is_late_on_the_day_after_its_deadline_in_beijing_time():
    cycle = load_config().certification_cycle
    due = deadlines.table_deadline("certifications", 2019, cycle)  # 31 December 2018
    evening_utc = dt.datetime(2018, 12, 31, 15, 59, tzinfo=UTC)  # 23:59 in Beijing: still on time
    next_morning = dt.datetime(2018, 12, 31, 16, 0, tzinfo=UTC)  # 00:00 on 1 January in Beijing
    assert not deadlines.is_late(evening_utc, due, cycle)
    assert deadlines.days_late(next_morning, due, cycle) == 1
    assert deadlines.days_late(dt.datetime(2019, 1, 10, 2, tzinfo=UTC), due, cycle) == 10


def test_the_late_flag_follows_a_changed_date_in_the_configuration(tmp_path):
    packaged = load_config().certification_cycle
    province = earlier_city_review(tmp_path).certification_cycle
    delivered = dt.datetime(2018, 12, 5, 3, tzinfo=UTC)
    assert not deadlines.is_late(delivered, deadlines.table_deadline("certifications", 2019, packaged), packaged)
    due = deadlines.table_deadline("certifications", 2019, province)
    assert due == dt.date(2018, 11, 30)
    assert deadlines.days_late(delivered, due, province) == 5


def test_the_time_zone_of_the_deadlines_is_configured(tmp_path):
    utc = config_with(tmp_path, "utc_offset_hours = 8", "utc_offset_hours = 0").certification_cycle
    at = dt.datetime(2018, 12, 31, 20, 0, tzinfo=UTC)  # 1 January in Beijing, still 31 December in UTC
    assert deadlines.is_late(at, dt.date(2018, 12, 31), load_config().certification_cycle)
    assert not deadlines.is_late(at, dt.date(2018, 12, 31), utc)


@pytest.mark.parametrize(
    ("old", "new", "key", "zh", "en"),
    [
        (
            'quotas = { step = "quota", round = 0 }',
            'units = { step = "quota", round = 0 }',
            "certification_cycle.submissions.units",
            "不是按年报送的表",
            "not a table delivered per year",
        ),
        (
            'certifications = { step = "city_reviewed", round = 0 }',
            'certifications = { step = "declared", round = 0 }',
            "certification_cycle.submissions.certifications.step",
            "该环节没有截止日期",
            "this step has no deadline",
        ),
        (
            "quota = { year = -1, month = 6, day = 30 }",
            "quota = { year = -1, month = 6, day = 31 }",
            "certification_cycle.quota",
            "没有这一天",
            "no such day",
        ),
    ],
)
def test_bad_submission_deadlines_are_refused_naming_the_key(tmp_path, old, new, key, zh, en):
    with pytest.raises(ConfigError) as info:
        config_with(tmp_path, old, new)
    assert key in {p.key for p in info.value.problems}
    assert zh in str(info.value) and en in str(info.value)


def test_an_older_configuration_without_submission_deadlines_gets_the_notices(tmp_path):
    start = PACKAGED_TEXT.index("[certification_cycle.submissions]")
    end = PACKAGED_TEXT.index("[status]")
    text = PACKAGED_TEXT[:start] + PACKAGED_TEXT[end:]
    for line in ("quota = { year = -1, month = 6, day = 30 }", "utc_offset_hours = 8"):
        text = text.replace(line, "", 1)
    path = tmp_path / "older.toml"
    path.write_text(text, encoding="utf-8")
    cycle = load_config(path).certification_cycle
    assert deadlines.table_deadline("quotas", 2019, cycle) == dt.date(2018, 6, 30)
    assert deadlines.table_deadline("indicator_inputs", 2018, cycle) == dt.date(2019, 5, 31)


# ------------------------------------------------------------------------------ the pipeline reads the cycle


def one_round():
    """One unit of round 2019 whose city review is dated 20 December 2018."""
    regions = pd.DataFrame(
        {
            "region_code": ["320000", "320100", "320102"],
            "name": ["江苏省", "南京市", "玄武区"],
            "name_en": ["Jiangsu", "Nanjing", "Xuanwu"],
            "level": ["province", "city", "county"],
            "parent_code": [None, "320000", "320100"],
        }
    )
    units = pd.DataFrame(
        {
            "unit_code": ["320102001"],
            "name": ["甲街道"],
            "name_en": ["Jia"],
            "unit_type": "street_town",
            "city_code": "320100",
            "county_code": "320102",
        }
    )
    d = pd.Timestamp
    certifications = pd.DataFrame(
        {
            "unit_code": ["320102001"],
            "round_year": [2019],
            "stage": ["certified"],
            "declared_date": [d("2018-07-01")],
            "county_evaluated_date": [d("2018-09-01")],
            "city_reviewed_date": [d("2018-12-20")],
            "decided_date": [d("2019-04-01")],
        }
    )
    quotas = pd.DataFrame(columns=["city_code", "year", "unit_type", "target_count", "evaluation_quota"])
    return certifications, units, quotas, regions


def test_the_pipeline_flags_late_steps_against_the_configured_deadline(tmp_path):
    certifications, units, quotas, regions = one_round()
    packaged = build_pipeline(certifications, units, quotas, regions, "320000")
    assert packaged.issue_list(2019, "street_town").empty  # 20 December: on time by 31 December

    cycle = earlier_city_review(tmp_path).certification_cycle
    province = build_pipeline(certifications, units, quotas, regions, "320000", cycle=cycle)
    issue = province.issue_list(2019, "street_town").iloc[0]
    assert (issue["step"], issue["kind"], int(issue["days_late"])) == ("city_reviewed", "late", 20)
    assert pd.Timestamp(issue["deadline"]) == pd.Timestamp(2018, 11, 30)
    assert province.city_table(2019, "street_town").iloc[0]["late_submissions"] == 1


def test_the_pipeline_of_a_version_reads_its_configuration(tmp_path):
    """``pipeline_for`` (the certification page's) takes the cycle of the Analytics' configuration: on the
    bundled sample, an earlier city-review deadline can only add late city reviews, never remove one."""
    store = Store(tmp_path / "data")
    store.ensure_initialised(SAMPLE_DIR)
    dataset = store.active()
    packaged = pipeline_for(Analytics(dataset, load_config()))
    province_cfg = earlier_city_review(tmp_path)
    province = pipeline_for(Analytics(dataset, province_cfg))

    def late_reviews(pipe) -> set[tuple[str, int]]:
        issues = pipe.issues
        late = issues[(issues["step"] == "city_reviewed") & (issues["kind"] == "late")]
        return set(zip(late["unit_code"], late["round_year"], strict=True))

    rounds = unit_rounds(dataset.certifications, dataset.units)
    expected = late_and_missing(rounds, cycle=province_cfg.certification_cycle)
    expected_late = expected[(expected["step"] == "city_reviewed") & (expected["kind"] == "late")]
    assert late_reviews(province) == set(zip(expected_late["unit_code"], expected_late["round_year"], strict=True))
    assert late_reviews(packaged) < late_reviews(province)  # December reviews are late by 30 November
    reviews = province.issues[province.issues["step"] == "city_reviewed"]
    assert set(reviews["deadline"].dt.strftime("%m-%d")) == {"11-30"}


def test_the_unit_scorecard_marks_late_steps_against_the_configured_deadline(tmp_path):
    store = Store(tmp_path / "data")
    store.ensure_initialised(SAMPLE_DIR)
    dataset = store.active()
    certs = dataset.certifications
    december = certs[certs["city_reviewed_date"].dt.month == 12]
    code, year = december.iloc[0]["unit_code"], int(december.iloc[0]["round_year"])

    def city_review(cfg: Config) -> dict:
        rounds = certification_rounds_for(Analytics(dataset, cfg), code)
        steps = next(r for r in rounds if r["round_year"] == year)["steps"]
        return next(s for s in steps if s["step"] == "city_reviewed")

    assert city_review(load_config())["deadline"] == dt.date(year - 1, 12, 31)
    moved = city_review(earlier_city_review(tmp_path))
    assert moved["deadline"] == dt.date(year - 1, 11, 30) and moved["late"] is True
