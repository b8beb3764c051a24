"""Sign-in for the web app: who the request's principal is (``web/access.py``), and everyone else kept out.

``install(app, data_dir, database)`` puts the guard (``guard.py``) in front of every request of the app's
server and adds ``/login``, ``/logout`` and ``/password`` (``views.py``); the principal comes from an ordered
list of resolvers (``resolvers.py``: an API bearer token, a trusted reverse proxy's user header
(``proxy.py``), the browser's session). ``install_single_user(app)``
is ``chuangye serve --no-auth``: the one local user, with the province's scope.
"""

from __future__ import annotations

from pathlib import Path

from dash import Dash

from chuangye.data.db.accounts import Accounts, LevelOf
from chuangye.data.db.audit import AuditTrail
from chuangye.data.db.database import Database
from chuangye.web.auth import sessions
from chuangye.web.auth.guard import Guard, redirect_to, single_user
from chuangye.web.auth.oidc import OidcLogin, OidcSettings, login_link
from chuangye.web.auth.proxy import TrustedHeaderResolver
from chuangye.web.auth.resolvers import AccountCache, BearerTokenResolver, Resolver, SessionResolver
from chuangye.web.auth.settings import configure_cookies
from chuangye.web.auth.views import AuthViews, safe_next
from chuangye.web.proxies import proxy_settings

EXTENSION = "chuangye_auth"  # app.server.extensions[EXTENSION]: the AuthViews (accounts, audit, clock ...)
# the login and password pages' style sheets: the dashboard's own Bootstrap, and its app sheet for the same font
# (Noto Sans CJK SC first, as the dashboard) and the same focus rings
STYLESHEETS = ("00-bootstrap.min.css", "10-app.css")


def _first(server, function) -> None:
    """Run ``function`` before every other ``before_request`` of the app (the request checks of errors.py
    included): an anonymous request is answered 401, not checked further."""
    server.before_request_funcs.setdefault(None, []).insert(0, function)


def install(app: Dash, data_dir: Path, database: Database, level_of: LevelOf | None = None) -> AuthViews:
    """``level_of`` (a region code's level in the active data) checks the role and region an identity
    system's claims name (OIDC)."""
    server = app.server
    configure_cookies(server, data_dir)
    accounts, audit = Accounts(database), AuditTrail(database)

    def clock() -> float:
        return database.clock().timestamp()

    idle_seconds = database.policy.idle_timeout_minutes * 60
    cache = AccountCache(accounts, clock)
    revoked = sessions.Revoked(clock, keep_seconds=idle_seconds)
    session_resolver = SessionResolver(cache, audit, clock, idle_seconds, revoked)
    proxy = TrustedHeaderResolver(proxy_settings(), cache, audit)
    resolvers: list[Resolver] = [BearerTokenResolver(accounts), proxy, session_resolver]  # next: OIDC
    _first(server, Guard(resolvers, audit))
    stylesheets = tuple(app.get_asset_url(name) for name in STYLESHEETS)
    views = AuthViews(accounts, audit, cache, revoked, session_resolver, clock, database.policy, stylesheets)
    views.register(server)
    oidc = OidcSettings.from_env()
    if oidc is not None:
        login = OidcLogin(oidc, accounts, audit, cache, clock, level_of, views.sso_failed, safe_next, redirect_to)
        login.register(server)
        views.sso_link = login_link
    server.extensions[EXTENSION] = views
    return views


def install_single_user(app: Dash) -> None:
    _first(app.server, single_user)


__all__ = ["EXTENSION", "install", "install_single_user"]
