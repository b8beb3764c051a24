"""Certification dates against their round's cycle (issue 12, ``[certification_cycle]`` in the configuration)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chuangye.config.loader import config_from_mapping, load_config, packaged_config_path
from chuangye.data.tables import read_inputs
from chuangye.data.validation import validate
from tests.synthetic import small_tables, write_csv_dir
from tests.unit.chuangye.data.checks.helpers import errors_of, validate_tables

CYCLE = load_config().certification_cycle
# small_tables: row 2 is 320102001's 2018 round, certified, every step dated
ROUND = 2018


def test_a_certification_dated_1933_is_an_error_naming_the_cell_the_date_and_the_window(tmp_path: Path) -> None:
    t = small_tables()
    t["certifications"].loc[0, "decided_date"] = "12345"  # an Excel date serial: 18 October 1933
    (problem,) = errors_of(validate_tables(tmp_path, t))
    assert (problem.file, problem.row, problem.column, problem.value, problem.check) == (
        "certifications.csv",
        2,
        "decided_date",
        "12345",
        "date_outside_cycle",
    )
    opens, closes = CYCLE.window(ROUND)
    assert f"1933-10-18 不在 {ROUND} 年度认定周期（{opens} 至 {closes}）内" in problem.message_zh
    assert f"1933-10-18 lies outside the {ROUND} round's cycle ({opens} to {closes})" in problem.message_en


@pytest.mark.parametrize("column", ["declared_date", "county_evaluated_date", "city_reviewed_date", "decided_date"])
@pytest.mark.parametrize("side", ["before", "after"])
def test_every_step_date_is_checked_against_its_rounds_window(tmp_path: Path, column: str, side: str) -> None:
    opens, closes = CYCLE.window(ROUND)
    outside = opens - dt.timedelta(days=1) if side == "before" else closes + dt.timedelta(days=1)
    t = small_tables()
    t["certifications"].loc[0, column] = outside.isoformat()
    # a date outside the window is reported as that, not also as out of order with the steps around it
    assert [(p.row, p.column, p.check) for p in errors_of(validate_tables(tmp_path, t))] == [
        (2, column, "date_outside_cycle")
    ]


def test_a_step_long_after_its_deadline_is_a_warning_with_the_days(tmp_path: Path) -> None:
    deadline = CYCLE.deadline("decided", ROUND)
    late = deadline + dt.timedelta(days=CYCLE.late_warning_days + 30)
    t = small_tables()
    t["certifications"].loc[0, "decided_date"] = late.isoformat()
    (problem,) = validate_tables(tmp_path, t)
    assert (problem.row, problem.column, problem.check, problem.severity) == (
        2,
        "decided_date",
        "date_far_after_deadline",
        "warning",
    )
    days = (late - deadline).days
    assert f"截止日期 {deadline} 晚 {days} 天（超过 {CYCLE.late_warning_days} 天）" in problem.message_zh
    assert f"is {days} days after the {ROUND} round's deadline for this step, {deadline}" in problem.message_en


def test_a_step_a_little_late_is_left_to_the_dashboards_lateness_flags(tmp_path: Path) -> None:
    t = small_tables()
    t["certifications"].loc[0, "decided_date"] = (CYCLE.deadline("decided", ROUND) + dt.timedelta(days=20)).isoformat()
    assert validate_tables(tmp_path, t) == []


def test_the_window_and_the_warning_come_from_the_configuration(tmp_path: Path) -> None:
    import tomllib

    data = tomllib.loads(packaged_config_path().read_text(encoding="utf-8"))
    data["certification_cycle"]["late_warning_days"] = 10
    data["certification_cycle"]["opens"] = {"year": -1, "month": 6, "day": 1}
    cfg = config_from_mapping(data)
    t = small_tables()
    t["certifications"].loc[0, "decided_date"] = f"{ROUND}-06-20"  # 20 days late: a warning only with 10
    t["certifications"].loc[1, "declared_date"] = "2018-03-01"  # round 2019, before a window opening in June
    loaded, _ = read_inputs([write_csv_dir(tmp_path / "in", t)])
    problems = validate(loaded, cfg)
    assert {(p.row, p.check) for p in problems} == {(2, "date_far_after_deadline"), (3, "date_outside_cycle")}
    assert {(p.row, p.check) for p in validate(loaded, load_config())} == set()
