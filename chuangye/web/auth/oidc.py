"""Single sign-on with the province's identity system over OpenID Connect (authorization code flow, authlib).

Configured by environment variables: ``CHUANGYE_OIDC_ISSUER`` (the provider's issuer URL; its
``/.well-known/openid-configuration`` is read), ``CHUANGYE_OIDC_CLIENT_ID`` and ``CHUANGYE_OIDC_CLIENT_SECRET``;
which claims carry the account name, role and region: ``CHUANGYE_OIDC_USERNAME_CLAIM`` (default
``preferred_username``), ``CHUANGYE_OIDC_ROLE_CLAIM`` (default ``chuangye_role``: admin, province, city or
county) and ``CHUANGYE_OIDC_REGION_CLAIM`` (default ``chuangye_region``: the city or county code). Without an
issuer nothing here is installed.

The login page then offers "统一身份认证登录"; ``/login/oidc`` sends the browser to the provider, and
``/login/oidc/callback`` takes the code back, has authlib check the ID token (signature, issuer, audience,
nonce, expiry) and signs the user in with the role and region the claims name, checked against the active
data: the account is created (an SSO account, no password) or brought in line with the claims, and a disabled
account stays out. Every step goes to the audit trail.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from authlib.integrations.flask_client import OAuth
from flask import Flask, Response, request, session, url_for

from chuangye.data.db.accounts import AccountError, Accounts, LevelOf
from chuangye.data.db.audit import Actor, AuditTrail
from chuangye.strings.i18n import t
from chuangye.web.auth import sessions
from chuangye.web.auth.guard import OIDC_PATHS
from chuangye.web.auth.resolvers import AccountCache, record
from chuangye.web.proxies import client_address

OIDC_LOGIN_PATH, OIDC_CALLBACK_PATH = OIDC_PATHS
NEXT_KEY = "chuangye_oidc_next"
LANG_KEY = "chuangye_oidc_lang"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OidcSettings:
    issuer: str
    client_id: str
    client_secret: str
    username_claim: str = "preferred_username"
    role_claim: str = "chuangye_role"
    region_claim: str = "chuangye_region"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> OidcSettings | None:
        env = os.environ if environ is None else environ
        issuer = env.get("CHUANGYE_OIDC_ISSUER", "").strip().rstrip("/")
        if not issuer:
            return None
        return cls(
            issuer=issuer,
            client_id=env.get("CHUANGYE_OIDC_CLIENT_ID", "").strip(),
            client_secret=env.get("CHUANGYE_OIDC_CLIENT_SECRET", "").strip(),
            username_claim=env.get("CHUANGYE_OIDC_USERNAME_CLAIM", "").strip() or "preferred_username",
            role_claim=env.get("CHUANGYE_OIDC_ROLE_CLAIM", "").strip() or "chuangye_role",
            region_claim=env.get("CHUANGYE_OIDC_REGION_CLAIM", "").strip() or "chuangye_region",
        )


class OidcLogin:
    def __init__(
        self,
        settings: OidcSettings,
        accounts: Accounts,
        audit: AuditTrail,
        cache: AccountCache,
        clock: Callable[[], float],
        level_of: LevelOf | None,
        failed_page: Callable[[str, int, str], Response],
        safe_next: Callable[[str | None], str],
        redirect_to: Callable[..., Response],
    ) -> None:
        self.settings = settings
        self.accounts, self.audit, self.cache, self.clock, self.level_of = accounts, audit, cache, clock, level_of
        self.failed_page, self.safe_next, self.redirect_to = failed_page, safe_next, redirect_to
        self.oauth = OAuth()
        self.client = None

    def register(self, server: Flask) -> None:
        self.oauth.init_app(server)
        self.client = self.oauth.register(
            "province",
            client_id=self.settings.client_id,
            client_secret=self.settings.client_secret,
            server_metadata_url=f"{self.settings.issuer}/.well-known/openid-configuration",
            client_kwargs={"scope": "openid profile"},
        )
        server.add_url_rule(OIDC_LOGIN_PATH, "chuangye_oidc_login", self.start)
        server.add_url_rule(OIDC_CALLBACK_PATH, "chuangye_oidc_callback", self.callback)

    def start(self) -> Response:
        session[NEXT_KEY] = self.safe_next(request.args.get("next"))
        session[LANG_KEY] = "en" if request.args.get("lang") == "en" else "zh"
        try:
            return self.client.authorize_redirect(url_for("chuangye_oidc_callback", _external=True))
        except Exception as exc:  # the provider cannot be reached or its metadata is wrong
            log.warning("OIDC sign-in could not start: %s", exc)
            return self.failed_page(session.get(LANG_KEY, "zh"), 502, "auth_err_oidc_unreachable")

    def callback(self) -> Response:
        lang = session.pop(LANG_KEY, "zh")
        target = session.pop(NEXT_KEY, "/")
        try:
            token = self.client.authorize_access_token()
        except Exception as exc:  # a refused consent, a bad state or an ID token that does not verify
            log.warning("OIDC sign-in refused: %s", exc)
            self._failed(None, "oidc_token", str(exc)[:200])
            return self.failed_page(lang, 401, "auth_err_oidc_failed")
        claims = token.get("userinfo") or {}
        username = str(claims.get(self.settings.username_claim) or "").strip()
        role = str(claims.get(self.settings.role_claim) or "").strip()
        region = str(claims.get(self.settings.region_claim) or "").strip() or None
        if not username:
            self._failed(None, "oidc_no_username", self.settings.username_claim)
            return self.failed_page(lang, 401, "auth_err_oidc_claims")
        try:
            user = self._account(username, role, region)
        except AccountError as exc:
            self._failed(username, "oidc_claims", exc.code)
            return self.failed_page(lang, 403, "auth_err_oidc_claims")
        if user.disabled:
            self._failed(username, "oidc_disabled", "")
            return self.failed_page(lang, 403, "auth_err_proxy_user")
        sessions.start(user.username, self.clock())
        self.cache.forget(user.username)
        record(self.audit, "login", Actor(user.username, user.role, client_address()), detail={"via": "oidc"})
        return self.redirect_to(target)

    def _account(self, username: str, role: str, region: str | None):
        """The account the claims name: created as an SSO account, or brought in line with the claims."""
        by = Actor(f"oidc:{self.settings.issuer}"[:120], None, client_address())
        user = self.accounts.get(username)
        if user is None:
            return self.accounts.add_user(username, role, region=region, sso=True, by=by, level_of=self.level_of)
        if (user.role, user.region) != (role, region):
            return self.accounts.change_user(username, role=role, region=region, by=by, level_of=self.level_of)
        return user

    def _failed(self, username: str | None, reason: str, detail: str) -> None:
        actor = Actor(username, None, client_address())
        record(self.audit, "login_failed", actor, outcome="failed", detail={"via": "oidc", "reason": reason,
                                                                            "detail": detail})  # fmt: skip


def login_link(lang: str) -> tuple[str, str]:
    """The login page's link to the identity system: its address and its words."""
    return f"{OIDC_LOGIN_PATH}?lang={lang}", t("auth_oidc_sign_in", lang)


__all__ = ["OIDC_CALLBACK_PATH", "OIDC_LOGIN_PATH", "OidcLogin", "OidcSettings", "login_link"]
