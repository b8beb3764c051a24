"""Reading CSV/XLSX input files: encodings, headers, table detection, type conversion, row numbers."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from chuangye.data.problems import format_problem
from chuangye.data.tables import read_inputs, read_table
from tests.synthetic import small_tables, write_csv_dir

ZH_UNITS_CSV = """单位代码,单位名称,单位类型,纳入统计,所属市代码,所属县代码,所属乡镇代码,经度,设立年份
320102001,玄武门街道,街道（乡镇）,是,320100,320102,,118.79,
320102001001,玄武门社区,社区(村),否,320100,320102,320102001,,2018
012345678,示例园区,园区,Y,320100,320102,,"1,18.5",
"""


def test_gbk_csv_with_chinese_headers(tmp_path: Path) -> None:
    path = tmp_path / "单位名录.csv"
    path.write_bytes(ZH_UNITS_CSV.encode("gbk"))
    t = read_table(path)
    assert t.table == "units"
    assert t.encoding == "gb18030"
    assert t.headers["unit_code"] == "单位代码"
    f = t.frame
    assert f["unit_code"].tolist() == ["320102001", "320102001001", "012345678"]  # leading zero kept
    assert f["name"].tolist() == ["玄武门街道", "玄武门社区", "示例园区"]
    assert f["unit_type"].tolist() == ["street_town", "community_village", "park"]
    assert f["in_scope"].tolist() == [True, False, True]
    assert str(f["unit_code"].dtype) == "str" and str(f["active_from"].dtype) == "Int64"
    assert str(f["in_scope"].dtype) == "boolean" and str(f["lon"].dtype) == "float64"
    assert f.loc[3, "active_from"] == 2018 and pd.isna(f.loc[2, "active_from"])
    assert list(f.index) == [2, 3, 4]  # the rows a user sees in Excel, header = row 1
    # "1,18.5" is not a number: reported with row, column, value in both languages
    (bad,) = [p for p in t.problems if p.check == "not_number"]
    assert (bad.file, bad.row, bad.column, bad.value) == ("单位名录.csv", 4, "lon", "1,18.5")
    assert "第 4 行" in format_problem(bad, "zh") and "row 4" in format_problem(bad, "en")


def test_utf8_bom_and_english_headers(tmp_path: Path) -> None:
    path = tmp_path / "regions.csv"
    path.write_bytes(
        "\ufeffregion_code,name,level,parent_code\n320000,江苏省,省,\n320100,南京市,设区市,320000\n".encode()
    )
    t = read_table(path)
    assert t.encoding == "utf-8-sig"
    assert t.headers["region_code"] == "region_code"  # the BOM is not part of the first header
    assert t.frame["region_code"].tolist() == ["320000", "320100"]
    assert t.frame["level"].tolist() == ["province", "city"]
    assert pd.isna(t.frame.loc[2, "parent_code"])
    assert t.problems == []


def test_xlsx_with_codes_typed_as_numbers_and_excel_dates(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "认定进程"
    ws.append(["单位代码", "认定年度", "当前环节", "申报日期", "省级认定日期"])
    ws.append([320102001, 2019.0, "省级认定", dt.datetime(2018, 6, 1), dt.datetime(2019, 5, 31)])
    ws.append([320102001001.0, 2019, "县级评估", "2018/6/3", None])
    ws.append([320104001, 2019, "未通过", "2018年6月5日", 43616])  # 43616 = Excel serial of 2019-05-31
    path = tmp_path / "round.xlsx"
    wb.save(path)
    t = read_table(path)
    assert t.table == "certifications"  # recognised by its sheet name
    assert t.sheet == "认定进程" and t.source == "round.xlsx[认定进程]"
    f = t.frame
    assert f["unit_code"].tolist() == ["320102001", "320102001001", "320104001"]
    assert f["round_year"].tolist() == [2019, 2019, 2019]
    assert f["stage"].tolist() == ["certified", "county_evaluated", "rejected"]
    assert f["declared_date"].dt.strftime("%Y-%m-%d").tolist() == ["2018-06-01", "2018-06-03", "2018-06-05"]
    assert f.loc[4, "decided_date"] == pd.Timestamp("2019-05-31")
    assert str(f["decided_date"].dtype).startswith("datetime64")
    assert t.problems == []


def test_workbook_with_several_tables(tmp_path: Path) -> None:
    tables = small_tables()
    wb = Workbook()
    wb.remove(wb.active)
    for name in ("regions", "quotas"):
        ws = wb.create_sheet(name)
        ws.append(list(tables[name].columns))
        for row in tables[name].itertuples(index=False):
            ws.append(list(row))
    wb.create_sheet("notes").append(["这是说明", "不是数据表"])
    path = tmp_path / "dataset.xlsx"
    wb.save(path)
    loaded, problems = read_inputs([path])
    assert sorted(loaded) == ["quotas", "regions"]
    assert len(loaded["quotas"].frame) == len(tables["quotas"])
    assert [p.check for p in problems] == ["sheet_ignored"]
    assert not problems[0].is_error


def test_header_spellings_title_row_and_blank_rows(tmp_path: Path) -> None:
    text = (
        "2019年指标基础数据,,,\n"
        "单位代码 , 年度,劳动年龄人口（人）,新增创业人数*,【备注】\n"
        '320102001,2019,"42,000",960,x\n'
        "\n"
        "320102002,2019.0,41000,９６１,\n"
        "320102003,2019,abc,1.5,\n"
    )
    path = tmp_path / "指标数据_2019.csv"
    path.write_text(text, encoding="utf-8")
    t = read_table(path)
    assert t.table == "indicator_inputs"
    assert t.headers["working_age_population"] == "劳动年龄人口（人）"
    assert t.unexpected_headers == ("【备注】",)
    f = t.frame
    assert list(f.index) == [3, 5, 6]  # the title row and the blank row keep their numbers
    assert f.loc[3, "working_age_population"] == 42000
    assert f.loc[5, "year"] == 2019 and f.loc[5, "new_entrepreneurs"] == 961  # full-width digits folded
    found = {(p.check, p.row, p.column, p.value) for p in t.problems}
    assert ("not_integer", 6, "working_age_population", "abc") in found
    assert ("not_integer", 6, "new_entrepreneurs", "1.5") in found
    assert ("unexpected_column", 2, None, "【备注】") in found
    # required columns absent from the file are reported once, not per row
    missing = sorted(p.column for p in t.problems if p.check == "missing_column")
    assert missing == [
        "entities_prev_year",
        "entities_surviving",
        "jobs_by_entrepreneurship",
        "new_jobs_total",
        "trainees",
        "trainees_started",
    ]


def test_booleans_and_excel_artefacts(tmp_path: Path) -> None:
    rows = [
        "unit_code,name,unit_type,in_scope,city_code,county_code,location_synthetic",
        "320102001.0,a,street_town,TRUE,320100,320102,1",
        "3.20102E+11,b,park,否,320100,320102,n",
        "320102003,c,园区,N,320100.0,320102,是",
        "320102004,d,街道,maybe,320100,320102,0",
    ]
    path = tmp_path / "units.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    t = read_table(path)
    f = t.frame
    assert f.loc[2, "unit_code"] == "320102001" and f.loc[4, "city_code"] == "320100"
    assert pd.isna(f.loc[3, "unit_code"])
    assert f["in_scope"].tolist()[:3] == [True, False, False]
    assert f["location_synthetic"].tolist() == [True, False, True, False]
    assert f["unit_type"].tolist() == ["street_town", "park", "park", "street_town"]
    found = {(p.check, p.row, p.column, p.value) for p in t.problems}
    assert found == {("excel_scientific", 3, "unit_code", "3.20102E+11"), ("not_boolean", 5, "in_scope", "maybe")}


def test_table_detected_by_headers_or_reported(tmp_path: Path) -> None:
    quotas = small_tables()["quotas"]
    (tmp_path / "export (3).csv").write_text(quotas.to_csv(index=False), encoding="utf-8")
    assert read_table(tmp_path / "export (3).csv").table == "quotas"
    (tmp_path / "misc.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    t = read_table(tmp_path / "misc.csv")
    assert t.table == "" and [p.check for p in t.problems] == ["unknown_table"]
    assert t.problems[0].message_en and t.problems[0].message_zh


def test_read_inputs_directory_and_duplicates(tmp_path: Path) -> None:
    directory = write_csv_dir(tmp_path / "in", small_tables())
    (directory / "~$units.xlsx").write_bytes(b"lock file")  # Excel lock files are skipped
    loaded, problems = read_inputs([directory])
    assert sorted(loaded) == ["certifications", "indicator_inputs", "quotas", "regions", "units"]
    assert problems == []
    loaded, problems = read_inputs([directory, directory / "units.csv"])
    assert [p.check for p in problems] == ["table_given_twice"]
    _, problems = read_inputs([tmp_path / "nowhere.csv"])
    assert [p.check for p in problems] == ["unreadable_file"]


def test_undecodable_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes(b"unit_code,name\n\xff\xfe\xfa\xfb\x81\x30,x\n")
    t = read_table(path)
    # was "unreadable_file": issue 12 asks that the refusal say which line cannot be decoded and advise UTF-8
    assert [(p.check, p.row) for p in t.problems] == [("encoding_unknown", 2)]
    assert "UTF-8" in t.problems[0].message_zh and "UTF-8" in t.problems[0].message_en


@pytest.mark.parametrize("suffix", [".json", ".xls"])
def test_unsupported_formats(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"units{suffix}"
    path.write_text("{}", encoding="utf-8")
    assert [p.check for p in read_table(path).problems] == ["unsupported_format"]


def test_data_format_doc_is_generated_from_the_schema() -> None:
    from chuangye.data.format_doc import render_data_format_md
    from chuangye.data.schema import TABLES

    text = render_data_format_md()
    for table in TABLES.values():
        assert f"`{table.name}`" in text
        for col in table.columns:
            assert f"| `{col.name}` | {col.zh}" in text
    doc = Path(__file__).resolve().parents[4] / "docs" / "data-format.md"
    hint = "run `python -m chuangye.data.format_doc` to regenerate docs/data-format.md"
    assert doc.read_text(encoding="utf-8") == text, hint


# ---------------------------------------------------------------------------- issue 12: what a reader refuses


UNITS_HEADER = "unit_code,name,unit_type,in_scope,city_code,county_code,township_code"


def _units_csv(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "units.csv"
    path.write_text("\n".join([UNITS_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_stray_quote_is_reported_at_its_line_and_column_and_the_table_is_not_read(tmp_path: Path) -> None:
    rows = [f"32010200{i},街道{i},street_town,true,320100,320102," for i in range(1, 8)]
    rows[2] = '320102003,"街道3,street_town,true,320100,320102,'  # line 4: the quote swallows lines 4-6
    rows[4] = '320102005,街道5",street_town,true,320100,320102,'
    t = read_table(_units_csv(tmp_path, *rows))
    (problem,) = t.problems
    assert (problem.check, problem.row, problem.column) == ("csv_unclosed_quote", 4, "name")
    assert "第 4–6 行" in problem.message_zh and "lines 4–6" in problem.message_en
    assert problem.value.startswith('320102003,"街道3')
    assert t.table == "units" and t.unreadable and list(t.frame.columns) == []


def test_a_quote_left_open_to_the_end_of_the_file_is_reported_where_it_opens(tmp_path: Path) -> None:
    rows = [f"32010200{i},街道{i},street_town,true,320100,320102," for i in range(1, 5)]
    rows[1] = '320102002,"街道2,street_town,true,320100,320102,'
    (problem,) = read_table(_units_csv(tmp_path, *rows)).problems
    assert (problem.check, problem.row, problem.column) == ("csv_unclosed_quote", 3, "name")
    assert "第 3–5 行" in problem.message_zh and "lines 3–5" in problem.message_en


def test_a_quote_running_on_for_megabytes_is_reported_where_it_opens(tmp_path: Path) -> None:
    rows = [f"3201020{i:05},街道{i},street_town,true,320100,320102," for i in range(1, 20_000)]
    rows[9] = '320102000010,"街道10,street_town,true,320100,320102,'
    (problem,) = read_table(_units_csv(tmp_path, *rows)).problems
    assert (problem.check, problem.row, problem.column) == ("csv_unclosed_quote", 11, "name")
    assert "第 11 行及其后的许多行" in problem.message_zh and "line 11 and many lines" in problem.message_en


def test_a_stray_quote_does_not_cascade_into_the_tables_checked_against_it(tmp_path: Path) -> None:
    from chuangye.data.validation import validate

    directory = write_csv_dir(tmp_path / "in", small_tables())
    lines = (directory / "units.csv").read_text(encoding="utf-8").split("\n")
    code, name, rest = lines[2].split(",", 2)
    lines[2] = f'{code},"{name},{rest}'
    (directory / "units.csv").write_text("\n".join(lines), encoding="utf-8")
    loaded, problems = read_inputs([directory])
    found = validate(loaded, extra_problems=problems)
    assert [p.check for p in found] == ["csv_unclosed_quote", "cross_checks_skipped"]
    assert found[0].row == 3


def test_a_quoted_cell_may_hold_commas_and_doubled_quotes(tmp_path: Path) -> None:
    t = read_table(_units_csv(tmp_path, '320102001,"玄武门街道, ""老城""",street_town,true,320100,320102,'))
    assert t.problems == [] and t.frame["name"].tolist() == ['玄武门街道, "老城"']


