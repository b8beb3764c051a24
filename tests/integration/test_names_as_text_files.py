"""HTML in names comes out as the literal text in the files (issue 9): the region report (PDF via pypdf, Word
via python-docx) made by the real CLI from names imported by the real CLI, a chart's SVG export and the
CSV/XLSX tables, which still neutralise a name a spreadsheet would take for a formula."""

from __future__ import annotations

import io
from xml.etree import ElementTree

import docx
import openpyxl
import pandas as pd
import pytest

from chuangye.exports.figures import export_figure
from chuangye.exports.pdf import pdf_text
from chuangye.exports.tables import ColumnSpec, table_to_csv, table_to_xlsx
from chuangye.figures.peers import peer_bars
from tests.markup_names import (
    COUNTY,
    FORMULA_COMMUNITY,
    REGION_NAMES,
    UNIT_NAMES,
    import_marked_up_sample,
    run_cli,
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("names-files")
    return import_marked_up_sample(root / "data", root / "files")


def report(data_dir, tmp_path, fmt: str, lang: str) -> bytes:
    out = tmp_path / f"report.{fmt}"
    args = ("report", "--region", COUNTY, "--year", "2019", "--format", fmt, "--out", str(out), "--lang", lang)
    result = run_cli(*args, data_dir=data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return out.read_bytes()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_pdf_holds_the_literal_county_name(data_dir, tmp_path, lang):
    text = pdf_text(report(data_dir, tmp_path, "pdf", lang))
    assert REGION_NAMES[COUNTY][0 if lang == "zh" else 1] in text


def test_report_docx_holds_the_literal_county_name(data_dir, tmp_path):
    document = docx.Document(io.BytesIO(report(data_dir, tmp_path, "docx", "zh")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert REGION_NAMES[COUNTY][0] in text


def test_chart_svg_draws_the_names_as_typed():
    names = [REGION_NAMES[COUNTY][0], UNIT_NAMES["320102002"][0], UNIT_NAMES["320102002002"][0]]
    peers = pd.DataFrame(
        {"region_code": ["a", "b", "c"], "region_name": names, "coverage": [0.5, 0.6, 0.7], "parent_code": ["p"] * 3}
    )
    svg = export_figure(peer_bars(peers, "a", 0.8, 0.6, "zh"), "svg", title=names[1], subtitle=names[0]).decode()
    root = ElementTree.fromstring(svg)
    tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert not tags & {"a", "img", "script"}
    text = "".join(root.itertext())
    for name in names:
        assert name in text  # as typed, not "玄武区" or a bold "粗体街道" or a decoded "<已转义>"


def test_csv_and_xlsx_hold_the_literal_names_and_neutralise_formulas():
    names = [n for pair in UNIT_NAMES.values() for n in pair]
    frame = pd.DataFrame({"name": names})
    specs = [ColumnSpec("name", "名称", "Name")]
    cells = pd.read_csv(io.BytesIO(table_to_csv(frame, specs)), dtype=str, encoding="utf-8-sig")["名称"].tolist()
    formula = UNIT_NAMES[FORMULA_COMMUNITY][0]
    assert cells == [("'" + name) if name.startswith("=") else name for name in names]
    book = openpyxl.load_workbook(io.BytesIO(table_to_xlsx({"单位": (frame, specs)}, "名称")))
    cells = [c.value for row in book.worksheets[0].iter_rows() for c in row]
    assert formula not in cells
    assert "'" + formula in cells
    assert all(name in cells for name in names if not name.startswith("="))
