"""The tables of the database: accounts, API tokens, the audit trail, the submissions of cities and counties
(their files and steps) and a small key/value table (``meta``) that holds the schema version and the date of the
last audit purge.

Times are stored as UTC and always come back as timezone-aware UTC datetimes, on SQLite as on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from chuangye.data.db.triggers import APPEND_ONLY_DDL

SCHEMA_VERSION = 1
AUTH_LOCAL = "local"  # a password kept here
AUTH_SSO = "sso"  # signed in through the province's identity system: no password here


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A UTC instant: stored without a zone (SQLite has none), handed back aware (``tzinfo=UTC``)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware UTC time")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


# SQLite gives an INTEGER PRIMARY KEY its rowid (autoincrementing); BIGINT would not be one.
_BigId = BigInteger().with_variant(Integer, "sqlite")


class Base(DeclarativeBase):
    pass


class Meta(Base):
    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    region: Mapped[str | None] = mapped_column(String(12))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    auth_source: Mapped[str] = mapped_column(String(16), default=AUTH_LOCAL)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class TokenRow(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 of the token, never the token
    prefix: Mapped[str] = mapped_column(String(16))  # the token's first characters, to tell tokens apart
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class AuditRow(Base):
    __tablename__ = "audit_records"
    __table_args__ = (Index("ix_audit_at", "at"), Index("ix_audit_user_at", "username", "at"))

    id: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    username: Mapped[str | None] = mapped_column(String(64))
    role: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32), index=True)
    object: Mapped[str | None] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(12))
    outcome: Mapped[str] = mapped_column(String(16))
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


for _ddl in APPEND_ONLY_DDL:
    event.listen(AuditRow.__table__, "after_create", _ddl)


# ------------------------------------------------------------------ submissions (chuangye/data/db/submissions.py)
# New tables of an existing database are created by ``Base.metadata.create_all`` when it opens for writing.


class SubmissionRow(Base):
    """A city's or county's figures for one year, delivered for review (the files are ``SubmissionFileRow``)."""

    __tablename__ = "submissions"
    __table_args__ = (Index("ix_submissions_region_year", "region", "year"), Index("ix_submissions_state", "state"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region: Mapped[str] = mapped_column(String(12))  # the submitting city's or county's code
    level: Mapped[str] = mapped_column(String(16))  # city or county: who reviews it first
    tables: Mapped[list[str]] = mapped_column(JSON)  # the input tables the files hold, in the schema's order
    year: Mapped[int | None] = mapped_column(Integer)  # the year of the figures (None: a table without years)
    submitter: Mapped[str] = mapped_column(String(64))
    submitter_role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    version_id: Mapped[str | None] = mapped_column(String(64))  # the data version it was accepted into
    superseded_by: Mapped[int | None] = mapped_column(Integer)  # the newer submission that replaced it
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # the validation summary: changes, warnings


class SubmissionFileRow(Base):
    """An uploaded file, kept byte for byte in the database, so that every app server reads the same."""

    __tablename__ = "submission_files"
    __table_args__ = (UniqueConstraint("submission_id", "name", name="uq_submission_file_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # the order the files were uploaded in
    name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class SubmissionStepRow(Base):
    """One step of a submission's history: who, when, from which state to which, with what comment."""

    __tablename__ = "submission_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    username: Mapped[str | None] = mapped_column(String(64))
    role: Mapped[str | None] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(16))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str | None] = mapped_column(Text)
    version_id: Mapped[str | None] = mapped_column(String(64))
