"""Excel and CSV exports, read back with openpyxl and pandas: values, formats, styling, encoding."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.exports.tables import CSV_BOM, ColumnSpec, neutralise, sheet_title, table_to_csv, table_to_xlsx
from chuangye.exports.workbook import region_sheets, region_workbook
from chuangye.sample.bundled import SAMPLE_DIR

REPO = Path(__file__).resolve().parents[4]

SPECS = [
    ColumnSpec("region_code", "代码", "Code"),
    ColumnSpec("region_name", "名称", "Name"),
    ColumnSpec("units", "纳入统计单位数", "Units in scope", fmt="int"),
    ColumnSpec("coverage", "覆盖率", "Coverage", fmt="percent"),
    ColumnSpec("status", "进度状态", "Status"),
]


@pytest.fixture(scope="module")
def an(tmp_path_factory) -> Analytics:
    store = Store(tmp_path_factory.mktemp("exports-tables"))
    store.ensure_initialised(SAMPLE_DIR)
    return Analytics(store.active(), load_config())


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region_code": ["320100", "320200", "320300"],
            "region_name": ["南京市", "无锡市", "徐州市"],
            "units": [101, 88, 156],
            "coverage": [0.673267, 0.6666667, None],
            "status": ["↗ 进度正常", "↗ 进度正常", "– 无数据"],
            "ignored": [1, 2, 3],
        }
    )


def test_xlsx_values_formats_header_and_freeze() -> None:
    data = table_to_xlsx({"设区市": (frame(), SPECS)}, "江苏省覆盖率", {"地区": "江苏省", "年度": "2019"})
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["设区市", "说明"]
    ws = wb["设区市"]
    assert [c.value for c in ws[1]] == ["代码", "名称", "纳入统计单位数", "覆盖率", "进度状态"]  # 'ignored' left out
    header = ws["A1"]
    assert header.font.bold and header.fill.fgColor.rgb.endswith("DCE6F1")
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:E4"
    # the numbers equal the source frame; percentages are fractions shown with a percent format
    back = pd.read_excel(io.BytesIO(data), sheet_name="设区市", dtype={"代码": str})
    assert back["代码"].tolist() == frame()["region_code"].tolist()
    assert back["纳入统计单位数"].tolist() == frame()["units"].tolist()
    pd.testing.assert_series_equal(back["覆盖率"], frame()["coverage"], check_names=False)
    assert ws["D2"].number_format == "0.0%" and ws["C2"].number_format == "#,##0"
    assert ws["A2"].number_format == "@" and ws["A2"].value == "320100"  # codes stay text
    assert ws["D4"].value is None  # a missing value is an empty cell, not NaN
    # Chinese columns are wider than their character count (two columns per character)
    assert ws.column_dimensions["C"].width >= 2 * len("纳入统计单位数")
    about = wb["说明"]
    assert about["A1"].value == "江苏省覆盖率" and about["A3"].value == "地区" and about["B4"].value == "2019"


def test_xlsx_english_headers_and_safe_sheet_names() -> None:
    data = table_to_xlsx(
        {"Cities/regions [2019]": (frame(), SPECS), "cities/regions [2019]": (frame(), SPECS)}, "T", (), lang="en"
    )
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Cities_regions _2019_", "cities_regions _2019_ (2)", "About"]
    assert wb.worksheets[0]["D1"].value == "Coverage"
    taken: set[str] = set()
    assert len(sheet_title("长" * 40, taken)) == 31


def test_csv_has_bom_crlf_and_round_trips() -> None:
    data = table_to_csv(frame())
    assert data.startswith(CSV_BOM)
    assert b"\r\n" in data
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={"region_code": str})
    pd.testing.assert_frame_equal(back, frame(), check_dtype=False)
    # with specs: only those columns, localised headers
    zh = pd.read_csv(io.BytesIO(table_to_csv(frame(), SPECS)), encoding="utf-8-sig", dtype={"代码": str})
    assert list(zh.columns) == ["代码", "名称", "纳入统计单位数", "覆盖率", "进度状态"]
    assert zh["名称"].tolist() == ["南京市", "无锡市", "徐州市"]
    en = table_to_csv(frame(), SPECS, lang="en").decode("utf-8-sig").splitlines()[0]
    assert en == "Code,Name,Units in scope,Coverage,Status"


def test_region_workbook_matches_analytics(an: Analytics) -> None:
    data = region_workbook(an, "320100", 2019)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["南京市", "县(市、区)", "未达标单位", "说明"]
    counties = pd.read_excel(io.BytesIO(data), sheet_name="县(市、区)", dtype={"代码": str})
    expected = an.coverage(basis="certified", level="county", parent="320100", year=2019)
    merged = counties.merge(
        expected.assign(type_label=expected["unit_type"].map({"street_town": "街道(乡镇)",
                                                                "community_village": "社区(村)", "park": "园区"})),
        left_on=["代码", "单位类型"],
        right_on=["region_code", "type_label"],
    )  # fmt: skip
    assert len(merged) == len(expected) == len(counties)
    assert (merged["覆盖率"] - merged["coverage"]).abs().max() < 1e-12
    assert (merged["已认定"] == merged["certified_cumulative"]).all()
    own = pd.read_excel(io.BytesIO(data), sheet_name="南京市")
    city = an.coverage(basis="certified", region="320100", year=2019).set_index("unit_type")
    types = ["street_town", "community_village", "park"]  # the sheet's row order
    assert own["纳入统计单位数"].tolist() == city.loc[types, "units_in_scope"].tolist()
    assert (own["覆盖率"] - city.loc[types, "coverage"].to_numpy()).abs().max() < 1e-12
    assert wb["县(市、区)"]["F2"].number_format == "0.0%"
    units = pd.read_excel(io.BytesIO(data), sheet_name="未达标单位", dtype={"代码": str})
    assert len(units) > 0 and units["代码"].str.startswith("3201").all()
    sheets = region_sheets(an, "320000", 2019, lang="en")
    assert list(sheets) == ["Jiangsu Province", "Cities", "Counties", "Units below standard"]
    assert len(sheets["Cities"][0]) == 13 * 3


# ------------------------------------------------------------------------------------ formula injection

HOSTILE = ["=1+2", "+SUM(A1)", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://x","点我")']


def test_neutralise_prefixes_what_a_spreadsheet_would_run_and_nothing_else() -> None:
    assert [neutralise(text) for text in HOSTILE] == ["'" + text for text in HOSTILE]
    for kept in ("南京市", "a=b", "", "3/4", "'=quoted already", None, -3, -0.25, 0, 2.5, True):
        assert neutralise(kept) == kept


def injected_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": HOSTILE,
            "gap": [-3.25, -1.0, 0.0, 2.5, -0.5, 1.0, -7.0],  # negative numbers: still numbers
            "count": pd.array([-1, 2, 3, 4, 5, 6, 7], dtype="Int64"),
        }
    )


INJECTED_SPECS = [
    ColumnSpec("name", "=名称", "=Name"),
    ColumnSpec("gap", "差距", "Gap", fmt="points"),
    ColumnSpec("count", "-数量", "-Count", fmt="int"),
]


def test_xlsx_writes_no_formula_and_keeps_negative_numbers() -> None:
    data = table_to_xlsx({"表": (injected_frame(), INJECTED_SPECS)}, "=标题", [("@键", "+值")])
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    cells = [cell for row in ws.iter_rows() for cell in row] + [c for row in wb["说明"].iter_rows() for c in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]  # no formula anywhere
    assert [c.value for c in ws[1]] == ["'=名称", "差距", "'-数量"]
    assert [ws.cell(row=r, column=1).value for r in range(2, 9)] == ["'" + text for text in HOSTILE]
    assert [ws.cell(row=r, column=2).value for r in range(2, 9)] == injected_frame()["gap"].tolist()
    assert ws["B2"].data_type == "n" and ws["C2"].value == -1 and ws["C2"].data_type == "n"
    about = wb["说明"]
    assert about["A1"].value == "'=标题" and about["A3"].value == "'@键" and about["B3"].value == "'+值"


def test_a_number_in_a_text_column_stays_plain() -> None:
    frame = pd.DataFrame({"x": pd.Series([-3, "-3", 2019], dtype="object")})
    ws = load_workbook(io.BytesIO(table_to_xlsx({"t": (frame, [ColumnSpec("x", "x", "x")])}, "t"))).worksheets[0]
    assert [ws.cell(row=r, column=1).value for r in (2, 3, 4)] == ["-3", "'-3", "2019"]


def test_csv_writes_no_formula_and_keeps_negative_numbers() -> None:
    data = table_to_csv(injected_frame(), INJECTED_SPECS)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["'=名称", "差距", "'-数量"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in HOSTILE]
    assert [float(row[1]) for row in rows[1:]] == injected_frame()["gap"].tolist()
    assert rows[1][2] == "-1"
    plain = table_to_csv(pd.DataFrame({"=a": ["=b"], "n": [-1.5]})).decode("utf-8-sig").splitlines()
    assert plain == ["'=a,n", "'=b,-1.5"]


def test_region_workbook_neutralises_names_from_the_data(an: Analytics, monkeypatch) -> None:
    """Region and unit names are data a province imports: one that begins with "=" stays text."""
    monkeypatch.setattr(type(an), "region_name", lambda self, code, lang="zh": f'=HYPERLINK("x","{code}")')
    wb = load_workbook(io.BytesIO(region_workbook(an, "320100", 2019)))
    cells = [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]
    assert not [f"{c.parent.title}!{c.coordinate}" for c in cells if c.data_type == "f"]
    names = [c.value for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert names and all(name.startswith("'=") for name in names)
