"""Root causes first (issue 12): one wrong code gives one error on its own row, naming it, with the rows that
fail because of it folded under it: counted in its message, listed under it when everything is listed."""

from __future__ import annotations

from pathlib import Path

from chuangye.data.problems import format_problem, not_listed_count
from tests.synthetic import large_tables, small_tables
from tests.unit.chuangye.data.checks.helpers import errors_of, excel_row, validate_tables


def test_an_unknown_county_code_in_regions_is_one_error_on_its_own_row(tmp_path: Path) -> None:
    t = small_tables()
    regions, units = t["regions"], t["units"]
    county = regions["region_code"] == "320102"
    regions.loc[county, "region_code"] = "320199"
    dependents = int((units["county_code"] == "320102").sum())
    (root,) = errors_of(validate_tables(tmp_path, t))
    assert (root.file, root.row, root.column, root.value, root.check) == (
        "regions.csv",
        excel_row(regions, county),
        "region_code",
        "320199",
        "replaced_code",
    )
    assert root.folded == dependents
    assert "本行的代码可能原为 320102" in root.message_zh and f"另有 {dependents} 行依赖于它" in root.message_zh
    assert "this row's code was probably 320102" in root.message_en
    assert f"and {dependents} rows depending on it" in root.message_en
    assert "units.csv" in root.message_en and "county not in the regions table" in root.message_en


def test_listing_everything_lists_the_consequences_under_their_root(tmp_path: Path) -> None:
    t = small_tables()
    regions, units = t["regions"], t["units"]
    county = regions["region_code"] == "320102"
    regions.loc[county, "region_code"] = "320199"
    problems = errors_of(validate_tables(tmp_path, t, per_group=None, total=None))
    root, *consequences = problems
    root_row = excel_row(regions, county)
    assert root.check == "replaced_code" and "列在其下" in root.message_zh and "listed under it" in root.message_en
    expected_rows = [i + 2 for i, code in enumerate(units["county_code"]) if code == "320102"]
    assert [(p.file, p.row, p.check) for p in consequences] == [
        ("units.csv", row, "unknown_county") for row in expected_rows
    ]
    assert all(p.cause == ("regions.csv", root_row) for p in consequences)
    line_zh, line_en = format_problem(consequences[0], "zh"), format_problem(consequences[0], "en")
    assert line_zh.startswith("  └ 错误：units.csv") and f"源于 regions.csv 第 {root_row} 行" in line_zh
    assert line_en.startswith("  └ Error: units.csv") and f"follows from regions.csv row {root_row}" in line_en


def test_an_unknown_unit_code_is_one_error_on_its_own_row(tmp_path: Path) -> None:
    t = small_tables()
    units = t["units"]
    street = units["unit_code"] == "320102001"
    units.loc[street, "unit_code"] = "320102009"
    naming = (
        int((units["township_code"] == "320102001").sum())
        + int((t["indicator_inputs"]["unit_code"] == "320102001").sum())
        + int((t["certifications"]["unit_code"] == "320102001").sum())
    )
    problems = validate_tables(tmp_path, t)
    (root,) = errors_of(problems)
    assert (root.file, root.row, root.column, root.value, root.check) == (
        "units.csv",
        excel_row(units, street),
        "unit_code",
        "320102009",
        "replaced_code",
    )
    assert root.folded == naming and "320102001" in root.message_zh
    assert [p for p in problems if not p.is_error] == []  # the villages' "unknown township" warnings are folded too


def test_a_street_moved_to_another_county_is_reported_on_the_streets_row(tmp_path: Path) -> None:
    t = small_tables()
    units = t["units"]
    street = units["unit_code"] == "320102001"
    units.loc[street, "county_code"] = "320104"
    villages = int((units["township_code"] == "320102001").sum())
    (root,) = errors_of(validate_tables(tmp_path, t))
    assert (root.row, root.column, root.value, root.check) == (
        excel_row(units, street),
        "county_code",
        "320104",
        "code_not_in_county",
    )
    assert root.folded == villages and f"另有 {villages} 行依赖于它" in root.message_zh
    assert "township not in the given county" in root.message_en


