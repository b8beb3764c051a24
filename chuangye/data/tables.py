"""Read the user's CSV/XLSX files into typed tables with the schema's English column names.

Everything is read as text first and converted per column type, so codes keep their leading zeros and
every cell that cannot be converted becomes a :class:`~chuangye.data.problems.Problem` naming the row the user
sees in Excel/WPS (the header is row 1). Nothing here raises on bad data.

The files are read within limits and with evidence by ``csv_file`` and ``xlsx_file``; a file they refuse
(over a limit, of doubtful encoding, with an unclosed quote) becomes an ``unreadable`` table, so that its
refusal is reported once, first, and not buried under what other tables' checks against it would say.
Here cells that are too long or hold forbidden characters, and what a worksheet hides (merged cells,
formulas without a value, hidden rows and sheets), are reported as what they are.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from openpyxl.utils import get_column_letter

from chuangye.data.cells import char_label, first_forbidden, forbidden_class, kind_of
from chuangye.data.csv_file import read_csv_sheet
from chuangye.data.encoding import ENCODINGS
from chuangye.data.headers import (
    BOOL_FALSE,
    BOOL_TRUE,
    CHOICE_ALIASES,
    is_instruction_sheet,
    is_reference_header,
    match_header,
    normalise_header,
    table_from_name,
    tables_from_headers,
)
from chuangye.data.limits import READ_LIMITS, ReadLimits, ReadRefused
from chuangye.data.problems import Problem, make_problem
from chuangye.data.schema import TABLES, Column, Table, max_chars
from chuangye.data.sheet import RawSheet
from chuangye.data.xlsx_file import read_xlsx_sheets
from chuangye.strings.problems import CHARACTER_KINDS

# The tables others are checked against (chuangye.data.validation), and those others: when one of them could
# not be read, the checks of the others against it are skipped, and that is said once.
CHECKED_AGAINST: dict[str, tuple[str, ...]] = {
    "regions": ("units", "quotas"),
    "units": ("indicator_inputs", "certifications"),
}
CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
__all__ = ["ENCODINGS", "LoadedTable", "read_inputs", "read_table"]
SOURCE_ROW = "source_row"  # name of the index holding the row number a user sees in Excel/WPS
SHOWN_ROW_RANGES = 20  # how many spans of skipped template rows a warning lists

_SCIENTIFIC = r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$"
_DATE_PARTS = r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]00:00(?::00(?:\.0+)?)?)?$"
_EXCEL_SERIAL = r"^\d{5}(?:\.0+)?$"  # Excel date serials 10000..99999 = 1927..2173
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
DATE_DTYPE = "datetime64[us]"


@dataclass
class LoadedTable:
    """One input table: typed frame (index = source row numbers), where it came from, and what went wrong."""

    table: str
    frame: pd.DataFrame
    path: Path | str
    sheet: str | None = None
    headers: dict[str, str] = field(default_factory=dict)  # canonical column -> header as written by the user
    unexpected_headers: tuple[str, ...] = ()
    missing_columns: tuple[str, ...] = ()  # required columns absent from the file
    raw: pd.DataFrame | None = None  # the cells as text, same index and columns as ``frame``
    problems: list[Problem] = field(default_factory=list)
    encoding: str | None = None
    # The file was refused before its rows could be read (unclosed quote, doubtful encoding, over a limit):
    # the frame has no columns, so no check that needs one of them runs on it, nor a cross-table check.
    unreadable: bool = False
    # A filled-in template (chuangye/exports/templates/): its headers have the English codes in a second row.
    # One left with no figures is no table given: the active version's table stays (``unfilled``).
    template: bool = False

    @property
    def unfilled(self) -> bool:
        return self.template and self.frame.empty

    @property
    def source(self) -> str:
        """How problems name this table's origin: the file name, plus the sheet for workbooks."""
        name = Path(self.path).name if isinstance(self.path, Path) else str(self.path)
        return f"{name}[{self.sheet}]" if self.sheet else name

    @property
    def source_rows(self) -> pd.Index:
        return self.frame.index

    @classmethod
    def from_frame(cls, table: str, frame: pd.DataFrame, source: str) -> LoadedTable:
        """Wrap an already typed frame (e.g. from a stored version); rows are numbered as in an exported CSV."""
        spec = TABLES[table]
        frame = frame.copy()
        missing = tuple(c.name for c in spec.columns if c.required and c.name not in frame.columns)
        for col in spec.columns:
            if col.name not in frame.columns:
                frame[col.name] = empty_column(col, len(frame))
        frame = frame[spec.column_names]
        frame.index = pd.RangeIndex(2, len(frame) + 2, name=SOURCE_ROW)
        problems = [
            make_problem("missing_column", file=source, column=name, column_zh=spec.column(name).zh) for name in missing
        ]
        return cls(table=table, frame=frame, path=source, missing_columns=missing, problems=problems)


