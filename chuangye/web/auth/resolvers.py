"""Who is asking: an ordered list of resolvers, each of which may recognise the request.

A resolver returns an ``Identity`` (the request is someone's), ``REFUSED`` (it carries credentials that do not
hold: answer 401, try nothing else), or None (not its kind of request: ask the next one). Today: a bearer token
on ``/api/v1/`` and the browser's session. Trusted-proxy headers and OIDC are the next resolvers to add, each
one class here and one entry in ``default_resolvers``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from flask import g, request

from chuangye.data.db.accounts import Accounts, User
from chuangye.data.db.audit import Actor, AuditTrail
from chuangye.web.access import Principal
from chuangye.web.auth import sessions
from chuangye.web.proxies import client_address
from chuangye.web.version_watch import VERSION_PATH

API_PREFIX = "/api/v1/"
CACHE_SECONDS = 2.0  # an account read from the database serves the requests of this many seconds
# what an open page asks by itself (no user at the keyboard): answered, but not counted as activity
PASSIVE_PATHS = frozenset({VERSION_PATH})
TIMED_OUT = "chuangye_timed_out"  # flask.g: this request's session had been idle too long

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Identity:
    principal: Principal
    must_change_password: bool = False


class Refused:
    """Credentials that do not hold; ``message_key`` says why (strings/auth.py)."""

    def __init__(self, message_key: str) -> None:
        self.message_key = message_key


Resolution = Identity | Refused | None


class Resolver(Protocol):
    def resolve(self) -> Resolution: ...


class AccountCache:
    """``Accounts.get`` for a few seconds: a page's burst of callback requests reads the account once, and a
    disabled account or a changed role is seen within ``seconds``."""

    def __init__(self, accounts: Accounts, clock: Callable[[], float], seconds: float = CACHE_SECONDS) -> None:
        self.accounts = accounts
        self.clock = clock
        self.seconds = seconds
        self._users: dict[str, tuple[float, User | None]] = {}
        self._lock = threading.Lock()

    def get(self, username: str) -> User | None:
        now = self.clock()
        cached = self._users.get(username)
        if cached is not None and now - cached[0] < self.seconds:
            return cached[1]
        user = self.accounts.get(username)
        with self._lock:
            self._users[username] = (now, user)
        return user

    def forget(self, username: str) -> None:
        with self._lock:
            self._users.pop(username, None)


def principal_of(user: User, via: str) -> Principal:
    return Principal(username=user.username, role=user.role, region=user.region, via=via)


class BearerTokenResolver:
    """``Authorization: Bearer <token>`` on the JSON API (``chuangye users token``)."""

    def __init__(self, accounts: Accounts) -> None:
        self.accounts = accounts

    def resolve(self) -> Resolution:
        if not request.path.startswith(API_PREFIX):
            return None
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer":
            return None
        user = self.accounts.user_for_token(token.strip())
        if user is None:
            return Refused("auth_err_bad_token")
        return Identity(principal_of(user, "token"))


class SessionResolver:
    """The browser's signed session cookie: ended after ``idle_seconds`` without a request (audited as
    ``session_timeout``), or when the account is gone or disabled."""

    def __init__(
        self,
        cache: AccountCache,
        audit: AuditTrail,
        clock: Callable[[], float],
        idle_seconds: float,
        revoked: sessions.Revoked,
    ) -> None:
        self.cache = cache
        self.audit = audit
        self.clock = clock
        self.idle_seconds = idle_seconds
        self.revoked = revoked

    def resolve(self) -> Resolution:
        username = sessions.signed_in_user()
        if not username:
            return None
        if sessions.session_id() in self.revoked:
            sessions.end(self.revoked)
            return None
        now = self.clock()
        user = self.cache.get(username)
        if sessions.idle_seconds(now) > self.idle_seconds:
            self._timed_out(username, user)
            return None
        if user is None or user.disabled:
            sessions.end(self.revoked)
            return None
        if request.path not in PASSIVE_PATHS:
            sessions.touch(now)
        return Identity(principal_of(user, "session"), user.must_change_password)

    def _timed_out(self, username: str, user: User | None) -> None:
        sessions.end(self.revoked)
        setattr(g, TIMED_OUT, True)
        actor = Actor(username, user.role if user else None, client_address())
        record(self.audit, "session_timeout", actor, detail={"idle_minutes": round(self.idle_seconds / 60)})


def record(audit: AuditTrail, action: str, actor: Actor, **fields: object) -> None:
    """An audit record that must not turn the request into an error when the database refuses it."""
    try:
        audit.record(action, actor=actor, **fields)  # type: ignore[arg-type]
    except Exception:
        log.exception("audit record %s for %s could not be written", action, actor.username)
