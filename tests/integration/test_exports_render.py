"""Exports rendered by the headless Chromium, every file opened with a real reader.

One export browser serves the whole module (starting it costs seconds; a render afterwards well under
one). The "no tofu" test starts a second browser in a subprocess whose fontconfig sees no CJK font.
"""

from __future__ import annotations

import base64
import io
import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader

from chuangye.cli.main import main
from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.exports.browser import PIXEL_RATIO, export_browser, find_browser
from chuangye.exports.chrome import chart_subtitle, decorate, source_line
from chuangye.exports.figures import export_figure
from chuangye.exports.fonts import EMBEDDED_FAMILY, embedded_font_faces
from chuangye.exports.pdf import pdf_fonts, pdf_text
from chuangye.exports.report.build import build_report
from chuangye.exports.report.docx import render_docx
from chuangye.exports.report.pdf import render_pdf
from chuangye.figures.maps import coverage_map
from chuangye.figures.overview import ranking_figure, trend_figure
from chuangye.sample.bundled import SAMPLE_DIR

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(find_browser() is None, reason="needs chromium")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("exports-render")
    Store(path).ensure_initialised(SAMPLE_DIR)
    return path


@pytest.fixture(scope="module")
def an(store_dir: Path) -> Analytics:
    return Analytics(Store(store_dir).active(), load_config())


@pytest.fixture(scope="module")
def browser():
    b = export_browser()  # the process-wide one, so that report rendering and the CLI share it
    b.start()
    return b


@pytest.fixture(scope="module")
def trend(an: Analytics) -> go.Figure:
    return trend_figure(an.coverage(region="320100"), "street_town", 2019, 2020, "zh")


def chrome(an: Analytics) -> dict:
    return {
        "title": "南京市街道(乡镇)覆盖率走势",
        "subtitle": chart_subtitle(an, "320100", 2019, "zh", unit_type="street_town"),
        "source": source_line("zh"),
    }


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=np.float64)


def test_png_presets_have_the_promised_size_and_content(an, browser, trend) -> None:
    a4 = export_figure(trend, "png", preset="a4", **chrome(an))
    image = Image.open(io.BytesIO(a4))
    assert image.format == "PNG" and image.size == (605 * 2, 380 * 2)  # 16 cm at 96 dpi, scale 2 for print
    gray = pixels(a4)
    assert gray.std() > 20  # not blank
    assert gray[:60].min() < 80  # dark title text in the top strip
    slide = export_figure(trend, "png", preset="slide", **chrome(an))
    assert Image.open(io.BytesIO(slide)).size == (1280, 720)
    tall = export_figure(trend, "png", preset="a4", height=500, **chrome(an))
    assert Image.open(io.BytesIO(tall)).size == (1210, 1000)


def test_svg_embeds_the_cjk_subset(an, browser) -> None:
    cities = an.coverage(level="city", year=2019)
    cities = cities.assign(region_name=[an.region_name(c) for c in cities["region_code"]])
    svg = export_figure(ranking_figure(cities, "park", "zh"), "svg", **chrome(an))
    root = ET.fromstring(svg)  # well-formed
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = svg.decode("utf-8")
    assert "@font-face" in text and f"font-family:'{EMBEDDED_FAMILY}'" in text
    (face,) = embedded_font_faces(svg)
    assert face[:4] == b"wOF2"
    cmap = TTFont(io.BytesIO(face)).getBestCmap()
    for char in "南京市街道乡镇覆盖率走势徐州市宿迁市数据版本":
        assert ord(char) in cmap, char
    families = {el.get("style", "") for el in root.iter("{http://www.w3.org/2000/svg}text")}
    assert families and all(EMBEDDED_FAMILY in f for f in families if "font-family" in f)


def test_chart_pdf_is_one_page_with_embedded_fonts(an, browser, trend) -> None:
    pdf = export_figure(trend, "pdf", **chrome(an))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 605 * 0.75) < 2 and abs(float(box.height) - 380 * 0.75) < 2  # px → pt
    fonts = pdf_fonts(pdf)
    assert fonts and all(f.embedded for f in fonts)
    text = pdf_text(pdf)
    assert "南京市街道(乡镇)覆盖率走势" in text and "目标 80%" in text and "2019" in text


