"""Audit records are append-only in the database itself: a trigger refuses any UPDATE of ``audit_records``,
whoever connects (the only deletion is the retention purge)."""

from __future__ import annotations

from sqlalchemy import DDL

APPEND_ONLY_DDL = (
    DDL(
        "CREATE TRIGGER audit_records_append_only BEFORE UPDATE ON audit_records "
        "BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END"
    ).execute_if(dialect="sqlite"),
    DDL(
        "CREATE OR REPLACE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'audit records are append-only'; END $$"
    ).execute_if(dialect="postgresql"),
    DDL(
        "CREATE TRIGGER audit_records_append_only BEFORE UPDATE ON audit_records "
        "FOR EACH ROW EXECUTE FUNCTION audit_records_append_only()"
    ).execute_if(dialect="postgresql"),
)
