"""The 404 page has no callbacks of its own; ``register`` makes the server answer a path that names no page with
HTTP status 404 (Dash serves its page for every path; the page itself is drawn by the shell's page switch)."""

from __future__ import annotations

from dash import Dash
from flask import Response, request

from chuangye.web.services import Services
from chuangye.web.viewstate import NOT_FOUND, ViewState


def register(app: Dash, services: Services) -> None:
    catch_all = f"{app.config.routes_pathname_prefix}<path:path>"

    @app.server.after_request
    def status_of_unknown_pages(response: Response) -> Response:
        rule = request.url_rule
        if rule is not None and rule.rule == catch_all and ViewState.from_url(request.path, "").page == NOT_FOUND:
            response.status_code = 404
        return response
