"""Validation: every fault reported at once with file, row, column, value and both languages; capping; speed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chuangye.data.dataset import Dataset
from chuangye.data.problems import MESSAGES, TITLES, format_problem, has_errors, not_listed_count, problem_title
from chuangye.data.tables import read_inputs
from chuangye.data.validation import validate
from tests.synthetic import large_tables, small_tables, write_csv_dir


def _validate_dir(tmp_path: Path, tables: dict[str, pd.DataFrame], **kwargs: object) -> list:
    loaded, problems = read_inputs([write_csv_dir(tmp_path / "in", tables)])
    assert problems == [] or not kwargs.get("expect_clean_read", False)
    return validate(loaded, require_all=True)


def test_clean_dataset_has_no_problems(tmp_path: Path) -> None:
    assert _validate_dir(tmp_path, small_tables()) == []


def _faulty_tables() -> dict[str, pd.DataFrame]:
    t = small_tables()
    r, u, i, c, q = t["regions"], t["units"], t["indicator_inputs"], t["certifications"], t["quotas"]
    r.loc[5, "parent_code"] = "320102"  # row 7: a county whose parent is a county
    u.loc[0, "county_code"] = "320199"  # row 2: not a county
    u.loc[1, "unit_type"] = "街区"  # row 3: not a unit type
    u.loc[2, "in_scope"] = "maybe"  # row 4: not a boolean
    u.loc[3, "name"] = ""  # row 5: required and empty
    u.loc[6, "township_code"] = "320104001"  # row 8: village of 320205 under a township of 320104
    u.loc[7, "city_code"] = "320200"  # row 9: county 320104 is in 320100
    u["lat"] = ""
    u.loc[4, "lat"] = "99"  # row 6: out of range
    u.loc[8, "unit_code"] = "32020540"  # row 10: 8 digits
    u["备注"] = ""  # unexpected column
    u = pd.concat([u, u.iloc[[5]]], ignore_index=True)  # row 11 duplicates row 7
    i.loc[0, "trainees"] = "-5"  # row 2: negative count (and trainees_started > trainees: a warning)
    i.loc[1, "unit_code"] = "320102999"  # row 3: unknown unit
    i.loc[2, "year"] = "20x8"  # row 4: not an integer
    c.loc[0, "county_evaluated_date"] = "2017-05-01"  # row 2: before the declaration 2017-06-01
    c.loc[1, "decided_date"] = "2019-05-30"  # row 3: stage city_reviewed with a decision date
    q.loc[0, "city_code"] = "320900"  # row 2: not a city
    q.loc[1, "evaluation_quota"] = "1"  # row 3: below the target (warning)
    return {"regions": r, "units": u, "indicator_inputs": i, "certifications": c, "quotas": q}


def test_every_fault_is_reported_with_location_and_both_languages(tmp_path: Path) -> None:
    problems = _validate_dir(tmp_path, _faulty_tables())
    found = {(p.file, p.row, p.column, p.check) for p in problems}
    expected_errors = {
        ("regions.csv", 7, "parent_code", "bad_region_parent"),
        ("units.csv", 2, "county_code", "unknown_county"),
        ("units.csv", 3, "unit_type", "invalid_choice"),
        ("units.csv", 4, "in_scope", "not_boolean"),
        ("units.csv", 5, "name", "required_empty"),
        ("units.csv", 8, "township_code", "township_not_in_county"),
        ("units.csv", 9, "county_code", "county_not_in_city"),
        ("units.csv", 6, "lat", "out_of_range"),
        ("units.csv", 10, "unit_code", "code_format"),
        ("units.csv", 11, "unit_code", "duplicate_key"),
        ("indicator_inputs.csv", 2, "trainees", "out_of_range"),
        ("indicator_inputs.csv", 3, "unit_code", "unknown_unit"),
        ("indicator_inputs.csv", 4, "year", "not_integer"),
        ("certifications.csv", 2, "county_evaluated_date", "cert_dates_order"),
        ("certifications.csv", 3, "decided_date", "stage_date_mismatch"),
        ("quotas.csv", 2, "city_code", "unknown_city"),
    }
    expected_warnings = {
        ("units.csv", 1, None, "unexpected_column"),
        ("indicator_inputs.csv", 2, "trainees_started", "numerator_above_denominator"),
        ("quotas.csv", 3, "evaluation_quota", "quota_below_target"),
    }
    assert expected_errors <= found, expected_errors - found
    assert expected_warnings <= found, expected_warnings - found
    by_key = {(p.file, p.row, p.column, p.check): p for p in problems}
    assert all(by_key[k].is_error for k in expected_errors)
    assert not any(by_key[k].is_error for k in expected_warnings)
    assert has_errors(problems)
    for p in problems:
        assert p.message_zh and p.message_en and p.message_zh != p.message_en
    # errors come first, and each line names file, row, column and value
    assert [p.is_error for p in problems] == sorted((p.is_error for p in problems), reverse=True)
    dup = by_key[("units.csv", 11, "unit_code", "duplicate_key")]
    assert "第 7 行" in dup.message_zh and "row 7" in dup.message_en
    line_zh = format_problem(by_key[("units.csv", 2, "county_code", "unknown_county")], "zh")
    line_en = format_problem(by_key[("units.csv", 2, "county_code", "unknown_county")], "en")
    assert all(s in line_zh for s in ("units.csv", "第 2 行", "county_code", "所属县代码", "320199", "县级区域"))
    assert all(s in line_en for s in ("units.csv", "row 2", "county_code", "320199", "county-level"))
    order = by_key[("certifications.csv", 2, "county_evaluated_date", "cert_dates_order")]
    assert "2017-05-01" in order.message_zh and "2017-06-01" in order.message_en


def test_missing_column_is_reported_once_not_per_row(tmp_path: Path) -> None:
    t = small_tables()
    t["units"] = t["units"].drop(columns=["county_code"])
    problems = _validate_dir(tmp_path, t)
    assert [(p.check, p.column) for p in problems if p.is_error] == [("missing_column", "county_code")]


def test_missing_years_and_missing_tables(tmp_path: Path) -> None:
    t = small_tables()
    i = t["indicator_inputs"]
    t["indicator_inputs"] = i[~((i["unit_code"] == "320102002") & i["year"].isin(["2017", "2018"]))]
    # a unit that only exists from 2018 is not missing 2016-2017
    t["units"].loc[t["units"]["unit_code"] == "320205001", "active_from"] = "2018"
    t["indicator_inputs"] = t["indicator_inputs"][~((i["unit_code"] == "320205001") & (i["year"] < "2018"))]
    del t["quotas"]
    problems = _validate_dir(tmp_path, t)
    missing = [p for p in problems if p.check == "missing_years"]
    assert [(p.value, p.severity) for p in missing] == [("320102002", "warning")]
    assert "2017–2018" in missing[0].message_zh and "2016–2019" in missing[0].message_en
    assert [p.file for p in problems if p.check == "missing_table"] == ["quotas"]


def test_missing_years_names_the_units_code_on_its_first_row(tmp_path: Path) -> None:
    t = small_tables()
    i = t["indicator_inputs"]
    unit = "320102002"
    t["indicator_inputs"] = i[~((i["unit_code"] == unit) & i["year"].isin(["2017", "2018"]))].reset_index(drop=True)
    # the row a user sees in Excel/WPS: the header is row 1, so the first data row is row 2
    first_row = int(t["indicator_inputs"].index[t["indicator_inputs"]["unit_code"] == unit][0]) + 2
    (problem,) = [p for p in _validate_dir(tmp_path, t) if p.check == "missing_years"]
    assert (problem.column, problem.value, problem.row) == ("unit_code", unit, first_row)
    zh, en = format_problem(problem, "zh"), format_problem(problem, "en")
    assert f"第 {first_row} 行" in zh and f"列 unit_code（单位代码），值“{unit}”" in zh
    assert f"row {first_row}, column unit_code, value '{unit}'" in en
    assert "year" not in en.split(":")[1]  # the cell named is the unit's code, not the year column


def test_a_capped_summary_says_what_it_counts_in_words_and_the_limit(tmp_path: Path) -> None:
    big = large_tables(n_counties=8, townships_per_county=10, villages_per_township=10)
    big["indicator_inputs"].loc[:1999, "trainees_started"] = "500"  # 2000 rows with started > trainees
    loaded, _ = read_inputs([write_csv_dir(tmp_path / "in", big)])
    problems = validate(loaded, per_group=50, total=500)
    (summary,) = [p for p in problems if p.check == "more_problems"]
    assert summary.value == "1950" and not_listed_count(problems) == 1950
    zh, en = format_problem(summary, "zh"), format_problem(summary, "en")
    assert "numerator_above_denominator" not in zh + en  # no internal check name
    assert "“分子大于分母”" in zh and "每个文件每类问题最多列 50 条" in zh
    assert "'numerator larger than denominator'" in en and "at most 50 per file" in en


def test_without_limits_every_problem_is_listed(tmp_path: Path) -> None:
    big = large_tables(n_counties=8, townships_per_county=10, villages_per_township=10)
    big["indicator_inputs"].loc[:1999, "trainees_started"] = "500"
    loaded, _ = read_inputs([write_csv_dir(tmp_path / "in", big)])
    problems = validate(loaded, per_group=None, total=None)
    assert [p for p in problems if p.check == "more_problems"] == []
    assert len([p for p in problems if p.check == "numerator_above_denominator"]) == 2000


def test_every_check_has_a_title_in_both_languages() -> None:
    assert set(TITLES) == set(MESSAGES)
    for check in MESSAGES:
        assert problem_title(check, "zh") != check and problem_title(check, "en") != check


def test_problems_are_capped_per_file_and_check_with_a_count_of_the_rest(tmp_path: Path) -> None:
    big = large_tables(n_counties=8, townships_per_county=10, villages_per_township=10)
    big["indicator_inputs"].loc[:1999, "trainees_started"] = "500"  # 2000 rows with started > trainees
    big["units"].loc[:119, "name"] = ""  # 120 empty names
    problems = _validate_dir(tmp_path, big)
    rates = [p for p in problems if p.check == "numerator_above_denominator"]
    assert len(rates) == 50
    # the summary names the kind of problem in words (its title), never the internal check code
    rate_title = problem_title("numerator_above_denominator", "en")
    (summary,) = [p for p in problems if p.check == "more_problems" and rate_title in p.message_en]
    assert summary.value == "1950" and not summary.is_error
    (names_summary,) = [
        p for p in problems if p.check == "more_problems" and problem_title("required_empty", "en") in p.message_en
    ]
    assert names_summary.value == "70" and names_summary.is_error
    assert len(validate(read_inputs([tmp_path / "in"])[0], total=60)) <= 60 + 3


def test_typed_frames_of_a_dataset_can_be_validated(tmp_path: Path) -> None:
    loaded, _ = read_inputs([write_csv_dir(tmp_path / "in", small_tables())])
    dataset = Dataset.from_tables({name: t.frame for name, t in loaded.items()})
    units = dataset.units.copy()
    units.loc[2, "county_code"] = "320999"  # a township no village points to
    units.attrs["source"] = "units (stored)"
    problems = validate({**dataset.tables(), "units": units})
    assert [(p.file, p.row, p.check) for p in problems] == [("units (stored)", 4, "unknown_county")]


def test_national_size_dataset_validates(tmp_path: Path) -> None:
    """A national-size input set is clean (how long validating it takes: ``python -m benchmarks.engine``)."""
    loaded, problems = read_inputs([write_csv_dir(tmp_path / "in", large_tables())])
    assert len(loaded["indicator_inputs"].frame) == 112_500 and problems == []
    assert validate(loaded, require_all=True) == []


def test_an_nbs_placeholder_marked_in_scope_is_a_warning_naming_it(tmp_path: Path) -> None:
    t = small_tables()
    placeholder = ["320102001498", "玄武门虚拟社区", "community_village", "社区", "true", "320100", "320102"]
    placeholder += ["320102001", "", "", ""]
    t["units"].loc[len(t["units"])] = placeholder  # row 11
    problems = _validate_dir(tmp_path, t)
    assert [(p.file, p.row, p.column, p.check, p.severity) for p in problems] == [
        ("units.csv", 11, "in_scope", "placeholder_in_scope", "warning")
    ]
    assert "320102001498" in problems[0].message_zh and "虚拟社区" in problems[0].message_zh
    assert "placeholder" in problems[0].message_en and "not counted" in problems[0].message_en