# ------------------------------------------------------------------------------------------ header row


def _header_row_index(sheet: RawSheet, table: str | None) -> int | None:
    """The header row: the first of the top rows with at least two recognised headers, else the first non-empty."""
    first_non_empty = None
    for i, row in enumerate(sheet.cells.iloc[:15].to_numpy().tolist()):
        if not any(row):
            continue
        if first_non_empty is None:
            first_non_empty = i
        names = [table] if table else list(TABLES)
        if any(sum(match_header(n, h) is not None for h in row if h) >= 2 for n in names):
            return i
    return first_non_empty


def _is_code_row(table: str, header: list[str], row: list[str]) -> bool:
    """Whether ``row`` is a template's second header row: beneath each header its English code (or a reference
    column's), nothing else, at least two of them."""
    matched = 0
    for pos, text in enumerate(row):
        if not text:
            continue
        above = header[pos] if pos < len(header) else ""
        if is_reference_header(above) and is_reference_header(text):
            continue
        name = match_header(table, text)
        if name is None or name != match_header(table, above):
            return False
        matched += 1
    return matched >= 2


def _template_rows(spec: Table, raw: pd.DataFrame) -> pd.Series:
    """Per row of a template, whether anything beyond its pre-filled key was typed in (reference columns are
    not data, so not in ``raw``)."""
    figures = [c.name for c in spec.columns if c.name not in spec.key]
    return (raw[figures] != "").any(axis=1)


# ------------------------------------------------------------------------------------------ conversion


def empty_column(col: Column, length: int, index: pd.Index | None = None) -> pd.Series:
    return pd.Series([None] * length, index=index, dtype=column_dtype(col))


def column_dtype(col: Column) -> str:
    return {"int": "Int64", "float": "float64", "bool": "boolean", "date": DATE_DTYPE}.get(col.type, "str")


def _blank_to_na(s: pd.Series) -> pd.Series:
    return s.where(s != "", None).astype("str")


def _fold(s: pd.Series) -> pd.Series:
    """Full-width digits/letters to ASCII, surrounding whitespace removed."""
    ascii_only = s.str.isascii()
    if not ascii_only.all():
        s = s.where(ascii_only, s[~ascii_only].str.normalize("NFKC"))
    return s.str.strip()