def test_concurrent_exports_share_the_browser(an, browser, trend) -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        images = list(pool.map(lambda p: export_figure(trend, "png", preset=p, **chrome(an)), ["a4", "screen", "a4"]))
    assert [Image.open(io.BytesIO(i)).size for i in images] == [(1210, 760), (960, 540), (1210, 760)]
    assert images[0] == images[2]  # same figure, same bytes


TOFU_SCRIPT = textwrap.dedent(
    """
    import sys, pathlib, plotly.graph_objects as go
    from chuangye.exports.browser import ExportBrowser
    b = ExportBrowser(tabs=1)
    for name, text in (("a", sys.argv[2]), ("b", sys.argv[3])):
        fig = go.Figure()
        fig.update_layout(title={"text": text, "font": {"family": "NoSuchFontFamily", "size": 36}, "x": 0.02},
                          margin={"t": 70, "l": 10, "r": 10, "b": 10}, xaxis={"visible": False},
                          yaxis={"visible": False}, paper_bgcolor="white", plot_bgcolor="white")
        pathlib.Path(sys.argv[1], name + ".png").write_bytes(b.render(fig.to_dict(), "png", 420, 110, 1))
    b.close()
    """
)
TITLES = ("南京市覆盖率", "苏州市进度表")


def title_pair(browser, family: str) -> tuple[np.ndarray, np.ndarray]:
    crops = []
    for text in TITLES:
        fig = go.Figure()
        fig.update_layout(title={"text": text, "font": {"family": family, "size": 36}, "x": 0.02},
                          margin={"t": 70, "l": 10, "r": 10, "b": 10}, xaxis={"visible": False},
                          yaxis={"visible": False}, paper_bgcolor="white", plot_bgcolor="white")  # fmt: skip
        crops.append(pixels(browser.render(fig.to_dict(), "png", 420, 110, 1))[:60])
    return crops[0], crops[1]


def test_chinese_renders_as_glyphs_not_boxes(browser, tmp_path: Path) -> None:
    """Two different Chinese titles: with the real font their images differ; without any CJK font they
    become rows of identical boxes (or nothing), so the two images are (nearly) the same."""
    real_a, real_b = title_pair(browser, "Noto Sans CJK SC")
    assert (real_a < 128).sum() > 800  # ink
    real_difference = np.abs(real_a - real_b).mean()

    # a browser whose fontconfig knows only a Latin font (or none at all)
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if latin.is_file():
        (fonts / latin.name).write_bytes(latin.read_bytes())
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>{fonts}</dir>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-c", TOFU_SCRIPT, str(tmp_path), *TITLES], env=env, check=True, timeout=60)
    tofu_a, tofu_b = (pixels((tmp_path / f"{n}.png").read_bytes())[:60] for n in "ab")
    tofu_difference = np.abs(tofu_a - tofu_b).mean()
    assert tofu_difference < 0.5, tofu_difference
    assert real_difference > 10 * max(tofu_difference, 0.5), (real_difference, tofu_difference)
    if latin.is_file():
        assert (tofu_a < 128).sum() > 200  # the boxes are drawn: it is the glyphs that are missing


@pytest.fixture(scope="module")
def report(an, browser):
    return build_report(an, "320100", 2019, "zh")


def test_report_pdf(an, browser, report) -> None:
    pdf = render_pdf(report)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 6
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4
    text = pdf_text(pdf)
    assert not [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF]  # radicals mapped back to the ideographs
    assert "南京市创业型单位建设进度报告（2019年）" in text
    for row in an.coverage(region="320100", year=2019).itertuples():
        assert f"{row.coverage * 100:.1f}%" in text
    assert "玄武区" in text and "目标" in text  # 玄 and 目 are the glyphs Chromium maps to Kangxi radicals
    assert f"数据版本 {an.version_id}" in text  # the page header
    assert "第 1 页，共" in text and "⻚" not in text  # the footer (页 was mapped to the radical ⻚)
    assert all(f.embedded for f in pdf_fonts(pdf))
    images = sum(len([x for x in (p["/Resources"].get("/XObject") or {}).values()]) for p in reader.pages)
    assert images >= 9  # trend, map and ranking per unit type
    assert reader.metadata.title == report.title


