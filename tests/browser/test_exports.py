"""Exports in a real browser: a chart's 下载 menu, a grid's XLSX/CSV buttons, the region report.

Files land in dash_duo's download directory and are opened with real readers (Pillow, openpyxl, csv,
pypdf). The charts and the report are rendered by the server's export browser (Chromium via kaleido).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from dash.testing.wait import until
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from chuangye.exports.browser import export_browser, find_browser
from tests.browser.conftest import (
    SHOTS,
    assert_clean_console,
    assert_no_outside_requests,
    click,
    open_path,
    snap,
    wait_idle,
)

pytestmark = pytest.mark.skipif(find_browser() is None, reason="needs chromium for the server-side exports")


@pytest.fixture(scope="module", autouse=True)
def started_export_browser():
    """Start the server's export browser before any dash_duo server: dash.testing kills every thread that
    appeared while a test's server ran, and the browser's event loop must outlive one test."""
    browser = export_browser()
    browser.start()
    return browser


def pattern_id(**parts: str) -> str:
    """The DOM id Dash gives a dict id (keys sorted, compact JSON)."""
    return json.dumps(dict(sorted(parts.items())), separators=(",", ":"), ensure_ascii=False)


def by_id(dash_duo, dom_id: str):
    """An element by a DOM id that CSS cannot spell (Dash's stringified dict ids)."""
    return dash_duo.driver.find_element(By.XPATH, f"//*[@id='{dom_id}']")


def keep(path: Path, name: str) -> None:
    """A copy of a downloaded file next to the screenshots, for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, SHOTS / name)


def allow_downloads(dash_duo) -> Path:
    """A fresh, empty download folder for this test (the browser, and its download folder, serve the module)."""
    folder = Path(tempfile.mkdtemp(prefix="test-", dir=dash_duo.download_path))
    dash_duo.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    return folder


def wait_for_file(folder: Path, suffix: str, timeout: float = 60, before: set[str] | None = None) -> Path:
    """The first complete file ending in ``suffix`` that was not in ``before``."""
    before = before or set()
    sizes: dict[str, int] = {}

    def ready() -> Path | None:
        for path in folder.iterdir():
            fresh = path.name.endswith(suffix) and path.name not in before
            if fresh and not (folder / f"{path.name}.crdownload").exists():
                size, sizes[path.name] = sizes.get(path.name), path.stat().st_size
                if size == sizes[path.name] > 0:  # complete, and the same size as a look ago: closed
                    return path
        return None

    return until(ready, timeout=timeout, poll=0.2, msg=f"no {suffix} download in {folder}")


def open_chart_menu(dash_duo, name: str):
    toggle = dash_duo.find_element(f'[data-export-name="{name}"] .chart-export-toggle')
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", toggle)
    toggle.click()
    return dash_duo.wait_for_element(f'[data-export-name="{name}"] .dropdown-menu.show', timeout=10)


def grid_data(dash_duo, grid: str) -> list[dict]:
    return dash_duo.driver.execute_script(
        "const rows = []; dash_ag_grid.getApi(arguments[0]).forEachNodeAfterFilterAndSort(n => rows.push(n.data));"
        " return rows;",
        grid,
    )


def test_chart_png_from_the_download_menu_and_the_toolbar(dash_duo):
    folder = allow_downloads(dash_duo)
    open_path(dash_duo, "/overview?year=2019", "#ov-trend-street_town .js-plotly-plot")
    dash_duo.wait_for_element("#ov-ranking-park .js-plotly-plot", timeout=20)
    wait_idle(dash_duo)
    assert len(dash_duo.find_elements(".chart-export-toggle")) == 7  # 3 trends, 3 rankings, the map

    # keyboard: the toggle takes the focus, Enter opens the menu, the items are buttons
    toggle = dash_duo.find_element('[data-export-name="trend-street_town"] .chart-export-toggle')
    assert "下载" in toggle.text
    toggle.send_keys(Keys.ENTER)
    menu = dash_duo.wait_for_element('[data-export-name="trend-street_town"] .dropdown-menu.show', timeout=10)
    items = menu.find_elements(By.CSS_SELECTOR, ".dropdown-item")
    assert [i.text.split()[0] for i in items] == ["PNG", "SVG", "PDF"] * 2
    headers = [h.text for h in menu.find_elements(By.CSS_SELECTOR, ".dropdown-header")]
    assert headers == ["A4 页面（16 cm 宽）", "幻灯片（16:9）"]
    snap_menu = dash_duo.driver.execute_script("return document.activeElement.closest('.chart-export-menu') !== null")
    assert snap_menu
    items[0].click()  # PNG at the A4 preset

    # the request names the chart, the format and the size, nothing the server would render
    sent = dash_duo.driver.execute_script(
        "const found = window.dash_component_api.getLayout(arguments[0]);"
        " return found && found.props ? found.props.data : null;",
        {"type": "chart-export-request", "graph": "ov-trend-street_town"},
    )
    assert sent is not None and set(sent) == {"graph", "fmt", "preset", "nonce"}
    assert (sent["graph"], sent["fmt"], sent["preset"]) == ("ov-trend-street_town", "png", "a4")

    png = wait_for_file(folder, ".png")
    assert png.name == "overview-trend-street_town-320000-2019.png"
    keep(png, "exports-chart-a4.png")
    image = Image.open(png)
    image.load()
    assert image.format == "PNG"
    assert image.size == (1210, 760)  # 605 × 380 CSS px (16 cm at 96 dpi) at 2×
    # the exported chart has a white background and dark text (title, axes): not blank
    colours = image.convert("L").getextrema()
    assert colours[0] < 80 and colours[1] == 255

    # the plotly toolbar's camera: the file is named after the view at the moment of the click
    before = {p.name for p in folder.iterdir()}
    dash_duo.driver.execute_script(  # the camera by its icon: its title is Chinese on this page
        "const camera = window.Plotly.Icons.camera.path;"
        "Array.from(document.querySelectorAll('#ov-ranking-park .modebar-btn'))"
        ".find(b => b.querySelector('svg path').getAttribute('d') === camera).click()"
    )
    quick = wait_for_file(folder, ".png", before=before)
    assert quick.name == "overview-ranking-park-320000-2019.png"
    assert Image.open(quick).size[0] > 400
    wait_idle(dash_duo)
    assert_clean_console(dash_duo)


def test_chart_svg_slide_from_the_map(dash_duo):
    folder = allow_downloads(dash_duo)
    open_path(dash_duo, "/overview?year=2018&type=park&lang=en", "#ov-map .js-plotly-plot")
    wait_idle(dash_duo)
    menu = open_chart_menu(dash_duo, "city-map")
    assert "Slide (16:9)" in menu.text
    svg_slide = [i for i in menu.find_elements(By.CSS_SELECTOR, ".dropdown-item") if i.text.startswith("SVG")][1]
    svg_slide.click()
    path = wait_for_file(folder, ".svg")
    keep(path, "exports-map-slide-en.svg")
    assert path.name == "overview-city-map-320000-2018-slide.svg"
    text = path.read_text(encoding="utf-8")
    assert 'width="1280"' in text and 'height="720"' in text
    assert "Development parks" in text and "2018" in text  # the subtitle names type and year
    assert "@font-face" in text  # the CJK font travels with the file
    assert_clean_console(dash_duo)


def test_chart_png_of_the_drill_down_map_at_a_city(dash_duo):
    """A MapLibre map rendered by the server's locked-down browser from the URL's view: the city's counties."""
    folder = allow_downloads(dash_duo)
    open_path(dash_duo, "/map?year=2019&region=320100", "#dd-map .js-plotly-plot")
    wait_idle(dash_duo)
    title = dash_duo.find_element("#dd-map-title").text
    menu = open_chart_menu(dash_duo, "drilldown-map")
    menu.find_elements(By.CSS_SELECTOR, ".dropdown-item")[0].click()  # PNG, A4
    png = wait_for_file(folder, ".png")
    keep(png, "exports-drilldown-map-a4.png")
    assert png.name == "map-drilldown-map-320100-2019.png"
    image = Image.open(png).convert("RGB")
    # 16 cm wide at 2x; a map is as tall as it needs to fill that width (not the 380 px of a chart)
    assert image.size[0] == 1210 and image.size[1] > 760
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # the counties in their colours, not a blank page
    assert title and "南京市" in title
    assert_clean_console(dash_duo)


def test_a_chart_export_that_fails_says_so_in_the_page(dash_duo, monkeypatch):
    """The server could not make the file (here: the export browser is gone): the page shows an alert in its
    language instead of doing nothing, and the 下载 menu works again."""
    from chuangye.exports.browser import ExportError
    from chuangye.web.downloads import callbacks

    def broken(*args, **kwargs):
        raise ExportError("浏览器无法生成该图表：测试 / The browser could not render the chart: test")

    monkeypatch.setattr(callbacks, "chart_download", broken)
    for lang, title in (("zh", "导出失败"), ("en", "Export failed")):
        open_path(dash_duo, f"/overview?year=2019&lang={lang}", "#ov-trend-park .js-plotly-plot")
        wait_idle(dash_duo)
        menu = open_chart_menu(dash_duo, "trend-park")
        menu.find_elements(By.CSS_SELECTOR, ".dropdown-item")[1].click()  # SVG
        toast = dash_duo.wait_for_element("#app-alert .toast", timeout=20)
        dash_duo.wait_for_contains_text("#app-alert .toast", title, timeout=10)
        assert "The browser could not render the chart" in toast.text
        assert toast.is_displayed()
        toggle = dash_duo.find_element('[data-export-name="trend-park"] .chart-export-toggle')
        until(toggle.is_enabled, timeout=10)
        snap(dash_duo, f"exports-failed-alert-{lang}")
        dash_duo.find_element("#app-alert .toast .btn-close").click()  # dismissable
        until(lambda: not dash_duo.find_elements("#app-alert .toast.show"), timeout=10)
    assert_clean_console(dash_duo)


def test_table_xlsx_and_csv_on_the_certification_page(dash_duo):
    folder = allow_downloads(dash_duo)
    open_path(dash_duo, "/certification?year=2019", "#cert-table .ag-row")
    wait_idle(dash_duo)
    rows = grid_data(dash_duo, "cert-table")
    assert len(rows) == 13
    columns = dash_duo.driver.execute_script(
        "const api = dash_ag_grid.getApi('cert-table');"
        " return api.getAllDisplayedColumns().map(c => [c.getColId(), api.getDisplayNameForColumn(c, 'header')]);"
    )
    fields = [field for field, _ in columns]
    headers = [header for _, header in columns]
    assert "pct_target" in fields and "certified" in fields

    click(dash_duo, by_id(dash_duo, pattern_id(type="table-export", grid="cert-table", fmt="xlsx")))
    xlsx = wait_for_file(folder, ".xlsx")
    assert xlsx.name == "certification-table-320000-2019.xlsx"
    book = load_workbook(xlsx)
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == headers
    assert sheet[1][0].font.bold
    table = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(table) == len(rows)
    for got, want in zip(table, rows, strict=True):
        assert got[0] == want["area"]
        for i, field in enumerate(fields):
            if field in ("area", "flags"):
                continue
            if want.get(field) is None:
                assert got[i] is None
            else:
                assert isinstance(got[i], int | float), (field, got[i])  # numbers stay numbers
                assert got[i] == pytest.approx(want[field]), field
    pct_col = fields.index("pct_target") + 1
    assert sheet.cell(row=2, column=pct_col).number_format == "0.0%"
    assert sheet.cell(row=2, column=fields.index("certified") + 1).number_format == "#,##0"
    about = book.worksheets[-1]
    about_text = " ".join(str(c.value) for row in about.iter_rows() for c in row if c.value)
    assert "2019" in about_text and "数据版本" in about_text

    # CSV after a quick filter: only the rows shown, UTF-8 with a byte-order mark
    search = dash_duo.find_element("#cert-table-search")
    search.send_keys("南京")
    until(lambda: len(grid_data(dash_duo, "cert-table")) == 1, timeout=10)
    click(dash_duo, by_id(dash_duo, pattern_id(type="table-export", grid="cert-table", fmt="csv")))
    raw = wait_for_file(folder, ".csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"))))
    assert parsed[0] == headers
    assert len(parsed) == 2 and parsed[1][0] == "南京市"
    shown = grid_data(dash_duo, "cert-table")[0]
    assert float(parsed[1][fields.index("pct_target")]) == pytest.approx(shown["pct_target"])
    assert int(parsed[1][fields.index("certified")]) == shown["certified"]
    assert_clean_console(dash_duo)
    snap(dash_duo, "exports-table-zh")


