"""``/login``, ``/logout`` and ``/password``: plain HTML forms (no JavaScript needed), Chinese first with an
English switch, styled by the dashboard's own style sheets from ``/assets/`` (Bootstrap, and the app sheet for
the dashboard's font); every POST carries the session's CSRF token."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from flask import Flask, Response, current_app, g, render_template_string, request
from markupsafe import Markup

from chuangye.data.db.accounts import AccountError, Accounts
from chuangye.data.db.audit import Actor, AuditTrail
from chuangye.data.db.policy import SecurityPolicy
from chuangye.strings.i18n import t
from chuangye.web.auth import sessions
from chuangye.web.auth.guard import LOGIN_PATH, LOGOUT_PATH, PASSWORD_PATH, redirect_to
from chuangye.web.auth.resolvers import TIMED_OUT, AccountCache, Identity, SessionResolver, client_address, record
from chuangye.web.errors import DEFAULT_LANG_KEY

SHOW_FORM_METHODS = frozenset({"GET", "HEAD"})  # show the form; anything else sends it

PAGE = """<!doctype html>
<html lang="{{ 'zh-CN' if lang == 'zh' else 'en' }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ heading }} · {{ app_title }}</title>
<link rel="icon" href="/_favicon.ico">
{% for sheet in stylesheets %}<link rel="stylesheet" href="{{ sheet }}">
{% endfor %}</head>
<body class="bg-light">
<nav class="navbar navbar-dark bg-primary mb-4"><div class="container-fluid">
<span class="navbar-brand h5 mb-0 text-wrap">{{ app_title }}</span>
<a class="btn btn-sm btn-outline-light" href="{{ switch_url }}"
 lang="{{ 'en' if lang == 'zh' else 'zh-CN' }}">{{ other_lang }}</a>
</div></nav>
<main class="container"><div class="row justify-content-center"><div class="col-sm-9 col-md-6 col-lg-4">
<h1 class="h4 mb-3">{{ heading }}</h1>
{% if info %}<div class="alert alert-info" role="status">{{ info }}</div>{% endif %}
{% if error %}<div class="alert alert-danger" role="alert">{{ error }}</div>{% endif %}
{% if form %}
<form method="post" action="{{ action }}" autocomplete="on">
<input type="hidden" name="csrf_token" value="{{ csrf }}">
<input type="hidden" name="next" value="{{ next }}">
{% for name, label, kind, complete in fields %}
<div class="mb-3">
<label class="form-label" for="{{ name }}">{{ label }}</label>
<input class="form-control" id="{{ name }}" name="{{ name }}" type="{{ kind }}" autocomplete="{{ complete }}"
 {% if name == 'username' %}value="{{ username }}"{% endif %} required>
