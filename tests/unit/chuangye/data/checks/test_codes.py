"""Codes against their own structure (issue 12): a unit's code begins with its county's and township's, its
length fits its type, and a region's code fits its level and begins with its parent's."""

from __future__ import annotations

from pathlib import Path

import pytest

from chuangye.data.problems import format_problem
from tests.synthetic import small_tables
from tests.unit.chuangye.data.checks.helpers import errors_of, excel_row, validate_tables


def test_a_village_filed_under_another_county_is_refused_on_its_row(tmp_path: Path) -> None:
    t = small_tables()
    units = t["units"]
    village = units["unit_code"] == "320102001001"
    units.loc[village, "county_code"] = "320104"  # a county of the same city, its code does not begin the village's
    (problem,) = errors_of(validate_tables(tmp_path, t))
    assert (problem.file, problem.row, problem.column, problem.value, problem.check) == (
        "units.csv",
        excel_row(units, village),
        "county_code",
        "320104",
        "code_not_in_county",
    )
    assert "320102001001 以 320102 开头" in problem.message_zh and "320104" in problem.message_zh
    assert "320102001001 begins with 320102, not with its county 320104" in problem.message_en


def test_a_village_code_typed_street_town_is_refused(tmp_path: Path) -> None:
    t = small_tables()
    units = t["units"]
    village = units["unit_code"] == "320102001001"
    units.loc[village, "unit_type"] = "street_town"
    (problem,) = errors_of(validate_tables(tmp_path, t))
    assert (problem.row, problem.column, problem.value, problem.check) == (
        excel_row(units, village),
        "unit_type",
        "street_town",
        "code_length_for_type",
    )
    assert "街道(乡镇)的代码为 9 位" in problem.message_zh and "是 12 位" in problem.message_zh
    assert "A street or town has a 9-digit code, but unit code 320102001001 has 12 digits" in problem.message_en


@pytest.mark.parametrize(
    ("code", "unit_type", "lengths"),
    [
        ("320102001", "community_village", "12"),  # a street's 9-digit code typed as a community
        ("320104500", "community_village", "12"),  # a park's 9-digit code, likewise
        ("320205001001", "park", "6/9"),  # a village-level code typed as a park
    ],
)
def test_every_code_whose_length_does_not_fit_its_type_is_refused(
    tmp_path: Path, code: str, unit_type: str, lengths: str
) -> None:
    t = small_tables()
    units = t["units"]
    row = units["unit_code"] == code
    units.loc[row, "unit_type"] = unit_type
    found = [p for p in errors_of(validate_tables(tmp_path, t)) if p.check == "code_length_for_type"]
    assert [(p.row, p.column, p.value) for p in found] == [(excel_row(units, row), "unit_type", unit_type)]
    assert f"为 {lengths} 位" in found[0].message_zh and f"has a {lengths}-digit code" in found[0].message_en


@pytest.mark.parametrize(
    ("code", "level", "zh", "en"),
    [
        ("320100", "county", "不能以 00 结尾", "does not end in 00"),  # a city-shaped code at county level
        ("320101", "city", "4 位数字加 00", "four digits then 00"),
        ("320100", "province", "2 位数字加 0000", "two digits then 0000"),
    ],
)
def test_a_region_code_that_does_not_fit_its_level_is_refused(
    tmp_path: Path, code: str, level: str, zh: str, en: str
) -> None:
    t = small_tables()
    regions = t["regions"]
    row = regions["region_code"] == {"county": "320205", "city": "320200", "province": "320000"}[level]
    regions.loc[row, "region_code"] = code
    problems = validate_tables(tmp_path, t)
    (problem,) = [p for p in problems if p.check == "region_code_level"]
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "regions.csv",
        excel_row(regions, row),
        "region_code",
        code,
    )
    assert zh in problem.message_zh and en in problem.message_en


def test_a_county_moved_to_another_city_is_one_error_with_its_units_folded_under_it(tmp_path: Path) -> None:
    t = small_tables()
    regions, units = t["regions"], t["units"]
    county = regions["region_code"] == "320104"
    regions.loc[county, "parent_code"] = "320200"  # Wuxi; the county's code begins with Nanjing's 3201
    (problem,) = errors_of(validate_tables(tmp_path, t))
    assert (problem.file, problem.row, problem.column, problem.value, problem.check) == (
        "regions.csv",
        excel_row(regions, county),
        "parent_code",
        "320200",
        "region_code_prefix",
    )
    # the units of 320104 still say Nanjing: each "county not in the given city" follows from this row
    assert problem.folded == int((units["county_code"] == "320104").sum())
    assert "区划代码 320104 的前 4 位应与上级代码 320200 相同" in problem.message_zh
    assert "Region code 320104 must begin with the first 4 digits of its parent 320200" in problem.message_en


def test_a_village_whose_code_does_not_begin_with_its_township_is_refused(tmp_path: Path) -> None:
    t = small_tables()
    units = t["units"]
    village = units["unit_code"] == "320102001002"
    units.loc[village, "township_code"] = "320102002"  # another street of the same county
    (problem,) = errors_of(validate_tables(tmp_path, t))
    assert (problem.row, problem.column, problem.value, problem.check) == (
        excel_row(units, village),
        "township_code",
        "320102002",
        "code_not_in_township",
    )
    line = format_problem(problem, "en")
    assert "units.csv, row" in line and "column township_code, value '320102002'" in line
    assert "begins with 320102001, not with its township 320102002" in line
