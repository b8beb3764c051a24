"""The validation report as files: the problem list (every file's problems) as a workbook, and for an uploaded
workbook a copy of it with each problem cell marked (filled, and a comment saying what is wrong) and the
workbook's own problems listed on a first sheet. A CSV has no workbook to mark: its problems are in the list.

Problems name their cell the way the readers do (``chuangye.data.tables``): the file (``name.xlsx[sheet]`` for
a workbook), the Excel row and the schema's column name; the column's letter in the user's sheet is found
again from its header, with the readers' own header matching. Every text written from the user's data is
neutralised against formula injection (``exports.tables.neutralise``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from chuangye.data.headers import match_header
from chuangye.data.problems import FILE_FAILURES, Problem, problem_title
from chuangye.data.schema import TABLES
from chuangye.exports.tables import (
    HEADER_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    ColumnSpec,
    neutralise,
    sheet_title,
    table_to_xlsx,
)
from chuangye.strings.i18n import t

COLUMNS = ("severity", "file", "row", "column", "column_zh", "value", "message", "check")
COLUMN_HEADERS = {
    "severity": "dp_col_severity",
    "file": "dp_col_file",
    "row": "dp_col_row",
    "column": "dp_col_column",
    "column_zh": "dp_xlsx_column_zh",
    "value": "dp_col_value",
    "message": "dp_col_message",
    "check": "dp_col_check",
}
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# Excel's own "Bad" and "Neutral" cell styles: errors red, warnings yellow
FILLS = {"error": PatternFill("solid", fgColor="FFC7CE"), "warning": PatternFill("solid", fgColor="FFEB9C")}
HEADER_SCAN_ROWS = 15  # the readers look for the header row among the top 15 rows too
COMMENT_AUTHOR = "chuangye"
COMMENT_SIZE = (120, 320)  # height, width in points: room for two or three messages
_SHEET_OF = re.compile(r"^(?P<file>.*)\[(?P<sheet>[^\[\]]*)\]$")


def column_zh(column: str | None, table: str | None = None) -> str:
    """The schema's Chinese header of ``column`` (in ``table`` when known, else in the first table that has it)."""
    if not column:
        return ""
    candidates = [TABLES[table]] if table in TABLES else []
    for spec in [*candidates, *TABLES.values()]:
        for col in spec.columns:
            if col.name == column:
                return col.zh
    return ""


def column_label(column: str | None, table: str | None, lang: str) -> str:
    """A column as the report shows it: the schema's name with its Chinese header, ``unit_code（单位代码）``."""
    if not column:
        return ""
    zh = column_zh(column, table)
    if not zh:
        return column
    return f"{column} ({zh})" if lang == "en" else f"{column}（{zh}）"


def severity_label(problem: Problem, lang: str) -> str:
    return t(f"dp_severity_{problem.severity}", lang)


def problem_frame(problems: Sequence[Problem], lang: str, tables: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per problem: severity, file, Excel row, column, its Chinese header, value, message, check."""
    tables = tables or {}
    rows = [
        {
            "severity": severity_label(p, lang),
            "file": p.file,
            "row": p.row,
            "column": p.column or "",
            "column_zh": column_zh(p.column, tables.get(p.file)),
            "value": p.value if p.value is not None and p.check != "more_problems" else "",
            "message": p.message(lang),
            "check": problem_title(p.check, lang),
        }
        for p in problems
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype({"row": "Int64"})


def specs() -> list[ColumnSpec]:
    return [
        ColumnSpec(key, t(COLUMN_HEADERS[key], "zh"), t(COLUMN_HEADERS[key], "en"), "int" if key == "row" else "text")
        for key in COLUMNS
    ]


def split_source(source: str) -> tuple[str, str | None]:
    """``"data.xlsx[quotas]"`` -> ("data.xlsx", "quotas"); a CSV's name -> (name, None)."""
    found = _SHEET_OF.match(source)
    return (found["file"], found["sheet"]) if found else (source, None)


def is_workbook(name: str) -> bool:
    return name.lower().endswith(WORKBOOK_SUFFIXES)


def problem_list_xlsx(
    problems: Sequence[Problem],
    lang: str,
    *,
    files: Sequence[str] = (),
    tables: Mapping[str, str] | None = None,
    generated: dt.datetime | None = None,
) -> bytes:
    """The problem list of every file, and what the report holds (the files, the counts, which are CSV)."""
    title = t("dp_xlsx_title", lang)
    frame = problem_frame(problems, lang, tables)
    sheets = {t("dp_xlsx_sheet_problems", lang): (frame, specs())}
    return table_to_xlsx(sheets, title, _about(problems, lang, files, generated), lang=lang)


def _about(
    problems: Sequence[Problem], lang: str, files: Sequence[str], generated: dt.datetime | None
) -> list[tuple[str, str]]:
    errors = sum(p.is_error for p in problems)
    meta = [
        (t("dp_xlsx_files", lang), ", ".join(files)),
        (t("dp_xlsx_counts", lang), f"{errors:,} / {len(problems) - errors:,}"),
        (t("dp_xlsx_generated", lang), (generated or dt.datetime.now().astimezone()).isoformat(timespec="seconds")),
    ]
    csv_files = [name for name in files if not is_workbook(name)]
    if csv_files:
        meta.append((t("dp_xlsx_csv_only", lang), ", ".join(csv_files)))
    return meta


# ------------------------------------------------------------------------------------------ marked workbook


@dataclass(frozen=True)
class Cell:
    sheet: str
    row: int
    column: int  # 1-based


def of_workbook(problems: Iterable[Problem], name: str) -> list[Problem]:
    """The problems of the workbook file ``name`` (of the file itself or of one of its sheets)."""
    return [p for p in problems if split_source(p.file)[0] == name]


def header_columns(ws: Worksheet, table: str | None) -> dict[str, int]:
    """Schema column -> the sheet's column number, from the header cells among the top rows (the readers' own
    matching; the first cell that names a column wins, as the reader takes the first)."""
    names = [table] if table in TABLES else list(TABLES)
    found: dict[str, int] = {}
    for row in ws.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS):
        for cell in row:
            if cell.value is None or isinstance(cell.value, int | float):
                continue
            for name in names:
                column = match_header(name, str(cell.value).strip())
                if column is not None:
                    found.setdefault(column, cell.column)
                    break
    return found


