"""Write a template workbook with openpyxl (write-only: a province-wide template streams its rows).

Each data sheet: the Chinese headers in row 1 (``*`` and an orange fill for a required column, grey for a
reference column), the English codes in row 2, both frozen with the first column; every column formatted for
what it holds (text for codes and names, so Excel keeps leading digits; whole numbers; six decimals for
coordinates; dates), drop-down lists for choices and yes/no, range checks for numbers, widths that fit. The
pre-filled rows follow from row 3. The instructions sheet comes last.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable, Mapping
from copy import copy
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from chuangye.data.headers import CHOICE_WORDS_ZH, bool_label, choice_label
from chuangye.data.schema import TABLES
from chuangye.engine.manager import Analytics
from chuangye.exports.tables import FORMULA_STARTS
from chuangye.exports.templates.instructions import Line, instruction_lines, limits_text, table_label
from chuangye.exports.templates.layout import TemplateColumn, sheet_columns
from chuangye.exports.templates.prefill import prefilled_rows
from chuangye.exports.templates.request import ALL, TEMPLATE_TABLES
from chuangye.strings.i18n import t

HEADER_ROWS = 2  # the Chinese headers, then the English codes
LAST_ROW = 1_048_576  # Excel's last row: drop-downs and checks hold for every row typed in
HEADER_FONT = Font(bold=True, color="1F1F1F")
CODE_FONT = Font(italic=True, color="595959", size=9)
FILLS = {
    "header": PatternFill("solid", fgColor="DCE6F1"),
    "required": PatternFill("solid", fgColor="FCE4D6"),
    "reference": PatternFill("solid", fgColor="D9D9D9"),
    "code": PatternFill("solid", fgColor="F2F2F2"),
    "reference_cell": PatternFill("solid", fgColor="F2F2F2"),
}
WIDTH_RANGE = (8, 45)  # characters
HEADER_WRAP_WIDTH = 24  # a longer header wraps rather than widening its column
WIDTH_SAMPLE_ROWS = 500


@dataclass(frozen=True)
class TemplateFile:
    content: bytes
    filename: str
    tables: tuple[str, ...]
    region: str | None
    year: int
    rows: Mapping[str, int]  # pre-filled rows per table

    @property
    def prefilled(self) -> int:
        return sum(self.rows.values())


def build_template(an: Analytics, table: str, *, region: str | None, year: int, lang: str = "zh") -> TemplateFile:
    """The template of ``table`` (or ``all``), pre-filled for ``region`` and ``year`` from ``an`` (a user's scoped
    view: it holds nothing the user may not see); ``region`` None gives a blank template."""
    tables = TEMPLATE_TABLES if table == ALL else (table,)
    frames = {name: _rows(an, name, region, year, lang) for name in tables}
    wb = Workbook(write_only=True)
    sheets = {name: sheet_name(name, lang) for name in tables}
    for name in tables:
        _write_data_sheet(wb, sheets[name], sheet_columns(name), frames[name], lang)
    meta = _meta(an, sheets, frames, region, year, lang)
    _write_instructions(wb, instruction_lines(sheets, meta, lang), lang)
    wb.properties.title = t("tpl_title", lang)
    wb.properties.creator = "chuangye-dashboard"
    out = io.BytesIO()
    wb.save(out)
    return TemplateFile(
        content=out.getvalue(),
        filename=file_name(table, region, year, lang),
        tables=tables,
        region=region,
        year=year,
        rows={name: len(frame) for name, frame in frames.items()},
    )


def sheet_name(table: str, lang: str) -> str:
    """The data sheet's name: the table's Chinese name, or its code in English (the reader knows both)."""
    return TABLES[table].zh if lang == "zh" else table


def file_name(table: str, region: str | None, year: int, lang: str) -> str:
    what = t("tpl_file_all", lang) if table == ALL else sheet_name(table, lang)
    return t("tpl_file_name", lang, what=what, region=region or t("tpl_file_blank", lang), year=year)


def _rows(an: Analytics, table: str, region: str | None, year: int, lang: str) -> pd.DataFrame:
    if region is None:
        return pd.DataFrame(columns=[c.key for c in sheet_columns(table)])
    return prefilled_rows(an, table, region, year, lang)


# ------------------------------------------------------------------------------------------ data sheets


def _write_data_sheet(wb: Workbook, title: str, columns: list[TemplateColumn], rows: pd.DataFrame, lang: str) -> None:
    ws = wb.create_sheet(title)
    for number, column in enumerate(columns, start=1):
        dimension = ws.column_dimensions[get_column_letter(number)]
        dimension.width = _width(column, rows)
        dimension.number_format = column.number_format  # cells typed in later take it too
    ws.freeze_panes = f"B{HEADER_ROWS + 1}"  # the headers and the first column (a row's code) stay in view
    ws.row_dimensions[1].height = 32
    for validation in _validations(columns, lang):
        ws.data_validations.append(validation)
    ws.append([_header_cell(ws, column) for column in columns])
    ws.append([_code_cell(ws, column) for column in columns])
    styles = [_DataStyle(ws, column) for column in columns]
    frame = rows.reindex(columns=[column.key for column in columns])
    for values in frame.itertuples(index=False, name=None):
        ws.append([style.cell(value) for style, value in zip(styles, values, strict=True)])


class _DataStyle:
    """How a column's pre-filled cells look, set up once: openpyxl looks a style up in the workbook's style
    table each time one is assigned, which took most of the time of a province-wide template; a cell takes
    a copy of the column's style array instead."""

    def __init__(self, ws, column: TemplateColumn) -> None:
        self.ws, self.column = ws, column
        plain = WriteOnlyCell(ws)
        plain.number_format = column.number_format
        if column.is_reference:
            plain.fill = FILLS["reference_cell"]
        quoted = WriteOnlyCell(ws)
        quoted._style = copy(plain._style)
        quoted.quotePrefix = True
        self._plain, self._quoted = plain._style, quoted._style

    def cell(self, value: object) -> WriteOnlyCell | None:
        shown = cell_value(self.column, value)
        if shown is None:
            return None
        cell = WriteOnlyCell(self.ws, value=shown)
        quoted = False
        if isinstance(shown, str):
            cell.data_type = "s"  # text, never a formula
            quoted = shown.startswith(FORMULA_STARTS)
        cell._style = copy(self._quoted if quoted else self._plain)
        return cell