def test_report_docx(an, browser, report) -> None:
    doc = Document(io.BytesIO(render_docx(report)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[:2] == ["南京市创业型单位建设进度报告（2019年）", "一、总体情况"]
    assert "二、街道(乡镇)" in headings and "四、园区" in headings
    body = "\n".join(p.text for p in doc.paragraphs)
    street = an.coverage(region="320100", year=2019, unit_type="street_town").iloc[0]
    assert f"截至2019年底，南京市街道(乡镇)覆盖率为{street.coverage * 100:.1f}%" in body
    # the county table of street/towns: its numbers are an.coverage's
    expected = an.coverage(level="county", parent="320100", year=2019, unit_type="street_town").set_index("region_code")
    tables = [t for t in doc.tables if t.rows[0].cells[1].text == "代码" and len(t.rows) == len(expected) + 1]
    county_table = tables[0]
    header = [c.text for c in county_table.rows[0].cells]
    for tr in county_table.rows[1:]:
        cells = dict(zip(header, (c.text for c in tr.cells), strict=True))
        source = expected.loc[cells["代码"]]
        assert cells["覆盖率"] == f"{source.coverage * 100:.1f}%"
        assert int(cells["纳入统计单位数"]) == source.units_in_scope
        assert int(cells["已认定"]) == source.certified_cumulative
    assert len(doc.inline_shapes) == 9
    assert abs(doc.inline_shapes[0].width - Cm(16)) < Cm(0.01)
    fonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "宋体"
    assert doc.styles["Heading 1"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01) and abs(section.page_height - Cm(29.7)) < Cm(0.01)
    assert an.version_id in section.header.paragraphs[0].text


def test_cli_report(store_dir: Path, browser, tmp_path: Path, capsys) -> None:
    out = tmp_path / "玄武区.docx"
    code = main(["report", "--region", "320102", "--year", "2019", "--format", "docx", "--lang", "en",
                 "--out", str(out), "--data-dir", str(store_dir)])  # fmt: skip
    assert code == 0
    assert "Report written to" in capsys.readouterr().out
    doc = Document(str(out))
    assert doc.paragraphs[0].text == "Xuanwu District: entrepreneurship-type units, progress report 2019"
    assert main(["report", "--region", "999999", "--year", "2019", "--out", str(out),
                 "--data-dir", str(store_dir)]) == 2  # fmt: skip
    assert "999999" in capsys.readouterr().err


def map_bitmaps(svg: bytes) -> list[tuple[float, float, tuple[int, int]]]:
    """The bitmaps an SVG export embeds (plotly draws a MapLibre map as one): CSS width, height, pixel size."""
    found = []
    for element in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}image"):
        href = element.get("href") or element.get("{http://www.w3.org/1999/xlink}href") or ""
        if href.startswith("data:image/png;base64,"):
            image = Image.open(io.BytesIO(base64.b64decode(href.split(",", 1)[1])))
            found.append((float(element.get("width")), float(element.get("height")), image.size))
    return found


def test_a_map_is_drawn_at_the_export_scale_and_fills_the_a4_width(an, browser) -> None:
    """Issue 8: a map exported at 2× was MapLibre's 1× bitmap blown up (blurry), in a small box on A4."""
    cities = an.coverage(level="city", year=2019, unit_type="street_town", parent=an.regions.root)
    cities = cities.assign(region_name=an.region_names_for(cities["region_code"], "zh"))
    figure = coverage_map("province", cities, an.cfg.goals["street_town"], "zh")
    (bitmap,) = map_bitmaps(export_figure(figure, "svg", preset="a4", **chrome(an)))
    width, height, pixels_size = bitmap
    assert pixels_size == (round(width * PIXEL_RATIO), round(height * PIXEL_RATIO))  # 2 device px per CSS px
    assert width > 0.9 * (605 - 20)  # the map's box spans the text width
    png = export_figure(figure, "png", preset="a4", **chrome(an))
    _, p = decorate(figure, preset_name="a4", **chrome(an))
    assert Image.open(io.BytesIO(png)).size == (605 * 2, p.height * 2)
    ink = pixels(png) < 235  # anything but white and the palest tint: the map's regions, their names, the text
    middle = ink[int(ink.shape[0] * 0.12) : int(ink.shape[0] * 0.8)]  # the map's rows: below the titles, above the bar
    columns = np.flatnonzero(middle.any(axis=0))
    assert columns[-1] - columns[0] > 0.7 * ink.shape[1]  # the regions reach across most of the page
