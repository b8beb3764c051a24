"""The sign-in layer's settings: the secret key that signs session cookies, and the cookie's flags.

The key is ``$CHUANGYE_SECRET_KEY`` when set, else a random key created once in the data directory
(``secret_key``, mode 0600) so that sessions survive a restart; a data directory that cannot be written gets a
key for this process only (sessions then end with it), and says so in the log.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface

SECRET_KEY_ENV_VAR = "CHUANGYE_SECRET_KEY"
COOKIE_SECURE_ENV_VAR = "CHUANGYE_COOKIE_SECURE"
SECRET_KEY_FILE = "secret_key"
SESSION_COOKIE = "chuangye_session"
COOKIE_SECURE_KEY = "CHUANGYE_COOKIE_SECURE"  # server.config: Secure on every cookie, not only over HTTPS

log = logging.getLogger(__name__)


def secret_key(data_dir: Path, environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    given = env.get(SECRET_KEY_ENV_VAR, "").strip()
    if given:
        return given
    path = data_dir / SECRET_KEY_FILE
    try:
        if path.exists():
            return path.read_text(encoding="ascii").strip()
        key = secrets.token_urlsafe(48)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as out:
            out.write(key)
        return key
    except FileExistsError:  # another process wrote it at the same moment
        return path.read_text(encoding="ascii").strip()
    except OSError as exc:
        log.warning("cannot keep a secret key in %s (%s): sessions end when this process stops", path, exc)
        return secrets.token_urlsafe(48)


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, Secure when the request came over HTTPS (or always, when configured)."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get(COOKIE_SECURE_KEY)) or request.is_secure


def configure_cookies(server: Flask, data_dir: Path, environ: Mapping[str, str] | None = None) -> None:
    env = os.environ if environ is None else environ
    server.secret_key = secret_key(data_dir, env)
    server.session_interface = SessionCookies()
    server.config.update(
        SESSION_COOKIE_NAME=SESSION_COOKIE,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    server.config[COOKIE_SECURE_KEY] = env.get(COOKIE_SECURE_ENV_VAR, "").strip() == "1"
