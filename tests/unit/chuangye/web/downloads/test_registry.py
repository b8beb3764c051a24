"""Each page's chart registry (web/pages/<page>/charts.py, looked up by web/downloads/registry.py) against the
page itself: every graph a layout draws with a 下载 menu has a builder, and every grid with download buttons a
size; the builder's figure is the one the page's callback sends for the same view (through Flask's test
client, as the renderer asks), the title is the one the page shows above the graph, and a grid's size is the
rows and columns the page's callback sends. So the page and its export cannot drift."""

from __future__ import annotations

import json

import pytest
from dash import Dash, dcc
from plotly.io.json import to_json_plotly

from benchmarks.callbacks import build_payload, find_callback, response_values
from chuangye.data.store import Store
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.app import EXTENSION, create_app
from chuangye.web.downloads import ids as download_ids
from chuangye.web.downloads.exportable import NothingToExport, leaf_columns
from chuangye.web.downloads.registry import PAGE_EXPORTS, page_charts, page_grids
from chuangye.web.routing import render_page
from chuangye.web.validation import components, components_by_id, representative_views
from chuangye.web.viewstate import PAGES, ViewState

UPDATE = "/_dash-update-component"
# where each chart's title is shown: the heading of the card around it
TITLE_OF = {
    "ov-trend-": "ov-trend-title",
    "ov-ranking-": "ov-ranking-title",
    "ov-map": "ov-map-title",
    "dd-map": "dd-map-title",
    "peers-chart-": "peers-chart-title-",  # + the unit type
    "peers-pass-share": "peers-pass-title",
    "unit-fig-": "unit-figures-title",
    "cert-funnel": "cert-funnel-title",
    "cert-bar": "cert-bar-title",
}


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Dash:
    data_dir = tmp_path_factory.mktemp("registry")
    Store(data_dir).ensure_initialised(SAMPLE_DIR)
    return create_app(data_dir, warm=False)


@pytest.fixture(scope="module")
def an(app):
    return app.server.extensions[EXTENSION]["services"].analytics()


def views(an) -> list[ViewState]:
    """The representative views, each again in English, an earlier year, another unit type and basis, and each in
    the base year (before any certification round: the overview shows the baseline)."""
    base = representative_views(an)
    years = sorted(an.years)
    other = {"lang": "en", "year": years[-2], "unit_type": "park", "basis": "meets"}
    first = {"year": years[0], "basis": "certified"}
    return base + [view.model_copy(update=other) for view in base] + [view.model_copy(update=first) for view in base]


def view_id(view: ViewState) -> str:
    return f"{view.page}{view.search()}"


def drawn_charts(layout) -> dict[str, str]:
    """Graph id → the name on its box, for every graph with a 下载 menu."""
    menus: set[str] = set()
    for component in components(layout):
        component_id = getattr(component, "id", None)
        if isinstance(component_id, dict) and component_id.get("type") == download_ids.CHART_EXPORT:
            menus.add(component_id["graph"])
    names = {}
    for component in components(layout):
        name = getattr(component, "data-export-name", None)
        if name is None:
            continue
        graphs = [c for c in component._traverse() if isinstance(c, dcc.Graph)]
        names.update({g.id: name for g in graphs if g.id in menus})
    assert set(names) == menus
    return names


def drawn_grids(layout) -> set[str]:
    return {
        c.id["grid"]
        for c in components(layout)
        if isinstance(getattr(c, "id", None), dict) and c.id.get("type") == download_ids.TABLE_EXPORT
    }


def test_every_page_that_draws_a_download_menu_has_a_registry(an):
    assert set(PAGE_EXPORTS) <= set(PAGES)
    for page in PAGES:
        layout = render_page(ViewState(page=page), an)
        if drawn_charts(layout) or drawn_grids(layout):
            assert page in PAGE_EXPORTS, page


def test_every_exportable_graph_and_grid_the_layout_draws_is_registered(an):
    for view in representative_views(an):
        layout = render_page(view, an)
        charts = page_charts(an, view.page)
        assert {graph: chart.name for graph, chart in charts.items()} == drawn_charts(layout), view_id(view)
        assert set(page_grids(an, view.page)) == drawn_grids(layout), view_id(view)


def callback_value(app: Dash, view: ViewState, output: str, held: dict | None = None):
    """What the page's callback sends to ``output`` for the view, as the renderer receives it (no state held
    from an earlier view: the first draw)."""
    callback_id = find_callback(app, output)
    assert callback_id is not None, output
    values = {"url.pathname": f"/{view.page}", "url.search": view.search(), **(held or {})}
    response = app.server.test_client().post(UPDATE, json=build_payload(app, callback_id, values, ["url.search"]))
    if response.status_code == 204:  # the callback left its outputs as they were
        return None
    assert response.status_code == 200, response.data[:300]
    return response_values(response.data).get(output)


def as_sent(figure: dict) -> object:
    return json.loads(to_json_plotly(figure))


def test_every_builder_draws_what_the_page_callback_sends(app, an):
    checked = 0
    for view in views(an):
        for graph, chart in page_charts(an, view.page).items():
            sent = callback_value(app, view, f"{graph}.figure")
            try:
                built = chart.build(an, view)
            except NothingToExport:
                assert sent is None, f"{view_id(view)} {graph}: the page draws a chart the export cannot"
                continue
            assert sent is not None, f"{view_id(view)} {graph}"
            assert as_sent(built) == sent, f"{view_id(view)} {graph}"
            checked += 1
    assert checked >= 40


def shown_title(app: Dash, an, view: ViewState, title_id: str) -> str:
    """The heading's text as the page shows it: a callback's, or else the layout's own."""
    callback_id = find_callback(app, f"{title_id}.children")
    if callback_id is not None:
        value = callback_value(app, view, f"{title_id}.children")
        if value is not None:
            return value
    return components_by_id(render_page(view, an))[title_id].children


def test_every_chart_is_titled_as_the_page_titles_it(app, an):
    for view in views(an):
        for graph, chart in page_charts(an, view.page).items():
            try:
                chart.build(an, view)
            except NothingToExport:
                continue
            prefix = next(p for p in TITLE_OF if graph.startswith(p))
            title_id = TITLE_OF[prefix] + (graph.removeprefix(prefix) if TITLE_OF[prefix].endswith("-") else "")
            assert chart.heading(an, view) == shown_title(app, an, view, title_id), f"{view_id(view)} {graph}"


GRID_OUTPUTS = {"dd-grid", "peers-grid", "unit-grid", "cert-table", "cert-issues"}


def test_every_grid_size_is_what_the_page_callback_sends(app, an):
    for view in views(an):
        for grid_id, grid in page_grids(an, view.page).items():
            assert grid_id in GRID_OUTPUTS
            rows = callback_value(app, view, f"{grid_id}.rowData")
            columns = None
            if find_callback(app, f"{grid_id}.columnDefs") is not None:
                columns = callback_value(app, view, f"{grid_id}.columnDefs")
            if columns is None:  # columns drawn by the layout and never changed
                columns = components_by_id(render_page(view, an))[grid_id].columnDefs
            expected = (len(rows or []), leaf_columns(columns) if rows is not None else 0)
            size = grid.size(an, view)
            if rows is None:  # the page hides the grid for this view: nothing to export
                assert size[0] == 0, f"{view_id(view)} {grid_id}"
                continue
            assert size == expected, f"{view_id(view)} {grid_id}"