def test_a_cell_longer_than_its_column_allows_is_refused_and_reported_once(tmp_path: Path) -> None:
    from chuangye.data.validation import validate

    long_name = f"320102001,{'玄' * 5_000_000},street_town,true,320100,320102,"
    long_code = "3" * 25 + ",b,park,true,320100,320102,"
    t = read_table(_units_csv(tmp_path, long_name, long_code))
    found = {(p.check, p.row, p.column) for p in validate({"units": t})}
    assert ("text_too_long", 2, "name") in found and ("text_too_long", 3, "unit_code") in found
    assert ("required_empty", 2, "name") not in found and ("code_format", 3, "unit_code") not in found
    (long_name,) = [p for p in t.problems if p.row == 2]
    assert "5,000,000" in long_name.message_zh and "at most 60" in long_name.message_en
    assert len(long_name.value) < 50  # the message quotes the start of the cell, not five million characters
    assert pd.isna(t.frame.loc[2, "name"])


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("玄武门\x00街道", "U+0000"),
        ("\u202e玄武门街道", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("玄武\u200b门街道", "U+200B ZERO WIDTH SPACE"),
        ("玄武门\ue000街道", "U+E000"),
        ("玄武门\ufffd道", "U+FFFD REPLACEMENT CHARACTER"),
        ("玄武门\t街道", "U+0009"),
    ],
)
def test_control_invisible_and_private_use_characters_in_names_are_refused(
    tmp_path: Path, name: str, label: str
) -> None:
    t = read_table(_units_csv(tmp_path, f"320102001,{name},street_town,true,320100,320102,"))
    (problem,) = t.problems
    assert (problem.check, problem.row, problem.column) == ("forbidden_character", 2, "name")
    assert label in problem.message_zh and label in problem.message_en
    assert problem.value.isprintable()  # quoted as ⟨U+0000⟩: a message never carries the character itself


