"""The one graph config (chuangye/web/components.py): no cloud button or link on any graph of any page, plotly's
own texts in the page's language.

Every dcc.Graph is checked where it is made: in the page layouts (the representative views of
web/validation.py, in both languages), in the overview's headline cards (a callback draws them) and, as a
guard for graphs added later, in the source: every ``dcc.Graph(...)`` in the package takes ``graph_config``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from dash import dcc

from chuangye.data.store import Store
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.app import EXTENSION, create_app
from chuangye.web.components import CLOUD_BUTTONS, PLOTLY_LOCALES, graph, graph_config
from chuangye.web.pages.overview.callbacks import headline_card
from chuangye.web.validation import components, layout_components, representative_views
from chuangye.web.viewstate import ViewState

PACKAGE = Path(__file__).resolve().parents[4] / "chuangye"
CLOUD_OFF = {
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "showLink": False,
    "sendData": False,
    "plotlyServerURL": "",
    "displaylogo": False,
}


def assert_no_cloud(config: dict, lang: str, where: str) -> None:
    assert config is not None, f"{where}: a graph with plotly's default config (Share button included)"
    for key, value in CLOUD_OFF.items():
        assert config.get(key) == value, f"{where}: config[{key!r}] is {config.get(key)!r}, not {value!r}"
    assert set(CLOUD_BUTTONS) <= set(config.get("modeBarButtonsToRemove", [])), where
    assert config.get("locale") == PLOTLY_LOCALES[lang], f"{where}: plotly speaks {config.get('locale')!r}"


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("graph-config")
    Store(data_dir).ensure_initialised(SAMPLE_DIR)
    return create_app(data_dir, warm=False).server.extensions[EXTENSION]["services"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_graph_of_every_page_has_the_cloud_off_and_speaks_the_language(services, lang):
    views = [view.model_copy(update={"lang": lang}) for view in representative_views(services.analytics())]
    graphs = [
        (view, c)
        for view in views
        for c in components(layout_components(services, [view])[1:])  # [0] is the shell
        if isinstance(c, dcc.Graph)
    ]
    assert {view.page for view, _ in graphs} == {"overview", "map", "peers", "unit", "certification"}
    for view, g in graphs:
        assert_no_cloud(getattr(g, "config", None), lang, f"{view.href()} #{g.id}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_headline_cards_sparklines_have_the_cloud_off(services, lang):
    an = services.analytics()
    province = an.coverage(basis="certified", region=an.regions.root)
    row = province[province["year"] == an.years[-1]].iloc[0].to_dict()
    series = province.loc[province["unit_type"] == row["unit_type"], ["year", "coverage"]]
    card = headline_card(row, series, ViewState(lang=lang), an.cfg)
    sparklines = [c for c in components(card) if isinstance(c, dcc.Graph)]
    assert sparklines
    for g in sparklines:
        assert_no_cloud(g.config, lang, "overview sparkline")
        assert g.config["staticPlot"] is True and g.config["displayModeBar"] is False


def test_graph_config_keeps_the_camera_file_name_and_never_shares_its_lists():
    first = graph_config("en", filename="peers-park")
    first["modeBarButtonsToRemove"].append("zoom2d")
    second = graph_config("zh")
    assert first["toImageButtonOptions"]["filename"] == "peers-park"
    assert second["toImageButtonOptions"]["filename"] == "chuangye"
    assert "zoom2d" not in second["modeBarButtonsToRemove"]
    assert_no_cloud(graph("g", lang="zh").children.children[1].config, "zh", "components.graph")


def _graph_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Graph":
            yield node


def test_every_dcc_graph_in_the_package_takes_graph_config():
    """A graph built anywhere (a layout, a callback, a future page) gets its config from graph_config."""
    seen = 0
    for path in PACKAGE.rglob("*.py"):
        for call in _graph_calls(ast.parse(path.read_text(encoding="utf-8"))):
            seen += 1
            config = next((k.value for k in call.keywords if k.arg == "config"), None)
            where = f"{path.relative_to(PACKAGE.parent)}:{call.lineno}"
            assert isinstance(config, ast.Call), f"{where}: dcc.Graph without config=graph_config(...)"
            assert getattr(config.func, "id", getattr(config.func, "attr", None)) == "graph_config", where
    assert seen >= 2  # components.graph and the overview's sparkline


def test_the_app_writes_no_plotly_html():
    """Plotly HTML (fig.write_html/to_html, plotly.offline.plot) would carry a modebar with plotly's defaults:
    the app exports none (its only HTML is the report page printed to PDF, images inside)."""
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("write_html", "to_html", "offline"):
                raise AssertionError(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} writes plotly HTML")
