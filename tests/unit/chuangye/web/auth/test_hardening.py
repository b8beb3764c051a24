"""Security headers on every answer (pages, JSON, static files, the login page), the cross-site check on
POSTs, and the configurable request-size cap."""

from __future__ import annotations

import pytest

from chuangye.web.auth.hardening import MAX_REQUEST_ENV_VAR, content_security_policy, install_hardening
from tests.unit.chuangye.web.auth.conftest import csrf_of, sign_in

PATHS = ["/login", "/", "/_dash-layout", "/assets/00-bootstrap.min.css", "/api/v1/versions"]


@pytest.mark.parametrize("path", PATHS)
def test_every_answer_carries_the_security_headers(site, path):
    response = site.client().get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "worker-src 'self' blob:" in csp
    script_src = next(part for part in csp.split("; ") if part.startswith("script-src"))
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert all(h in script_src for h in site.app.csp_hashes())
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_the_policy_names_each_inline_script_hash_once_quoted(site):
    policy = content_security_policy(site.app)
    assert "''" not in policy and site.app.csp_hashes()


def test_a_post_from_another_site_is_refused(site):
    client = site.client()
    sign_in(client, "admin1")
    for headers in ({"Origin": "https://evil.example"}, {"Referer": "https://evil.example/page"}, {"Origin": "null"}):
        response = client.post("/_dash-update-component", json={}, headers=headers)
        assert response.status_code == 403 and "不是本站" in response.get_json()["error"]["message"]
    token = csrf_of(client)
    response = client.post("/logout", data={"csrf_token": token}, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert client.get("/_dash-layout").status_code == 200  # still signed in


def test_a_post_from_the_app_itself_passes_the_check(site):
    client = site.client()
    token = csrf_of(client)
    response = client.post(
        "/login",
        data={"username": "admin1", "password": "Chuangye-2020#ok", "csrf_token": token},
        headers={"Origin": "http://localhost", "Referer": "http://localhost/login"},
    )
    assert response.status_code == 303


def test_the_request_size_cap_is_configurable(site):
    install_hardening(site.app, environ={MAX_REQUEST_ENV_VAR: "1000"})
    client = site.client()
    sign_in(client, "admin1")
    response = client.post("/_dash-update-component", data=b"x" * 5000, content_type="application/json")
    assert response.status_code == 413 and response.is_json
