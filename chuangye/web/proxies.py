"""Which reverse proxies are trusted (``$CHUANGYE_TRUSTED_PROXIES``: addresses or networks, comma-separated,
e.g. ``127.0.0.1,10.32.0.0/16``), and so the client's real address for the audit trail: behind a trusted proxy
the first hop of ``X-Forwarded-For``, else the connection's own. The single sign-on header
(``web/auth/proxy.py``) is believed only from these addresses."""

from __future__ import annotations

import functools
import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass

from flask import has_request_context, request

TRUSTED_PROXIES_ENV_VAR = "CHUANGYE_TRUSTED_PROXIES"
USER_HEADER_ENV_VAR = "CHUANGYE_TRUSTED_USER_HEADER"
DEFAULT_USER_HEADER = "X-Remote-User"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class ProxySettings:
    networks: tuple[Network, ...] = ()
    header: str = DEFAULT_USER_HEADER

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ProxySettings:
        env = os.environ if environ is None else environ
        text = env.get(TRUSTED_PROXIES_ENV_VAR, "")
        networks = tuple(ipaddress.ip_network(part.strip(), strict=False) for part in text.split(",") if part.strip())
        return cls(networks, env.get(USER_HEADER_ENV_VAR, "").strip() or DEFAULT_USER_HEADER)

    def trusts(self, address: str | None) -> bool:
        try:
            ip = ipaddress.ip_address(address or "")
        except ValueError:
            return False
        return any(ip in network for network in self.networks)


@functools.cache
def _settings_of(proxies: str, header: str) -> ProxySettings:
    return ProxySettings.from_env({TRUSTED_PROXIES_ENV_VAR: proxies, USER_HEADER_ENV_VAR: header})


def proxy_settings() -> ProxySettings:
    """The settings of ``$CHUANGYE_TRUSTED_PROXIES`` and ``$CHUANGYE_TRUSTED_USER_HEADER`` (read per call,
    parsed once per value)."""
    return _settings_of(os.environ.get(TRUSTED_PROXIES_ENV_VAR, ""), os.environ.get(USER_HEADER_ENV_VAR, ""))


def client_address() -> str | None:
    """The client's address for the audit trail: the first hop of ``X-Forwarded-For`` when the request came
    from a trusted proxy, else the connection's own address; None outside a request."""
    if not has_request_context():
        return None
    address = request.remote_addr
    if proxy_settings().trusts(address):
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")[0].strip()
        return forwarded or address
    return address


__all__ = ["DEFAULT_USER_HEADER", "ProxySettings", "client_address", "proxy_settings"]