def _quotas_sheet(tmp_path: Path):
    wb = Workbook()
    ws = wb.active
    ws.title = "quotas"
    ws.append(["city_code", "year", "unit_type", "target_count", "evaluation_quota"])
    for year in (2017, 2018, 2019, 2020):
        ws.append(["320100", year, "street_town", 10, 12])
    return wb, ws


def test_merged_and_formula_cells_are_reported_as_what_they_are_not_as_empty(tmp_path: Path) -> None:
    from chuangye.data.validation import validate

    wb, ws = _quotas_sheet(tmp_path)
    ws.merge_cells("A2:A4")
    ws["D5"] = "=SUM(D2:D4)"  # openpyxl stores no computed value, as a program writing a workbook does
    ws["E5"] = "=D5+2"
    path = tmp_path / "quotas.xlsx"
    wb.save(path)
    found = [(p.check, p.row, p.column) for p in validate({"quotas": read_table(path)}) if p.is_error]
    assert sorted(found) == [
        ("xlsx_formula_without_value", 5, "evaluation_quota"),
        ("xlsx_formula_without_value", 5, "target_count"),
        ("xlsx_merged_cell", 3, "city_code"),
        ("xlsx_merged_cell", 4, "city_code"),
    ]
    problems = {(p.row, p.column): p for p in read_table(path).problems}
    assert "与 A2 合并" in problems[(3, "city_code")].message_zh
    assert "Merged with A2" in problems[(4, "city_code")].message_en
    assert "=SUM(D2:D4)" in problems[(5, "target_count")].message_zh
    assert "Formula =D5+2 without a cached value" in problems[(5, "evaluation_quota")].message_en


