"""Who may use the Submissions page: the province (admin, province), city and county users, each inside its own
area through the same rules as the API (``engine/submissions.py``); anyone else is refused before anything is
read. The request's scope says who the user is (``web/access.py``: set at sign-in, the province's for the one
local user of ``--no-auth``)."""

from __future__ import annotations

from chuangye.engine.regions import RegionTree
from chuangye.engine.scope import ROLES, Scope, ScopeError
from chuangye.strings.i18n import bilingual
from chuangye.web.access import current_scope
from chuangye.web.errors import refuse

SUBMITTING_ROLES = ("city", "county")


def member_scope(tree: RegionTree) -> Scope:
    """The request's scope if its role may use the page and its region fits the data; else a 403 (zh + en)."""
    scope = current_scope()
    if scope.role not in ROLES:
        raise refuse(403, bilingual("sp_refused"))
    try:
        return scope.check(tree)
    except ScopeError:
        raise refuse(403, bilingual("sp_refused")) from None


def require_province(scope: Scope) -> None:
    if not scope.is_full:
        raise refuse(403, bilingual("sub_api_province_accepts"))


def submits(scope: Scope) -> bool:
    return scope.role in SUBMITTING_ROLES


__all__ = ["SUBMITTING_ROLES", "member_scope", "require_province", "submits"]
