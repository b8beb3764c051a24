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
    NUMERIC_KINDS,
    WIDEST,
    GridColumn,
    cell_min_width,
    column_defs,
    export_format,
    grid_locale,
    grid_options,
    text_px,
    unbreakable_parts,
    widen_for_words,
    word_min_width,
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


# ------------------------------------------------------------------------------------------------ widths


def test_text_widths_count_latin_by_its_glyphs_and_chinese_by_the_em():
    assert text_px("覆盖率") == 3 * 14
    assert text_px("100.0%") == 54  # four digits, a point and a per cent sign of DejaVu Sans at 14 px, rounded up
    assert text_px("iiii") < text_px("MMMM")
    assert unbreakable_parts("Gap (pts)") == ["Gap", "(pts)"]
    assert unbreakable_parts("差距（百分点）") == ["差差", "距距", "（（", "百百", "分分", "点点", "））"]


def test_a_number_column_never_cuts_its_widest_text():
    """The drill-down's coverage column was 82 px wide: "100.0%" showed as "100.…"."""
    coverage = GridColumn("coverage", "dd_col_coverage", "percent", {"width": 82})
    assert cell_min_width("100.0%") > coverage.options["width"]
    assert COLUMN_TYPES[coverage.kind]["minWidth"] >= cell_min_width("100.0%")  # AG Grid widens width 82 to it
    for kind in NUMERIC_KINDS:
        assert COLUMN_TYPES[kind]["minWidth"] >= cell_min_width(WIDEST[FORMATTERS[kind].split("(")[0]])
    at_least = {"valueFormatter": {"function": "chuangyeAtLeast(params)"}}
    threshold = GridColumn("threshold", "unit_col_threshold", "percent", at_least)
    assert threshold.column_def("zh")["minWidth"] >= cell_min_width("≥ 100.0%")
    year = GridColumn("year", "unit_col_year", "int", {"valueFormatter": {"function": "chuangyePlain(params)"}})
    assert year.min_width("zh") < COLUMN_TYPES["int"]["minWidth"]  # a year is narrower than a count


def test_a_header_keeps_its_longest_word_whole():
    """The drill-down's "Certified in" (78 px) broke as "Certifi / ed in"."""
    certified_in = GridColumn("year", "dd_col_cert_year", "int", {"width": 78})
    definition = certified_in.column_def("en")
    assert definition["headerName"] == "Certified in"
    assert definition["minWidth"] >= text_px("Certified") + 32  # AG Grid's header padding: 16 px each side
    assert "minWidth" not in certified_in.column_def("zh")  # 认定年份 breaks between any two characters
    for kind in KINDS:
        assert COLUMN_TYPES[kind]["wrapHeaderText"] and COLUMN_TYPES[kind]["autoHeaderHeight"]


def test_a_column_of_labels_keeps_the_longest_on_one_line_and_text_wraps():
    from chuangye.web.components import status_texts
    from chuangye.web.pages.drilldown.layout import REGION_COLUMNS

    status = next(c for c in REGION_COLUMNS if c.field == "status")
    for lang in ("zh", "en"):
        longest = max(status_texts(lang).values(), key=text_px)
        assert status.column_def(lang)["minWidth"] >= cell_min_width(longest)
    assert cell_min_width(status_texts("en")["acceleration_needed"]) > 125  # the width it was cut at
    assert COLUMN_TYPES["text"]["wrapText"] and COLUMN_TYPES["text"]["autoHeight"]  # names wrap, never "…"


def test_a_name_column_keeps_its_longest_word_whole():
    """An English name broke inside a word in the drill-down's 112 px name column on a phone (Lianyunga / ng)."""
    names = ["Nanjing City", "Lianyungang City", "连云港市"]
    needed = word_min_width(names)
    assert needed == cell_min_width("Lianyungang") > 112
    defs = [{"field": "name", "colId": "region_name", "minWidth": 112}, {"field": "coverage", "minWidth": 60}]
    widened = widen_for_words(defs, "region_name", names)
    assert widened == [{**defs[0], "minWidth": needed}, defs[1]]
    assert widen_for_words(defs, "region_name", ["南京市"]) == defs  # Chinese breaks anywhere: 112 px is enough
    assert word_min_width(["x" * 200]) == 240  # a run of letters that long may break: the column stays usable
