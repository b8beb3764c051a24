"""The SQL database of accounts and the audit trail (SQLAlchemy 2; SQLite in the data directory by default,
PostgreSQL when ``$CHUANGYE_DATABASE_URL`` says so). Not the dataset store: dataset versions stay Parquet.

The web layer and the command line use::

    db = Database.open(data_dir)              # or Database.open(url="postgresql://...")
    accounts = Accounts(db)                   # verify, add_user, change_password, reset_password, tokens ...
    audit = AuditTrail(db)                    # record, search, purge

The names below load on first use, so that ``chuangye.data.db.codes`` (role and action codes) can be imported
without SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_WHERE = {
    "AccountError": "accounts",
    "Accounts": "accounts",
    "LoginResult": "accounts",
    "User": "accounts",
    "check_role_region": "accounts",
    "Actor": "audit",
    "AuditRecord": "audit",
    "AuditTrail": "audit",
    "ACTIONS": "codes",
    "OUTCOMES": "codes",
    "ROLES": "codes",
    "DATABASE_URL_ENV_VAR": "database",
    "Database": "database",
    "DatabaseError": "database",
    "ReadOnlyDatabase": "database",
    "PolicyError": "policy",
    "SecurityPolicy": "policy",
    "Submission": "submissions",
    "SubmissionError": "submissions",
    "Submissions": "submissions",
}
__all__ = [
    "ACTIONS",
    "DATABASE_URL_ENV_VAR",
    "OUTCOMES",
    "ROLES",
    "AccountError",
    "Accounts",
    "Actor",
    "AuditRecord",
    "AuditTrail",
    "Database",
    "DatabaseError",
    "LoginResult",
    "PolicyError",
    "ReadOnlyDatabase",
    "SecurityPolicy",
    "Submission",
    "SubmissionError",
    "Submissions",
    "User",
    "check_role_region",
]

if TYPE_CHECKING:
    from chuangye.data.db.accounts import AccountError, Accounts, LoginResult, User, check_role_region
    from chuangye.data.db.audit import Actor, AuditRecord, AuditTrail
    from chuangye.data.db.codes import ACTIONS, OUTCOMES, ROLES
    from chuangye.data.db.database import DATABASE_URL_ENV_VAR, Database, DatabaseError, ReadOnlyDatabase
    from chuangye.data.db.policy import PolicyError, SecurityPolicy
    from chuangye.data.db.submissions import Submission, SubmissionError, Submissions


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'chuangye.data.db' has no attribute {name!r}")
    return getattr(import_module(f"chuangye.data.db.{module}"), name)
