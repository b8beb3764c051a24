"""Exports of what a view shows (chuangye/web/downloads/views.py), on the bundled sample: naming, titles, the
grid → workbook/CSV conversion, the region workbook. The browser-rendered paths are in
tests/browser/test_exports.py."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.i18n import t
from chuangye.web.downloads.registry import page_charts
from chuangye.web.downloads.views import (
    MAX_CELL_CHARS,
    MAX_TABLE_BYTES,
    ChartRequest,
    ExportRequestError,
    chart_download,
    chart_name,
    chart_request,
    chart_subtitle_for,
    chart_title,
    export_stem,
    grid_sheet,
    local_name,
    plain_text,
    region_download,
    report_region,
    room_for_rotated_ticks,
    subject_code,
    table_download,
    table_request,
    view_meta,
    view_subtitle,
)
from chuangye.web.viewstate import ViewState

REPO = Path(__file__).resolve().parents[5]
PCT = "params.value == null ? '—' : d3.format('.1%')(params.value)"
INT = "params.value == null ? '—' : d3.format(',')(params.value)"
POINTS = "params.value == null ? '—' : d3.format('+.1f')(params.value)"


@pytest.fixture(scope="module")
def an(tmp_path_factory) -> Analytics:
    path = tmp_path_factory.mktemp("exports-views")
    Store(path).ensure_initialised(SAMPLE_DIR)
    return Analytics(Store(path).active(), load_config())


def grid_request(fmt: str = "xlsx") -> dict:
    """What assets/exports.js sends for a small grid: each column's type (its kind, chuangye/web/grid.py),
    raw cells, and the grid's text where a column has its own formatter."""
    return {
        "grid": "cert-table",
        "fmt": fmt,
        "title": "各设区市认定情况",
        "columns": [
            {"id": "area", "field": "area", "header": "设区市", "type": "text"},
            {"id": "certified", "field": "certified", "header": "省级认定", "type": "int"},
            {"id": "pct_target", "field": "pct_target", "header": "完成目标", "type": "percent"},
            {"id": "gap", "field": "gap", "header": "差距（百分点）", "type": "points"},
            {"id": "core", "field": "core", "header": "核心指标", "type": "text", "formatted": True},
            {"id": "coverage", "field": "coverage", "header": "覆盖率", "type": ["percent"]},
            {"id": "passed", "field": "passed", "header": "达标"},
        ],
        "rows": [
            ["南京市", 1234, 0.8125, -3.25, 3, 0.5, True],
            ["无锡市", None, None, 1.5, 4, None, False],
        ],
        "texts": [
            [None, None, None, None, "3/4", None, None],
            [None, None, None, None, "4/4", None, None],
        ],
    }


def test_file_names_name_the_page_once_and_stay_safe():
    assert chart_name("certification", "certification-funnel") == "funnel"
    assert chart_name("peers", "peers-street_town") == "street_town"
    assert chart_name("map", "drilldown-map") == "drilldown-map"  # "map-map" would say nothing
    assert chart_name("overview", "trend-park") == "trend-park"
    assert export_stem("overview", "trend-park", "320000", 2019) == "overview-trend-park-320000-2019"
    assert export_stem("peers", "peers-park", "320100", 2018, "slide") == "peers-park-320100-2018-slide"
    assert export_stem("unit", "a b/c", "320102002", 2020) == "unit-a_b_c-320102002-2020"
    assert local_name("cert-issues") == "issues"


def test_a_chart_about_one_unit_type_says_so_in_the_registry(an):
    """The unit type of a chart's subtitle: the chart's own (a trend per type), else the view's."""
    assert page_charts(an, "overview")["ov-trend-community_village"].unit_type == "community_village"
    assert page_charts(an, "peers")["peers-chart-park"].unit_type == "park"
    assert page_charts(an, "certification")["cert-funnel"].unit_type is None


def test_subject_is_the_province_on_the_overview_and_the_unit_on_its_page(an):
    assert subject_code(ViewState(page="overview", region="320100"), an) == "320000"
    assert subject_code(ViewState(page="map", region="320100")) == "320100"
    assert subject_code(ViewState(page="unit", region="320100", unit="320102002")) == "320102002"
    assert report_region(an, "320102") == "320102"
    assert report_region(an, "320100") == "320100"
    assert report_region(an, "999999") == "320000"
    assert report_region(an, None) == "320000"


def test_titles_are_plain_text_without_repeats():
    assert plain_text("参与率<br><span style='font-size:11px'>≥ 2.0%</span>") == "参与率 ≥ 2.0%"
    assert plain_text({"text": "A &amp; B"}) == "A & B"
    assert chart_title("2016—2020年覆盖率走势与目标", "街道(乡镇)", None) == "2016—2020年覆盖率走势与目标 · 街道(乡镇)"
    assert chart_title("认定漏斗：江苏省", "认定漏斗", "") == "认定漏斗：江苏省"
    assert chart_title("", "", {"text": "<b>园区</b>"}) == "园区"


