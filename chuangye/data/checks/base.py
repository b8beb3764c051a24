"""What every check shares: the tables' columns as pandas objects, and the collector of findings.

A check reports a *finding*: one kind of problem on some rows of one file, as whole columns (rows, values and
per-row message fields), so that a national-size table with 100k faulty rows costs no Python loop. Problem
objects are built later (``chuangye.data.checks.folding``), once it is known which rows are root causes, which
follow from them and which get listed. A finding may say, per row, which code the row *depends on* (a unit's
county: ``("region", "320102")``) and which code its problem *explains* (a street filed under the wrong county
explains why its villages no longer fit: ``("unit", "320102002")``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from chuangye.data.problems import MESSAGES, Problem, Severity, make_problem
from chuangye.data.tables import LoadedTable

# A code other rows may depend on: ("region", region code) or ("unit", unit code).
Key = tuple[str, str]
# (namespace, column): every flagged row depends on / explains the code in that column of its own row.
KeyColumn = tuple[str, str]


@dataclass
class Finding:
    """One check's problem on some rows of one file; ``rows`` are the row numbers a user sees (None: unknown)."""

    check: str
    file: str
    rows: list[Any]
    column: str | None = None
    values: list[Any] | None = None
    severity: Severity | None = None
    row_params: dict[str, list[Any]] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    depends: list[Key | None] | None = None
    explains: list[Key | None] | None = None

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def severity_of(self) -> Severity:
        return self.severity or MESSAGES[self.check][0]  # type: ignore[return-value]

    @property
    def is_error(self) -> bool:
        return self.severity_of == "error"

    def problem(self, i: int) -> Problem:
        row = self.rows[i]
        return make_problem(
            self.check,
            file=self.file,
            row=None if row is None else int(row),
            column=self.column,
            value=None if self.values is None else text_of(self.values[i]),
            severity=self.severity,
            **self.params,
            **{k: text_of(v[i]) for k, v in self.row_params.items()},
        )


class Collector:
    """The findings of every check, in the order the checks ran; ``per_group`` bounds how many rows of one
    (file, check) a check needs to spell out (the rest are only counted)."""

    def __init__(self, per_group: int) -> None:
        self.per_group = per_group
        self.findings: list[Finding] = []

    def add(
        self,
        check: str,
        file: str,
        rows: Sequence[Any],
        *,
        column: str | None = None,
        values: Sequence[Any] | None = None,
        severity: Severity | None = None,
        row_params: Mapping[str, Sequence[Any]] | None = None,
        depends: Sequence[Key | None] | None = None,
        explains: Sequence[Key | None] | None = None,
        **params: Any,
    ) -> None:
        if len(rows) == 0:
            return
        self.findings.append(
            Finding(
                check=check,
                file=file,
                rows=list(rows),
                column=column,
                values=None if values is None else list(values),
                severity=severity,
                row_params={k: list(v) for k, v in (row_params or {}).items()},
                params=params,
                depends=None if depends is None else list(depends),
                explains=None if explains is None else list(explains),
            )
        )

    def add_mask(
        self,
        check: str,
        t: LoadedTable,
        column: str,
        mask: pd.Series,
        *,
        depends_on: KeyColumn | None = None,
        explains: KeyColumn | None = None,
        **kwargs: Any,
    ) -> None:
        """One problem per row where ``mask`` is true, naming the cell of ``column``; ``depends_on`` and
        ``explains`` name the (namespace, column) of the code each such row depends on or explains."""
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        rows = t.frame.index[mask.to_numpy()]
        values = cell_text(t, column, mask) if column in t.frame.columns else None
        self.add(
            check,
            t.source,
            rows,
            column=column,
            values=values,
            depends=_keys(t, depends_on, mask),
            explains=_keys(t, explains, mask),
            **kwargs,
        )


def _keys(t: LoadedTable, spec: KeyColumn | None, mask: pd.Series) -> list[Key | None] | None:
    if spec is None:
        return None
    namespace, column = spec
    codes = t.frame.loc[mask.to_numpy(), column].astype("str").fillna("").tolist()
    return [(namespace, code) if code else None for code in codes]


def text_of(value: Any) -> str:
    """A cell or message value as the user reads it (dates as ISO days, whole floats without ``.0``)."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cell_text(t: LoadedTable, column: str, mask: pd.Series) -> list[Any]:
    """The cell as the user wrote it when we have the raw text, else the typed value."""
    if t.raw is not None and column in t.raw.columns:
        return t.raw.loc[mask.to_numpy(), column].tolist()
    return t.frame.loc[mask.to_numpy(), column].tolist()


def isin(values: pd.Series, allowed: Iterable[Any]) -> pd.Series:
    """``values.isin(allowed)`` for text columns, through pyarrow (pandas' own is slow for string arrays)."""
    listed = allowed.to_numpy() if isinstance(allowed, pd.Series | pd.Index) else list(allowed)
    allowed_text = pd.Series(listed, dtype="str").dropna().drop_duplicates()
    if allowed_text.empty:
        return pd.Series(False, index=values.index)
    column = pa.array(values.astype("str")).cast(pa.large_string())
    found = pc.is_in(column, value_set=pa.array(allowed_text).cast(pa.large_string()))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index).fillna(False).astype(bool)


def has(t: LoadedTable | None, *columns: str) -> bool:
    """``t`` is given and holds every column in ``columns`` (as read, not filled in for a missing one)."""
    return t is not None and all(c in t.frame.columns and c not in t.missing_columns for c in columns)


def as_loaded(name: str, table: LoadedTable | pd.DataFrame) -> LoadedTable:
    if isinstance(table, LoadedTable):
        return table
    return LoadedTable.from_frame(name, table, source=str(table.attrs.get("source", name)))