def test_grid_export_takes_what_value_getters_show(dash_duo):
    """The county's unit table names its rows through a valueGetter (names travel in the grid's context):
    the workbook has the names as shown, and the grid's text where it writes more than the number."""
    folder = allow_downloads(dash_duo)
    open_path(dash_duo, "/map?year=2019&region=320102", "#dd-grid .ag-row")
    wait_idle(dash_duo)
    shown = dash_duo.driver.execute_script(
        "const api = dash_ag_grid.getApi('dd-grid'); const out = [];"
        " api.forEachNodeAfterFilterAndSort(n => out.push([api.getCellValue({rowNode: n, colKey: 'name'}),"
        " api.getCellValue({rowNode: n, colKey: 'core', useFormatter: true})])); return out;"
    )
    assert shown and all(not name.isdigit() for name, _ in shown)
    click(dash_duo, by_id(dash_duo, pattern_id(type="table-export", grid="dd-grid", fmt="xlsx")))
    xlsx = wait_for_file(folder, ".xlsx")
    assert xlsx.name == "map-grid-320102-2019.xlsx"
    sheet = load_workbook(xlsx).worksheets[0]
    headers = [c.value for c in sheet[1]]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [r[0] for r in rows] == [name for name, _ in shown]
    core = headers.index("核心指标达标")
    assert [r[core] for r in rows] == [text for _, text in shown]  # "4/4" as the grid shows it
    assert "代码" not in headers  # the hidden code column stays hidden
    assert_clean_console(dash_duo)


