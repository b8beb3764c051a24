"""The scope of the request being served: the one place the web layer learns who may see what.

Every callback, download and page reaches data through ``Services.analytics()``, which hands out the active
version as ``current_scope()`` sees it (``engine/scope.py``). Signing in (the login layer) calls ``set_scope``
for the request; outside a request (the start-up warm-up, the validation layout) and for a server started
without accounts (single local user), the scope is the province's: everything.
"""

from __future__ import annotations

from flask import g, has_request_context

from chuangye.engine.scope import Scope

_SCOPE = "chuangye_scope"


def set_scope(scope: Scope) -> None:
    """The scope of the current request (called once the user is known)."""
    setattr(g, _SCOPE, scope)


def current_scope() -> Scope:
    if not has_request_context():
        return Scope.everything()
    return getattr(g, _SCOPE, None) or Scope.everything()


__all__ = ["current_scope", "set_scope"]