def test_rows_naming_a_code_no_row_could_have_held_are_folded_under_the_first(tmp_path: Path) -> None:
    t = small_tables()
    regions, units = t["regions"], t["units"]
    t["regions"] = regions[regions["region_code"] != "320102"].reset_index(drop=True)  # the county's row is gone
    naming = units.index[units["county_code"] == "320102"]
    (first,) = errors_of(validate_tables(tmp_path, t))
    assert (first.file, first.row, first.column, first.value, first.check) == (
        "units.csv",
        int(naming[0]) + 2,
        "county_code",
        "320102",
        "unknown_county",
    )
    assert first.folded == len(naming) - 1
    assert f"另有 {len(naming) - 1} 行引用同一代码" in first.message_zh
    assert f"and {len(naming) - 1} more rows naming the same code" in first.message_en


def test_root_causes_come_first(tmp_path: Path) -> None:
    t = small_tables()
    t["regions"].loc[t["regions"]["region_code"] == "320102", "region_code"] = "320199"
    t["certifications"].loc[0, "county_evaluated_date"] = "2017-05-01"  # before its declaration: an error
    problems = errors_of(validate_tables(tmp_path, t))
    assert [p.check for p in problems] == ["replaced_code", "cert_dates_order"]  # certifications.csv < regions.csv


def test_every_problem_is_listed_folded_or_counted_once(tmp_path: Path) -> None:
    big = large_tables(n_counties=8, townships_per_county=10, villages_per_township=10)
    units = big["units"]
    units["unit_code"] = units["unit_code"].str[:-1] + "7"  # every unit code changed: a flood of consequences
    problems = validate_tables(tmp_path, big)
    everything = validate_tables(tmp_path / "all", big, per_group=None, total=None)
    accounted = sum(1 + p.folded for p in problems if p.check != "more_problems") + not_listed_count(problems)
    assert accounted == len(everything)
    assert len(problems) <= 500 + len({(p.file, p.check) for p in everything})


def test_a_changed_code_that_breaks_the_code_rules_is_one_error_saying_which_code_it_was(tmp_path: Path) -> None:
    t = small_tables()
    regions, units = t["regions"], t["units"]
    county = regions["region_code"] == "320102"
    regions.loc[county, "region_code"] = "999999"  # nothing like Nanjing's 3201, and nothing names it
    (root,) = errors_of(validate_tables(tmp_path, t))
    assert (root.row, root.check) == (excel_row(regions, county), "region_code_prefix")
    assert root.folded == int((units["county_code"] == "320102").sum())
    assert "999999" in root.message_zh and "本行可能原为 320102" in root.message_zh
    assert "this row was probably 320102" in root.message_en


def test_a_malformed_unit_code_is_the_root_of_the_rows_still_naming_the_old_one(tmp_path: Path) -> None:
    t = small_tables()
    units = t["units"]
    village = units["unit_code"] == "320102001001"
    units.loc[village, "unit_code"] = "32010200100X"
    naming = int((t["indicator_inputs"]["unit_code"] == "320102001001").sum()) + int(
        (t["certifications"]["unit_code"] == "320102001001").sum()
    )
    (root,) = errors_of(validate_tables(tmp_path, t))
    assert (root.row, root.column, root.value, root.check) == (
        excel_row(units, village),
        "unit_code",
        "32010200100X",
        "code_format",
    )
    assert root.folded == naming and "本行可能原为 320102001001" in root.message_zh


def test_another_problem_on_a_changed_row_does_not_stand_in_for_its_code(tmp_path: Path) -> None:
    t = small_tables()
    units = t["units"]
    village = units["unit_code"] == "320102001001"
    units.loc[village, "unit_code"] = "320102001009"
    units.loc[village, "name"] = ""  # an error of its own, about another cell
    problems = errors_of(validate_tables(tmp_path, t))
    row = excel_row(units, village)
    assert sorted((p.row, p.column, p.check) for p in problems) == [
        (row, "name", "required_empty"),
        (row, "unit_code", "replaced_code"),
    ]
    (root,) = [p for p in problems if p.is_root]
    assert root.check == "replaced_code" and "320102001001" in root.message_en
