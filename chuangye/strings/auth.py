"""Sign-in for the web app: the login and password pages, the signed-in user in the header, and the answers
of the guard (401/403/400 JSON) and of ``chuangye serve`` about accounts. Chinese first."""

AUTH: dict[str, dict[str, str]] = {
    # the login page
    "auth_login_title": {"zh": "登录", "en": "Sign in"},
    "auth_username": {"zh": "用户名", "en": "Username"},
    "auth_password": {"zh": "密码", "en": "Password"},
    "auth_sign_in": {"zh": "登录", "en": "Sign in"},
    "auth_other_lang": {"zh": "English", "en": "中文"},
    "auth_intranet_note": {
        "zh": "仅限授权用户使用；登录、导出等操作均记入审计日志。",
        "en": "For authorised users only; sign-ins, exports and other actions are recorded in the audit trail.",
    },
    "auth_signed_out": {"zh": "已退出登录", "en": "You have signed out"},
    "auth_timed_out": {
        "zh": "长时间未操作，已自动退出，请重新登录",
        "en": "Your session ended after a period of inactivity; please sign in again",
    },
    "auth_fields_required": {"zh": "请输入用户名和密码", "en": "Enter your username and password"},
    # the password page
    "auth_password_title": {"zh": "修改密码", "en": "Change password"},
    "auth_password_must": {
        "zh": "首次登录或密码已被重置：请先设置新密码，然后才能使用看板",
        "en": "First sign-in or a reset password: set a new password before using the dashboard",
    },
    "auth_old_password": {"zh": "当前密码", "en": "Current password"},
    "auth_new_password": {"zh": "新密码", "en": "New password"},
    "auth_new_again": {"zh": "再次输入新密码", "en": "New password again"},
    "auth_change": {"zh": "修改密码", "en": "Change password"},
    "auth_passwords_differ": {"zh": "两次输入的新密码不一致", "en": "The two new passwords differ"},
    "auth_password_rules": {
        "zh": "至少 {length} 个字符，包含大写字母、小写字母、数字、符号中的至少 {classes} 类，不能包含用户名",
        "en": "At least {length} characters, with at least {classes} of: upper-case, lower-case, digits, symbols; "
        "not containing the username",
    },
    # the header
    "auth_signed_in_as": {"zh": "当前用户", "en": "Signed in as"},
    "auth_sign_out": {"zh": "退出", "en": "Sign out"},
    # the guard's answers
    "auth_err_sign_in": {
        "zh": "请先登录（会话不存在或已过期）",
        "en": "Sign in first (no session, or it has expired)",
    },
    "auth_err_bad_token": {
        "zh": "API 令牌无效、已撤销或其账户已停用",
        "en": "The API token is unknown, revoked, or its account is disabled",
    },
    "auth_oidc_sign_in": {"zh": "统一身份认证登录", "en": "Sign in with the province's identity system"},
    "auth_err_oidc_unreachable": {
        "zh": "暂时无法连接统一身份认证系统，请稍后再试或使用本系统账户登录",
        "en": "The identity system cannot be reached; try again later or sign in with an account of this system",
    },
    "auth_err_oidc_failed": {
        "zh": "统一身份认证未能完成登录（已取消、已过期或凭据无效），请重试",
        "en": "Single sign-on did not complete (cancelled, expired or not valid); please try again",
    },
    "auth_err_oidc_claims": {
        "zh": "统一身份认证提供的角色或区域与本系统不符，请联系管理员",
        "en": "The role or region the identity system gives does not fit this system; ask an administrator",
    },
    "auth_err_proxy_user": {
        "zh": "统一身份认证传来的用户在本系统中不存在或已停用，请联系管理员开通",
        "en": "The user named by the single sign-on proxy has no enabled account here; ask an administrator",
    },
    "auth_err_change_password": {
        "zh": "请先修改密码（/password），然后才能使用看板",
        "en": "Change your password first (/password) before using the dashboard",
    },
    "auth_err_csrf": {
        "zh": "表单已过期或来源无效，请刷新页面后重试",
        "en": "The form has expired or did not come from this site; reload the page and try again",
    },
    "auth_err_origin": {
        "zh": "请求的来源（Origin/Referer）不是本站，已拒绝",
        "en": "The request's origin (Origin/Referer) is not this site: refused",
    },
    "auth_err_accounts_db": {
        "zh": "账户数据库暂时无法使用，请稍后再试或联系管理员",
        "en": "The accounts database cannot be used just now; try again later or contact an administrator",
    },
    # chuangye serve
    "auth_serve_no_admin": {
        "zh": "账户数据库 {where} 中没有启用的管理员账户，看板不能启动。先创建一个："
        "chuangye users add 用户名 --role admin（本机单人使用可改用 chuangye serve --no-auth）",
        "en": "The accounts database {where} has no enabled admin account, so the dashboard will not start. "
        "Create one first: chuangye users add NAME --role admin (for single-user local use run "
        "chuangye serve --no-auth instead)",
    },
    "auth_serve_no_auth_host": {
        "zh": "--no-auth（不登录）只能在本机 127.0.0.1 上运行，不能使用 --host {host}",
        "en": "--no-auth (no sign-in) runs on 127.0.0.1 only; --host {host} is refused",
    },
    "auth_serve_no_auth_note": {
        "zh": "未启用登录（--no-auth）：只在本机 127.0.0.1 上提供服务，访问者即本机唯一用户，可见全省数据",
        "en": "Sign-in is off (--no-auth): serving on 127.0.0.1 only; whoever opens it is the single local user "
        "and sees the whole province",
    },
    "cli_help_no_auth": {
        "zh": "不登录：本机单人使用，只绑定 127.0.0.1，可见全省数据",
        "en": "no sign-in: single local user, binds 127.0.0.1 only, sees the whole province",
    },
}
