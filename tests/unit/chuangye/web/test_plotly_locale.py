"""assets/plotly-locale-zh-cn.js: the Chinese for every text our charts' modebars show, in the plotly.js that
Dash serves, registered under the locale a Chinese page's graphs ask for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import plotly

from chuangye.web.components import PLOTLY_LOCALES, graph_config

ASSET = Path(__file__).resolve().parents[4] / "chuangye" / "web" / "assets" / "plotly-locale-zh-cn.js"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"  # what dash serves to dcc.Graph

# the modebar titles of our charts (bar, line, funnel and map charts) and the notes the camera and zoom show
SHOWN = (
    "Download plot as a PNG",
    "Download plot",
    "Zoom",
    "Pan",
    "Zoom in",
    "Zoom out",
    "Autoscale",
    "Reset axes",
    "Reset view",
    "Preparing image - this may take a few seconds",
    "Image download succeeded",
    "Sorry, there was a problem downloading your image!",
    "Double-click to zoom back out",
    "Double-click on legend to isolate one trace",
)


def dictionary() -> dict[str, str]:
    source = ASSET.read_text(encoding="utf-8")
    body = re.search(r"// dictionary:begin\s*var dictionary = (\{.*?\});\s*// dictionary:end", source, re.S)
    assert body, "the dictionary markers moved"
    return json.loads(body.group(1))


def test_the_asset_registers_the_locale_the_chinese_graphs_ask_for():
    source = ASSET.read_text(encoding="utf-8")
    assert graph_config("zh")["locale"] == PLOTLY_LOCALES["zh"] == "zh-CN"
    assert graph_config("en")["locale"] == "en-US"  # plotly's own: English stays English
    assert f"var NAME = '{PLOTLY_LOCALES['zh']}';" in source
    assert "moduleType: 'locale'" in source and "window.PlotlyLocales" in source
    assert "http" not in source.replace("http://www.w3.org", "")  # nothing fetched


def test_every_text_our_modebars_show_is_translated():
    words = dictionary()
    missing = [text for text in SHOWN if text not in words]
    assert not missing, f"no Chinese for {missing}"


def test_the_translated_texts_are_plotlys_own():
    """A plotly.js upgrade that rewords a title would leave the old key unused: the keys must be in the bundle."""
    bundle = PLOTLY_JS.read_text(encoding="utf-8")
    for text in SHOWN:
        assert f'"{text}"' in bundle, f"plotly.js no longer says {text!r}"
    assert "showSendToCloud:{valType" in bundle  # the config key graph_config turns off


def test_the_chinese_has_no_english_words():
    for english, chinese in dictionary().items():
        rest = re.sub(r"PNG|Plotly\.js", "", chinese)
        assert not re.search(r"[A-Za-z]{2,}", rest), f"{english!r} -> {chinese!r}"
        assert re.search(r"[\u4e00-\u9fff]", chinese), f"{english!r} -> {chinese!r}"
