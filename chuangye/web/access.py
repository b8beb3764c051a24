"""Who is asking, and what they may see: the one place the web layer learns it.

Every callback, download, page and API route reaches data through ``Services.analytics()``, which hands out
the active version as ``current_scope()`` sees it (``engine/scope.py``). The sign-in layer (a session, an API
token, a trusted proxy header or OIDC) calls ``set_principal`` once per request; outside a request (the
start-up warm-up, the validation layout) and for a server started without accounts (``--no-auth``, one local
user), the scope is the province's: everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, has_request_context

from chuangye.engine.scope import Scope

_SCOPE = "chuangye_scope"
_PRINCIPAL = "chuangye_principal"


@dataclass(frozen=True)
class Principal:
    """The signed-in user of a request: what the audit trail names and what the scope is built from."""

    username: str
    role: str
    region: str | None = None
    via: str = "session"  # session, token, header (trusted proxy) or oidc

    @property
    def scope(self) -> Scope:
        return Scope(self.role, self.region)  # type: ignore[arg-type]


def set_principal(principal: Principal) -> None:
    """The request's user (called by the sign-in layer once it is known); sets the request's scope too."""
    setattr(g, _PRINCIPAL, principal)
    set_scope(principal.scope)


def current_principal() -> Principal | None:
    """The request's signed-in user, None when there is none (outside a request, or before sign-in)."""
    return getattr(g, _PRINCIPAL, None) if has_request_context() else None


def set_scope(scope: Scope) -> None:
    """The scope of the current request (called once the user is known)."""
    setattr(g, _SCOPE, scope)


def current_scope() -> Scope:
    if not has_request_context():
        return Scope.everything()
    return getattr(g, _SCOPE, None) or Scope.everything()


__all__ = ["Principal", "current_principal", "current_scope", "set_principal", "set_scope"]
