"""The signed-in user in the shell's header: name, role and a sign-out button (a plain form posting to
``/logout`` with the session's CSRF token, so it works without the page's callbacks)."""

from __future__ import annotations

from dash import dcc, html

from chuangye.strings.i18n import t
from chuangye.web.access import current_principal
from chuangye.web.auth import sessions
from chuangye.web.auth.guard import LOGOUT_PATH

ACCOUNT = "account-menu"


def account_menu(lang: str) -> html.Form | None:
    """None when nobody signed in through a session (``--no-auth``, outside a request)."""
    principal = current_principal()
    if principal is None or principal.via != "session":
        return None
    role = t(f"acct_role_{principal.role}", lang)
    return html.Form(
        [
            html.Span(
                [html.Span(f"{t('auth_signed_in_as', lang)} ", className="visually-hidden"), principal.username],
                className="text-white small text-truncate text-nowrap",
                title=f"{principal.username} · {role}",
            ),
            html.Span(role, className="badge text-bg-light text-nowrap"),
            dcc.Input(type="hidden", name=sessions.CSRF_FIELD, value=sessions.csrf_token()),
            dcc.Input(type="hidden", name="lang", value=lang),
            html.Button(t("auth_sign_out", lang), type="submit", className="btn btn-sm btn-outline-light text-nowrap"),
        ],
        id=ACCOUNT,
        method="post",
        action=LOGOUT_PATH,
        className="d-flex align-items-center gap-2 ms-2 order-lg-last",
    )
