"""The JSON API under ``/api/v1/`` (``docs/api.md``): the same data, the same scope and the same sign-in as the
pages, for other systems and for tests.

``register(app, services)`` adds it to the app's server (``create_app``). Each route reads the active version
through ``Services.analytics()`` (scoped to the request's user), refuses what lies outside the user's scope
(403) and records unit views and refusals in the audit trail (``guard.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from dash import Dash

from chuangye.data.db import Database
from chuangye.web.api.guard import ApiAudit
from chuangye.web.api.routes import PREFIX, blueprint
from chuangye.web.services import Services


def register(app: Dash, services: Services, open_database: Callable[[], Database] | None = None) -> ApiAudit:
    """The API's routes on ``app.server``; the audit trail's database is ``open_database()`` (default: the data
    directory's, or ``$CHUANGYE_DATABASE_URL``), opened on the first record."""
    audit = ApiAudit(open_database or (lambda: Database.open(services.store.data_dir)))
    app.server.register_blueprint(blueprint(services, audit))
    return audit


__all__ = ["PREFIX", "register"]
