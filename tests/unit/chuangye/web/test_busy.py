"""Loading regions (web/busy.py, assets/busy.js): the script knows the shell's ids, and every page marks the
parts its callbacks redraw."""

from __future__ import annotations

import re
from pathlib import Path

import dash_bootstrap_components as dbc
import pytest
from dash import dcc
from dash.development.base_component import Component

from chuangye.data.store import Store
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web import busy
from chuangye.web.app import EXTENSION, create_app
from chuangye.web.routing import render_page
from chuangye.web.shell import ids as shell_ids
from chuangye.web.validation import dependencies, representative_views

BUSY_JS = Path(__file__).resolve().parents[4] / "chuangye" / "web" / "assets" / "busy.js"


def test_the_script_names_the_shells_ids():
    script = BUSY_JS.read_text(encoding="utf-8")
    assert re.search(rf"var PAGE = '{shell_ids.PAGE_CONTENT}';", script)
    assert re.search(rf"var URL_ID = '{shell_ids.URL}';", script)
    assert f"'.{busy.REGION_CLASS}'" in script


def test_a_region_wraps_its_content_without_an_id_of_its_own():
    wrapper = busy.region("x", className="h-100")
    assert wrapper.className == "busy-region h-100" and wrapper.children == "x"
    assert getattr(wrapper, "id", None) is None  # no id to collide with a page's own


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("busy")
    Store(data_dir).ensure_initialised(SAMPLE_DIR)
    return create_app(data_dir, warm=False)


# what a callback sets but does not draw from the data: a control's value or options, a store, a download
CONTROLS = (dcc.Dropdown, dcc.Store, dcc.Download, dcc.Location, dbc.RadioItems)


def _is_region(component) -> bool:
    return busy.REGION_CLASS in str(getattr(component, "className", "") or "").split()


def _walk(component, inside: bool = False):
    """(component, whether it sits in a busy region) for a layout tree; a region inside a region would dim twice."""
    here = _is_region(component)
    assert not (here and inside), "a busy region inside another"
    yield component, inside or here
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if isinstance(child, Component):
            yield from _walk(child, inside or here)


def test_what_a_change_of_view_redraws_sits_in_a_loading_region(app):
    """Every component a callback of the URL redraws, on every page and drill level, is a busy region, sits in
    one or holds one: assets/busy.js can mark it while the callback is pending."""
    by_callback: dict[str, set[str]] = {}
    url_driven: set[str] = set()
    for dep in dependencies(app):
        if dep.role == "Output" and isinstance(dep.id, str):
            by_callback.setdefault(dep.callback, set()).add(dep.id)
        if dep.role == "Input" and (dep.id, dep.property) == (shell_ids.URL, "search"):
            url_driven.add(dep.callback)
    redrawn = set().union(*(by_callback.get(name, set()) for name in url_driven))
    services = app.server.extensions[EXTENSION]["services"]
    checked = set()
    for view in representative_views(services.analytics()):
        for component, in_region in _walk(render_page(view, services.analytics())):
            component_id = getattr(component, "id", None)
            if not isinstance(component_id, str) or component_id not in redrawn or isinstance(component, CONTROLS):
                continue
            holds_region = any(_is_region(inner) for inner, _ in _walk(component))
            assert in_region or holds_region, f"{view.page}: {component_id} is redrawn outside a loading region"
            checked.add(component_id)
    assert {"ov-card-street_town", "ov-map", "dd-grid", "peers-grid", "unit-context", "cert-table"} <= checked
