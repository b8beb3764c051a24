"""Who may use the audit page: the admins (省厅管理员) alone. The single local user of ``--no-auth`` is the
province (reads everything), not an admin, so the page is closed to it too."""

from __future__ import annotations

from chuangye.strings.i18n import bilingual
from chuangye.web.access import current_principal
from chuangye.web.errors import refuse

ADMIN_ROLE = "admin"


def is_admin() -> bool:
    principal = current_principal()
    return principal is not None and principal.role == ADMIN_ROLE


def require_admin() -> None:
    """Refuse (403, zh + en) a request of anyone but an admin, before anything is read."""
    if not is_admin():
        raise refuse(403, bilingual("aud_refused"))
