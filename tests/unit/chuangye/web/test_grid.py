"""The one column spec (chuangye/web/grid.py): AG Grid columnDefs, the shared column types and the export's
number formats come from the same GridColumn."""

from __future__ import annotations

from pathlib import Path

import pytest

from chuangye.exports.tables import NUMBER_FORMATS
from chuangye.web.grid import (
    COLUMN_TYPES,
    FORMATTERS,
    KINDS,
    GridColumn,
    column_defs,
    export_format,
    grid_options,
)

GRID_JS = Path(__file__).resolve().parents[4] / "chuangye" / "web" / "assets" / "grid.js"


def test_a_column_def_carries_its_kind_as_the_grid_type():
    columns = (
        GridColumn("name", "dd_col_name", options={"minWidth": 112, "flex": 2}),
        GridColumn("coverage", "dd_col_coverage", "percent", {"width": 82}),
    )
    assert column_defs(columns, "zh") == [
        {"field": "name", "headerName": "名称", "type": "text", "minWidth": 112, "flex": 2},
        {"field": "coverage", "headerName": "覆盖率", "type": "percent", "width": 82},
    ]
    assert columns[1].column_def("en")["headerName"] == "Coverage"


def test_own_classes_keep_the_right_alignment_of_numbers():
    column = GridColumn("n", "dd_col_in_scope", "int", {"cellClass": "fw-bold"})
    assert column.column_def("zh")["cellClass"] == "ag-right-aligned-cell fw-bold"
    assert GridColumn("n", "dd_col_in_scope", options={"cellClass": "x"}).column_def("zh")["cellClass"] == "x"
    assert column.with_options(width=66).column_def("zh")["width"] == 66


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError, match="kind"):
        GridColumn("x", "dd_col_name", "money")  # type: ignore[arg-type]


def test_every_kind_has_a_column_type_and_an_export_format():
    assert set(COLUMN_TYPES) == set(KINDS)
    for kind in KINDS:
        assert export_format(kind) in NUMBER_FORMATS
    assert export_format("rightAligned") is None and export_format(None) is None
    assert (export_format("percent"), export_format("points"), export_format("int")) == ("percent", "points", "int")
    for kind, call in FORMATTERS.items():
        assert COLUMN_TYPES[kind]["valueFormatter"] == {"function": call}
        assert COLUMN_TYPES[kind]["cellClass"] == "ag-right-aligned-cell"


def test_the_formatters_are_defined_in_the_grid_functions_asset():
    source = GRID_JS.read_text(encoding="utf-8")
    assert "window.dashAgGridFunctions = window.dashAgGridFunctions ||" in source
    for call in FORMATTERS.values():
        assert f"dagfuncs.{call.split('(')[0]} =" in source


def test_grid_options_share_the_types_and_merge_locale_text():
    assert grid_options() == {"columnTypes": COLUMN_TYPES}
    options = grid_options("en", animateRows=False, localeText={"page": "Page"})
    assert options["localeText"] == {"noRowsToShow": "No rows to show", "page": "Page"}
    assert options["animateRows"] is False and options["columnTypes"] is COLUMN_TYPES
