"""The guard in front of every request: resolve who is asking, or keep them out.

- Static code with no data (Dash's component suites, ``/assets/``, the favicon) and the sign-in pages
  themselves are open to anyone, so that the login page can use the app's own CSS.
- A page (a GET of an HTML address) without a user redirects to ``/login?next=<path>``; everything else
  (``/_dash-layout``, ``/_dash-dependencies``, ``/_dash-update-component`` and so the downloads,
  ``/api/v1/…``) answers 401 JSON with a zh/en message, audited as ``denied``.
- An account that must change its password reaches ``/password`` and nothing else (pages redirect there, the
  rest answers 403 JSON).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from flask import Response, g, redirect, request

from chuangye.data.db.audit import Actor, AuditTrail
from chuangye.strings.i18n import bilingual
from chuangye.web.access import LOCAL_USER, Principal, set_principal
from chuangye.web.api.errors import ApiError
from chuangye.web.api.errors import refused as api_refused
from chuangye.web.auth.resolvers import API_PREFIX, TIMED_OUT, Identity, Refused, Resolver, client_address, record
from chuangye.web.errors import error_body

LOGIN_PATH = "/login"
LOGOUT_PATH = "/logout"
PASSWORD_PATH = "/password"
OIDC_PATHS = ("/login/oidc", "/login/oidc/callback")  # web/auth/oidc.py: the identity system's round trip
OPEN_PATHS = frozenset({LOGIN_PATH, LOGOUT_PATH, PASSWORD_PATH, *OIDC_PATHS, "/_favicon.ico"})
OPEN_PREFIXES = ("/_dash-component-suites/", "/assets/")


def is_open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


def is_page() -> bool:
    """A browser's GET of an HTML page: not the app's machinery (``/_…``) and not the API."""
    return request.method in ("GET", "HEAD") and not request.path.startswith(("/_", API_PREFIX))


# the API's error code for each of the guard's refusals (docs/api.md)
API_ERRORS = {
    "auth_err_sign_in": "unauthorized",
    "auth_err_bad_token": "bad_token",
    "auth_err_change_password": "password_change_required",
}


def requested_address() -> str:
    """The path and query of this request, as ``next`` for the login page."""
    query = request.query_string.decode("utf-8", "replace")
    return request.path + (f"?{query}" if query else "")


def redirect_to(path: str, **params: str) -> Response:
    values = {k: v for k, v in params.items() if v}
    return redirect(path + (f"?{urlencode(values)}" if values else ""), code=303)


class Guard:
    def __init__(self, resolvers: Sequence[Resolver], audit: AuditTrail) -> None:
        self.resolvers = tuple(resolvers)
        self.audit = audit

    def __call__(self) -> Response | None:
        if is_open(request.path):
            return None
        found = self.resolve()
        if isinstance(found, Refused):
            return self.deny(401, found.message_key)
        if found is None:
            if is_page():
                timed_out = "1" if getattr(g, TIMED_OUT, False) else ""
                return redirect_to(LOGIN_PATH, next=requested_address(), timeout=timed_out)
            return self.deny(401, "auth_err_sign_in")
        if found.must_change_password:
            if is_page():
                return redirect_to(PASSWORD_PATH, next=requested_address())
            return self.deny(403, "auth_err_change_password", found.principal)
        set_principal(found.principal)
        return None

    def resolve(self) -> Identity | Refused | None:
        for resolver in self.resolvers:
            found = resolver.resolve()
            if found is not None:
                return found
        return None

    def deny(self, status: int, message_key: str, principal: Principal | None = None) -> Response:
        actor = Actor(
            principal.username if principal else None, principal.role if principal else None, client_address()
        )
        record(
            self.audit,
            "denied",
            actor,
            object=request.path[:200],
            outcome="denied",
            detail={"status": status, "method": request.method, "reason": message_key},
        )
        if request.path.startswith(API_PREFIX):  # in the API's own shape (docs/api.md), as its routes refuse
            return api_refused(ApiError(status, API_ERRORS.get(message_key, "unauthorized"), message_key))
        return error_body(status, bilingual(message_key))


def single_user() -> None:
    """``create_app(auth=False)`` / ``chuangye serve --no-auth``: the one local user, with the province's scope."""
    set_principal(Principal(username="local", role="province", via=LOCAL_USER))