def problem_cells(workbook, problems: Sequence[Problem], tables: Mapping[str, str]) -> dict[Cell, list[Problem]]:
    """Each cell a problem names (a row and a column found in its sheet) with the problems about it."""
    cells: dict[Cell, list[Problem]] = defaultdict(list)
    columns_of: dict[str, dict[str, int]] = {}
    for p in problems:
        _, sheet = split_source(p.file)
        if p.row is None or not p.column or sheet not in workbook.sheetnames:
            continue
        if sheet not in columns_of:
            columns_of[sheet] = header_columns(workbook[sheet], tables.get(p.file))
        number = columns_of[sheet].get(p.column)
        if number is not None:
            cells[Cell(sheet, p.row, number)].append(p)
    return cells


def _mark(ws: Worksheet, cell: Cell, problems: Sequence[Problem], lang: str) -> None:
    target = ws.cell(row=cell.row, column=cell.column)
    severity = "error" if any(p.is_error for p in problems) else "warning"
    target.fill = FILLS[severity]
    text = "\n".join(f"{severity_label(p, lang)}：{p.message(lang)}" for p in problems)
    comment = Comment(text, COMMENT_AUTHOR)
    comment.height, comment.width = COMMENT_SIZE
    target.comment = comment


def _problem_sheet(workbook, problems: Sequence[Problem], lang: str, tables: Mapping[str, str]) -> None:
    """The workbook's problems on a new first sheet, styled as the report's list."""
    ws = workbook.create_sheet(
        sheet_title(t("dp_xlsx_sheet_problems", lang), set(map(str.lower, workbook.sheetnames))), 0
    )
    frame = problem_frame(problems, lang, tables)
    columns = specs()
    for number, spec in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=number, value=neutralise(spec.header(lang)))
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, values in enumerate(frame.itertuples(index=False), start=2):
        for number, value in enumerate(values, start=1):
            missing = value is None or value is pd.NA
            ws.cell(row=r, column=number, value=None if missing else neutralise(value))
    note_row = len(frame) + 3
    ws.cell(row=note_row, column=1, value=t("dp_xlsx_note_label", lang))
    ws.cell(row=note_row, column=2, value=t("dp_xlsx_marked_note", lang))
    widths = {"severity": 8, "file": 28, "row": 9, "column": 24, "column_zh": 18, "value": 20, "message": 80,
              "check": 22}  # fmt: skip
    for number, key in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(number)].width = widths[key]
    ws.freeze_panes = "A2"
    if len(frame):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(frame) + 1}"
    workbook.active = 0


def markable(name: str, problems: Sequence[Problem]) -> bool:
    """A workbook with problems that the readers opened: one refused before it was read (over a limit, a zip bomb,
    not a workbook at all) is never opened again to be marked."""
    own = of_workbook(problems, name)
    return is_workbook(name) and bool(own) and not any(p.check in FILE_FAILURES for p in own)


def marked_workbook(
    path: Path, problems: Sequence[Problem], lang: str, tables: Mapping[str, str] | None = None
) -> bytes:
    """A copy of the workbook at ``path`` with its problem cells filled and commented, and its problems listed
    on a first sheet. Only for a ``markable`` workbook (ValueError otherwise)."""
    tables = tables or {}
    if not markable(path.name, problems):
        raise ValueError(f"{path.name} is not a workbook the readers opened, or has no problems")
    own = of_workbook(problems, path.name)
    workbook = load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm")
    try:
        for cell, about in problem_cells(workbook, own, tables).items():
            _mark(workbook[cell.sheet], cell, about, lang)
        _problem_sheet(workbook, own, lang, tables)
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
    finally:
        workbook.close()


__all__ = [
    "COLUMNS",
    "FILLS",
    "Cell",
    "column_label",
    "column_zh",
    "header_columns",
    "is_workbook",
    "markable",
    "marked_workbook",
    "of_workbook",
    "problem_cells",
    "problem_frame",
    "problem_list_xlsx",
    "split_source",
]
