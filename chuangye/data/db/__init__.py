"""The SQL database of accounts and the audit trail (SQLAlchemy 2; SQLite in the data directory by default,
PostgreSQL when ``$CHUANGYE_DATABASE_URL`` says so). Not the dataset store: dataset versions stay Parquet.

The web layer and the command line use::

    db = Database.open(data_dir)              # or Database.open(url="postgresql://...")
    accounts = Accounts(db)                   # verify, add_user, change_password, reset_password, tokens ...
    audit = AuditTrail(db)                    # record, search, purge
"""

from chuangye.data.db.accounts import (
    AccountError,
    Accounts,
    LoginResult,
    User,
    check_role_region,
)
from chuangye.data.db.audit import ACTIONS, Actor, AuditRecord, AuditTrail
from chuangye.data.db.database import (
    DATABASE_URL_ENV_VAR,
    Database,
    DatabaseError,
    ReadOnlyDatabase,
)
from chuangye.data.db.models import ROLES
from chuangye.data.db.policy import PolicyError, SecurityPolicy

__all__ = [
    "ACTIONS",
    "DATABASE_URL_ENV_VAR",
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
    "User",
    "check_role_region",
]