def _header_cell(ws, column: TemplateColumn) -> WriteOnlyCell:
    cell = _text_cell(ws, column.header)
    cell.font = HEADER_FONT
    cell.fill = FILLS["reference" if column.is_reference else "required" if column.required else "header"]
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return cell


def _code_cell(ws, column: TemplateColumn) -> WriteOnlyCell:
    cell = _text_cell(ws, column.code)
    cell.font = CODE_FONT
    cell.fill = FILLS["code"]
    cell.alignment = Alignment(horizontal="center")
    return cell


def _text_cell(ws, text: str) -> WriteOnlyCell:
    """A cell that holds ``text`` as text: never a formula, even when it begins with ``=``, and kept so when
    someone edits it (Excel's quote prefix)."""
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"
    cell.number_format = "@"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def cell_value(column: TemplateColumn, value: object) -> str | int | float | dt.date | None:
    """A pre-filled value as the template writes it: codes and names as text, choices as their drop-down item."""
    if _missing(value):
        return None
    col = column.column
    kind = "text" if col is None else col.type
    if kind == "bool":
        return bool_label(bool(value))
    if kind == "category":
        words = CHOICE_WORDS_ZH.get(col.name, {})
        return choice_label(words[str(value)], str(value)) if str(value) in words else str(value)
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "date":
        return pd.Timestamp(value).date()
    return str(value)


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _width(column: TemplateColumn, rows: pd.DataFrame) -> float:
    shown = rows[column.key].head(WIDTH_SAMPLE_ROWS) if column.key in rows else []
    widths = [
        min(display_width(column.header), HEADER_WRAP_WIDTH),
        display_width(column.code),
        *(display_width(choice) for choice in column.choices),
        *(display_width(cell_value(column, value)) for value in shown),
    ]
    low, high = WIDTH_RANGE
    return float(min(max(max(widths) + 2, low), high))


