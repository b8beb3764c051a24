"""Read an XLSX workbook's sheets into grids of text cells, within the reading limits, saying what is not plain.

Before anything is inflated, the archive's declared sizes are checked (a zip bomb is refused in
milliseconds). Each sheet is then streamed once through openpyxl's own sheet parser, the one its read-only
mode uses, which also hands over what read-only worksheets do not expose: hidden rows, merged ranges and
formulas. A formula cell whose file holds no computed value (a workbook written by a program and never
recalculated by Excel) reads as empty; it is noted so that it is reported as what it is. Rows beyond the
limit stop the reading.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

from chuangye.data.limits import (
    READ_LIMITS,
    ReadLimits,
    ReadRefused,
    check_file_size,
    check_not_encrypted_workbook,
    check_zip_archive,
)
from chuangye.data.sheet import MergedRange, RawSheet, cells_frame

HIDDEN_STATES = ("hidden", "veryHidden")


class _SheetParser(WorkSheetParser):
    """openpyxl's streaming sheet parser, reading cached values, that also notes formulas without one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.uncached_formulas: dict[tuple[int, int], str] = {}

    def parse_cell(self, element: Any) -> dict[str, Any]:
        cell = super().parse_cell(element)
        if element.find(FORMULA_TAG) is not None:
            formula = self.parse_formula(element)  # always: a shared formula's first cell defines the others
            if not _has_cached_value(element):
                self.uncached_formulas[(cell["row"], cell["column"])] = _formula_text(formula)
        return cell


def _has_cached_value(element: Any) -> bool:
    """A computed value is stored in <v>; an empty one counts only for a text result (a formula giving "")."""
    value = element.find(VALUE_TAG)
    return value is not None and (bool(value.text) or element.get("t") == "str")


def _formula_text(formula: object) -> str:
    text = getattr(formula, "text", None)  # an array formula
    return str(text if text is not None else formula)


def excel_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if np.isfinite(value) and value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_xlsx_sheets(path: Path, limits: ReadLimits = READ_LIMITS) -> list[RawSheet]:
    """Every sheet of the workbook; raises :class:`ReadRefused` for a file too large, a password-protected
    workbook or archive, an archive that would unpack to too much, or a sheet with too many rows or columns."""
    check_file_size(path, limits)
    check_not_encrypted_workbook(path)
    check_zip_archive(path, limits)
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return [_read_sheet(workbook, ws, limits) for ws in workbook.worksheets]
    finally:
        workbook.close()


def _read_sheet(workbook: Any, ws: Any, limits: ReadLimits) -> RawSheet:
    with ws._get_source() as source:
        parser = _SheetParser(
            source,
            ws._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        rows = _rows(parser, limits)
    hidden_rows = sorted(int(r) for r, attrs in parser.row_dimensions.items() if _is_true(attrs.get("hidden")))
    merged = parser.merged_cells.mergeCell if parser.merged_cells is not None else []
    return RawSheet(
        cells=cells_frame(rows),
        sheet=ws.title,
        hidden=ws.sheet_state in HIDDEN_STATES,
        hidden_rows=tuple(hidden_rows),
        merged=tuple(MergedRange(*_bounds(m.ref)) for m in merged if m.ref),
        uncached_formulas=parser.uncached_formulas,
    )


def _rows(parser: _SheetParser, limits: ReadLimits) -> list[list[str]]:
    """Cells by row as text, rows absent from the file as empty ones; stops at the first row over the limit."""
    rows: list[list[str]] = []
    for number, cells in parser.parse():
        if number > limits.max_rows:
            raise ReadRefused("too_many_rows", row=number, limit=f"{limits.max_rows:,}")
        values = {c["column"]: text for c in cells if (text := excel_text(c["value"]))}
        width = max(values, default=0)
        if width > limits.max_columns:
            raise ReadRefused("too_many_columns", row=number, count=f"{width:,}", limit=limits.max_columns)
        row = [""] * width
        for column, text in values.items():
            row[column - 1] = text
        rows.extend([] for _ in range(number - 1 - len(rows)))
        if number <= len(rows):  # a row written twice: the later one wins, as in Excel
            rows[number - 1] = row
        else:
            rows.append(row)
    return rows


def _bounds(ref: str) -> tuple[int, int, int, int]:
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    return min_row, min_col, max_row, max_col


def _is_true(value: object) -> bool:
    return str(value).lower() in ("1", "true")
