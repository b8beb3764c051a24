"""App-level error handling: no request gets Flask's HTML error page or a traceback, and a callback that fails
says so in the page.

- Flask error handlers (``register_error_handlers``): a refused request (any ``HTTPException``: a 400 from a
  bad callback request or an export request, 404, 405, 413 ...) answers its status with a JSON body
  ``{"error": {"status": 400, "message": "中文 / English"}}``; any other exception is logged with its traceback
  and answers 500 with a bilingual message and no detail. Every request larger than ``MAX_REQUEST_BYTES`` is
  refused (413) before it is read.
- The callback endpoint (``POST /_dash-update-component``): the body must be JSON naming a known callback with
  lists of inputs and states, or it is refused (400) before Dash reads it. An address of the app's machinery
  (``/_dash-…``, ``/assets/…``) that only the page catch-all matches is a JSON 404, not the page.
- Dash's global ``on_error`` (``on_callback_error``, a callback raised): a refused request goes on to the
  handlers above (it is the client's fault, answered 4xx); anything else is logged and shown to the user as an
  alert in the page's language (``show_alert`` into the shell's ``APP_ALERT``), the outputs keep their values.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs

import dash_bootstrap_components as dbc
from dash import Dash, ctx, html, set_props
from dash.exceptions import DependencyException, InvalidResourceError
from flask import Response, current_app, request
from werkzeug.exceptions import HTTPException, default_exceptions

from chuangye.strings.i18n import bilingual, t
from chuangye.web.shell.ids import URL

APP_ALERT = "app-alert"  # the shell's corner where a failed callback's alert appears
UPDATE_ENDPOINT = "_dash-update-component"
MAX_REQUEST_BYTES = 4 * 1024 * 1024  # the largest request the pages send: a table export (3 MB at most)
# server.config: a function giving a larger limit for this callback request, or None (the Data page's upload, sent
# by an admin: web/pages/data/callbacks.py); it runs after sign-in, before the body is read
CALLBACK_LIMIT_KEY = "CHUANGYE_CALLBACK_REQUEST_LIMIT"
CALLBACK_KEYS = frozenset({"output", "outputs", "inputs", "state", "changedPropIds", "parsedChangedPropsIds"})
DEFAULT_LANG_KEY = "CHUANGYE_DEFAULT_LANG"  # server.config: the language of a URL without lang=
MACHINERY_PREFIXES = ("_dash-", "_reload-hash", "_favicon", "assets/")
HTTP_MESSAGES = {400: "err_http_400", 404: "err_http_404", 405: "err_http_405", 413: "err_http_413"}

log = logging.getLogger(__name__)


# ------------------------------------------------------------------------------------------ answers


def error_body(status: int, message: str) -> Response:
    body = json.dumps({"error": {"status": status, "message": message}}, ensure_ascii=False)
    return Response(body, status=status, content_type="application/json; charset=utf-8")


def refuse(status: int, message: str) -> HTTPException:
    """The ``HTTPException`` of ``status`` whose JSON body will carry ``message`` (zh + en)."""
    exc = default_exceptions[status](description=message)
    exc.chuangye_message = True  # ours: its description is the message (werkzeug's defaults are English only)
    return exc


def refused(exc: HTTPException) -> Response:
    """A refused request as JSON: the message of the code that refused it, or the status's own (zh + en)."""
    status = exc.code or 400
    if status >= 500:
        return error_body(status, bilingual("err_internal"))
    own = getattr(exc, "chuangye_message", False)
    return error_body(status, exc.description if own else bilingual(HTTP_MESSAGES.get(status, "err_http")))


def unexpected(exc: Exception) -> Response:
    log.exception("request %s %s failed", request.method, request.path, exc_info=exc)
    return error_body(500, bilingual("err_internal"))


# ------------------------------------------------------------------------------------------ the callback endpoint


def _dependencies(values: object, declared: list) -> bool:
    """The inputs (or states) of a callback request, one per declared dependency: {id, property, value}, or a
    list of them for a wildcard."""
    if not isinstance(values, list) or len(values) != len(declared):
        return False
    items = [i for v in values for i in (v if isinstance(v, list) else [v])]
    return all(isinstance(i, Mapping) and "id" in i and isinstance(i.get("property"), str) for i in items)


def callback_request_ok(app: Dash, body: object) -> bool:
    """A callback request Dash can read: JSON naming one of the app's callbacks, its outputs, and as many inputs
    and states as the callback declares."""
    if not isinstance(body, Mapping) or set(body) - CALLBACK_KEYS or not isinstance(body.get("output"), str):
        return False
    entry = app.callback_map.get(body["output"])
    if entry is None or not isinstance(body.get("outputs"), Mapping | list):
        return False
    changed = body.get("changedPropIds", [])
    return (
        _dependencies(body.get("inputs"), entry.get("inputs", []))
        and _dependencies(body.get("state", []), entry.get("state", []))
        and isinstance(changed, list)
        and all(isinstance(c, str) for c in changed)
    )


