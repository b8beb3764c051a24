"""One column spec for every AG Grid: it writes the grid's columnDefs and tells the exports the number format.

    COLUMNS = (
        GridColumn("name", "dd_col_name", options={"minWidth": 112, "flex": 2}),
        GridColumn("coverage", "dd_col_coverage", "percent", {"width": 82}),
    )
    dag.AgGrid(columnDefs=column_defs(COLUMNS, lang), dashGridOptions=grid_options(lang), ...)

A column's ``kind`` becomes its AG Grid column ``type``; ``COLUMN_TYPES`` (in every grid's options) gives each
kind its formatter from ``assets/grid.js`` (the ``dashAgGridFunctions`` namespace) and its alignment.
assets/exports.js sends the type with the grid's columns, and ``export_format`` turns it into the workbook's
number format: a percentage stays a number shown as 0.0 %, never the text "81.3%". A column whose formatter
writes more than the number ("3/4", "2 / 13") is of kind ``"text"``: the export takes the grid's text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, get_args

from chuangye.exports.tables import Format
from chuangye.strings.grid import AG_GRID
from chuangye.strings.i18n import t

Kind = Literal["text", "int", "percent", "points", "decimal"]
KINDS: tuple[str, ...] = get_args(Kind)
NUMERIC_KINDS: tuple[str, ...] = ("int", "percent", "points", "decimal")

# assets/grid.js: "—" for a missing value, otherwise .1% / +.1f / thousands separators / .1f
FORMATTERS: dict[str, str] = {
    "int": "chuangyeInt(params)",
    "percent": "chuangyePercent(params)",
    "points": "chuangyePoints(params)",
    "decimal": "chuangyeDecimal(params)",
}
RIGHT_CELL = "ag-right-aligned-cell"
RIGHT_HEADER = "ag-right-aligned-header"

COLUMN_TYPES: dict[str, dict] = {
    "text": {},
    **{
        kind: {
            "valueFormatter": {"function": formatter},
            "cellClass": RIGHT_CELL,
            "headerClass": RIGHT_HEADER,
        }
        for kind, formatter in FORMATTERS.items()
    },
}

_EXPORT_FORMATS: dict[str, Format] = {
    "text": "text",
    "int": "int",
    "percent": "percent",
    "points": "points",
    "decimal": "decimal",
}


def _with_class(extra: object, base: str) -> object:
    """A column's own cellClass/headerClass next to the kind's alignment class (a colDef's key replaces the
    type's, so the two are joined here)."""
    if isinstance(extra, str):
        return f"{base} {extra}"
    if isinstance(extra, list):
        return [base, *extra]
    return extra  # a function ({"function": ...}) decides on its own


@dataclass(frozen=True)
class GridColumn:
    field: str
    header: str  # a strings key, translated with t()
    kind: Kind = "text"
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))  # extra colDef keys

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown grid column kind {self.kind!r}")

    def column_def(self, lang: str) -> dict:
        definition: dict[str, Any] = {"field": self.field, "headerName": t(self.header, lang), "type": self.kind}
        definition.update(self.options)
        if self.kind in NUMERIC_KINDS:
            for key, base in (("cellClass", RIGHT_CELL), ("headerClass", RIGHT_HEADER)):
                if key in self.options:
                    definition[key] = _with_class(self.options[key], base)
        return definition

    def with_options(self, **options: Any) -> GridColumn:
        """The same column with more (or other) colDef keys."""
        return GridColumn(self.field, self.header, self.kind, MappingProxyType({**self.options, **options}))


def column_defs(columns: Sequence[GridColumn], lang: str) -> list[dict]:
    return [column.column_def(lang) for column in columns]


def grid_locale(lang: str) -> dict[str, str]:
    """AG Grid's own texts in ``lang`` (strings/grid.py): overlays, pager, filter menu, screen-reader words."""
    locale = {key.removeprefix("ag_"): t(key, lang) for key in AG_GRID}
    locale["noRowsToShow"] = t("grid_no_rows", lang)
    return locale


def grid_options(lang: str, **extra: Any) -> dict:
    """The dashGridOptions every grid shares: the column types and AG Grid's own texts in ``lang``.

    ``extra`` adds or replaces options; its ``localeText`` is merged into the shared one."""
    options: dict[str, Any] = {"columnTypes": COLUMN_TYPES, "localeText": grid_locale(lang)}
    locale = extra.pop("localeText", None)
    options.update(extra)
    if locale:
        options["localeText"] = {**grid_locale(lang), **locale}
    return options


def export_format(kind: str | None) -> Format | None:
    """The workbook number format (``ColumnSpec.fmt``) of a column kind; None for a type that is not a kind."""
    return _EXPORT_FORMATS.get(kind or "")


__all__ = [
    "COLUMN_TYPES",
    "FORMATTERS",
    "KINDS",
    "NUMERIC_KINDS",
    "GridColumn",
    "Kind",
    "column_defs",
    "export_format",
    "grid_locale",
    "grid_options",
]
