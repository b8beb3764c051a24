"""Who is asking, and what they may see: the one place the web layer learns it.

Every callback, download, page and API route reaches data through ``Services.analytics()``, which hands out
the active version as ``current_scope()`` sees it (``engine/scope.py``). The sign-in layer (a session, an API
token, a trusted proxy header or OIDC) calls ``set_principal`` once per request; outside a request (the
start-up warm-up, the validation layout) and for a server started without accounts (``--no-auth``, one local
user), the scope is the province's: everything.

The checks of a view against the scope live here too, applied where every path passes:

- ``within_scope``: a view naming a region or unit the user may not open (``Scope.opens``) becomes the
  ``out_of_scope`` page, a notice with a way back to the user's home area (``Services.view``, so every
  callback sees the notice's view and draws nothing of the region asked for);
- ``navigable``: a link a callback would send the browser to names only regions and units the user's data holds
  (``web/callbacks.page_callback``), so a click can never echo another city's county or unit;
- ``check_export``: a file about a region outside the user's area is refused with a 403 (zh + en) before it is
  built (``web/downloads/callbacks.py``, ``Scope.may_export``).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import g, has_request_context

from chuangye.engine.manager import Analytics
from chuangye.engine.peers import Subject, resolve_subject
from chuangye.engine.scope import Scope
from chuangye.strings.i18n import bilingual
from chuangye.web.errors import refuse
from chuangye.web.viewstate import NOT_FOUND, OUT_OF_SCOPE, ViewState

_SCOPE = "chuangye_scope"
_PRINCIPAL = "chuangye_principal"
LOCAL_USER = "local"  # Principal.via of the one user of serve --no-auth (web/auth/guard.single_user)


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


def within_scope(state: ViewState, an: Analytics) -> ViewState:
    """``state`` if the user may open the region and unit it names; else the ``out_of_scope`` notice (in the
    same language, year, type and basis), which names nothing of what was asked (a 404 keeps its page and
    forgets the codes too: its links must not carry them)."""
    scope = current_scope()
    if all(scope.opens(code, an.regions) for code in (state.region, state.unit)):
        return state
    page = NOT_FOUND if state.page == NOT_FOUND else OUT_OF_SCOPE  # a path naming no page stays a 404
    return state.model_copy(update={"page": page, "region": "", "unit": None})


def navigable(href: str, an: Analytics) -> bool:
    """Whether a link names only regions and units ``an`` (the user's scoped data) holds: another city may be
    named (its page is the notice), its counties and units may not."""
    address = urlsplit(href)
    state = ViewState.from_url(address.path, address.query)
    return all(not code or code in an.regions or an.unit_row(code) is not None for code in (state.region, state.unit))


def home_region(an: Analytics) -> str:
    """The region the user's area is: the province for a full scope, else the city or county the scope names."""
    scope = current_scope()
    return an.regions.root if scope.is_full or not scope.region else scope.region


def peer_subject(an: Analytics, region: str | None) -> Subject:
    """The city or county the peer comparison is about: the URL's region, else the user's own area (a city or
    county user lands on home, which it may also export), else the first city."""
    return resolve_subject(an.regions, region, default=home_region(an))


def subject_code(state: ViewState, an: Analytics | None = None) -> str:
    """The region (or unit) a view is about: the province on the overview (and when the URL names no region),
    the unit on the unit page, the compared city or county on the peers page (as that page resolves it)."""
    if state.page == "unit" and state.unit:
        return state.unit
    if state.page == "peers" and an is not None:
        return peer_subject(an, state.region).code
    province = an.regions.root if an is not None else ""
    return province if state.page == "overview" else state.region or province


def may_export(region: str | None, an: Analytics) -> bool:
    """Whether the user may have files about ``region`` (or a unit code): reports, workbooks, tables."""
    return current_scope().may_export(region, an.regions)


def check_export(region: str | None, an: Analytics) -> None:
    """Refuse (403, zh + en) a file about ``region`` (or a unit code) that the user may not export."""
    if not may_export(region, an):
        raise refuse(403, bilingual("acc_export_refused"))


__all__ = [
    "LOCAL_USER",
    "Principal",
    "check_export",
    "current_principal",
    "current_scope",
    "home_region",
    "may_export",
    "navigable",
    "peer_subject",
    "set_principal",
    "set_scope",
    "subject_code",
    "within_scope",
]
