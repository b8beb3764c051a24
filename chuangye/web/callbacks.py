"""How a page registers a callback: the view state parsed once from the URL, nothing done off the page, and
inputs and outputs by name.

    @page_callback(app, services, "overview", output={"title": Output("ov-title", "children")})
    def overview_title(state: ViewState) -> dict:
        return {"title": ...}

The URL's ``search`` triggers the callback (``url_trigger=False`` makes it a State, for callbacks another input
triggers) and its ``pathname`` is read with it; the function receives the parsed ``ViewState`` first, then its
own ``inputs`` by keyword. Off its page it raises ``PreventUpdate``, so Dash updates nothing and nobody counts
``no_update`` tuples. ``page=None`` runs on every page (the shell).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from dash import Dash, Input, State
from dash.exceptions import PreventUpdate

from chuangye.web.services import Services

URL_ID = "url"


def page_callback(
    app: Dash,
    services: Services,
    page: str | None,
    *,
    output: Mapping[str, Any],
    inputs: Mapping[str, Input | State] | None = None,
    url_trigger: bool = True,
    **options: Any,
) -> Callable[[Callable[..., dict]], Callable[..., dict]]:
    def decorate(function: Callable[..., dict]) -> Callable[..., dict]:
        dependencies: dict[str, Input | State] = dict(inputs or {})
        dependencies["url_search"] = (Input if url_trigger else State)(URL_ID, "search")
        dependencies["url_pathname"] = State(URL_ID, "pathname")

        def callback(url_search: str | None, url_pathname: str | None, **values: Any) -> dict:
            state = services.view(url_pathname, url_search)
            if page is not None and state.page != page:
                raise PreventUpdate
            return function(state, **values)

        callback.__name__ = callback.__qualname__ = function.__name__
        app.callback(output=dict(output), inputs=dependencies, **options)(callback)
        return function

    return decorate