def _number_text(s: pd.Series) -> pd.Series:
    s = _fold(s)
    grouped = s.str.fullmatch(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
    return s.where(~grouped, s.str.replace(",", "", regex=False))


def _convert_code(s: pd.Series) -> tuple[pd.Series, dict[str, pd.Series]]:
    s = _fold(s).str.lstrip("'")
    scientific = s.str.fullmatch(_SCIENTIFIC)
    s = s.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    s = s.where(~scientific, "")
    return _blank_to_na(s), {"excel_scientific": scientific}


def _convert_int(s: pd.Series) -> tuple[pd.Series, dict[str, pd.Series]]:
    text = _number_text(s)
    if text.str.fullmatch(r"(?:-?\d{1,15})?").all():  # the common case, converted in one go
        with contextlib.suppress(ValueError, TypeError, pa.ArrowInvalid):
            return text.where(text != "", None).astype("Int64"), {"not_integer": pd.Series(False, index=s.index)}
    numbers = pd.to_numeric(text.where(text != "", None), errors="coerce")
    whole = numbers.notna() & (numbers == np.round(numbers)) & (numbers.abs() < 2**53)
    bad = (text != "") & ~whole
    return numbers.where(whole).astype("Float64").astype("Int64"), {"not_integer": bad}


def _convert_float(s: pd.Series) -> tuple[pd.Series, dict[str, pd.Series]]:
    text = _number_text(s)
    numbers = pd.to_numeric(text.where(text != "", None), errors="coerce").astype("float64")
    bad = (text != "") & (numbers.isna() | ~np.isfinite(numbers.fillna(0)))
    return numbers.where(~bad), {"not_number": bad}


_BOOL_MAP = {**dict.fromkeys(BOOL_TRUE, True), **dict.fromkeys(BOOL_FALSE, False), "1.0": True, "0.0": False}


def _convert_bool(s: pd.Series) -> tuple[pd.Series, dict[str, pd.Series]]:
    text = _fold(s).str.lower()
    values = text.map(_BOOL_MAP)
    bad = (text != "") & values.isna()
    return values.astype("boolean"), {"not_boolean": bad}


def _convert_date(s: pd.Series) -> tuple[pd.Series, dict[str, pd.Series]]:
    text = _fold(s)
    dates = pd.Series(pd.NaT, index=s.index, dtype=DATE_DTYPE)
    iso = text.str.fullmatch(r"\d{4}-\d{2}-\d{2}")  # the common case, parsed in one go
    if iso.any():
        dates[iso] = pd.to_datetime(text[iso], format="%Y-%m-%d", errors="coerce").astype(DATE_DTYPE)
    other = (text != "") & ~iso
    has_parts = pd.Series(False, index=s.index)
    if other.any():
        parts = text[other].str.extract(_DATE_PARTS).astype("float64")
        parts.columns = ["year", "month", "day"]
        has_parts = parts["year"].notna().reindex(s.index, fill_value=False)
        if has_parts.any():
            dates[has_parts] = pd.to_datetime(parts[parts["year"].notna()], errors="coerce").astype(DATE_DTYPE)
    serial = other & text.str.fullmatch(_EXCEL_SERIAL) & ~has_parts
    if serial.any():
        days = pd.to_numeric(text[serial]).astype("int64")
        dates[serial] = (_EXCEL_EPOCH + pd.to_timedelta(days, unit="D")).astype(DATE_DTYPE)
    bad = (text != "") & dates.isna()
    return dates, {"not_date": bad}


def _convert_category(s: pd.Series, column: str) -> tuple[pd.Series, dict[str, pd.Series]]:
    aliases = {normalise_header(k): v for k, v in CHOICE_ALIASES.get(column, {}).items()}
    text = s.str.strip()
    canonical = {value: aliases.get(normalise_header(value), value) for value in text.unique()}
    return _blank_to_na(text.map(canonical).astype("str")), {}


def convert_column(col: Column, raw: pd.Series) -> tuple[pd.Series, dict[str, pd.Series]]:
    """Typed values and, per problem check, a mask of the cells that could not be converted."""
    raw = raw.fillna("").astype("str")
    if col.type == "code":
        return _convert_code(raw)
    if col.type == "int":
        return _convert_int(raw)
    if col.type == "float":
        return _convert_float(raw)
    if col.type == "bool":
        return _convert_bool(raw)
    if col.type == "date":
        return _convert_date(raw)
    if col.type == "category":
        return _convert_category(raw, col.name)
    return _blank_to_na(raw.str.strip()), {}


# -------------------------------------------------------------------------------------------- tables


def _build_table(table: str, sheet: RawSheet, path: Path) -> LoadedTable:
    spec = TABLES[table]
    loaded = LoadedTable(table=table, frame=pd.DataFrame(), path=path, sheet=sheet.sheet, encoding=sheet.encoding)
    source = loaded.source
    header_at = _header_row_index(sheet, table)
    header = sheet.row(header_at) if header_at is not None else []
    below = header_at + 1 if header_at is not None else None
    loaded.template = below is not None and below < len(sheet.cells) and _is_code_row(table, header, sheet.row(below))
    data_at = (header_at or 0) + (2 if loaded.template else 1)  # positional index of the first data row
    first_row = data_at + 1  # Excel row number of the first data row
    grid = sheet.cells.iloc[data_at:] if header_at is not None else sheet.cells.iloc[0:0]
    grid = grid.set_axis(pd.RangeIndex(first_row, first_row + len(grid), name=SOURCE_ROW), axis=0)
    grid = grid[(grid != "").any(axis=1)]  # blank rows keep their number but are not data

    positions: dict[str, int] = {}
    unexpected: list[str] = []
    for pos, text in enumerate(header):
        if not text:
            if (grid[pos] != "").any():
                unexpected.append(f"#{pos + 1}")
            continue
        if is_reference_header(text):  # a template's reference column: shown to help, never read
            continue
        name = match_header(table, text)
        if name is None:
            unexpected.append(text)
        elif name in positions:
            loaded.problems.append(
                make_problem(
                    "duplicate_column",
                    file=source,
                    row=header_at + 1,
                    column=name,
                    value=text,
                    header=text,
                    other=header[positions[name]],
                )
            )
        else:
            positions[name] = pos
    loaded.headers = {name: header[pos] for name, pos in positions.items()}
    loaded.unexpected_headers = tuple(unexpected)
    for text in unexpected:
        loaded.problems.append(
            make_problem(
                "unexpected_column",
                file=source,
                row=header_at + 1 if header_at is not None else None,
                value=text,
                header=text,
            )
        )

    raw = pd.DataFrame(index=grid.index)
    for col in spec.columns:
        raw[col.name] = grid[positions[col.name]] if col.name in positions else pd.Series("", index=grid.index)
    raw = raw.astype("str")
    if loaded.template:
        raw = _drop_unfilled_rows(loaded, spec, raw)
    missing = tuple(c.name for c in spec.columns if c.required and c.name not in positions)
    for name in missing:
        loaded.problems.append(
            make_problem(
                "missing_column",
                file=source,
                row=header_at + 1 if header_at is not None else None,
                column=name,
                column_zh=spec.column(name).zh,
            )
        )
    if loaded.template and raw.empty:
        loaded.problems.append(
            make_problem("template_unfilled", file=source, sheet=sheet.sheet or source, table=table, table_zh=spec.zh)
        )
    elif grid.empty:
        loaded.problems.append(make_problem("empty_table", file=source))

    unreadable = pd.DataFrame(False, index=raw.index, columns=raw.columns)
    loaded.problems += _cell_failures(source, raw, spec, unreadable)
    loaded.problems += _sheet_notes(source, sheet, positions, unreadable)
    frame = pd.DataFrame(index=raw.index)
    for col in spec.columns:
        values, failures = convert_column(col, raw[col.name].mask(unreadable[col.name], ""))
        frame[col.name] = values
        for check, mask in failures.items():
            bad_rows = mask[mask.fillna(False)].index
            for row, value in zip(bad_rows, raw.loc[bad_rows, col.name], strict=True):
                loaded.problems.append(make_problem(check, file=source, row=int(row), column=col.name, value=value))
    loaded.frame = frame
    loaded.raw = raw
    loaded.missing_columns = missing
    return loaded


def _drop_unfilled_rows(loaded: LoadedTable, spec: Table, raw: pd.DataFrame) -> pd.DataFrame:
    """A template's rows with nothing but their pre-filled key: skipped, and said once (with their rows)."""
    filled = _template_rows(spec, raw)
    skipped = [int(row) for row in raw.index[~filled.to_numpy()]]
    if skipped and filled.any():
        loaded.problems.append(
            make_problem(
                "template_rows_skipped",
                file=loaded.source,
                count=f"{len(skipped):,}",
                rows=_row_ranges(skipped, limit=SHOWN_ROW_RANGES),
            )
        )
    return raw[filled.to_numpy()]


def _cell_failures(source: str, raw: pd.DataFrame, spec: Table, unreadable: pd.DataFrame) -> list[Problem]:
    """Cells longer than their column's limit, and text cells holding forbidden characters (typed columns
    refuse those when they are converted); marks them in ``unreadable``."""
    problems: list[Problem] = []
    for col in spec.columns:
        text = raw[col.name]
        limit = max_chars(col)
        lengths = text.str.len()
        too_long = lengths > limit
        for row in raw.index[too_long.to_numpy()]:
            problems.append(
                make_problem(
                    "text_too_long",
                    file=source,
                    row=int(row),
                    column=col.name,
                    value=text[row],
                    length=f"{lengths[row]:,}",
                    limit=limit,
                )
            )
        unreadable[col.name] |= too_long
        if col.type != "text":
            continue
        suspect = text.str.contains(forbidden_class(), regex=True) & ~too_long
        if not suspect.any():
            continue
        for row, char in first_forbidden(text[suspect]).items():
            kind = kind_of(char)
            problems.append(
                make_problem(
                    "forbidden_character",
                    file=source,
                    row=int(row),
                    column=col.name,
                    value=text[row],
                    char=char_label(char),
                    kind_zh=CHARACTER_KINDS[kind][0],
                    kind_en=CHARACTER_KINDS[kind][1],
                )
            )
        unreadable[col.name] |= suspect
    return problems


def _sheet_notes(source: str, sheet: RawSheet, positions: dict[str, int], unreadable: pd.DataFrame) -> list[Problem]:
    """What a worksheet hides from a plain reading: merged and formula cells without a value among the data
    (marked in ``unreadable``), hidden rows, a hidden sheet."""
    problems: list[Problem] = []
    if not (sheet.merged or sheet.uncached_formulas or sheet.hidden_rows or sheet.hidden):
        return problems
    rows = unreadable.index
    name_of = {pos + 1: name for name, pos in positions.items()}  # Excel column number -> column
    for merged in sheet.merged:
        anchor = f"{get_column_letter(merged.min_col)}{merged.min_row}"
        inside = (rows >= merged.min_row) & (rows <= merged.max_row)
        for number, name in name_of.items():
            if not merged.min_col <= number <= merged.max_col:
                continue
            covered = inside & ~((rows == merged.min_row) & (number == merged.min_col))
            for row in rows[covered]:
                problems.append(make_problem("xlsx_merged_cell", file=source, row=int(row), column=name, anchor=anchor))
            unreadable.loc[covered, name] = True
    data_rows = set(rows)
    for (row, number), formula in sorted(sheet.uncached_formulas.items()):
        if (name := name_of.get(number)) is not None and row in data_rows:
            problems.append(
                make_problem("xlsx_formula_without_value", file=source, row=row, column=name, formula=formula)
            )
            unreadable.loc[row, name] = True
    if hidden := [r for r in sheet.hidden_rows if r in data_rows]:
        problems.append(make_problem("xlsx_hidden_rows", file=source, sheet=sheet.sheet, rows=_row_ranges(hidden)))
    if sheet.hidden:
        problems.append(make_problem("xlsx_hidden_sheet", file=source, sheet=sheet.sheet))
    return problems


def _row_ranges(rows: list[int], limit: int | None = None) -> str:
    """[5, 6, 7, 9] -> "5–7, 9"; beyond ``limit`` spans, "…"."""
    spans: list[list[int]] = []
    for row in sorted(rows):
        if spans and row == spans[-1][1] + 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    shown = spans if limit is None else spans[:limit]
    text = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in shown)
    return text + (", …" if len(shown) < len(spans) else "")


