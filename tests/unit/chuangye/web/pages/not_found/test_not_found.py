"""A path that names no page: the 404 page (zh/en, a way back) and HTTP status 404; ``serve --lang``'s default."""

from __future__ import annotations

from pathlib import Path

import pytest
from dash import Dash, dcc, html

from chuangye.web.pages import not_found
from chuangye.web.pages.not_found import callbacks, ids
from chuangye.web.pages.not_found.layout import layout
from chuangye.web.viewstate import ADMIN_PAGES, NOT_FOUND, PAGES, ViewState
from tests.unit.chuangye.web.pages import id_literals

PAGE = Path(not_found.__file__).parent


def test_a_path_that_names_no_page_is_not_found_not_the_overview():
    assert ViewState.from_url("/no-such-page", "?lang=en").page == NOT_FOUND
    assert ViewState.from_url("/overveiw", "").page == NOT_FOUND
    assert ViewState.from_url("/", "").page == "overview"
    assert all(ViewState.from_url(f"/{page}", "").page == page for page in PAGES)
    assert NOT_FOUND not in PAGES  # no navigation tab for it


def test_the_default_language_applies_only_without_lang_in_the_url():
    assert ViewState.from_url("/overview", "?year=2019", default_lang="en").lang == "en"
    assert ViewState.from_url("/overview", "?lang=zh", default_lang="en").lang == "zh"
    assert ViewState.from_url("/overview", "").lang == "zh"
    assert ViewState.from_url("/overview", "?lang=xx", default_lang="en").lang == "en"


def _strings(children) -> list[str]:
    items = children if isinstance(children, list | tuple) else [children]
    return [item for item in items if isinstance(item, str)]


def _texts_and_links(page) -> tuple[str, dict[str, str]]:
    """Every text of the page, and each link's text → its href."""
    texts, links = [], {}
    for component in [page, *page._traverse()]:
        if not hasattr(component, "children"):
            continue
        texts += _strings(component.children)
        if isinstance(component, dcc.Link):
            links["".join(_strings(component.children))] = component.href
    return " ".join(texts), links


@pytest.mark.parametrize(
    ("lang", "title", "back"), [("zh", "找不到这个页面", "返回总览"), ("en", "Page not found", "Back to the overview")]
)
def test_the_404_page_says_so_and_links_back_keeping_the_view(lang, title, back):
    state = ViewState(page=NOT_FOUND, lang=lang, year=2018, unit_type="park")
    page = layout(state, None)
    text, links = _texts_and_links(page)
    assert title in text and "404" in text
    assert links[back] == state.href("overview") == f"/overview?year=2018&type=park&basis=certified&lang={lang}"
    assert len(links) == len(PAGES) - len(ADMIN_PAGES)  # back to the overview, every other page but the admins'
    assert isinstance(page, html.Div) and page.id == ids.PAGE


def test_the_server_answers_404_for_a_path_that_names_no_page():
    app = Dash(__name__)
    app.layout = html.Div()
    callbacks.register(app, services=None)
    client = app.server.test_client()
    assert client.get("/no-such-page").status_code == 404
    assert client.get("/no-such-page?lang=en").status_code == 404
    assert "text/html" in client.get("/no-such-page").content_type  # the app still draws its 404 page
    for path in ("/", *(f"/{page}" for page in PAGES), "/map?region=320100"):
        assert client.get(path).status_code == 200, path
    assert client.get("/_dash-layout").status_code == 200


@pytest.mark.parametrize("module", ["layout.py", "callbacks.py"])
def test_no_id_is_spelled_outside_ids_py(module):
    assert id_literals(PAGE / module, ids) == []
