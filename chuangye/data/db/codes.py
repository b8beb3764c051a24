"""The codes of accounts and the audit trail, importable without SQLAlchemy (the command line's parsers use
them); their words are in ``chuangye/strings/accounts.py``."""

ROLES = ("admin", "province", "city", "county")
ACTIONS = (
    "login",
    "logout",
    "login_failed",
    "lockout",
    "session_timeout",
    "unit_view",
    "unit_list_view",
    "export",
    "report",
    "import",
    "rollback",
    "version_pin",  # chuangye versions --pin: kept through pruning (data/retention.py)
    "version_unpin",
    "user_add",
    "user_change",
    "user_disable",
    "user_enable",
    "password_change",
    "password_reset",
    "token_issue",
    "token_revoke",
    "denied",
    "audit_view",  # the admin's audit page (web/pages/audit): viewing the trail is itself recorded
    "template",  # an XLSX template downloaded (GET /api/v1/templates/...)
    # submissions of cities and counties (data/db/submissions.py): each step, and every read of their files
    "submission_submit",
    "submission_forward",
    "submission_return",
    "submission_accept",
    "submission_supersede",
    "submission_file",
)
OUTCOMES = ("ok", "failed", "denied")