def _choose_table(name_hints: Sequence[str], sheet: RawSheet, requested: str | None) -> tuple[str | None, list[str]]:
    """(table, candidates): the requested table, else the file/sheet name, else the headers."""
    if requested:
        return requested, []
    for hint in name_hints:
        by_name = table_from_name(hint)
        if by_name:
            return by_name, []
    header_at = _header_row_index(sheet, None)
    candidates = tables_from_headers(sheet.row(header_at)) if header_at is not None else []
    return (candidates[0], []) if len(candidates) == 1 else (None, candidates)


def _unknown_table_problem(source: str, candidates: list[str]) -> Problem:
    if candidates:
        return make_problem("ambiguous_table", file=source, candidates=", ".join(candidates))
    known = "、".join(f"{t.name}/{t.zh}" for t in TABLES.values())
    return make_problem("unknown_table", file=source, known=known)


def _unreadable(path: Path, exc: Exception) -> Problem:
    return make_problem("unreadable_file", file=path.name, reason=f"{type(exc).__name__}: {exc}")


def _failed(path: Path, problem: Problem) -> LoadedTable:
    return LoadedTable(table="", frame=pd.DataFrame(), path=path, problems=[problem])


def _refused(path: Path, refusal: ReadRefused, table: str | None) -> LoadedTable:
    """A file refused before its rows were read. When it is known which table it holds (asked for, or named
    by the file), that table is there without rows or columns, ``unreadable``: it is neither carried over
    from the active version nor checked against the other tables."""
    params = dict(refusal.params)
    column = params.pop("column", None)
    problem = make_problem(refusal.check, file=path.name, row=refusal.row, column=column, value=refusal.value, **params)
    table = table or table_from_name(path.stem) or ""
    empty = pd.DataFrame(index=pd.RangeIndex(0, name=SOURCE_ROW))
    return LoadedTable(table=table, frame=empty, path=path, problems=[problem], unreadable=bool(table))