</div>
{% endfor %}
{% if hint %}<p class="form-text">{{ hint }}</p>{% endif %}
<button class="btn btn-primary w-100" type="submit" id="submit">{{ submit }}</button>
</form>
{% endif %}
{% if sso_url %}
<a class="btn btn-outline-primary w-100 mt-3" id="sso" href="{{ sso_url }}">{{ sso_text }}</a>
{% endif %}
<p class="text-muted small mt-4">{{ note }}</p>
</div></div></main>
</body>
</html>
"""


def safe_next(target: str | None) -> str:
    """A local path to go to after signing in; anything else (another host, a scheme, ``//host``) is ``/``."""
    if not target:
        return "/"
    target = target.strip()
    parts = urlsplit(target)
    local = target.startswith("/") and not target.startswith(("//", "/\\")) and not parts.scheme and not parts.netloc
    if not local or any(ch in target for ch in "\r\n\t\\"):
        return "/"
    return target


def page_lang() -> str:
    """``?lang=`` of this address, else of its ``next`` address, else the app's default."""
    asked = request.values.get("lang")
    if asked not in ("zh", "en"):
        query = urlsplit(safe_next(request.values.get("next"))).query
        asked = (parse_qs(query).get("lang") or [""])[-1]
    return asked if asked in ("zh", "en") else current_app.config.get(DEFAULT_LANG_KEY, "zh")


def switch_url(lang: str) -> str:
    params = {"lang": "en" if lang == "zh" else "zh"}
    if request.values.get("next"):
        params["next"] = safe_next(request.values.get("next"))
    return f"{request.path}?{urlencode(params)}"


@dataclass
class AuthViews:
    accounts: Accounts
    audit: AuditTrail
    cache: AccountCache
    revoked: sessions.Revoked
    session_resolver: SessionResolver
    clock: Callable[[], float]
    policy: SecurityPolicy
    stylesheets: tuple[str, ...]  # URLs under /assets/
    sso_link: Callable[[str], tuple[str, str]] | None = None  # the identity system's sign-in (oidc.login_link)

    def register(self, server: Flask) -> None:
        server.add_url_rule(LOGIN_PATH, "chuangye_login", self.login, methods=["GET", "POST"])
        server.add_url_rule(LOGOUT_PATH, "chuangye_logout", self.logout, methods=["POST"])
        server.add_url_rule(PASSWORD_PATH, "chuangye_password", self.password, methods=["GET", "POST"])

    # ---------------------------------------------------------------------------------------------- pages

    def render(self, lang: str, heading_key: str, status: int = 200, **values: object) -> Response:
        html = render_template_string(
            PAGE,
            lang=lang,
            heading=t(heading_key, lang),
            app_title=t("app_title", lang),
            stylesheets=self.stylesheets,
            switch_url=switch_url(lang),
            other_lang=t("auth_other_lang", lang),
            csrf=sessions.csrf_token(),
            next=safe_next(request.values.get("next")),
            note=t("auth_intranet_note", lang),
            **values,
        )
        return Response(html, status=status, content_type="text/html; charset=utf-8")

    def login_form(self, lang: str, status: int = 200, **values: object) -> Response:
        fields = [
            ("username", t("auth_username", lang), "text", "username"),
            ("password", t("auth_password", lang), "password", "current-password"),
        ]
        values.setdefault("username", request.form.get("username", ""))
        if self.sso_link is not None:
            url, words = self.sso_link(lang)
            values.setdefault("sso_url", f"{url}&next={quote(safe_next(request.values.get('next')))}")
            values.setdefault("sso_text", words)
        return self.render(
            lang,
            "auth_login_title",
            status,
            form=True,
            action=LOGIN_PATH,
            fields=fields,
            submit=t("auth_sign_in", lang),
            **values,
        )

    def sso_failed(self, lang: str, status: int, key: str) -> Response:
        """The login page saying why single sign-on did not let the user in."""
        return self.login_form(lang, status, error=t(key, lang))

    def password_form(self, lang: str, status: int = 200, **values: object) -> Response:
        fields = [
            ("old_password", t("auth_old_password", lang), "password", "current-password"),
            ("new_password", t("auth_new_password", lang), "password", "new-password"),
            ("new_again", t("auth_new_again", lang), "password", "new-password"),
        ]
        hint = t(
            "auth_password_rules",
            lang,
            length=self.policy.password_min_length,
            classes=self.policy.password_min_classes,
        )
        return self.render(
            lang,
            "auth_password_title",
            status,
            form=True,
            action=PASSWORD_PATH,
            fields=fields,
            submit=t("auth_change", lang),
            hint=hint,
            **values,
        )

    def csrf_refused(self, lang: str, form: Callable[..., Response]) -> Response:
        return form(lang, 400, error=t("auth_err_csrf", lang))

    # ---------------------------------------------------------------------------------------------- views

    def login(self) -> Response:
        lang = page_lang()
        if request.method in SHOW_FORM_METHODS:
            info = t("auth_timed_out", lang) if request.args.get("timeout") else ""
            info = info or (t("auth_signed_out", lang) if request.args.get("out") else "")
            return self.login_form(lang, info=info)
        if not sessions.csrf_ok(request.form.get(sessions.CSRF_FIELD)):
            return self.csrf_refused(lang, self.login_form)
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        if not username or not password:
            return self.login_form(lang, 400, error=t("auth_fields_required", lang))
        result = self.accounts.verify(username, password, client_address())
        if not result.ok or result.user is None:
            return self.login_form(lang, 401, error=Markup.escape(result.message(lang)))
        sessions.start(result.user.username, self.clock())
        self.cache.forget(result.user.username)
        target = safe_next(request.form.get("next"))
        if result.user.must_change_password:
            return redirect_to(PASSWORD_PATH, next=target)
        return redirect_to(target)

    def logout(self) -> Response:
        lang = page_lang()
        if not sessions.csrf_ok(request.form.get(sessions.CSRF_FIELD)):
            return self.csrf_refused(lang, self.login_form)
        username = sessions.signed_in_user()
        if username:
            user = self.cache.get(username)
            record(self.audit, "logout", Actor(username, user.role if user else None, client_address()))
        sessions.end(self.revoked)
        return redirect_to(LOGIN_PATH, out="1", lang=lang)

    def password(self) -> Response:
        lang = page_lang()
        username = self.signed_in()
        if username is None:
            timeout = "1" if getattr(g, TIMED_OUT, False) else ""
            return redirect_to(LOGIN_PATH, next=request.full_path.rstrip("?"), timeout=timeout)
        user = self.cache.get(username)
        must = bool(user and user.must_change_password)
        info = t("auth_password_must", lang) if must else ""
        if request.method in SHOW_FORM_METHODS:
            return self.password_form(lang, info=info)
        if not sessions.csrf_ok(request.form.get(sessions.CSRF_FIELD)):
            return self.csrf_refused(lang, self.password_form)
        new = request.form.get("new_password", "")
        if new != request.form.get("new_again", ""):
            return self.password_form(lang, 400, info=info, error=t("auth_passwords_differ", lang))
        try:
            self.accounts.change_password(username, request.form.get("old_password", ""), new, address=client_address())
        except AccountError as exc:
            return self.password_form(lang, 400, info=info, error=exc.message(lang))
        sessions.start(username, self.clock())  # a new password, a new session
        self.cache.forget(username)
        return redirect_to(safe_next(request.form.get("next")))

    def signed_in(self) -> str | None:
        """The session's user when the session still holds (the guard's own checks)."""
        found = self.session_resolver.resolve()
        return found.principal.username if isinstance(found, Identity) else None
