"""``?version=<id>`` on the API's data routes (coverage, units, a unit's scorecard): the answer comes from that
stored version, read-only, and its ``"version"`` names it. Only the roles that may view older versions ask for
one (admin and province: ``Scope.sees_history``); without the parameter the answer is the active version's.
The version is fixed for the request (``Services.ask``) before the route reads any data."""

from __future__ import annotations

from flask import request

from chuangye.engine.manager import is_version_id
from chuangye.web.api.errors import ApiError
from chuangye.web.api.guard import ApiAudit, forbid
from chuangye.web.api.params import bad
from chuangye.web.services import Services

PARAMETER = "version"


def as_of(audit: ApiAudit, services: Services) -> None:
    """Fix the version the request answers from: ``?version=`` when given, else the active one. A malformed id
    is 400, a role that may not view older versions 403 (audited), a version that is not stored 404 and a damaged
    one 409, each with its message in Chinese and English."""
    given = request.args.getlist(PARAMETER)
    text = given[-1].strip() if given else ""
    if not text:
        return
    if not is_version_id(text):
        raise bad(PARAMETER, text, "api_expected_version")
    refused = services.ask(text).refused
    if refused == "role":
        raise forbid(audit, "api_forbidden_version", text, region=None)
    if refused == "unknown":
        raise ApiError(404, "unknown_version", "api_unknown_version", parameter=PARAMETER, version=text)
    if refused == "damaged":
        raise ApiError(409, "version_damaged", "api_damaged_version", parameter=PARAMETER, version=text)


__all__ = ["PARAMETER", "as_of"]