def _read_sheets(path: Path, limits: ReadLimits) -> list[RawSheet]:
    """Raises ReadRefused for files over a limit or of doubtful encoding, anything else on unreadable files.
    A workbook's instructions sheet (a template's 说明) holds no table and is left out."""
    if path.suffix.lower() in XLSX_SUFFIXES:
        sheets = read_xlsx_sheets(path, limits)
        return [s for s in sheets if not is_instruction_sheet(s.sheet)] or sheets
    return [read_csv_sheet(path, limits)]


def _load_single(path: Path, sheets: list[RawSheet], table: str | None) -> LoadedTable:
    named = [s for s in sheets if table and s.sheet and table_from_name(s.sheet) == table]
    sheet = named[0] if named else sheets[0]
    hints = [path.stem] + ([sheet.sheet] if sheet.sheet else [])
    chosen, candidates = _choose_table(hints, sheet, table)
    if chosen is None:
        return _failed(path, _unknown_table_problem(path.name, candidates))
    return _build_table(chosen, sheet, path)


def read_table(path: str | Path, table: str | None = None, limits: ReadLimits = READ_LIMITS) -> LoadedTable:
    """Read one CSV or XLSX file as ``table`` (detected from the file name or headers when None).

    A workbook is read from the sheet named after the table if there is one, else from its first sheet.
    Problems (unreadable file, unknown table, unconvertible cells ...) are in ``LoadedTable.problems``;
    when the table cannot be determined, ``LoadedTable.table`` is "" and the frame is empty. A file refused
    before its rows were read (over a limit, doubtful encoding, an unclosed quote) is ``unreadable``.
    """
    path = Path(path)
    if table is not None and table not in TABLES:
        raise KeyError(f"unknown table {table!r}")
    if path.suffix.lower() not in CSV_SUFFIXES + XLSX_SUFFIXES:
        return _failed(path, make_problem("unsupported_format", file=path.name))
    try:
        sheets = _read_sheets(path, limits)
    except ReadRefused as refusal:
        return _refused(path, refusal, table)
    except Exception as exc:  # any reader failure is the user's file: reported, never raised
        return _failed(path, _unreadable(path, exc))
    return _load_single(path, sheets, table)


