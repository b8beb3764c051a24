"""Tables for reports: styled Excel workbooks and CSV that Excel/WPS open with the Chinese intact.

A sheet is a DataFrame plus column specs (which columns, their zh/en headers and formats). Percentages
stay numbers (fractions with a ``0.0%`` format) so that the figures can be recalculated in Excel; the
header row is frozen and filtered; a last sheet says what the workbook holds (title, region, year, basis,
data version, export date).

Every text cell of every file written here is passed through ``neutralise`` (formula injection: a name or a
header that begins with ``=`` would run as a formula in Excel/WPS); numbers stay numbers.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from chuangye.strings.i18n import t
from chuangye.strings.numbers import percent_text, points_text

Format = Literal["percent", "int", "decimal", "points", "text"]
NUMBER_FORMATS: dict[str, str] = {
    "percent": "0.0%",
    "int": "#,##0",
    "decimal": "0.00",
    "points": "0.0",
    "text": "@",
}
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
HEADER_FONT = Font(bold=True, color="1F1F1F")
HEADER_BORDER = Border(bottom=Side(style="medium", color="4F81BD"))
TITLE_FONT = Font(bold=True, size=14)
CSV_BOM = b"\xef\xbb\xbf"
# what makes a spreadsheet read a text cell as a formula (OWASP, "CSV injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text that a spreadsheet would take for a formula, made literal with a leading ``'`` (the OWASP rule);
    anything else (numbers, negative ones included, dates, empty cells, other text) as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class ColumnSpec:
    key: str  # column of the DataFrame
    zh: str
    en: str
    fmt: Format = "text"
    width: float | None = None  # characters; None = fit the content
    wrap: bool = False  # long text that may wrap in PDF/Word tables (other cells stay on one line)

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


Sheet = tuple[pd.DataFrame, Sequence[ColumnSpec]]


def _display_width(value: object) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)  # CJK characters take two columns


def _cell_value(value: object, fmt: str) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if fmt == "text":  # a number shown as text is still no formula
        return str(value) if isinstance(value, int | float) else neutralise(str(value))
    if fmt == "int" and isinstance(value, float) and value.is_integer():
        return int(value)
    return neutralise(value)


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (31 characters at most, none of []:*?/\\)."""
    base = _SHEET_FORBIDDEN.sub("_", name).strip("'") or "Sheet"
    base = base[:31]
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title.lower())
    return title


def table_to_xlsx(
    sheets: Mapping[str, Sheet],
    title: str,
    meta: Mapping[str, str] | Sequence[tuple[str, str]] = (),
    *,
    lang: str = "zh",
) -> bytes:
    """One styled sheet per entry of ``sheets`` (header in row 1, frozen, filtered) and an "about" sheet."""
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for name, (frame, specs) in sheets.items():
        ws = wb.create_sheet(sheet_title(name, taken))
        specs = [s for s in specs if s.key in frame.columns]
        for col, spec in enumerate(specs, start=1):
            cell = ws.cell(row=1, column=col, value=neutralise(spec.header(lang)))
            cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for r, row in enumerate(frame[[s.key for s in specs]].itertuples(index=False), start=2):
            for col, (spec, value) in enumerate(zip(specs, row, strict=True), start=1):
                cell = ws.cell(row=r, column=col, value=_cell_value(value, spec.fmt))
                cell.number_format = NUMBER_FORMATS[spec.fmt]
        for col, spec in enumerate(specs, start=1):
            values = frame[spec.key].head(500)
            shown = [_display_width(_sample_text(v, spec.fmt)) for v in values]
            width = spec.width or min(max([_display_width(spec.header(lang)), *shown, 6]) + 2, 60)
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.row_dimensions[1].height = 30
        ws.freeze_panes = "A2"
        if specs and len(frame):
            ws.auto_filter.ref = f"A1:{get_column_letter(len(specs))}{len(frame) + 1}"

    about = wb.create_sheet(sheet_title(t("exp_sheet_about", lang), taken))
    about.cell(row=1, column=1, value=neutralise(title)).font = TITLE_FONT
    items = list(meta.items()) if isinstance(meta, Mapping) else list(meta)
    for r, (key, value) in enumerate(items, start=3):
        about.cell(row=r, column=1, value=neutralise(key)).font = Font(bold=True)
        about.cell(row=r, column=2, value=neutralise(value))
    about.column_dimensions["A"].width = max([_display_width(k) for k, _ in items] + [12]) + 2
    about.column_dimensions["B"].width = min(max([_display_width(v) for _, v in items] + [20]) + 2, 100)

    out = io.BytesIO()
    wb.properties.title = title
    wb.properties.creator = "chuangye-dashboard"
    wb.save(out)
    return out.getvalue()


def display_value(value: object, fmt: str, missing: str = "—") -> str:
    """A cell as text, the way the workbook's number format shows it (for PDF and Word tables)."""
    text = _sample_text(value, fmt)
    return text if text else missing


def _sample_text(value: object, fmt: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if fmt == "percent":
        return percent_text(value)
    if fmt == "points":
        return points_text(value)
    if fmt == "decimal":
        return points_text(value, 2)
    if fmt == "int":
        return f"{int(value):,}"
    return str(value)


def table_to_csv(df: pd.DataFrame, specs: Sequence[ColumnSpec] | None = None, *, lang: str = "zh") -> bytes:
    """UTF-8 with a byte-order mark (so that Excel/WPS read the Chinese correctly), CRLF line ends.

    With ``specs`` only those columns, headed in ``lang``; numbers are written as they are (fractions for
    percentages), so the file can be read back without loss; text cells and headers are neutralised.
    """
    if specs is not None:
        specs = [s for s in specs if s.key in df.columns]
        df = df[[s.key for s in specs]].set_axis([s.header(lang) for s in specs], axis=1)
    df = df.copy()
    for i in range(df.shape[1]):  # by position: two columns may share a header
        column = df.iloc[:, i]
        if not is_numeric_dtype(column) and not is_bool_dtype(column):
            df.isetitem(i, column.map(neutralise))
    df.columns = [neutralise(str(c)) for c in df.columns]
    text = df.to_csv(index=False, lineterminator="\r\n")
    return CSV_BOM + text.encode("utf-8")


__all__ = [
    "CSV_BOM",
    "FORMULA_STARTS",
    "NUMBER_FORMATS",
    "ColumnSpec",
    "Sheet",
    "display_value",
    "neutralise",
    "sheet_title",
    "table_to_csv",
    "table_to_xlsx",
]