def test_subtitles_name_region_year_type_basis_and_version(an):
    overview = view_subtitle(an, ViewState(page="overview", year=2019, basis="meets"), "park")
    assert overview.startswith("江苏省 · 2019年 · 园区 · 口径：指标达标 · 数据版本 ")
    assert an.version_id in overview
    english = view_subtitle(an, ViewState(page="map", region="320100", year=2018, lang="en"), "street_town")
    assert english.startswith("Nanjing City · 2018 · Streets/towns · Basis: Certified")
    unit = view_subtitle(an, ViewState(page="unit", unit="320102002", year=2019), "park")
    assert unit.startswith("梅园新村街道（玄武区） · 2019年 · 街道(乡镇)")


def column_format(column_type, values, texts) -> str:
    """The workbook format of a one-column grid whose column has ``column_type`` (None: no type)."""
    column = {"id": "x", "field": "x", "header": "x", "type": column_type, "formatted": any(texts)}
    _, specs = grid_sheet({"columns": [column], "rows": [[v] for v in values], "texts": [[s] for s in texts]})
    return specs[0].fmt


def test_column_formats_follow_the_grid_column_types():
    assert column_format("percent", [0.5, None], [None, None]) == "percent"
    assert column_format("int", [1, 2], [None, None]) == "int"
    assert column_format("points", [1.25], [None]) == "points"
    assert column_format("decimal", [1.255], [None]) == "decimal"
    assert column_format("text", [3], ["3/4"]) == "text"
    assert column_format(["int"], [2019], ["2019"]) == "int"  # a year shown as written, still a number
    assert column_format("percent", [0.5, 0.75], [None, None]) == "percent"
    assert column_format("int", [12, 30], [None, None]) == "int"
    assert column_format("decimal", [1.5], [None]) == "decimal"
    assert column_format("text", ["南京市"], [None]) == "text"
    assert column_format("text", [True, False], [None, None]) == "text"
    # no kind: numbers stay numbers, anything else is text; a numeric kind holding words is text
    assert column_format(None, [12, 30], [None, None]) == "int"
    assert column_format("rightAligned", [1.5], [None]) == "decimal"
    assert column_format(None, [True], [None]) == "text"
    assert column_format("percent", ["n/a"], [None]) == "text"


def test_grid_to_workbook_keeps_numbers_and_formats(an):
    frame, specs = grid_sheet(grid_request())
    assert [s.fmt for s in specs] == ["text", "int", "percent", "points", "text", "percent", "text"]
    assert frame["c4"].tolist() == ["3/4", "4/4"]  # the grid's own text where it writes more than the number

    state = ViewState(page="certification", year=2019)
    file = table_download(an, state, grid_request("xlsx"))
    assert file.filename == "certification-table-320000-2019.xlsx"
    book = load_workbook(io.BytesIO(file.content))
    sheet = book.worksheets[0]
    assert sheet.title == "各设区市认定情况"
    assert [c.value for c in sheet[1]] == [
        "设区市",
        "省级认定",
        "完成目标",
        "差距（百分点）",
        "核心指标",
        "覆盖率",
        "达标",
    ]
    assert [c.value for c in sheet[2]] == ["南京市", 1234, 0.8125, -3.25, "3/4", 0.5, "True"]
    assert [c.value for c in sheet[3]][:4] == ["无锡市", None, None, 1.5]
    assert sheet["C2"].number_format == "0.0%" and sheet["B2"].number_format == "#,##0"
    assert sheet["D2"].number_format == "0.0"
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    about = {row[0].value: row[1].value for row in book.worksheets[-1].iter_rows(min_row=3) if row[0].value}
    assert about["地区"] == "江苏省 (320000)" and about["年度"] == "2019" and about["行数"] == "2"


def test_grid_to_csv_has_a_bom_and_reads_back(an):
    file = table_download(an, ViewState(page="certification", region="320100", lang="en"), grid_request("csv"))
    assert file.filename == "certification-table-320100-2020.csv"
    assert file.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(file.content[3:].decode("utf-8"))))
    assert rows[0][:3] == ["设区市", "省级认定", "完成目标"]
    assert rows[1][:4] == ["南京市", "1234", "0.8125", "-3.25"]
    assert rows[2][:3] == ["无锡市", "", ""]  # missing stays empty, integers without ".0"


def test_bad_requests_are_refused_in_both_languages(an):
    with pytest.raises(ExportRequestError, match="unsupported"):
        table_download(an, ViewState(), {**grid_request(), "fmt": "ods"})
    with pytest.raises(ExportRequestError, match="没有可导出的列"):
        grid_sheet({"columns": [], "rows": []})


def test_slanted_tick_labels_get_room_above_the_source_line():
    names = ["连云港市", "南京市"]
    figure = {"data": [{"type": "bar", "x": [0, 1]}], "layout": {"xaxis": {"tickangle": -45, "ticktext": names}}}
    a4 = room_for_rotated_ticks(figure, "a4")["layout"]["margin"]["b"]
    slide = room_for_rotated_ticks(figure, "slide")["layout"]["margin"]["b"]
    assert 40 <= a4 < slide  # 8 columns × 6 px × sin 45° + a line
    flat = {"data": [{"type": "bar", "x": names}], "layout": {"xaxis": {}}}
    assert room_for_rotated_ticks(flat) is flat


