"""Read a CSV file into a grid of text cells, within the reading limits.

The file's size is checked first, then its encoding is told with evidence and its lines counted while it is
streamed (``chuangye.data.encoding``), and only then is it parsed, by pandas straight from the file. A record
that runs over several lines is refused: no name, code or number holds a line break, and such a record almost
always means a stray double quote that swallowed the lines after it. The refusal names the line the quote
opened on and its column, so that the user fixes that line rather than chase its consequences in other tables.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pandas as pd

from chuangye.data.encoding import detect_csv_encoding
from chuangye.data.limits import ENCODING_RULES, READ_LIMITS, ReadLimits, ReadRefused, check_file_size
from chuangye.data.sheet import RawSheet, cells_frame, strip_cells

DELIMITERS = (",", "\t", ";")
_FIRST_LINE_CHARS = 1024 * 1024


def read_csv_sheet(path: Path, limits: ReadLimits = READ_LIMITS) -> RawSheet:
    """The file's cells; raises :class:`ReadRefused` for a file too large or long, of doubtful encoding, with
    too many columns or a record spanning lines (an unclosed quote)."""
    check_file_size(path, limits)
    found = detect_csv_encoding(path, limits)
    encoding = found.encoding
    delimiter, first = _delimiter(path, encoding)
    if first.count(delimiter) >= limits.max_columns:
        raise ReadRefused("too_many_columns", row=1, count=f"{first.count(delimiter) + 1:,}", limit=limits.max_columns)
    try:
        cells = pd.read_csv(
            path,
            encoding=encoding,
            header=None,
            dtype="str",
            keep_default_na=False,
            skip_blank_lines=False,
            sep=delimiter,
        )
        cells.columns = range(cells.shape[1])
        cells = strip_cells(cells)
    except pd.errors.ParserError:  # a record with more cells than the first, or a quote open at the end
        _refuse_spanning_record(path, encoding, delimiter)
        cells = _lenient_cells(path, encoding, delimiter, limits)
    except pd.errors.EmptyDataError:
        cells = pd.DataFrame()
    if found.has_quotes and _has_line_breaks(cells):  # only a quoted cell can hold a line break
        _refuse_spanning_record(path, encoding, delimiter)
    return RawSheet(cells=cells, encoding=encoding)


def _delimiter(path: Path, encoding: str) -> tuple[str, str]:
    """The delimiter the first line uses most (comma when none), and that line."""
    with path.open(encoding=encoding, newline="") as stream:
        first = stream.readline(_FIRST_LINE_CHARS)
    return max(DELIMITERS, key=first.count), first


def _has_line_breaks(cells: pd.DataFrame) -> bool:
    return any(cells[col].str.contains(br, regex=False).any() for col in cells.columns for br in ("\n", "\r"))


def _lenient_cells(path: Path, encoding: str, delimiter: str, limits: ReadLimits) -> pd.DataFrame:
    """Ragged rows (more cells than the first line) through the csv module, which takes them as they come."""
    rows: list[list[str]] = []
    with path.open(encoding=encoding, newline="") as stream:
        reader = csv.reader(stream, delimiter=delimiter)
        for fields in reader:
            if len(fields) > limits.max_columns:
                raise ReadRefused(
                    "too_many_columns", row=reader.line_num, count=f"{len(fields):,}", limit=limits.max_columns
                )
            rows.append(fields)
    return cells_frame(rows)


def _refuse_spanning_record(path: Path, encoding: str, delimiter: str) -> None:
    """Raise ``csv_unclosed_quote`` at the first record that runs over several lines, if there is one."""
    header: list[str] = []
    with path.open(encoding=encoding, newline="") as stream:
        reader = csv.reader(stream, delimiter=delimiter)
        previous_end = 0
        try:
            for fields in reader:
                header = header or fields
                if reader.line_num > previous_end + 1:
                    raise _unclosed_quote(path, encoding, delimiter, previous_end + 1, reader.line_num, header)
                previous_end = reader.line_num
        except csv.Error:  # the open quote ran on past the csv module's field size limit (128 KiB)
            raise _unclosed_quote(path, encoding, delimiter, previous_end + 1, None, header) from None


def _unclosed_quote(
    path: Path, encoding: str, delimiter: str, start: int, end: int | None, header: list[str]
) -> ReadRefused:
    line = _line(path, encoding, start)
    fields = next(csv.reader([line], delimiter=delimiter), [""])
    position = len(fields)  # the cell the quote opened: the last one the line holds
    column = header[position - 1] if start > 1 and position <= len(header) else f"#{position}"
    shown = ENCODING_RULES.shown_line_chars
    return ReadRefused(
        "csv_unclosed_quote",
        row=start,
        value=line.rstrip("\r\n")[:shown],
        column=column,
        position=position,
        lines_zh=f"第 {start}–{end} 行" if end else f"第 {start} 行及其后的许多行",
        lines_en=f"lines {start}–{end}" if end else f"line {start} and many lines after it",
    )


def _line(path: Path, encoding: str, number: int) -> str:
    with path.open(encoding=encoding, newline="") as stream:
        return next(itertools.islice(stream, number - 1, None), "")
