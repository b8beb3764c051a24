"""The validation report's files, opened again with openpyxl: the problem list of every file, and the marked copy
of an uploaded workbook, whose highlighted cells are exactly the cells the problems name, each commented with
its problems' messages; the user's own cells and sheets are kept."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from chuangye.data.problems import Problem, make_problem
from chuangye.data.tables import read_inputs
from chuangye.exports.problem_report import (
    FILLS,
    column_label,
    markable,
    marked_workbook,
    problem_list_xlsx,
    split_source,
)
from chuangye.sample.bundled import SAMPLE_DIR

HEADERS_ZH = ["设区市代码", "年度", "单位类型", "目标任务数", "申报评估数"]
BAD_CELLS = {"D5": "abc", "E7": "x1", "B9": "二〇一八"}  # target_count, evaluation_quota, year


def quota_rows() -> list[list[object]]:
    with (SAMPLE_DIR / "quotas.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[1:]
    return [[code, int(year), kind, int(target), int(quota)] for code, year, kind, target, quota in rows]


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory) -> Path:
    """A filled quotas workbook with three bad cells, a title row above its header and a sheet of notes."""
    path = tmp_path_factory.mktemp("problem-report") / "任务数.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "quotas"
    ws.append(["2020 年任务数（填报）"])  # a title row: the header is row 2, data from row 3
    ws.append(HEADERS_ZH)
    for row in quota_rows()[:20]:
        ws.append(row)
    for ref, value in BAD_CELLS.items():
        ws[ref] = value
    wb.create_sheet("备注").append(["本表由各市填报"])  # not an instructions sheet (说明): reported as ignored
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def problems(workbook_path) -> list[Problem]:
    _, found = read_inputs([workbook_path])
    return found


def marked_cells(content: bytes) -> dict[tuple[str, str], object]:
    wb = load_workbook(io.BytesIO(content))
    return {
        (ws.title, cell.coordinate): cell
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.fill.fgColor.rgb in {fill.fgColor.rgb for fill in FILLS.values()} and cell.fill.fill_type == "solid"
    }


def in_cells(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.row is not None]


def test_the_reader_names_the_three_bad_cells_and_the_sheet_it_ignored(problems):
    assert {p.check for p in problems if p.row is None} == {"sheet_ignored"}  # the notes: no cell to mark
    named = {(p.file, p.row, p.column) for p in in_cells(problems)}
    assert named == {
        ("任务数.xlsx[quotas]", 5, "target_count"),
        ("任务数.xlsx[quotas]", 7, "evaluation_quota"),
        ("任务数.xlsx[quotas]", 9, "year"),
    }


def test_the_highlighted_cells_are_exactly_the_problem_cells_and_say_why(workbook_path, problems):
    content = marked_workbook(workbook_path, problems, "zh")
    cells = marked_cells(content)
    assert set(cells) == {("quotas", ref) for ref in BAD_CELLS}
    for p in in_cells(problems):
        ref = {"target_count": "D", "evaluation_quota": "E", "year": "B"}[p.column] + str(p.row)
        cell = cells[("quotas", ref)]
        assert cell.fill.fgColor.rgb == FILLS["error"].fgColor.rgb
        assert p.message_zh in cell.comment.text
        assert cell.value == BAD_CELLS[ref]  # the user's value is kept as it was


def test_a_warning_on_a_cell_is_yellow_and_shares_the_comment_of_an_error(workbook_path, problems):
    extra = [
        make_problem("quota_below_target", file="任务数.xlsx[quotas]", row=7, column="evaluation_quota", value="x1",
                     severity="warning", quota="x1", target="20"),
        make_problem("quota_below_target", file="任务数.xlsx[quotas]", row=11, column="evaluation_quota", value="1",
                     severity="warning", quota="1", target="20"),
        make_problem("empty_table", file="任务数.xlsx[quotas]"),  # the sheet as a whole: no cell to mark
        make_problem("not_integer", file="其他.xlsx[quotas]", row=3, column="year", value="x"),  # another file
    ]  # fmt: skip
    content = marked_workbook(workbook_path, problems + extra, "en")
    cells = marked_cells(content)
    assert set(cells) == {("quotas", ref) for ref in [*BAD_CELLS, "E11"]}
    assert cells[("quotas", "E11")].fill.fgColor.rgb == FILLS["warning"].fgColor.rgb
    both = cells[("quotas", "E7")]
    assert both.fill.fgColor.rgb == FILLS["error"].fgColor.rgb  # an error outranks the warning
    assert extra[0].message_en in both.comment.text
    assert next(p for p in in_cells(problems) if p.row == 7).message_en in both.comment.text


def test_the_marked_copy_lists_the_workbook_s_problems_first_and_keeps_its_sheets(workbook_path, problems):
    wb = load_workbook(io.BytesIO(marked_workbook(workbook_path, problems, "zh")))
    assert wb.sheetnames == ["问题清单", "quotas", "备注"]
    listed = list(wb["问题清单"].iter_rows(min_row=1, max_row=len(problems) + 1, values_only=True))
    assert listed[0][:4] == ("级别", "文件", "Excel 行", "列")
    assert {(r[1], r[2], r[3]) for r in listed[1:]} == {(p.file, p.row, p.column) for p in problems}
    assert {r[4] for r in listed[1:] if r[2]} == {"目标任务数", "申报评估数", "年度"}  # each column's Chinese header
    assert wb["quotas"]["A3"].value == quota_rows()[0][0]
    assert wb["备注"]["A1"].value == "本表由各市填报"


def test_the_problem_list_holds_every_file_and_says_which_are_csv(problems):
    csv_problem = make_problem("not_integer", file="quotas.csv", row=4, column="target_count", value="=1+1")
    content = problem_list_xlsx([*problems, csv_problem], "en", files=["任务数.xlsx", "quotas.csv"])
    wb = load_workbook(io.BytesIO(content))
    sheet = wb["Problems"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(problems) + 1
    formula = next(r for r in rows if r[1] == "quotas.csv")
    assert formula[5] == "'=1+1"  # the user's value can never run as a formula
    about = {row[0]: row[1] for row in wb.worksheets[-1].iter_rows(values_only=True) if row[0]}
    assert about["Files with the problem list only (CSV)"] == "quotas.csv"


def test_only_a_workbook_the_readers_opened_is_marked(tmp_path, problems):
    refused = make_problem("zip_ratio", file="bomb.xlsx", member="x", size="1 GiB", ratio="1,000", limit="100")
    assert not markable("bomb.xlsx", [refused])
    assert not markable("quotas.csv", [make_problem("not_integer", file="quotas.csv", row=2, column="year")])
    assert not markable("clean.xlsx", problems)  # no problem of its own
    assert markable("任务数.xlsx", problems)
    with pytest.raises(ValueError):
        marked_workbook(tmp_path / "bomb.xlsx", [refused], "zh")


def test_sources_and_columns_as_the_report_names_them():
    assert split_source("a[1].xlsx[quotas]") == ("a[1].xlsx", "quotas")
    assert split_source("quotas.csv") == ("quotas.csv", None)
    assert column_label("target_count", "quotas", "zh") == "target_count（目标任务数）"
    assert column_label("target_count", None, "en") == "target_count (目标任务数)"
    assert column_label("not_a_column", None, "zh") == "not_a_column"
