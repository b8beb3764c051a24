"""Opening the database: SQLite in the data directory (WAL, foreign keys), the URL from the environment,
the schema version, and the security policy's environment variables."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from chuangye.data.db import Database, DatabaseError, PolicyError, SecurityPolicy
from chuangye.data.db.database import SCHEMA_VERSION_KEY, SQLITE_FILE
from chuangye.data.db.models import SCHEMA_VERSION


def test_the_default_is_an_sqlite_file_in_the_data_directory_in_wal_mode(tmp_path):
    db = Database.open(tmp_path / "data", environ={})
    try:
        assert (tmp_path / "data" / SQLITE_FILE).is_file() and db.writable
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert db.schema_version() == SCHEMA_VERSION
        assert (tmp_path / "data" / SQLITE_FILE).stat().st_mode & 0o077 == 0  # password hashes: owner only
    finally:
        db.close()


def test_the_data_directory_comes_from_the_environment_like_the_store(tmp_path):
    db = Database.open(environ={"CHUANGYE_DATA_DIR": str(tmp_path / "elsewhere")})
    db.close()
    assert (tmp_path / "elsewhere" / SQLITE_FILE).is_file()


def test_the_url_in_the_environment_wins_over_the_data_directory(tmp_path):
    url = f"sqlite:///{tmp_path / 'other.db'}"
    db = Database.open(tmp_path / "data", environ={"CHUANGYE_DATABASE_URL": url})
    db.close()
    assert (tmp_path / "other.db").is_file() and not (tmp_path / "data" / SQLITE_FILE).exists()


def test_a_postgresql_url_without_a_driver_uses_psycopg_3():
    from chuangye.data.db.database import _url_engine

    engine = _url_engine("postgresql://user:secret@db.example:5432/chuangye")
    assert engine.url.drivername == "postgresql+psycopg"
    assert "secret" not in engine.url.render_as_string(hide_password=True)


def test_an_unusable_url_is_one_bilingual_line_without_the_password():
    with pytest.raises(DatabaseError) as caught:
        Database.open(url="postgresql://user:secret@127.0.0.1:1/none", environ={})
    message = str(caught.value)
    assert "无法使用账户数据库" in message and "Cannot use the accounts database" in message
    assert "secret" not in message and "\n" not in message
    with pytest.raises(DatabaseError, match="CHUANGYE_DATABASE_URL"):
        Database.open(url="not a url", environ={})


def test_a_database_newer_than_the_program_is_refused(tmp_path):
    db = Database.open(tmp_path, environ={})
    with db.session() as session:
        session.execute(text("UPDATE meta SET value = '99' WHERE key = :k"), {"k": SCHEMA_VERSION_KEY})
    db.close()
    with pytest.raises(DatabaseError, match="99"):
        Database.open(tmp_path, environ={})


def test_the_policy_defaults_and_their_environment_variables():
    policy = SecurityPolicy.from_env({})
    assert (policy.lockout_failures, policy.lockout_minutes, policy.idle_timeout_minutes) == (5, 15, 30)
    assert (policy.audit_retention_days, policy.password_min_length, policy.password_min_classes) == (180, 10, 3)
    changed = SecurityPolicy.from_env({"CHUANGYE_LOCKOUT_MINUTES": "30", "CHUANGYE_AUDIT_RETENTION_DAYS": "365"})
    assert (changed.lockout_minutes, changed.audit_retention_days) == (30, 365)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CHUANGYE_LOCKOUT_FAILURES", "five"),
        ("CHUANGYE_AUDIT_RETENTION_DAYS", "30"),
        ("CHUANGYE_PASSWORD_MIN_LENGTH", "4"),
    ],
)
def test_a_bad_policy_variable_is_refused_naming_it(variable, value):
    with pytest.raises(PolicyError) as caught:
        SecurityPolicy.from_env({variable: value})
    assert variable in str(caught.value) and "整数" in str(caught.value) and "whole number" in str(caught.value)


def test_the_policy_documented_in_configuration_md_is_the_real_one():
    from pathlib import Path

    from chuangye.data.db.policy import ENV_VARS

    doc = (Path(__file__).resolve().parents[5] / "docs" / "configuration.md").read_text(encoding="utf-8")
    part = doc.split("## 账户与审计 / Accounts and audit", 1)[1]
    defaults = SecurityPolicy()
    for field_name, (variable, _low, _high) in ENV_VARS.items():
        assert f"`{variable}`" in part, variable
        assert f"| {getattr(defaults, field_name)} |" in part, field_name
