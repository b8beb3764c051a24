"""A file's cells as text, before any table is recognised in them: what the CSV and XLSX readers return."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class MergedRange:
    """Merged cells of a worksheet, 1-based and inclusive; only the top-left cell holds the value."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int


@dataclass
class RawSheet:
    """Every cell as stripped text ("" when empty); positional row i is Excel row i + 1.

    A worksheet also says what is not plain in it: whether the sheet is hidden, its hidden rows, its merged
    ranges and the formula cells that hold no cached value (Excel row, column, both 1-based -> formula).
    """

    cells: pd.DataFrame
    sheet: str | None = None
    encoding: str | None = None
    hidden: bool = False
    hidden_rows: tuple[int, ...] = ()
    merged: tuple[MergedRange, ...] = ()
    uncached_formulas: dict[tuple[int, int], str] = field(default_factory=dict)

    def row(self, i: int) -> list[str]:
        return self.cells.iloc[i].tolist()

    @property
    def has_data(self) -> bool:
        return bool((self.cells != "").to_numpy().any())


def cells_frame(rows: list[list[str]]) -> pd.DataFrame:
    width = max((len(r) for r in rows), default=0)
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], columns=range(width), dtype="str")
    return strip_cells(frame)


def strip_cells(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.fillna("").astype("str")
    for col in frame.columns:
        frame[col] = frame[col].str.strip()
    return frame
