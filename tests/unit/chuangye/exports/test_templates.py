"""The XLSX templates (chuangye/exports/templates/): opened back with openpyxl, as Excel would show them, and read
back with the importer's own reader (chuangye/data/tables.py)."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from chuangye.config.loader import load_config
from chuangye.data.schema import CERT_STAGES, TABLES
from chuangye.data.store import Store
from chuangye.data.tables import read_inputs
from chuangye.engine.manager import Analytics
from chuangye.engine.scope import Scope, scoped
from chuangye.exports.templates import (
    TEMPLATE_TABLES,
    TemplateError,
    build_template,
    checked_region,
    checked_year,
    region_scope,
    table_of,
)
from chuangye.sample.bundled import SAMPLE_DIR

XUZHOU = "320300"  # 徐州市
GULOU = "320302"  # 徐州市鼓楼区
NANJING = "320100"
YEAR = 2020


@pytest.fixture(scope="module")
def whole(tmp_path_factory) -> Analytics:
    path = tmp_path_factory.mktemp("templates")
    Store(path).ensure_initialised(SAMPLE_DIR)
    return Analytics(Store(path).active(), load_config())


def _as_user(whole: Analytics, region: str) -> Analytics:
    return scoped(whole, region_scope(whole.regions, region))


def _open(content: bytes):
    return load_workbook(io.BytesIO(content))


def _rows(ws, start: int = 3) -> list[tuple]:
    return list(ws.iter_rows(min_row=start, values_only=True))


def _expected_counted_units(whole: Analytics, counties: set[str], year: int) -> set[str]:
    units = whole.dataset.units
    counted = units["in_scope"].fillna(False).astype(bool) & units["unit_type"].notna()
    alive = (units["active_from"].isna() | (units["active_from"] <= year)) & (
        units["active_to"].isna() | (units["active_to"] >= year)
    )
    return set(units.loc[counted & alive.fillna(False) & units["county_code"].isin(counties), "unit_code"])


# ------------------------------------------------------------------------------------------ sheets


@pytest.mark.parametrize("table", TEMPLATE_TABLES)
def test_each_table_has_chinese_headers_over_its_codes_frozen_formatted_and_explained(whole, table):
    wb = _open(build_template(whole, table, region=None, year=YEAR).content)
    spec = TABLES[table]
    assert wb.sheetnames == [spec.zh, "说明"]
    ws = wb[spec.zh]
    headers = [c.value for c in ws[1]]
    codes = [c.value for c in ws[2]]
    data_columns = [(h, c) for h, c in zip(headers, codes, strict=True) if not c.endswith("(reference)")]
    assert [c for _, c in data_columns] == spec.column_names  # every column, in the schema's order
    for header, code in data_columns:
        col = spec.column(code)
        assert header.startswith(col.zh) and header.endswith(" *") == col.required
    assert ws.freeze_panes == "B3"
    for number, code in enumerate(codes, start=1):
        letter = ws.cell(row=1, column=number).column_letter
        if code in spec.column_names and spec.column(code).type == "code":
            assert ws.column_dimensions[letter].number_format == "@", code  # typed-in codes stay text
        assert ws.column_dimensions[letter].width >= 8
    assert _rows(ws) == []  # blank: nothing pre-filled
    explained = {row[2] for row in wb["说明"].iter_rows(values_only=True) if len(row) > 2}
    assert set(codes) <= explained  # the instructions list every column


def test_the_drop_downs_list_each_allowed_value_in_chinese_with_its_code(whole):
    wb = _open(build_template(whole, "all", region=None, year=YEAR).content)

    def lists(sheet: str) -> dict[str, tuple[str, str]]:
        ws = wb[sheet]
        codes = {ws.cell(row=2, column=n).column_letter: ws.cell(row=2, column=n).value for n in range(1, 20)}
        found = {}
        for dv in ws.data_validations.dataValidation:
            letter = str(dv.sqref).split(":")[0].rstrip("0123456789")
            found[codes[letter]] = (dv.type, dv.formula1, str(dv.sqref))
        return found

    kinds = {dv.type: dv.errorStyle for dv in wb["单位名录"].data_validations.dataValidation}
    assert kinds == {"list": "warning", "whole": "stop", "decimal": "stop"}  # a bare code is read; -3 is not
    units = lists("单位名录")
    assert units["unit_type"] == (
        "list",
        '"街道(乡镇) street_town,社区(村) community_village,园区 park"',
        "D3:D1048576",
    )
    assert units["in_scope"][1] == '"是 true,否 false"'
    assert units["park_level"][1] == '"国家级 national,省级 provincial"'
    assert units["active_from"][0] == "whole" and units["lon"][0] == "decimal"
    stages = lists("认定进程")["stage"][1].strip('"').split(",")
    assert [item.split(" ")[1] for item in stages] == list(CERT_STAGES)
    assert stages[0] == "自主申报 declared" and stages[3] == "省级认定 certified"
    assert lists("行政区划")["level"][1] == '"省 province,设区市 city,县(市、区) county"'
    assert lists("目标任务")["unit_type"][0] == "list"
    figures = lists("指标基础数据")
    assert figures["new_entrepreneurs"][:2] == ("whole", "0") and figures["year"][:2] == ("whole", "2000")
    assert "unit_code" not in figures  # codes are checked by the import, not by a drop-down


def test_the_workbook_with_every_table_has_one_sheet_per_table_then_the_instructions(whole):
    built = build_template(whole, "all", region=None, year=YEAR, lang="en")
    wb = _open(built.content)
    assert wb.sheetnames == [*TEMPLATE_TABLES, "Instructions"]
    assert built.filename == f"template-all-blank-{YEAR}.xlsx"
    notes = _rows(wb["Instructions"], start=1)
    assert notes[0][0] == "Entrepreneurship-type units: data template" and notes[1][0] == "创业型单位建设数据填报模板"
    assert any(row[1] and "leading digits" in str(row[1]) for row in notes)  # English first, then Chinese
    assert any(row[1] and "前导零" in str(row[1]) for row in notes)


def test_the_instructions_give_each_columns_unit_values_and_limits_in_both_languages(whole):
    wb = _open(build_template(whole, "all", region=None, year=YEAR).content)
    rows = {(row[0], row[2]): row for row in wb["说明"].iter_rows(values_only=True) if len(row) >= 10 and row[2]}
    people = rows[("指标基础数据", "working_age_population")]
    assert people[3:8] == ("是 / yes", "整数 / whole number", "人 / persons", None, "≥ 0")
    assert people[8:] == ("常住劳动年龄人口", "Working-age resident population")
    code = rows[("单位名录", "unit_code")]
    assert code[7] == "6、9 或 12 位数字；最多 20 个字符"
    assert rows[("单位名录", "name")][7] == "最多 60 个字符"
    assert rows[("认定进程", "stage")][6].startswith("自主申报 declared、县级评估 county_evaluated")
    assert rows[("指标基础数据", "unit_name (reference)")][8:] == (
        "仅供核对，不导入",
        "to check against only; not imported",
    )
    notes = [row[1] for row in wb["说明"].iter_rows(values_only=True) if row and len(row) > 1 and row[1]]
    assert any("128.0 MiB" in str(note) and "4,000,000" in str(note) for note in notes)  # the reading limits


# ------------------------------------------------------------------------------------------ pre-filled rows


def test_indicator_rows_are_pre_filled_for_exactly_the_regions_counted_units_of_the_year(whole):
    built = build_template(_as_user(whole, XUZHOU), "indicator_inputs", region=XUZHOU, year=YEAR)
    ws = _open(built.content)["指标基础数据"]
    rows = _rows(ws)
    counties = set(whole.regions.children(XUZHOU))
    assert {row[0] for row in rows} == _expected_counted_units(whole, counties, YEAR)
    assert len(rows) == built.rows["indicator_inputs"] > 2000
    codes = [c.value for c in ws[2]]
    year_at = codes.index("year")
    assert all(row[year_at] == YEAR for row in rows)
    assert all(value is None for row in rows for value in row[year_at + 1 :])  # the figures are typed in
    first = ws["A3"]
    assert first.data_type == "s" and first.number_format == "@"  # a code as text: its digits are kept
    units = whole.dataset.units.set_index("unit_code")
    for row in rows[:50]:
        assert row[1] == units.loc[row[0], "name"]  # the reference name beside the code
        assert row[3] == whole.region_name(units.loc[row[0], "county_code"])


def test_a_county_template_holds_its_county_only_and_an_abolished_unit_is_left_out(whole):
    units = whole.dataset.units
    gone = units[units["active_to"].notna() & (units["active_to"] < YEAR)].iloc[0]
    county = gone["county_code"]
    rows = _rows(
        _open(build_template(_as_user(whole, county), "indicator_inputs", region=county, year=YEAR).content)[
            "指标基础数据"
        ]
    )
    assert rows and {str(row[0])[:6] for row in rows} == {county}
    assert gone["unit_code"] not in {row[0] for row in rows}
    earlier = _rows(
        _open(
            build_template(
                _as_user(whole, county), "indicator_inputs", region=county, year=int(gone["active_to"])
            ).content
        )["指标基础数据"]
    )
    assert gone["unit_code"] in {row[0] for row in earlier}  # in its last year it is still asked for


def test_a_users_scoped_view_cannot_pre_fill_another_area(whole):
    nanjing_user = scoped(whole, Scope("city", NANJING))
    built = build_template(nanjing_user, "all", region=XUZHOU, year=YEAR)
    assert built.rows == {"regions": 1, "units": 0, "quotas": 3, "indicator_inputs": 0, "certifications": 0}
    wb = _open(built.content)
    assert _rows(wb["单位名录"]) == [] and _rows(wb["指标基础数据"]) == []
    # what is left is what a 南京 user sees anyway: 徐州's own region row and the city's quota rows to fill in
    assert [row[0] for row in _rows(wb["行政区划"])] == [XUZHOU]


def test_certification_rows_leave_out_units_certified_in_an_earlier_round(whole):
    rows = _rows(
        _open(build_template(_as_user(whole, XUZHOU), "certifications", region=XUZHOU, year=YEAR).content)["认定进程"]
    )
    certs = whole.dataset.certifications
    earlier = set(certs.loc[(certs["stage"] == "certified") & (certs["round_year"] < YEAR), "unit_code"])
    asked = {row[0] for row in rows}
    counted = _expected_counted_units(whole, set(whole.regions.children(XUZHOU)), YEAR)
    assert asked == counted - earlier and asked
    assert all(row[5] == YEAR and row[6] is None for row in rows)  # round year given, the step to choose


@pytest.mark.parametrize(("region", "cities"), [(XUZHOU, [XUZHOU]), (GULOU, []), ("320000", None)])
def test_quota_rows_are_the_cities_at_or_below_the_region(whole, region, cities):
    rows = _rows(_open(build_template(_as_user(whole, region), "quotas", region=region, year=YEAR).content)["目标任务"])
    expected = list(whole.regions.codes("city")) if cities is None else cities
    assert sorted({row[0] for row in rows}) == expected
    assert len(rows) == 3 * len(expected)
    assert {row[3] for row in rows} <= {"街道(乡镇) street_town", "社区(村) community_village", "园区 park"}


def test_the_register_tables_are_pre_filled_with_their_rows_and_read_back_unchanged(whole, tmp_path):
    built = build_template(_as_user(whole, GULOU), "all", region=GULOU, year=YEAR)
    path = tmp_path / "register.xlsx"
    path.write_bytes(built.content)
    tables, problems = read_inputs([path])
    assert set(tables) == {"regions", "units"}  # the others are pre-filled keys only: not given
    assert {p.check for p in problems} == {"template_unfilled"}
    units = whole.dataset.units
    expected = units[units["county_code"] == GULOU].sort_values("unit_code").reset_index(drop=True)
    got = tables["units"].frame.reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected[got.columns], check_dtype=False)
    assert tables["regions"].frame["region_code"].tolist() == [GULOU]


def test_a_template_filled_in_with_the_samples_figures_reads_back_as_those_figures(whole, tmp_path):
    built = build_template(_as_user(whole, XUZHOU), "indicator_inputs", region=XUZHOU, year=YEAR)
    wb = _open(built.content)
    ws = wb["指标基础数据"]
    codes = [c.value for c in ws[2]]
    inputs = whole.dataset.indicator_inputs
    sample = inputs[inputs["year"] == YEAR].set_index("unit_code")
    for row in ws.iter_rows(min_row=3):
        figures = sample.loc[row[0].value]
        for cell, code in zip(row, codes, strict=True):
            if code in sample.columns and code != "year":
                cell.value = int(figures[code])
    path = tmp_path / "徐州-指标.xlsx"
    wb.save(path)
    tables, problems = read_inputs([path])
    assert problems == []
    got = tables["indicator_inputs"].frame.sort_values("unit_code").reset_index(drop=True)
    expected = inputs[(inputs["year"] == YEAR) & inputs["unit_code"].isin(got["unit_code"])]
    expected = expected.sort_values("unit_code").reset_index(drop=True)
    assert len(got) == built.rows["indicator_inputs"] == len(expected)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_a_name_that_looks_like_a_formula_is_written_as_text(whole, tmp_path):
    units = whole.dataset.units.copy()
    first = units.index[units["county_code"] == GULOU][0]
    units.loc[first, "name"] = '=HYPERLINK("http://example.com","x")'
    an = Analytics(dataclasses.replace(whole.dataset, units=units), whole.cfg)
    built = build_template(an, "units", region=GULOU, year=YEAR)
    ws = _open(built.content)["单位名录"]
    (cell,) = [c for c in ws["B"] if c.value == '=HYPERLINK("http://example.com","x")']
    assert cell.data_type == "s" and cell.quotePrefix  # a string, and kept one when edited in Excel
    path = tmp_path / "u.xlsx"
    path.write_bytes(built.content)
    tables, _ = read_inputs([path])
    assert '=HYPERLINK("http://example.com","x")' in set(tables["units"].frame["name"])


def test_an_english_template_names_its_sheets_and_reference_columns_in_english(whole):
    built = build_template(_as_user(whole, GULOU), "indicator_inputs", region=GULOU, year=YEAR, lang="en")
    wb = _open(built.content)
    assert wb.sheetnames == ["indicator_inputs", "Instructions"]
    ws = wb["indicator_inputs"]
    assert ws["A1"].value == "单位代码 *" and ws["A2"].value == "unit_code"  # headers stay Chinese over the codes
    row = _rows(ws)[0]
    units = whole.dataset.units.set_index("unit_code")
    assert row[1] == units.loc[row[0], "name_en"] and row[3] == whole.region_name(GULOU, "en")
    assert built.filename == f"template-indicator_inputs-{GULOU}-{YEAR}.xlsx"


# ------------------------------------------------------------------------------------------ requests


def test_a_table_is_named_by_its_code_or_chinese_name_or_all(whole):
    assert table_of("indicator_inputs") == "indicator_inputs" and table_of("指标基础数据") == "indicator_inputs"
    assert table_of("ALL") == "all"
    with pytest.raises(TemplateError) as refused:
        table_of("units_2019")
    assert refused.value.error == "unknown_table"
    assert "没有名为“units_2019”的表" in str(refused.value) and "There is no table 'units_2019'" in str(refused.value)


def test_a_year_is_one_of_the_data_or_the_next_and_a_region_a_province_city_or_county(whole):
    latest = max(whole.years)
    assert checked_year(whole, None) == latest and checked_year(whole, str(latest + 1)) == latest + 1
    for bad in (latest + 2, "20x0", min(whole.years) - 1):
        with pytest.raises(TemplateError) as refused:
            checked_year(whole, bad)
        assert refused.value.error == "bad_year" and str(bad) in refused.value.message("en")
    assert checked_region(whole.regions, XUZHOU) == XUZHOU
    for code, error in (("999999", "unknown_region"), ("320302001", "not_a_region"), ("abc", "unknown_region")):
        with pytest.raises(TemplateError) as refused:
            checked_region(whole.regions, code)
        assert refused.value.error == error


def test_templates_are_written_from_the_users_scope_not_the_whole_version(whole):
    assert region_scope(whole.regions, XUZHOU) == Scope("city", XUZHOU)
    assert region_scope(whole.regions, GULOU) == Scope("county", GULOU)
    assert region_scope(whole.regions, "320000").is_full


def test_a_saved_template_reopens_in_openpyxl_without_repair(tmp_path, whole):
    path = Path(tmp_path / "t.xlsx")
    path.write_bytes(build_template(_as_user(whole, GULOU), "all", region=GULOU, year=YEAR).content)
    wb = load_workbook(path)  # a second load-and-save keeps the validations and formats (a user's Excel does too)
    wb.save(tmp_path / "again.xlsx")
    again = load_workbook(tmp_path / "again.xlsx")
    assert again["单位名录"].data_validations.dataValidation and again["单位名录"].freeze_panes == "B3"
