"""Single sign-on over OpenID Connect (web/auth/oidc.py) against a real local provider (tests/oidc_provider.py):
the authorization code round trip over HTTP, the ID token checked by authlib, the account made from the claims
with its role and region checked against the data, and what is refused."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import requests

from chuangye.web.app import create_app
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider, RunningProvider
from tests.unit.chuangye.web.auth.conftest import CLI, Site

USERS = {
    "gl-nanjing": {"chuangye_role": "city", "chuangye_region": "320100"},
    "gl-wrong": {"chuangye_role": "city", "chuangye_region": "320102"},  # a county code for a city role
    "xuanwu": {"chuangye_role": "county", "chuangye_region": "320102"},  # an existing account, disabled below
}


@pytest.fixture(scope="module")
def provider():
    running = RunningProvider(Provider(users=USERS))
    yield running.provider
    running.stop()


@pytest.fixture
def sso(store_dir, database, provider, monkeypatch) -> Site:
    monkeypatch.setenv("CHUANGYE_OIDC_ISSUER", provider.url)
    monkeypatch.setenv("CHUANGYE_OIDC_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("CHUANGYE_OIDC_CLIENT_SECRET", CLIENT_SECRET)
    return Site(create_app(store_dir, warm=False, auth=True, database=database), database)


def _round_trip(site: Site, provider: Provider, username: str, next_path: str = "/map"):
    """The browser's trip: the dashboard sends it to the provider, the provider signs ``username`` in and sends
    it back with a code, which the dashboard exchanges for an ID token over HTTP."""
    client = site.app.server.test_client()
    provider.signed_in = username
    start = client.get(f"/login/oidc?next={next_path}")
    assert start.status_code == 302 and start.headers["Location"].startswith(provider.url)
    back = requests.get(start.headers["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302
    address = urlsplit(back.headers["Location"])
    return client, client.get(f"{address.path}?{address.query}")


def test_the_login_page_offers_the_identity_system(sso):
    page = sso.app.server.test_client().get("/login?next=/peers").get_data(as_text=True)
    assert "统一身份认证登录" in page and 'href="/login/oidc?lang=zh&amp;next=/peers"' in page


def test_a_province_user_signs_in_with_the_role_and_region_the_claims_name(sso, provider):
    client, answer = _round_trip(sso, provider, "gl-nanjing")
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/map")
    user = sso.accounts.get("gl-nanjing")
    assert (user.role, user.region, user.disabled) == ("city", "320100", False)
    assert client.get("/_dash-layout").status_code == 200  # signed in: the session works like a password's
    login = sso.actions("login")[0]
    assert (login.username, login.detail["via"]) == ("gl-nanjing", "oidc")


def test_claims_that_do_not_fit_the_data_are_refused(sso, provider):
    client, answer = _round_trip(sso, provider, "gl-wrong")
    assert answer.status_code == 403 and "角色或区域" in answer.get_data(as_text=True)
    assert sso.accounts.get("gl-wrong") is None
    assert client.get("/_dash-layout").status_code == 401
    assert sso.actions("login_failed")[0].detail["reason"] == "oidc_claims"


def test_a_disabled_account_stays_out(sso, provider):
    sso.accounts.set_disabled("xuanwu", True, by=CLI)
    client, answer = _round_trip(sso, provider, "xuanwu")
    assert answer.status_code == 403 and client.get("/_dash-layout").status_code == 401


def test_a_forged_or_replayed_callback_is_refused(sso, provider):
    client = sso.app.server.test_client()
    answer = client.get("/login/oidc/callback?code=made-up&state=made-up")
    assert answer.status_code == 401 and "统一身份认证未能完成登录" in answer.get_data(as_text=True)
    assert client.get("/_dash-layout").status_code == 401


def test_an_unreachable_identity_system_says_so(store_dir, database, monkeypatch):
    monkeypatch.setenv("CHUANGYE_OIDC_ISSUER", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("CHUANGYE_OIDC_CLIENT_ID", CLIENT_ID)
    site = Site(create_app(store_dir, warm=False, auth=True, database=database), database)
    answer = site.app.server.test_client().get("/login/oidc")
    assert answer.status_code == 502 and "暂时无法连接统一身份认证系统" in answer.get_data(as_text=True)
