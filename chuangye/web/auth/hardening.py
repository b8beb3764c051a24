"""Security headers on every response, a request-size cap, and the cross-site check on every POST.

- ``Content-Security-Policy``: scripts only from the app itself plus the hashes of Dash's own inline scripts
  (``app.csp_hashes()``, no ``unsafe-inline`` scripts); plotly's and MapLibre's workers from ``blob:``;
  ``frame-ancestors 'none'``. Styles allow inline (Dash, plotly and AG Grid set them at run time).
- ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin`` (the shell reads the page's address
  from the Referer of ``/_dash-layout``: never ``no-referrer``).
- ``MAX_CONTENT_LENGTH``: ``$CHUANGYE_MAX_REQUEST_BYTES`` when set, else errors.py's default.
- A POST (or other state-changing request) whose ``Origin``, or failing that ``Referer``, names another site is
  refused 403 JSON (CSRF on Dash's callbacks and the sign-in forms; browsers send ``Origin`` on every POST).
  A request with a bearer token on the API carries no cookie to abuse and is not checked.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from dash import Dash
from flask import Response, request

from chuangye.strings.i18n import bilingual
from chuangye.web.auth.resolvers import API_PREFIX
from chuangye.web.errors import error_body

MAX_REQUEST_ENV_VAR = "CHUANGYE_MAX_REQUEST_BYTES"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def content_security_policy(app: Dash) -> str:
    scripts = " ".join(app.csp_hashes())  # each already quoted: 'sha256-…'
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src 'self' {scripts}".strip(),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "child-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else None


def from_another_site() -> bool:
    """The request names where it came from (``Origin``, else ``Referer``) and that is not this app."""
    sent = request.headers.get("Origin") or request.headers.get("Referer")
    if not sent:
        return False
    own = request.host_url.rstrip("/").lower()
    return sent == "null" or _origin_of(sent) != own


def install_hardening(app: Dash, environ: Mapping[str, str] | None = None) -> None:
    env = os.environ if environ is None else environ
    server = app.server
    limit = env.get(MAX_REQUEST_ENV_VAR, "").strip()
    if limit.isdigit() and int(limit) > 0:
        server.config["MAX_CONTENT_LENGTH"] = int(limit)
    policy: list[str] = []  # built at the first response: every clientside callback is registered by then

    def check_origin() -> Response | None:
        if request.method in SAFE_METHODS:
            return None
        bearer = request.headers.get("Authorization", "").lower().startswith("bearer ")
        if bearer and request.path.startswith(API_PREFIX):
            return None
        if from_another_site():
            return error_body(403, bilingual("auth_err_origin"))
        return None

    def add_headers(response: Response) -> Response:
        if not policy:
            policy.append(content_security_policy(app))
        response.headers.setdefault("Content-Security-Policy", policy[0])
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    server.before_request_funcs.setdefault(None, []).insert(0, check_origin)
    server.after_request(add_headers)
