"""How a page registers a callback: the view state parsed once from the URL, nothing done off the page, and
inputs and outputs by name.

    @page_callback(app, services, "overview", output={"title": Output(ids.CARDS_TITLE, "children")})
    def overview_title(state: ViewState) -> dict:
        return {"title": ...}

The URL's ``search`` triggers the callback (``url_trigger=False`` makes it a State, for callbacks another input
triggers; ``pathname_trigger=True`` lets a change of page trigger it too) and its ``pathname`` is read with it;
the function receives the parsed ``ViewState`` first, then its own ``inputs`` by keyword (``pass_url=True``
adds the raw ``url_search`` and ``url_pathname``). Off its page it raises ``PreventUpdate``, so Dash updates
nothing and nobody counts ``no_update`` tuples. ``page=None`` runs on every page (the shell). A link it returns
as ``href`` that names a county or unit outside the user's data is not followed (``web/access.navigable``).

The function returns a dict by output name; an output it leaves out keeps its value (``no_update``), and a
name that is not an output is an error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from dash import Dash, Input, Output, Patch, State, no_update
from dash.exceptions import PreventUpdate

from chuangye.web.access import navigable
from chuangye.web.services import Services
from chuangye.web.shell.ids import URL
from chuangye.web.viewstate import ViewState

URL_ID = URL


def unchanged(schema: Any) -> Any:
    """``no_update`` in the shape of an output grouping (an Output, a list or a dict of them)."""
    if isinstance(schema, list | tuple):
        return [unchanged(item) for item in schema]
    if isinstance(schema, Mapping):
        return {key: unchanged(value) for key, value in schema.items()}
    return no_update


def complete(output: Mapping[str, Any], result: Mapping[str, Any], name: str) -> dict:
    """The returned values with every output the function left out kept as it is."""
    unknown = set(result) - set(output)
    if unknown:
        raise KeyError(f"callback {name} returned values for unknown outputs: {sorted(unknown)}")
    return {key: result[key] if key in result else unchanged(schema) for key, schema in output.items()}


def page_callback(
    app: Dash,
    services: Services,
    page: str | None,
    *,
    output: Mapping[str, Any],
    inputs: Mapping[str, Input | State] | None = None,
    url_trigger: bool = True,
    pathname_trigger: bool = False,
    pass_url: bool = False,
    **options: Any,
) -> Callable[[Callable[..., dict]], Callable[..., dict]]:
    def decorate(function: Callable[..., dict]) -> Callable[..., dict]:
        dependencies: dict[str, Input | State] = dict(inputs or {})
        if {"url_search", "url_pathname"} & set(dependencies):
            raise ValueError("url_search and url_pathname are the helper's own inputs")
        dependencies["url_search"] = (Input if url_trigger else State)(URL, "search")
        dependencies["url_pathname"] = (Input if pathname_trigger else State)(URL, "pathname")
        outputs = dict(output)
        name = function.__name__

        def callback(url_search: str | None, url_pathname: str | None, **values: Any) -> dict:
            state = services.view(url_pathname, url_search)
            if page is not None and state.page != page:
                raise PreventUpdate
            if pass_url:
                values = {**values, "url_search": url_search, "url_pathname": url_pathname}
            result = function(state, **values)
            href = result.get("href") if result else None
            if isinstance(href, str) and not navigable(href, services.analytics()):
                raise PreventUpdate  # a link to a county or unit outside the user's data: go nowhere
            if not result or all(value is no_update for value in result.values()):
                raise PreventUpdate  # nothing to update
            return complete(outputs, result, name)

        callback.__name__ = callback.__qualname__ = name
        callback.__doc__ = function.__doc__
        app.callback(output=outputs, inputs=dependencies, **options)(callback)
        return function

    return decorate


def register_quick_filter(
    app: Dash, services: Services, page: str, grid: str, box: str, *, allow_duplicate: bool = False
) -> None:
    """The search box ``box`` above ``grid`` sets the grid's quick filter (its other options stay as they are)."""

    @page_callback(
        app,
        services,
        page,
        output={"options": Output(grid, "dashGridOptions", allow_duplicate=allow_duplicate)},
        inputs={"text": Input(box, "value")},
        url_trigger=False,
        prevent_initial_call=True,
    )
    def quick_filter(state: ViewState, text: str | None) -> dict:
        patch = Patch()
        patch["quickFilterText"] = text or ""
        return {"options": patch}
