"""The guard: every kind of path, anonymous, gets a login redirect (pages) or 401 JSON (everything else);
static code stays open; a session or an API token sets the request's principal; a disabled account or a
changed role counts at the next request (after the few seconds' account cache)."""

from __future__ import annotations

import json

import pytest
from flask import Flask

from chuangye.web.access import current_principal
from chuangye.web.auth.resolvers import CACHE_SECONDS
from tests.unit.chuangye.web.auth.conftest import CLI, sign_in

PAGES = ["/", "/map", "/peers?year=2019&lang=en", "/unit?unit=320102001", "/certification", "/method", "/no-such-page"]
MACHINERY = [
    ("GET", "/_dash-layout"),
    ("GET", "/_dash-dependencies"),
    ("POST", "/_dash-update-component"),
    ("GET", "/_reload-hash"),
    ("GET", "/api/v1/versions"),
    ("GET", "/api/v1/coverage?year=2019"),
    ("POST", "/api/v1/units"),
]


def _error(response) -> dict:
    """The refusal's status and bilingual message, from the app's JSON or, under /api/, the API's own shape
    (``{"error": code, "message_zh", "message_en"}``, docs/api.md)."""
    assert response.content_type.startswith("application/json")
    body = json.loads(response.get_data(as_text=True))
    if isinstance(body["error"], dict):
        return body["error"]
    assert response.request.path.startswith("/api/") and body["error"]
    return {"status": response.status_code, "message": f"{body['message_zh']} / {body['message_en']}"}


@pytest.mark.parametrize("path", PAGES)
def test_an_anonymous_page_goes_to_the_login_page_and_comes_back(site, path):
    response = site.client().get(path)
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/login?next=")
    from urllib.parse import parse_qs, urlsplit

    assert parse_qs(urlsplit(response.headers["Location"]).query)["next"] == [path]


@pytest.mark.parametrize(("method", "path"), MACHINERY)
def test_anonymous_machinery_and_api_get_401_json_in_both_languages(site, method, path):
    response = site.client().open(path, method=method, json={} if method == "POST" else None)
    assert response.status_code == 401
    error = _error(response)
    assert error["status"] == 401 and "请先登录" in error["message"] and "Sign in first" in error["message"]
    assert b"<html" not in response.data.lower()
    denied = site.actions("denied")
    assert denied and denied[0].object == path.split("?")[0] and denied[0].detail["status"] == 401


@pytest.mark.parametrize("path", ["/assets/00-bootstrap.min.css", "/assets/10-app.css"])
def test_static_code_without_data_stays_reachable(site, path):
    assert site.client().get(path).status_code == 200


def test_dash_component_suites_stay_reachable(site):
    client = site.client()
    index = site.app.index()  # the page's own script tags name the suites' versioned addresses
    suite = next(part.split('"')[0] for part in index.split('src="')[1:] if "_dash-component-suites" in part)
    assert client.get(suite).status_code == 200


def test_a_signed_in_session_sets_the_principal_and_reaches_everything(site):
    client = site.client()
    assert sign_in(client, "nanjing").status_code == 303
    seen = []
    site.app.server.after_request_funcs.setdefault(None, []).append(lambda r: seen.append(current_principal()) or r)
    assert client.get("/").status_code == 200
    assert client.get("/_dash-layout").status_code == 200
    assert seen[-1].username == "nanjing" and seen[-1].role == "city" and seen[-1].region == "320100"
    assert seen[-1].via == "session"


def test_a_bearer_token_on_the_api_sets_a_token_principal(site):
    token = site.accounts.issue_token("xuanwu", by=CLI)
    seen = []
    server: Flask = site.app.server
    server.add_url_rule("/api/v1/whoami-test", "whoami_test", lambda: seen.append(current_principal()) or "ok")
    response = site.client().get("/api/v1/whoami-test", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert seen[0].username == "xuanwu" and seen[0].via == "token" and seen[0].region == "320102"


def test_a_wrong_bearer_token_gets_401_and_is_not_taken_for_a_session(site):
    client = site.client()
    sign_in(client, "admin1")
    response = client.get("/api/v1/versions", headers={"Authorization": "Bearer cy_not-a-token"})
    assert response.status_code == 401 and "令牌" in _error(response)["message"]


def test_a_disabled_account_loses_access_at_its_next_request(site):
    client = site.client()
    sign_in(client, "xuanwu")
    assert client.get("/_dash-layout").status_code == 200
    site.accounts.set_disabled("xuanwu", True, by=CLI)
    site.clock.advance(seconds=CACHE_SECONDS)
    assert client.get("/_dash-layout").status_code == 401
    assert client.get("/").status_code == 303


def test_a_changed_role_counts_at_the_next_request(site):
    client = site.client()
    sign_in(client, "nanjing")
    seen = []
    site.app.server.after_request_funcs.setdefault(None, []).append(lambda r: seen.append(current_principal()) or r)
    client.get("/_dash-layout")
    site.accounts.change_user("nanjing", role="city", region="320200", by=CLI)
    site.clock.advance(seconds=CACHE_SECONDS)
    client.get("/_dash-layout")
    assert [p.region for p in seen] == ["320100", "320200"]
