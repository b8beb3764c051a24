"""The one column spec (chuangye/web/grid.py): AG Grid columnDefs, the shared column types and the export's
number formats come from the same GridColumn."""

from __future__ import annotations

import re
from pathlib import Path

import dash_ag_grid as dag
import pytest

from chuangye.exports.tables import NUMBER_FORMATS
from chuangye.web.grid import (
    COLUMN_TYPES,
    FORMATTERS,
    KINDS,
    GridColumn,
    column_defs,
    export_format,
    grid_locale,
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
    assert grid_options("zh") == {"columnTypes": COLUMN_TYPES, "localeText": grid_locale("zh")}
    options = grid_options("en", animateRows=False, localeText={"page": "Sheet"})
    assert options["localeText"] == {**grid_locale("en"), "noRowsToShow": "No rows to show", "page": "Sheet"}
    assert options["animateRows"] is False and options["columnTypes"] is COLUMN_TYPES


# what AG Grid shows by itself (its English defaults in ag-grid-community 35), on screen or read out
AG_GRID_ENGLISH = {
    "noRowsToShow": "No Rows To Show",
    "noMatchingRows": "No Matching Rows",
    "loadingOoo": "Loading...",
    "page": "Page",
    "of": "of",
    "to": "to",
    "firstPage": "First Page",
    "previousPage": "Previous Page",
    "nextPage": "Next Page",
    "lastPage": "Last Page",
    "pageSizeSelectorLabel": "Page Size:",
    "ariaPageSizeSelectorLabel": "Page Size",
    "filterOoo": "Filter...",
    "contains": "Contains",
    "equals": "Equals",
    "applyFilter": "Apply",
    "ariaSortableColumn": "Press ENTER to sort",
}


def test_a_chinese_grid_says_nothing_in_english():
    zh = grid_locale("zh")
    assert set(AG_GRID_ENGLISH) <= set(zh)
    for key, text in zh.items():
        words = re.sub(r"\b(Alt|Ctrl)\b", "", text)  # the keys' names, as printed on keyboards
        assert not re.search(r"[A-Za-z]{2,}", words), f"localeText[{key!r}] = {text!r}"
    assert zh["noRowsToShow"] == "没有可显示的行" and zh["loadingOoo"] == "正在加载…"


def test_an_english_grid_keeps_ag_grids_words():
    en = grid_locale("en")
    assert set(en) == set(grid_locale("zh"))
    for key, text in AG_GRID_ENGLISH.items():
        assert en[key] == (text if key != "noRowsToShow" else "No rows to show")


def test_every_grid_of_every_page_speaks_the_pages_language(tmp_path):
    from chuangye.data.store import Store
    from chuangye.sample.bundled import SAMPLE_DIR
    from chuangye.web.app import EXTENSION, create_app
    from chuangye.web.validation import components, layout_components, representative_views

    Store(tmp_path).ensure_initialised(SAMPLE_DIR)
    services = create_app(tmp_path, warm=False).server.extensions[EXTENSION]["services"]
    for lang in ("zh", "en"):
        views = [v.model_copy(update={"lang": lang}) for v in representative_views(services.analytics())]
        grids = [c for c in components(layout_components(services, views)[1:]) if isinstance(c, dag.AgGrid)]
        assert {g.id for g in grids} >= {"dd-grid", "peers-grid", "unit-grid", "cert-table", "cert-issues"}
        for grid in grids:
            locale = grid.dashGridOptions["localeText"]
            assert set(grid_locale(lang)) <= set(locale), grid.id
            assert locale["noRowsToShow"] in ("没有可显示的行", "没有符合条件的行", "No rows to show"), grid.id
            assert locale["loadingOoo"] == grid_locale(lang)["loadingOoo"], grid.id
