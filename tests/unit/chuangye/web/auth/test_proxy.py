"""Single sign-on through a trusted reverse proxy (web/auth/proxy.py, web/proxies.py): the user header is
believed only from the configured proxy addresses, names an enabled account whose role and region decide what
it sees, and the audit trail keeps the client's own address from X-Forwarded-For."""

from __future__ import annotations

import pytest

from chuangye.web.access import current_principal
from chuangye.web.app import create_app
from chuangye.web.proxies import ProxySettings
from tests.unit.chuangye.web.auth.conftest import CLI, Site

PROXY, CLIENT = "10.32.0.5", "10.32.7.21"


@pytest.fixture
def proxied(store_dir, database, monkeypatch) -> Site:
    monkeypatch.setenv("CHUANGYE_TRUSTED_PROXIES", "127.0.0.1, 10.32.0.0/24")
    monkeypatch.delenv("CHUANGYE_TRUSTED_USER_HEADER", raising=False)
    site = Site(create_app(store_dir, warm=False, auth=True, database=database), database)
    seen: dict = {}

    @site.app.server.after_request
    def remember(response):  # test-only: who the guard decided the request was
        seen["principal"] = current_principal()
        return response

    site.seen = seen
    return site


def _get(site: Site, path: str, *, address: str, **headers: str):
    return site.app.server.test_client().get(path, headers=headers, environ_base={"REMOTE_ADDR": address})


def test_the_proxys_user_header_signs_in_that_account_with_its_scope(proxied):
    response = _get(proxied, "/_dash-layout", address=PROXY, **{"X-Remote-User": "nanjing"})
    assert response.status_code == 200
    principal = proxied.seen["principal"]
    assert (principal.username, principal.role, principal.region, principal.via) == ("nanjing", "city", "320100",
                                                                                      "header")  # fmt: skip


def test_a_client_naming_itself_is_not_believed(proxied):
    response = _get(proxied, "/_dash-layout", address=CLIENT, **{"X-Remote-User": "admin1"})
    assert response.status_code == 401  # the header from an untrusted address means nothing
    denied = proxied.actions("denied")
    assert any(r.detail.get("reason") == "untrusted_proxy_header" and r.address == CLIENT for r in denied)


def test_an_unknown_or_disabled_name_from_the_proxy_is_refused(proxied):
    assert _get(proxied, "/_dash-layout", address=PROXY, **{"X-Remote-User": "nobody"}).status_code == 401
    proxied.accounts.set_disabled("xuanwu", True, by=CLI)
    response = _get(proxied, "/map", address=PROXY, **{"X-Remote-User": "xuanwu"})
    assert response.status_code == 401 and "统一身份认证" in response.get_data(as_text=True)


def test_the_audit_trail_keeps_the_clients_address_behind_the_proxy(proxied):
    _get(proxied, "/_dash-layout", address=PROXY, **{"X-Remote-User": "nobody", "X-Forwarded-For": CLIENT})
    assert proxied.actions("denied")[0].address == CLIENT  # through the proxy: the client it names
    _get(proxied, "/_dash-layout", address="10.99.0.7", **{"X-Forwarded-For": "1.2.3.4"})  # not from a proxy
    assert proxied.actions("denied")[0].address == "10.99.0.7"  # an untrusted X-Forwarded-For is not believed


def test_settings_parse_addresses_and_networks():
    settings = ProxySettings.from_env({"CHUANGYE_TRUSTED_PROXIES": "127.0.0.1,10.32.0.0/16, ::1"})
    assert settings.trusts("10.32.200.1") and settings.trusts("::1") and not settings.trusts("10.33.0.1")
    assert not settings.trusts(None) and not settings.trusts("not an address")
    assert ProxySettings.from_env({}).networks == () and ProxySettings.from_env({}).header == "X-Remote-User"
