"""The JSON API under ``/api/v1/`` (``docs/api.md``): the same data, the same scope and the same sign-in as the
pages, for other systems and for tests.

``register(app, services)`` adds it to the app's server (``create_app``). Each route reads the active version
through ``Services.analytics()`` (scoped to the request's user), refuses what lies outside the user's scope
(403) and records unit views and refusals in the audit trail (``guard.py``).
"""

from __future__ import annotations

from dash import Dash

from chuangye.web.api.guard import ApiAudit
from chuangye.web.api.routes import PREFIX, blueprint
from chuangye.web.services import Services


def register(app: Dash, services: Services) -> ApiAudit:
    """The API's routes on ``app.server``, recording in the pages' audit trail (``services.audit``)."""
    audit = ApiAudit(services.audit)
    app.server.register_blueprint(blueprint(services, audit))
    return audit


__all__ = ["PREFIX", "register"]