def _input_files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(
                sorted(
                    f
                    for f in p.iterdir()
                    if f.is_file()
                    and f.suffix.lower() in CSV_SUFFIXES + XLSX_SUFFIXES
                    and not f.name.startswith(("~$", "."))  # Excel lock files, hidden files
                )
            )
        else:
            files.append(p)
    return files


def read_inputs(
    paths: Iterable[str | Path], limits: ReadLimits = READ_LIMITS
) -> tuple[dict[str, LoadedTable], list[Problem]]:
    """Read files and directories (their CSV/XLSX files) into tables; every problem found while reading.

    A workbook may hold several tables, one per sheet named after the table (or recognisable by its
    headers); a workbook with one sheet is taken as the table its file name, sheet name or headers
    indicate. The problems returned include each table's own ``LoadedTable.problems``, and say once for
    each ``unreadable`` table that the checks of other tables against it were skipped.
    """
    paths = list(paths)
    tables: dict[str, LoadedTable] = {}
    problems: list[Problem] = []
    files = _input_files(paths)
    if not files:
        problems.append(make_problem("no_input_files", file=", ".join(str(p) for p in paths) or "-"))

    def add(loaded: LoadedTable) -> bool:
        """Whether ``loaded`` is a table given (a template left unfilled is not)."""
        if loaded.unfilled:
            problems.extend(loaded.problems)
            return False
        if loaded.table and loaded.table in tables:
            problems.append(
                make_problem(
                    "table_given_twice", file=loaded.source, table=loaded.table, other=tables[loaded.table].source
                )
            )
            return False
        if loaded.table:
            tables[loaded.table] = loaded
        problems.extend(loaded.problems)
        return bool(loaded.table)

    for path in files:
        if not path.exists():
            problems.append(_unreadable(path, FileNotFoundError("no such file / 文件不存在")))
            continue
        if path.suffix.lower() not in CSV_SUFFIXES + XLSX_SUFFIXES:
            problems.append(make_problem("unsupported_format", file=path.name))
            continue
        try:
            sheets = _read_sheets(path, limits)
        except ReadRefused as refusal:
            add(_refused(path, refusal, None))
            continue
        except Exception as exc:  # reported, see read_table
            problems.append(_unreadable(path, exc))
            continue
        with_data = [s for s in sheets if s.has_data]
        if len(with_data) <= 1:
            read = [_load_single(path, with_data or sheets, None)]
        else:
            read = []
            for sheet in with_data:
                chosen, _ = _choose_table([sheet.sheet or ""], sheet, None)
                if chosen is None:
                    problems.append(
                        make_problem("sheet_ignored", file=f"{path.name}[{sheet.sheet}]", sheet=sheet.sheet)
                    )
                    continue
                read.append(_build_table(chosen, sheet, path))
        given = [add(loaded) for loaded in read]
        if read and not any(given) and all(loaded.unfilled for loaded in read):
            problems.append(make_problem("template_empty", file=path.name))
    for loaded in tables.values():
        if loaded.unreadable and (others := CHECKED_AGAINST.get(loaded.table)):
            spec = TABLES[loaded.table]
            problems.append(
                make_problem(
                    "cross_checks_skipped",
                    file=loaded.source,
                    table=spec.name,
                    table_zh=spec.zh,
                    others_zh="、".join(others),
                    others_en=", ".join(others),
                )
            )
    return tables, problems