def register_error_handlers(app: Dash, default_lang: str = "zh") -> None:
    """The handlers above on the app's server; ``default_lang`` is the language of a URL without ``lang=`` (the
    language of an alert)."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    server.config[DEFAULT_LANG_KEY] = default_lang

    @server.before_request
    def check_request() -> None:
        """A callback request must be one Dash can read (Dash answers a malformed body with a 500 and an HTML
        page); an address of the app's machinery that the page catch-all would answer with the page is not one."""
        if request.method == "POST" and request.path.endswith(UPDATE_ENDPOINT):
            larger = server.config.get(CALLBACK_LIMIT_KEY)
            if larger is not None and (limit := larger()) is not None:
                request.max_content_length = max(limit, server.config["MAX_CONTENT_LENGTH"] or 0)
            body = request.get_json(silent=True)  # a body over MAX_CONTENT_LENGTH is refused here (413)
            if not callback_request_ok(app, body):
                raise refuse(400, bilingual("err_bad_callback_request"))
        elif _machinery_caught_as_page(app):
            raise refuse(404, bilingual("err_http_404"))

    def not_found(exc: Exception) -> Response:
        return error_body(404, bilingual("err_http_404"))

    server.register_error_handler(HTTPException, refused)
    server.register_error_handler(Exception, unexpected)
    # Dash answers a missing component-suite file with a plain-text 404 or an exception of its own
    server.register_error_handler(InvalidResourceError, not_found)
    server.register_error_handler(DependencyException, not_found)


def _machinery_caught_as_page(app: Dash) -> bool:
    """A request for ``/_dash-…``, ``/_reload-hash``, ``/_favicon.ico`` or ``/assets/…`` that no route of its own
    answers, so Dash's page catch-all (``/<path:path>``) would answer it with the page."""
    rule = request.url_rule
    if rule is None or "<path:path>" not in rule.rule:
        return False
    prefix = app.config.routes_pathname_prefix or "/"
    inner = request.path[len(prefix) :] if request.path.startswith(prefix) else request.path.lstrip("/")
    return inner.startswith(MACHINERY_PREFIXES)


# ------------------------------------------------------------------------------------------ callbacks


def request_lang() -> str:
    """The page's language, from the URL the callback request was sent with (its ``url.search``), else the app's
    default."""
    default = current_app.config.get(DEFAULT_LANG_KEY, "zh")
    body = request.get_json(silent=True) if request.is_json else None
    if isinstance(body, Mapping):
        for group in (body.get("inputs"), body.get("state")):
            for item in group if isinstance(group, list) else []:
                if isinstance(item, Mapping) and item.get("id") == URL and item.get("property") == "search":
                    value = (parse_qs(str(item.get("value") or "").lstrip("?")).get("lang") or [""])[-1]
                    return value if value in ("zh", "en") else default
    return default


def alert(message: str, lang: str, *, title_key: str = "err_alert_title") -> dbc.Toast:
    """A dismissable alert in the page's corner (``APP_ALERT``)."""
    return dbc.Toast(
        html.P(message, className="mb-0"),
        header=t(title_key, lang),
        icon="danger",
        dismissable=True,
        is_open=True,
        className="app-alert-toast",
        style={"maxWidth": "28rem"},
    )


def show_alert(message: str, lang: str, *, title_key: str = "err_alert_title") -> None:
    """Put ``alert(message)`` in the shell's corner from inside a callback (a side update: the callback's own
    outputs stay as they are)."""
    set_props(APP_ALERT, {"children": alert(message, lang, title_key=title_key)})


def on_callback_error(exc: Exception) -> Any:
    """Dash's ``on_error``: a refused request (``HTTPException``) is answered by the handlers above; any other
    failure is logged and the user sees an alert instead of a silently stale page."""
    if isinstance(exc, HTTPException):
        raise exc
    log.error("callback %s failed", ctx.triggered_id or "?", exc_info=exc)
    lang = request_lang()
    show_alert(t("err_callback_failed", lang), lang)
    return None  # every output keeps its value


def app_alert_region() -> html.Div:
    """Where ``show_alert`` puts an alert: the lower right corner, above the page."""
    return html.Div(
        id=APP_ALERT,
        className="position-fixed bottom-0 end-0 p-3",
        style={"zIndex": 1090},
        role="alert",
        **{"aria-live": "assertive"},
    )


__all__ = [
    "APP_ALERT",
    "CALLBACK_LIMIT_KEY",
    "MAX_REQUEST_BYTES",
    "alert",
    "app_alert_region",
    "callback_request_ok",
    "on_callback_error",
    "refuse",
    "register_error_handlers",
    "request_lang",
    "show_alert",
]