def display_width(value: object) -> int:
    """How many character cells ``value`` takes: a Chinese character two, others one."""
    text = "" if value is None else str(value)
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


def _validations(columns: list[TemplateColumn], lang: str) -> Iterable[DataValidation]:
    for number, column in enumerate(columns, start=1):
        validation = _validation(column, lang)
        if validation is not None:
            letter = get_column_letter(number)
            validation.add(f"{letter}{HEADER_ROWS + 1}:{letter}{LAST_ROW}")
            yield validation


def _validation(column: TemplateColumn, lang: str) -> DataValidation | None:
    col = column.column
    if col is None:
        return None
    title = column.header.rstrip(" *")[:32]
    if column.choices:
        listed = ", ".join(column.choices)
        return DataValidation(
            type="list",
            formula1='"' + ",".join(column.choices) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",  # the code or the Chinese word alone is read too: Excel asks, does not refuse
            errorTitle=t("tpl_dv_error_title", lang),
            error=t("tpl_dv_pick", lang, values=listed)[:255],
            showInputMessage=True,
            promptTitle=title,
            prompt=t("tpl_dv_pick", lang, values=listed)[:255],
        )
    if col.type in ("int", "float") and col.min_value is not None:
        bounds = {"operator": "between", "formula1": _bound(col.min_value), "formula2": _bound(col.max_value)}
        if col.max_value is None:
            bounds = {"operator": "greaterThanOrEqual", "formula1": _bound(col.min_value)}
        message = t("tpl_dv_whole" if col.type == "int" else "tpl_dv_decimal", lang, limits=limits_text(column, lang))
        return DataValidation(
            type="whole" if col.type == "int" else "decimal",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle=t("tpl_dv_error_title", lang),
            error=message,
            **bounds,
        )
    return None


def _bound(value: float | None) -> str:
    return "" if value is None else (str(int(value)) if float(value).is_integer() else str(value))


# ------------------------------------------------------------------------------------------ instructions


def _meta(
    an: Analytics,
    sheets: Mapping[str, str],
    frames: Mapping[str, pd.DataFrame],
    region: str | None,
    year: int,
    lang: str,
) -> list[tuple[str, str]]:
    separator = "; " if lang == "en" else "；"
    where = f"{an.region_name(region, lang)} ({region})" if region else t("tpl_meta_region_none", lang)
    meta = [
        ("tpl_meta_tables", separator.join(f"{sheets[name]}: {table_label(name, lang)}" for name in sheets)),
        ("tpl_meta_region", where),
        ("tpl_meta_year", str(year)),
    ]
    if region:
        counts = separator.join(f"{sheets[name]}: {len(frame):,}" for name, frame in frames.items())
        meta += [("tpl_meta_rows", counts), ("tpl_meta_version", an.version_id)]
    meta.append(("tpl_meta_made", dt.date.today().isoformat()))
    return meta


INSTRUCTION_WIDTHS = (22, 30, 26, 12, 18, 14, 44, 26, 44, 56)
LINE_FONTS = {
    "title": Font(bold=True, size=14),
    "subtitle": Font(size=12, color="595959"),
    "label": Font(bold=True),
    "heading": Font(bold=True, size=12),
    "table_header": Font(bold=True),
    "muted": Font(color="595959"),
}


def _write_instructions(wb: Workbook, lines: Iterable[Line], lang: str) -> None:
    ws = wb.create_sheet(t("tpl_sheet_instructions", lang))
    for number, width in enumerate(INSTRUCTION_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(number)].width = width
    for line in lines:
        ws.append([_instruction_cell(ws, line, position, text) for position, text in enumerate(line.cells)])


def _instruction_cell(ws, line: Line, position: int, text: str) -> WriteOnlyCell | None:
    if not text:
        return None
    cell = _text_cell(ws, text)
    font = LINE_FONTS.get(line.kind)
    if line.kind == "label" and position > 0:
        font = None
    if font is not None:
        cell.font = font
    if line.kind == "table_header":
        cell.fill = FILLS["header"]
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    elif line.kind == "text" and len(line.cells) > 2:
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    return cell


__all__ = ["TemplateFile", "build_template", "cell_value", "display_width", "file_name", "sheet_name"]
