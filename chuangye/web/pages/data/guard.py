"""Who may use the Data page: the admins (省厅管理员) alone, as the audit log (``web/pages/audit/guard.py``, whose
rule this is). The single local user of ``--no-auth`` is the province, not an admin: the page is closed to it."""

from __future__ import annotations

from chuangye.strings.i18n import bilingual
from chuangye.web.access import Principal, current_principal
from chuangye.web.errors import refuse
from chuangye.web.pages.audit.guard import is_admin


def require_admin() -> Principal:
    """The signed-in admin; anyone else's request is refused (403, zh + en) before anything is read or written."""
    principal = current_principal()
    if principal is None or not is_admin():
        raise refuse(403, bilingual("dp_refused"))
    return principal


def importer(principal: Principal) -> str:
    """Who a version imported from this page was made by, as the store's manifest records it."""
    return f"web:{principal.username}"


__all__ = ["importer", "is_admin", "require_admin"]
