"""A signed-in browser's session: who, since when it was last active, its CSRF token; started, rotated and
ended here.

The session lives in Flask's signed cookie; an ended session (logout, timeout) is remembered in this process
as revoked until it would have timed out anyway, so that a copy of the old cookie is refused too.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from collections.abc import Callable

from flask import session

USER = "uid"
SESSION_ID = "sid"
LAST_SEEN = "seen"
CSRF = "csrf"
CSRF_FIELD = "csrf_token"
Seconds = Callable[[], float]  # the clock: seconds since the epoch


class Revoked:
    """Session ids ended in this process, each kept until ``keep_seconds`` after it ended."""

    def __init__(self, clock: Seconds, keep_seconds: float) -> None:
        self.clock = clock
        self.keep_seconds = keep_seconds
        self._ended: dict[str, float] = {}
        self._lock = threading.Lock()

    def add(self, session_id: str) -> None:
        with self._lock:
            now = self.clock()
            self._ended = {sid: at for sid, at in self._ended.items() if now - at < self.keep_seconds}
            self._ended[session_id] = now

    def __contains__(self, session_id: object) -> bool:
        return session_id in self._ended


def csrf_token() -> str:
    """The session's CSRF token, made when it has none (the login form's, before anyone signs in)."""
    token = session.get(CSRF)
    if not token:
        token = session[CSRF] = secrets.token_urlsafe(32)
    return token


def csrf_ok(sent: str | None) -> bool:
    expected = session.get(CSRF)
    return bool(expected and sent) and hmac.compare_digest(str(expected), str(sent))


def start(username: str, now: float) -> None:
    """A fresh session for ``username``: everything the old cookie held goes, with a new id and CSRF token (no
    session fixation)."""
    session.clear()
    session[USER] = username
    session[SESSION_ID] = secrets.token_urlsafe(24)
    session[LAST_SEEN] = now
    session[CSRF] = secrets.token_urlsafe(32)


def end(revoked: Revoked) -> None:
    session_id = session.get(SESSION_ID)
    if session_id:
        revoked.add(session_id)
    session.clear()


def signed_in_user() -> str | None:
    return session.get(USER)


def idle_seconds(now: float) -> float:
    return now - float(session.get(LAST_SEEN) or 0)


def touch(now: float) -> None:
    session[LAST_SEEN] = now


def session_id() -> str | None:
    return session.get(SESSION_ID)
