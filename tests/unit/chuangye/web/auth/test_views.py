"""Signing in, out and changing the password through the real forms: CSRF, lockout, forced change, idle
timeout, no open redirect, the session cookie's flags and the audit trail of each event."""

from __future__ import annotations

import json
import os
import re
import stat
from urllib.parse import parse_qs, urlsplit

import pytest

from chuangye.web.auth.settings import SECRET_KEY_FILE, SESSION_COOKIE
from chuangye.web.auth.widget import ACCOUNT
from tests.unit.chuangye.data.db.conftest import GOOD_PASSWORD
from tests.unit.chuangye.web.auth.conftest import CLI, NEW_PASSWORD, csrf_of, sign_in


def _location(response) -> str:
    return response.headers.get("Location", "")


def test_the_login_page_is_a_chinese_first_form_with_an_english_switch(site):
    client = site.client()
    html = client.get("/login").get_data(as_text=True)
    assert 'lang="zh-CN"' in html and "用户名" in html and "密码" in html
    for field in ('name="username"', 'name="password"', 'type="hidden" name="csrf_token"'):
        assert field in html
    assert "/assets/00-bootstrap.min.css" in html and "http" not in html.split("<body")[0]  # no CDN
    assert "?lang=en" in html
    english = client.get("/login?lang=en").get_data(as_text=True)
    assert "Username" in english and "Sign in" in english


STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"?]+)[^"]*">')
BODY_FONT = re.compile(r"\bbody\s*\{[^}]*font-family")


def test_the_login_and_password_pages_use_the_dashboards_font(site):
    """They link the dashboard's own style sheets from /assets/, the one that gives the body its font among
    them (the login page used Bootstrap alone: the system font), and an anonymous visitor gets each of them."""
    client = site.client()
    login = STYLESHEET.findall(client.get("/login").get_data(as_text=True))
    sign_in(client, "admin1")
    dashboard = STYLESHEET.findall(client.get("/").get_data(as_text=True))
    password = STYLESHEET.findall(client.get("/password").get_data(as_text=True))
    fonts = [sheet for sheet in dashboard if BODY_FONT.search(client.get(sheet).get_data(as_text=True))]
    assert fonts and set(fonts) <= set(login) <= set(dashboard)
    assert password == login
    anonymous = site.client()
    assert all(anonymous.get(sheet).status_code == 200 for sheet in login)


def test_the_login_page_names_the_apps_icon_an_anonymous_visitor_gets(site):
    """Without a link the browser asked for /favicon.ico, which no route serves: a 404 on every sign-in."""
    anonymous = site.client()
    html = anonymous.get("/login").get_data(as_text=True)
    icon = re.search(r'<link rel="icon" href="([^"]+)">', html)
    assert icon, html[:600]
    response = anonymous.get(icon.group(1))
    assert response.status_code == 200 and response.mimetype.startswith("image/")


def test_a_head_request_is_answered_like_a_get(site):
    """HEAD (a monitor's or a proxy's check) was taken for a form sent without its CSRF token: 400."""
    client = site.client()
    assert client.head("/login").status_code == 200
    sign_in(client, "admin1")
    assert client.head("/password").status_code == 200
    assert client.get("/_dash-layout").status_code == 200  # still signed in, nothing changed


def test_signing_in_goes_to_next_and_sets_a_hardened_cookie(site):
    client = site.client()
    response = sign_in(client, "admin1", next_path="/peers?year=2019")
    assert response.status_code == 303 and _location(response) == "/peers?year=2019"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP on a test client
    assert client.get("/peers?year=2019").status_code == 200
    assert site.actions("login")[0].username == "admin1"


def test_the_cookie_is_secure_over_https(site):
    client = site.client()
    token = csrf_of(client)
    response = client.post(
        "/login",
        data={"username": "admin1", "password": NEW_PASSWORD, "csrf_token": token},
        base_url="https://localhost",
    )
    assert "Secure" in response.headers["Set-Cookie"]


def test_signing_in_rotates_the_session(site):
    client = site.client()
    before = csrf_of(client)
    sign_in(client, "admin1")
    with client.session_transaction() as session:
        assert session["csrf"] != before and session["uid"] == "admin1" and session["sid"]


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x"])
def test_next_never_leaves_the_site(site, target):
    response = sign_in(site.client(), "admin1", next_path=target)
    assert response.status_code == 303 and _location(response) == "/"


def test_a_wrong_password_shows_only_the_public_message(site):
    client = site.client()
    unknown = sign_in(client, "nobody", "Whatever-123!")
    wrong = sign_in(client, "admin1", "Whatever-123!")
    assert unknown.status_code == wrong.status_code == 401
    for response in (unknown, wrong):
        assert "用户名或密码错误" in response.get_data(as_text=True)
    assert {r.detail["reason"] for r in site.actions("login_failed")} == {"unknown_user", "wrong_password"}


