"""The shell's first paint is in the page's language: the layout Dash serves reads the page's address (the
referrer of ``/_dash-layout``), or the server's default (``chuangye serve --lang en``) when there is none; it
used to be drawn in Chinese and translated a moment later."""

from __future__ import annotations

import pytest

from chuangye.data.store import Store
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.app import create_app
from chuangye.web.shell import ids


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("first-paint")
    Store(path).ensure_initialised(SAMPLE_DIR)
    return path


def _nav_and_title(app, referrer: str | None) -> tuple[str, str]:
    """The words of the map's navigation link and of the title in the layout JSON the browser is served."""
    headers = {"Referer": referrer} if referrer else {}
    response = app.server.test_client().get("/_dash-layout", headers=headers)
    assert response.status_code == 200
    found = {}

    def walk(node) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            props = node.get("props", {})
            if props.get("id") in (ids.nav("map"), ids.APP_TITLE):
                found[props["id"]] = _words(props.get("children"))
            walk(props.get("children"))

    walk(response.get_json())
    return found[ids.nav("map")], found[ids.APP_TITLE]


def _words(node) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, list):
        return "".join(_words(child) for child in node)
    return _words(node.get("props", {}).get("children")) if isinstance(node, dict) else ""


@pytest.mark.parametrize(
    ("default", "referrer", "nav"),
    [
        ("zh", None, "地图钻取"),
        ("en", None, "Map"),
        ("zh", "http://127.0.0.1:8050/peers?lang=en&year=2019", "Map"),
        ("en", "http://127.0.0.1:8050/map?lang=zh", "地图钻取"),
        ("en", "http://127.0.0.1:8050/unit?year=2018", "Map"),  # no lang in the address: the server's default
    ],
)
def test_the_shell_is_first_drawn_in_the_pages_language(data_dir, default, referrer, nav):
    app = create_app(data_dir, warm=False, default_lang=default)
    shown_nav, title = _nav_and_title(app, referrer)
    assert shown_nav == nav
    assert ("看板" in title) == (nav == "地图钻取")


@pytest.mark.parametrize(("page", "shown"), [("overview", False), ("map", True), ("peers", True)])
def test_the_type_control_is_first_drawn_hidden_where_the_page_hides_it(data_dir, page, shown):
    """The overview's map has its own type choice; the shell's used to flash there before it was hidden."""
    app = create_app(data_dir, warm=False)
    response = app.server.test_client().get("/_dash-layout", headers={"Referer": f"http://h/{page}"})
    classes = _find_props(response.get_json(), ids.TYPE_GROUP)["className"].split()
    assert ("d-none" not in classes) == shown


@pytest.mark.parametrize(("page", "shown"), [("audit", False), ("method", True), ("overview", True)])
def test_the_control_bar_is_first_drawn_hidden_on_the_audit_log(data_dir, page, shown):
    """The audit log follows no year, type or basis; its page must not offer them."""
    app = create_app(data_dir, warm=False)
    response = app.server.test_client().get("/_dash-layout", headers={"Referer": f"http://h/{page}"})
    classes = _find_props(response.get_json(), ids.CONTROLS)["className"].split()
    assert ("d-none" not in classes) == shown


def _find_props(node, component_id: str) -> dict | None:
    if isinstance(node, list):
        return next((p for child in node if (p := _find_props(child, component_id)) is not None), None)
    if isinstance(node, dict):
        props = node.get("props", {})
        return props if props.get("id") == component_id else _find_props(props.get("children"), component_id)
    return None


@pytest.mark.parametrize(("page", "shown"), [("submissions", False), ("map", True), ("certification", True)])
def test_the_type_and_basis_controls_are_hidden_on_the_submissions_page(data_dir, page, shown):
    """数据报送 follows the year (deadlines, templates) and shows no figure of a type or basis: its type and basis
    buttons did nothing there."""
    app = create_app(data_dir, warm=False)
    response = app.server.test_client().get("/_dash-layout", headers={"Referer": f"http://h/{page}"})
    layout = response.get_json()
    for group in (ids.TYPE_GROUP, ids.BASIS_GROUP):
        assert ("d-none" not in _find_props(layout, group)["className"].split()) == shown, group
    assert "d-none" not in _find_props(layout, ids.CONTROLS)["className"].split()  # the year stays