def test_region_report_pdf_from_the_map_page(dash_duo):
    folder = allow_downloads(dash_duo)
    open_path(dash_duo, "/map?year=2019&region=320100", "#dd-coverage")
    wait_idle(dash_duo)
    coverage = dash_duo.find_element("#dd-coverage").text.strip()
    assert coverage.endswith("%")
    button = dash_duo.find_element("#export-report-pdf")
    assert "区域报告 PDF" in button.text
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    button.click()
    # while the report is made the buttons are disabled (no second start) and the page says so
    until(lambda: button.get_attribute("disabled") is not None, timeout=5)
    assert dash_duo.find_element("#export-region-xlsx").get_attribute("disabled") is not None
    status = dash_duo.find_element("#export-report-status")
    assert status.is_displayed() and "正在生成报告" in status.text
    SHOTS.mkdir(parents=True, exist_ok=True)
    dash_duo.driver.save_screenshot(str(SHOTS / "exports-report-running-zh.png"))

    pdf = wait_for_file(folder, ".pdf", timeout=120)
    assert pdf.name == "report-320100-2019-zh.pdf"
    text = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    assert "南京市" in text
    assert coverage in text
    until(lambda: button.get_attribute("disabled") is None, timeout=10)
    assert not dash_duo.find_element("#export-report-status").is_displayed()

    dash_duo.find_element("#export-region-xlsx").click()
    book = load_workbook(wait_for_file(folder, ".xlsx", timeout=60))
    assert book.sheetnames[0] == "南京市"
    assert_clean_console(dash_duo)
    assert_no_outside_requests(dash_duo)
    dash_duo.driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    snap(dash_duo, "exports-map-zh")


def test_export_menus_screenshots(dash_duo):
    open_path(dash_duo, "/overview?year=2019", "#ov-trend-street_town .js-plotly-plot")
    wait_idle(dash_duo)
    open_chart_menu(dash_duo, "trend-community_village")
    dash_duo.driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    snap(dash_duo, "exports-menu-zh")
    dash_duo.find_element("#lang-toggle").click()
    dash_duo.wait_for_contains_text("#export-report-pdf", "Region report PDF", timeout=20)
    wait_idle(dash_duo)
    toggle = dash_duo.find_element('[data-export-name="trend-community_village"] .chart-export-toggle')
    assert "Download" in toggle.text
    open_chart_menu(dash_duo, "trend-community_village")
    dash_duo.driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    snap(dash_duo, "exports-menu-en")
    assert_clean_console(dash_duo)
