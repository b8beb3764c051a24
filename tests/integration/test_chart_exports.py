"""Every chart of every page exports through the server's rebuild (views.chart_download → the page's chart
registry → the export browser), titled and subtitled as the page shows it, for the representative views in
both languages. The files are read back: an SVG's text holds the title, the region, the year and the data
version."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.exports.browser import export_browser, find_browser
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.i18n import t
from chuangye.web.access import subject_code
from chuangye.web.downloads.exportable import NothingToExport
from chuangye.web.downloads.registry import page_charts
from chuangye.web.downloads.views import chart_download
from chuangye.web.validation import representative_views

pytestmark = [pytest.mark.skipif(find_browser() is None, reason="needs chromium"), pytest.mark.slow]


@pytest.fixture(scope="module")
def an(tmp_path_factory) -> Analytics:
    path = tmp_path_factory.mktemp("chart-exports")
    Store(path).ensure_initialised(SAMPLE_DIR)
    return Analytics(Store(path).active(), load_config())


@pytest.fixture(scope="module", autouse=True)
def browser():
    b = export_browser()
    b.start()
    return b


def svg_text(svg: bytes) -> str:
    """The SVG's visible text, each text element on its own line (tspans joined)."""
    root = ET.fromstring(svg)
    lines = ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]
    return unescape("\n".join(lines))


def views(an: Analytics) -> list:
    """The representative views, and the last of each page (a unit chosen, a city) again in English."""
    base = representative_views(an)
    last = {view.page: view for view in base}
    return base + [view.model_copy(update={"lang": "en"}) for view in last.values()]


def test_every_chart_of_every_page_exports_with_its_title_and_subtitle(an):
    exported = 0
    for view in views(an):
        for graph, chart in page_charts(an, view.page).items():
            try:
                chart.build(an, view)
            except NothingToExport:
                continue
            request = {"graph": graph, "fmt": "svg", "preset": "a4", "nonce": 1}
            file = chart_download(an, view, request)
            assert file.filename.startswith(f"{view.page}-") and file.filename.endswith(".svg")
            assert subject_code(view, an) in file.filename
            text = svg_text(file.content)
            heading = re.sub(r"\s+", " ", chart.heading(an, view))
            assert heading in re.sub(r"\s+", " ", text), (graph, heading, text[:300])
            if chart.label:
                assert t(chart.label, view.lang) in text
            assert an.version_id in text  # the subtitle's data stamp
            assert t("exp_year", view.lang, year=view.year) in text
            exported += 1
    assert exported >= 35
