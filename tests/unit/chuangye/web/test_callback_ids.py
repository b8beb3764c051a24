"""Every id a callback names is in some layout: the shell, or a page drawn for a representative view.

The pages are drawn into the shell by a callback, so nothing but this test (and Dash's validation layout,
built from the same layouts) ties a callback's ``Input("dd-grid", ...)`` to the layout that has ``dd-grid``.
"""

from __future__ import annotations

import pytest
from dash import MATCH, Dash, Input, Output, html

from chuangye.data.store import Store
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.app import EXTENSION, VALIDATE_CALLBACKS, create_app
from chuangye.web.validation import (
    components_by_id,
    layout_components,
    matches,
    representative_views,
    running_wildcards,
    unknown_ids,
    unknown_properties,
    validation_layout,
)


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Dash:
    data_dir = tmp_path_factory.mktemp("callback-ids")
    Store(data_dir).ensure_initialised(SAMPLE_DIR)
    return create_app(data_dir, warm=False)


@pytest.fixture(scope="module")
def layouts(app):
    return layout_components(app.server.extensions[EXTENSION]["services"])


def test_the_views_cover_every_page_and_drill_level(app):
    views = representative_views(app.server.extensions[EXTENSION]["services"].analytics())
    seen = {(v.page, v.region, v.unit) for v in views}
    assert ("overview", "", None) in seen
    assert {("map", ""), ("map", "320100"), ("map", "320102")} <= {(p, r) for p, r, _ in seen}
    assert any(p == "map" and r == "320102" and u for p, r, u in seen)  # a unit selected
    assert any(p == "unit" and u for p, _, u in seen)
    assert {("certification", ""), ("certification", "320100")} <= {(p, r) for p, r, _ in seen}
    assert "peers" in {p for p, _, _ in seen}


def test_every_callback_names_only_ids_a_layout_has(app, layouts):
    problems = unknown_ids(app, layouts)
    assert not problems, "callbacks name ids no layout has:\n" + "\n".join(problems)


def test_the_layouts_hold_the_ids_browser_tests_use(layouts):
    ids = components_by_id(layouts)
    for component_id in ("url", "page-content", "ctl-year", "ov-map", "ov-card-street_town", "dd-map", "dd-grid"):
        assert component_id in ids
    assert any(isinstance(c.id, dict) and c.id.get("type") == "table-export" for c in ids.values())


def test_callback_properties_are_declared_by_their_components(app, layouts):
    # Dash's renderer reports an undeclared property ("Invalid prop for this component") when it validates
    problems = unknown_properties(app, layouts)
    assert not problems, "\n".join(problems)


def test_running_outputs_name_their_components_exactly(app):
    assert running_wildcards(app) == []


def test_the_validation_layout_answers_every_callback(app):
    layout = validation_layout(app, app.server.extensions[EXTENSION]["services"])
    assert unknown_ids(app, layout) == []
    assert len(layout.children) == len(components_by_id(layout.children))  # one stub per id at most
    assert app.config.suppress_callback_exceptions is not VALIDATE_CALLBACKS
    if VALIDATE_CALLBACKS:
        assert app.validation_layout is not None


def test_the_check_names_the_callback_and_the_id():
    app = Dash(__name__)
    layout = html.Div([html.Div(id="here"), html.Button(id={"type": "btn", "key": "a"})])

    @app.callback(Output("nowhere", "children"), Input("here", "n_clicks"))
    def lost_output(_clicks):
        return ""

    @app.callback(Output("here", "children"), Input({"type": "gone", "key": MATCH}, "n_clicks"))
    def lost_pattern(_clicks):
        return ""

    @app.callback(Output("here", "title"), Input({"type": "btn", "key": MATCH}, "n_clicks"))
    def fine(_clicks):
        return ""

    problems = unknown_ids(app, layout)
    assert len(problems) == 2
    assert problems[0].startswith("lost_output: Output(\"nowhere\", 'children')")
    assert problems[1].startswith("lost_pattern: Input(") and '"type": "gone"' in problems[1]
    assert matches({"type": "btn", "key": ["MATCH"]}, {"type": "btn", "key": "a"})
    assert not matches({"type": "btn", "key": "b"}, {"type": "btn", "key": "a"})
