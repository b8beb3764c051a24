"""Who is asking and what they may open, for the API's routes, and the audit records of what they did.

The sign-in layer (``web/auth``) resolves the principal from the session or ``Authorization: Bearer`` and
calls ``set_principal`` (for a server without accounts, the one local user); the routes only read
``current_principal()``, and answer 401 themselves when there is none, should a request ever reach them so.

Out of scope is 403 (``Scope`` from ``engine/scope.py``), checked against the whole version's region tree and
unit list, so that a code of another area is refused, not reported unknown; 404 is only for a code that exists
nowhere in the active version.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import request

from chuangye.data.db import AuditTrail
from chuangye.engine.scope import Scope
from chuangye.web.access import Principal, current_principal, current_scope
from chuangye.web.api.errors import ApiError
from chuangye.web.audit import PageAudit, actor

IMPORT_ACTIONS = ("import",)  # audit actions whose object is the version they made

log = logging.getLogger(__name__)


class ApiAudit:
    """The audit trail as the API writes it: the pages' trail (``web/audit.PageAudit``), stricter on failure."""

    def __init__(self, pages: PageAudit) -> None:
        self._pages = pages

    @property
    def trail(self) -> AuditTrail:
        return self._pages.trail()

    def viewed(self, action: str, *, object: str, region: str | None, detail: dict[str, Any]) -> None:
        """A scorecard or unit-list view. Data that cannot be recorded is not handed out (503)."""
        try:
            self.trail.record(action, actor=actor(), object=object, region=region, detail=detail)
        except Exception as exc:
            log.exception("audit record %s of %s could not be written", action, object)
            raise ApiError(503, "audit_unavailable", "api_audit_unavailable") from exc

    def importers(self) -> dict[str, str]:
        """Who imported or rolled back to each version, as far as the audit trail knows (version id → user);
        nothing when it cannot be read."""
        try:
            found: dict[str, str] = {}
            for action in IMPORT_ACTIONS:
                for record in self.trail.search(action=action, limit=None):  # newest first
                    if record.object and record.username and record.outcome == "ok":
                        found.setdefault(record.object, record.username)
            return found
        except Exception:
            log.exception("the audit trail could not be read for the versions' importers")
            return {}

    def denied(self, status: int, *, object: str | None, region: str | None) -> None:
        """A refused request (401, 403); a failure to record it is logged, the refusal stands anyway."""
        try:
            detail = {"status": status, "method": request.method, "path": request.path[:200]}
            self.trail.record("denied", actor=actor(), object=object, region=region, outcome="denied", detail=detail)
        except Exception:
            log.exception("audit record of a denied API request could not be written")


def require_principal(audit: ApiAudit, *, object: str | None = None, region: str | None = None) -> Principal | None:
    """The signed-in user; 401 (audited) when there is none."""
    principal = current_principal()
    if principal is None:
        audit.denied(401, object=object or request.path, region=region)
        raise ApiError(401, "unauthorized", "api_unauthorized")
    return principal


def forbid(audit: ApiAudit, key: str, code: str, *, region: str | None) -> ApiError:
    """A 403 for ``code`` (audited)."""
    audit.denied(403, object=code, region=region)
    return ApiError(403, "forbidden", key)


def scope() -> Scope:
    return current_scope()


__all__ = ["ApiAudit", "forbid", "require_principal", "scope"]