def test_a_formula_with_its_computed_value_is_read_as_that_value(tmp_path: Path) -> None:
    wb, _ = _quotas_sheet(tmp_path)
    path = tmp_path / "quotas.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as archive:  # as Excel saves it: the formula and the value it computed
        parts = {m: archive.read(m) for m in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    cell = sheet[sheet.index('<c r="D3"') : sheet.index("</c>", sheet.index('<c r="D3"')) + 4]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(cell, '<c r="D3"><f>D2+1</f><v>11</v></c>').encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    t = read_table(path)
    assert t.problems == [] and t.frame.loc[3, "target_count"] == 11


def test_hidden_rows_and_hidden_sheets_are_read_with_a_warning_naming_them(tmp_path: Path) -> None:
    wb, ws = _quotas_sheet(tmp_path)
    for row in (3, 4, 5):
        ws.row_dimensions[row].hidden = True
    regions = wb.create_sheet("regions")
    regions.append(["region_code", "name", "level", "parent_code"])
    regions.append(["320000", "江苏省", "province", ""])
    regions.sheet_state = "hidden"
    path = tmp_path / "data.xlsx"
    wb.save(path)
    loaded, problems = read_inputs([path])
    assert len(loaded["quotas"].frame) == 4 and len(loaded["regions"].frame) == 1  # read all the same
    warnings = {p.check: p for p in problems}
    assert set(warnings) == {"xlsx_hidden_rows", "xlsx_hidden_sheet"} and not any(p.is_error for p in problems)
    assert "第 3–5 行" in warnings["xlsx_hidden_rows"].message_zh
    assert "Rows 3–5 of sheet 'quotas'" in warnings["xlsx_hidden_rows"].message_en
    assert "“regions”是隐藏的" in warnings["xlsx_hidden_sheet"].message_zh
