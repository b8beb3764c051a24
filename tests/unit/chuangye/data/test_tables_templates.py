"""The reader takes a filled-in template back as it is (issue 10): the row of English codes beneath the Chinese
headers is a header row, the instructions sheet and the reference columns are not read, the drop-downs' items
are read as their codes, and pre-filled rows nobody filled in are skipped with one warning. Workbooks are
written here by hand, shaped as ``chuangye/exports/templates`` writes them, so the reader is tested on its
own; ``tests/unit/chuangye/exports/test_templates.py`` reads the builder's own files back."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from chuangye.data.problems import has_errors
from chuangye.data.tables import read_inputs, read_table

INPUT_HEADERS = [
    "单位代码 *",
    "单位名称（参考）",
    "年度 *",
    "劳动年龄人口（人） *",
    "新增创业人数（人） *",
    "创业培训人数（人） *",
    "培训后创业人数（人） *",
    "上年新创主体数（户） *",
    "上年新创主体存活数（户） *",
    "创业带动就业人数（个岗位） *",
    "城镇新增就业人数（个岗位） *",
]
INPUT_CODES = [
    "unit_code",
    "unit_name (reference)",
    "year",
    "working_age_population",
    "new_entrepreneurs",
    "trainees",
    "trainees_started",
    "entities_prev_year",
    "entities_surviving",
    "jobs_by_entrepreneurship",
    "new_jobs_total",
]
FIGURES = [22074, 133, 36, 23, 99, 87, 629, 1039]


def _workbook(path: Path, sheets: dict[str, list[list[object]]], instructions: bool = True) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    if instructions:
        notes = wb.create_sheet("说明")
        notes.append(["创业型单位建设数据填报模板"])
        notes.append(["工作表", "中文表头", "列代码"])
        notes.append(["指标基础数据", "单位代码 *", "unit_code"])  # a column list, not a table
    wb.save(path)
    return path


def _inputs_sheet(*rows: list[object]) -> list[list[object]]:
    return [INPUT_HEADERS, INPUT_CODES, *rows]


def test_the_row_of_codes_beneath_the_headers_is_a_header_row_and_data_starts_in_row_3(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "模板.xlsx",
        {"指标基础数据": _inputs_sheet(["320102002", "梅园新村街道", 2020, *FIGURES])},
    )
    loaded = read_table(path)
    assert loaded.table == "indicator_inputs" and loaded.template
    assert loaded.problems == []  # the codes row is no data row, the reference column no unknown column
    assert list(loaded.frame.index) == [3]  # the row Excel shows
    row = loaded.frame.loc[3]
    assert row["unit_code"] == "320102002" and row["year"] == 2020 and row["working_age_population"] == 22074
    assert "unit_name (reference)" not in loaded.headers.values()


def test_a_plain_workbook_without_the_codes_row_is_read_as_before(tmp_path: Path) -> None:
    plain = [INPUT_HEADERS[:1] + INPUT_HEADERS[2:], ["320102002", 2020, *FIGURES], ["320102003", 2020]]
    loaded = read_table(_workbook(tmp_path / "plain.xlsx", {"指标基础数据": plain}, instructions=False))
    assert not loaded.template
    assert list(loaded.frame.index) == [2, 3]  # a row with only its key is data here: its blanks are errors
    _, problems = read_inputs([tmp_path / "plain.xlsx"])
    assert not [p for p in problems if p.check.startswith("template")]


def test_the_instructions_sheet_is_neither_a_table_nor_a_problem(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "template.xlsx", {"指标基础数据": _inputs_sheet(["320102002", "梅园新村街道", 2020, *FIGURES])}
    )
    tables, problems = read_inputs([path])
    assert list(tables) == ["indicator_inputs"]
    assert problems == []  # before: 'sheet 说明 does not look like any table and was ignored'


def test_an_english_instructions_sheet_is_skipped_too(tmp_path: Path) -> None:
    wb = Workbook()
    data = wb.active
    data.title = "indicator_inputs"
    for row in _inputs_sheet(["320102002", "Meiyuanxincun", 2020, *FIGURES]):
        data.append(row)
    wb.create_sheet("Instructions").append(["Sheet", "Chinese header", "Column code"])
    wb.save(tmp_path / "template.xlsx")
    tables, problems = read_inputs([tmp_path / "template.xlsx"])
    assert list(tables) == ["indicator_inputs"] and problems == []


def test_pre_filled_rows_left_empty_are_skipped_with_one_warning_naming_them(tmp_path: Path) -> None:
    rows = [
        ["320102001", "玄武门街道", 2020],  # row 3: nothing typed
        ["320102002", "梅园新村街道", 2020, *FIGURES],  # row 4
        ["320102003", "新街口街道", 2020],  # row 5
        ["320102004", "红山街道", 2020],  # row 6
        ["320102005", "锁金村街道", 2020, 1000],  # row 7: begun, not finished: its blanks are errors
    ]
    path = _workbook(tmp_path / "t.xlsx", {"指标基础数据": _inputs_sheet(*rows)})
    tables, problems = read_inputs([path])
    frame = tables["indicator_inputs"].frame
    assert list(frame.index) == [4, 7]
    (skipped,) = [p for p in problems if p.check == "template_rows_skipped"]
    assert skipped.severity == "warning" and skipped.file == "t.xlsx[指标基础数据]"
    assert "3 行" in skipped.message_zh and "第 3, 5–6 行" in skipped.message_zh
    assert "3 rows" in skipped.message_en and "(rows 3, 5–6)" in skipped.message_en
    # a row begun is data: its figure is read, its blanks stay blank for validation to name
    assert frame.loc[7, "working_age_population"] == 1000 and pd.isna(frame.loc[7, "new_entrepreneurs"])


def test_a_sheet_with_nothing_filled_in_is_no_table_given(tmp_path: Path) -> None:
    quotas = [
        ["设区市代码 *", "设区市（参考）", "年度 *", "单位类型 *", "目标任务数（个） *", "申报评估数（个） *"],
        ["city_code", "city (reference)", "year", "unit_type", "target_count", "evaluation_quota"],
        ["320100", "南京市", 2020, "街道(乡镇) street_town"],
        ["320100", "南京市", 2020, "社区(村) community_village"],
    ]
    path = _workbook(
        tmp_path / "all.xlsx",
        {"目标任务": quotas, "指标基础数据": _inputs_sheet(["320102002", "梅园新村街道", 2020, *FIGURES])},
    )
    tables, problems = read_inputs([path])
    assert list(tables) == ["indicator_inputs"]  # the quotas sheet gives no table: the active version's stays
    (unfilled,) = [p for p in problems if p.check == "template_unfilled"]
    assert unfilled.severity == "warning" and "目标任务" in unfilled.message_zh and "quotas" in unfilled.message_en
    assert not has_errors(problems)


def test_a_template_with_nothing_filled_in_anywhere_is_an_error(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "empty.xlsx", {"指标基础数据": _inputs_sheet(["320102002", "梅园新村街道", 2020])})
    tables, problems = read_inputs([path])
    assert tables == {}
    checks = {p.check: p for p in problems}
    assert checks["template_empty"].severity == "error" and checks["template_empty"].file == "empty.xlsx"
    assert "没有填写任何数据" in checks["template_empty"].message_zh
    assert "nothing to import" in checks["template_empty"].message_en


@pytest.mark.parametrize(
    ("label", "code"),
    [("自主申报 declared", "declared"), ("省级认定 certified", "certified"), ("未通过 rejected", "rejected")],
)
def test_a_drop_down_item_reads_as_its_code(tmp_path: Path, label: str, code: str) -> None:
    certs = [
        ["单位代码 *", "单位名称（参考）", "认定年度 *", "当前环节 *", "申报日期"],
        ["unit_code", "unit_name (reference)", "round_year", "stage", "declared_date"],
        ["320102002", "梅园新村街道", 2020, label, "2019-10-01"],
    ]
    loaded = read_table(_workbook(tmp_path / "c.xlsx", {"认定进程": certs}))
    assert loaded.problems == [] and loaded.frame.loc[3, "stage"] == code


def test_yes_no_and_unit_type_items_read_as_their_codes(tmp_path: Path) -> None:
    units = [
        ["单位代码 *", "单位名称 *", "单位类型", "纳入统计 *", "所属市代码 *", "所属县代码 *", "园区级别"],
        ["unit_code", "name", "unit_type", "in_scope", "city_code", "county_code", "park_level"],
        ["320102002", "梅园新村街道", "街道(乡镇) street_town", "是 true", "320100", "320102", None],
        ["320104500", "秦淮科技园", "园区 park", "否 false", "320100", "320104", "省级 provincial"],
    ]
    loaded = read_table(_workbook(tmp_path / "u.xlsx", {"单位名录": units}))
    assert loaded.problems == []
    assert loaded.frame["unit_type"].tolist() == ["street_town", "park"]
    assert loaded.frame["in_scope"].tolist() == [True, False]
    assert loaded.frame["park_level"].tolist()[1] == "provincial"
