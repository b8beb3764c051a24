"""The 404 page: the server answers a path that names no page with HTTP status 404 (Dash serves its page for
every path; the page itself is drawn by the shell's page switch), and the page shows the address it was opened
at, read in the browser (the view state keeps no path that names no page)."""

from __future__ import annotations

from dash import Dash, Input, Output
from flask import Response, request

from chuangye.web.pages.not_found import ids
from chuangye.web.services import Services
from chuangye.web.viewstate import NOT_FOUND, ViewState


def register(app: Dash, services: Services) -> None:
    catch_all = f"{app.config.routes_pathname_prefix}<path:path>"

    @app.server.after_request
    def status_of_unknown_pages(response: Response) -> Response:
        rule = request.url_rule
        # only the page itself (200): a sign-in redirect or a refusal keeps its own status
        page = rule is not None and rule.rule == catch_all and response.status_code == 200
        if page and ViewState.from_url(request.path, "").page == NOT_FOUND:
            response.status_code = 404
        return response

    app.clientside_callback(
        "function (_) { return window.location.pathname; }",  # text, never markup: Dash writes it as a text node
        Output(ids.ADDRESS, "children"),
        Input(ids.ADDRESS, "id"),
    )
