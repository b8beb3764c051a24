"""What the pages and downloads write to the audit trail (issue 9): every unit scorecard and unit-list view,
every export and report, and every refusal of one, with the signed-in user, role and source address.

The trail is the accounts database the app signs users in against (by default the data directory's, or
``$CHUANGYE_DATABASE_URL``'s), opened on first use; the pages, the JSON API (``web/api/guard.py``) and the
admins' audit page all write and read it through the one ``PageAudit`` of ``Services``.
A record that cannot be written is logged and the page is still served: a read-only data directory (a server
started ``--no-auth`` by a less-privileged user) must not take the dashboard down. The JSON API is stricter
and serves no unit data it cannot record (``web/api/guard.py``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from chuangye.data.db import Actor, AuditTrail, Database
from chuangye.web.access import current_principal
from chuangye.web.proxies import client_address

log = logging.getLogger(__name__)


class PageAudit:
    def __init__(self, open_database: Callable[[], Database]) -> None:
        self._open_database = open_database
        self._trail: AuditTrail | None = None
        self._lock = threading.Lock()

    def trail(self) -> AuditTrail:
        """The trail itself (opened on first use), to read or to write with more care than ``record`` takes."""
        if self._trail is None:
            with self._lock:
                if self._trail is None:
                    self._trail = AuditTrail(self._open_database())
        return self._trail

    def record(
        self,
        action: str,
        *,
        object: str | None,
        region: str | None = None,
        outcome: str = "ok",
        detail: dict[str, Any] | None = None,
    ) -> None:
        """One record for the current request's user; failures are logged, never raised."""
        try:
            self.trail().record(action, actor=actor(), object=object, region=region, outcome=outcome, detail=detail)
        except Exception:
            log.exception("audit record %s of %s could not be written", action, object)


def actor() -> Actor:
    principal = current_principal()
    address = client_address()
    if principal is None:
        return Actor(None, None, address)
    return Actor(principal.username, principal.role, address)


__all__ = ["PageAudit", "actor"]