def test_table_meta_and_region_workbook(an):
    meta = dict(view_meta(an, ViewState(page="map", region="320100", year=2019, unit_type="park"), "park", 5))
    assert meta["地区"] == "南京市 (320100)" and meta["单位类型"] == "园区" and meta["页面"] == "地图钻取"
    file = region_download(an, ViewState(page="map", region="320102", year=2019), "xlsx")
    assert file.filename == "region-320102-2019-zh.xlsx"
    book = load_workbook(io.BytesIO(file.content))
    assert book.sheetnames[0] == "玄武区"
    overview = region_download(an, ViewState(page="overview", region="320102", year=2019, lang="en"), "xlsx")
    assert overview.filename == "region-320000-2019-en.xlsx"


# ------------------------------------------------------------------------------------------ request checks


def refused(call, status: int) -> str:
    with pytest.raises(ExportRequestError) as caught:
        call()
    assert caught.value.status == status
    message = str(caught.value)
    assert " / " in message  # Chinese / English
    return message


def test_a_chart_request_names_the_graph_format_and_preset_only():
    assert chart_request({"graph": "ov-map", "fmt": "svg", "preset": "slide", "nonce": 17}) == ChartRequest(
        "ov-map", "svg", "slide"
    )
    assert chart_request({"graph": "ov-map", "fmt": "png"}).preset == "a4"
    figure = {"graph": "ov-map", "fmt": "png", "preset": "a4", "figure": '{"data": []}'}
    assert "figure" in refused(lambda: chart_request(figure), 400)
    for extra in ("title", "label", "name", "layout"):
        assert extra in refused(lambda extra=extra: chart_request({"graph": "g", "fmt": "png", extra: "x"}), 400)
    for bad in (
        None,
        [],
        "ov-map",
        {"fmt": "png"},
        {"graph": "", "fmt": "png"},
        {"graph": "g" * 500, "fmt": "png"},
        {"graph": 3, "fmt": "png"},
        {"graph": "g", "fmt": "png", "nonce": {"x": 1}},
    ):
        refused(lambda bad=bad: chart_request(bad), 400)
    assert "tiff" in refused(lambda: chart_request({"graph": "g", "fmt": "tiff"}), 400)


def test_a_chart_request_for_a_graph_the_view_does_not_draw_is_404(an):
    request = {"graph": "dd-map", "fmt": "png", "preset": "a4"}
    assert "dd-map" in refused(lambda: chart_download(an, ViewState(page="overview"), request), 404)
    unit_chart = {"graph": "unit-fig-participation_rate", "fmt": "png", "preset": "a4"}
    refused(lambda: chart_download(an, ViewState(page="unit"), unit_chart), 404)  # no unit chosen: no chart


def test_a_table_request_is_checked_before_anything_is_written(an):
    state = ViewState(page="certification", year=2019)
    ok = grid_request("csv")
    assert table_request(an, state, ok) is ok
    cases = [
        ({**ok, "figure": {}}, 400),
        ({**ok, "grid": "dd-grid"}, 404),  # another page's grid
        ({**ok, "columns": [{"id": "a", "script": "x"}]}, 400),
        ({**ok, "columns": "area"}, 400),
        ({**ok, "rows": [["南京市"]]}, 400),  # a row narrower than the columns
        ({**ok, "rows": [[{"nested": 1}] * 7]}, 400),
        ({**ok, "rows": [["x" * (MAX_CELL_CHARS + 1)] + [None] * 6]}, 400),
        ({**ok, "texts": [[None] * 7]}, 400),  # texts for fewer rows than there are
        ({**ok, "title": "t" * 1000}, 400),
        ({**ok, "rows": [ok["rows"][0]] * 500, "texts": None}, 413),  # more rows than the 13 cities
    ]
    for request, status in cases:
        refused(lambda request=request: table_request(an, state, request), status)
    refused(lambda: table_request(an, state, ok, request_bytes=MAX_TABLE_BYTES + 1), 413)


def test_a_chart_of_the_baseline_says_which_basis_it_shows(an):
    """Before the first certification round the overview's ranking and map show the baseline meeting the
    standard (the page's callbacks draw the meets basis): their export's subtitle names that basis."""
    charts = page_charts(an, "overview")
    before = ViewState(page="overview", year=min(an.years), basis="certified")
    later = before.model_copy(update={"year": max(an.years)})
    meets, certified = t("basis_meets", "zh"), t("basis_certified", "zh")
    for graph in ("ov-map", "ov-ranking-park"):
        assert f"口径：{meets}" in chart_subtitle_for(an, before, charts[graph])
        assert f"口径：{certified}" in chart_subtitle_for(an, later, charts[graph])
    assert f"口径：{certified}" in chart_subtitle_for(an, before, charts["ov-trend-park"])  # the trend: the view's