def test_five_wrong_passwords_through_the_form_lock_the_account(site):
    client = site.client()
    for _ in range(5):
        last = sign_in(client, "xuanwu", "Wrong-password-1")
    page = last.get_data(as_text=True)
    assert "已锁定至" in page
    assert site.actions("lockout")[0].username == "xuanwu"
    locked = sign_in(client, "xuanwu")  # the right password, still locked
    assert locked.status_code == 401 and "已锁定至" in locked.get_data(as_text=True)
    assert client.get("/_dash-layout").status_code == 401


def test_a_post_without_the_csrf_token_is_refused(site):
    client = site.client()
    client.get("/login")
    response = client.post("/login", data={"username": "admin1", "password": NEW_PASSWORD})
    assert response.status_code == 400 and "表单已过期" in response.get_data(as_text=True)
    assert not site.actions("login")
    other = site.client()  # a token from another browser's session is no token
    response = other.post(
        "/login", data={"username": "admin1", "password": NEW_PASSWORD, "csrf_token": csrf_of(client)}
    )
    assert response.status_code == 400


def test_an_idle_session_ends_and_the_next_page_goes_to_login(site):
    client = site.client()
    sign_in(client, "nanjing")
    site.clock.advance(minutes=29)
    assert client.get("/_dash-layout").status_code == 200  # activity keeps it alive
    site.clock.advance(minutes=31)
    response = client.get("/map")
    assert response.status_code == 303
    query = parse_qs(urlsplit(_location(response)).query)
    assert query["next"] == ["/map"] and query["timeout"] == ["1"]
    assert "长时间未操作" in client.get(_location(response)).get_data(as_text=True)
    assert site.actions("session_timeout")[0].username == "nanjing"
    assert client.get("/_dash-layout").status_code == 401


def test_logout_needs_the_csrf_token_and_ends_the_session_for_good(site):
    client = site.client()
    sign_in(client, "admin1")
    with client.session_transaction() as session:
        old_cookie = dict(session)
    assert client.post("/logout").status_code == 400
    assert client.get("/_dash-layout").status_code == 200
    response = client.post("/logout", data={"csrf_token": old_cookie["csrf"]})
    assert response.status_code == 303 and _location(response).startswith("/login")
    assert client.get("/_dash-layout").status_code == 401
    assert site.actions("logout")[0].username == "admin1"
    replay = site.client()  # a copy of the old cookie is refused too
    with replay.session_transaction() as session:
        session.update(old_cookie)
    assert replay.get("/_dash-layout").status_code == 401


def test_a_forced_change_reaches_the_password_page_and_nothing_else(site):
    site.accounts.reset_password("nanjing", GOOD_PASSWORD, by=CLI)
    client = site.client()
    response = sign_in(client, "nanjing", GOOD_PASSWORD, next_path="/map")
    assert response.status_code == 303 and _location(response).startswith("/password?next=")
    assert client.get("/").status_code == 303 and _location(client.get("/")).startswith("/password")
    assert client.get("/_dash-layout").status_code == 403
    page = client.get(_location(response)).get_data(as_text=True)
    assert "请先设置新密码" in page
    token = csrf_of(client, "/password")
    differ = client.post(
        "/password",
        data={"old_password": GOOD_PASSWORD, "new_password": "Another-pass-42", "new_again": "x", "csrf_token": token},
    )
    assert differ.status_code == 400 and "不一致" in differ.get_data(as_text=True)
    weak = client.post(
        "/password",
        data={"old_password": GOOD_PASSWORD, "new_password": "short", "new_again": "short", "csrf_token": token},
    )
    assert weak.status_code == 400
    done = client.post(
        "/password",
        data={
            "old_password": GOOD_PASSWORD,
            "new_password": "Another-pass-42",
            "new_again": "Another-pass-42",
            "csrf_token": token,
            "next": "/map",
        },
    )
    assert done.status_code == 303 and _location(done) == "/map"
    assert client.get("/_dash-layout").status_code == 200
    assert next(r.outcome for r in site.actions("password_change")) == "ok"


def test_the_password_page_needs_a_session(site):
    response = site.client().get("/password")
    assert response.status_code == 303 and _location(response).startswith("/login")


def test_the_secret_key_is_made_once_and_kept_private(site, store_dir):
    path = store_dir / SECRET_KEY_FILE
    assert path.exists() and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert site.app.server.secret_key == path.read_text().strip()


def _component(node, component_id):
    """The component of ``component_id`` in a layout's JSON."""
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == component_id:
            return node
        children = node.get("props", {}).get("children")
        return _component(children, component_id) if children is not None else None
    if isinstance(node, list):
        return next((found for n in node if (found := _component(n, component_id)) is not None), None)
    return None


def test_the_shell_shows_the_signed_in_user_and_a_sign_out_form(site):
    client = site.client()
    sign_in(client, "nanjing")
    layout = client.get("/_dash-layout", headers={"Referer": "http://localhost/?lang=en"})
    form = _component(layout.get_json(), ACCOUNT)
    assert form is not None and form["props"]["action"] == "/logout" and form["props"]["method"] == "post"
    text = json.dumps(form, ensure_ascii=False)
    assert "nanjing" in text and "City bureau" in text and "Sign out" in text
    with client.session_transaction() as session:
        assert session["csrf"] in text
