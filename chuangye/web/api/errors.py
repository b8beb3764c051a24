"""The API's refusals: always JSON, ``{"error": code, "message_zh": ..., "message_en": ...}`` (plus
``"parameter"`` when one parameter is at fault), never an HTML page or a traceback."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

from flask import Response, request
from werkzeug.exceptions import HTTPException

from chuangye.engine.scope import ScopeError
from chuangye.strings.i18n import t

log = logging.getLogger(__name__)

# werkzeug refusals raised inside a route (a body too large ...) that have no code of their own below
HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed"}


@dataclass(frozen=True)
class Words:
    """Text inside a message that is itself in each language (``key`` in ``strings/``)."""

    key: str
    values: dict[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return t(self.key, lang, **self.values)


class ApiError(Exception):
    """A refused API request: HTTP ``status``, an ``error`` code for programs and a message (``key`` in
    ``strings/api.py``) for people."""

    def __init__(self, status: int, error: str, key: str, *, parameter: str | None = None, **values: object) -> None:
        super().__init__(f"{status} {error}")
        self.status, self.error, self.key, self.parameter, self.values = status, error, key, parameter, values

    def message(self, lang: str) -> str:
        values = {k: v.text(lang) if isinstance(v, Words) else v for k, v in self.values.items()}
        return t(self.key, lang, **values)

    def body(self) -> dict[str, object]:
        body: dict[str, object] = {
            "error": self.error,
            "message_zh": self.message("zh"),
            "message_en": self.message("en"),
        }
        if self.parameter is not None:
            body["parameter"] = self.parameter
        return body


def json_response(payload: object, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """``payload`` as UTF-8 JSON with the Chinese as characters (not ``\\u`` escapes)."""
    text = json.dumps(payload, ensure_ascii=False, allow_nan=False)
    response = Response(text, status=status, content_type="application/json; charset=utf-8", headers=headers)
    response.headers["Cache-Control"] = "no-store"  # scoped data: no shared cache may keep it
    return response


def refused(exc: ApiError) -> Response:
    headers = {"WWW-Authenticate": 'Bearer realm="chuangye"'} if exc.status == 401 else None
    return json_response(exc.body(), exc.status, headers)


def scope_refused(exc: ScopeError) -> Response:
    """A user whose role and region do not fit the active data (a region gone in a new version): nothing."""
    log.warning("API request %s refused: %s", request.path, exc)
    return refused(ApiError(403, "scope_invalid", "api_scope_invalid", role=exc.role, region=exc.region or "—"))


def http_refused(exc: HTTPException) -> Response:
    """A werkzeug refusal raised inside a route, in the API's shape."""
    status = exc.code or 500
    if status >= 500:
        return failed(exc)
    code = HTTP_CODES.get(status, "bad_request")
    return json_response(
        {"error": code, "message_zh": _status_text(status, "zh"), "message_en": _status_text(status, "en")}, status
    )


def failed(exc: Exception) -> Response:
    """Anything unexpected: logged with its traceback, answered 500 with no detail."""
    log.exception("API request %s %s failed", request.method, request.path, exc_info=exc)
    return refused(ApiError(500, "internal", "api_internal"))


def _status_text(status: int, lang: str) -> str:
    key = {404: "err_http_404", 405: "err_http_405", 413: "err_http_413"}.get(status, "err_http_400")
    return t(key, lang)


__all__ = ["ApiError", "Words", "failed", "http_refused", "json_response", "refused", "scope_refused"]
