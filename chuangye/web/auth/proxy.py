"""Single sign-on through the reverse proxy: the province's identity system signs the user in at the proxy,
which passes the account name in a header (``REMOTE_USER`` style, ``X-Remote-User`` by default).

The header is believed only from the proxy addresses configured in ``$CHUANGYE_TRUSTED_PROXIES`` (addresses or
networks, comma-separated, e.g. ``127.0.0.1,10.32.0.0/16``); from any other address it is ignored (and the
attempt audited as denied), so a client cannot name itself. The name must be an enabled account of the
accounts database (created with ``chuangye users add NAME --role … --sso``-style, no password needed): its role
and region decide what it sees. With no trusted proxy configured this resolver does nothing. The settings and
the client's address behind a proxy are in ``web/proxies.py``.
"""

from __future__ import annotations

from flask import request

from chuangye.data.db.audit import Actor, AuditTrail
from chuangye.web.auth.resolvers import AccountCache, Identity, Refused, Resolution, principal_of, record
from chuangye.web.proxies import ProxySettings


class TrustedHeaderResolver:
    def __init__(self, settings: ProxySettings, cache: AccountCache, audit: AuditTrail) -> None:
        self.settings = settings
        self.cache = cache
        self.audit = audit

    def resolve(self) -> Resolution:
        name = request.headers.get(self.settings.header, "").strip()
        if not self.settings.networks or not name:
            return None
        if not self.settings.trusts(request.remote_addr):
            detail = {"reason": "untrusted_proxy_header", "header": self.settings.header}
            actor = Actor(None, None, request.remote_addr)
            record(self.audit, "denied", actor, object=request.path[:200], outcome="denied", detail=detail)
            return None  # a client naming itself: the header means nothing, the request stays anonymous
        user = self.cache.get(name)
        if user is None or user.disabled:
            return Refused("auth_err_proxy_user")
        return Identity(principal_of(user, "header"))


__all__ = ["TrustedHeaderResolver"]
