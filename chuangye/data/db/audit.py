"""The audit trail: append-only records of who did what, when, from where, to what, with which outcome.

``record`` appends, ``search`` reads, ``purge`` deletes what is past retention (the only deletion, run when a
database opens for writing, at most once a day). There is no update: a trigger refuses one in the database too.
Actions and outcomes are codes; ``chuangye/strings/accounts.py`` has their words.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from chuangye.data.db.codes import ACTIONS, OUTCOMES
from chuangye.data.db.database import Database
from chuangye.data.db.models import AuditRow

DETAIL_MAX_CHARS = 2000  # "a small JSON detail": what a record needs to be read, not a payload


@dataclass(frozen=True)
class Actor:
    """Who does something: a signed-in user, or ``cli:<OS login>`` on the command line."""

    username: str | None
    role: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: dt.datetime  # UTC
    username: str | None
    role: str | None
    address: str | None
    action: str
    object: str | None
    region: str | None
    outcome: str
    detail: dict[str, Any]


class AuditTrail:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(
        self,
        action: str,
        *,
        actor: Actor | None = None,
        object: str | None = None,
        region: str | None = None,
        outcome: str = "ok",
        detail: Mapping[str, Any] | None = None,
        session: Session | None = None,
    ) -> None:
        """Append one record (in ``session``'s transaction when given, so it commits with the change it tells)."""
        row = self._row(action, actor or Actor(None), object, region, outcome, detail)
        if session is not None:
            session.add(row)
            return
        self.db.require_writable()
        with self.db.session() as own:
            own.add(row)

    def search(
        self,
        *,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        user: str | None = None,
        action: str | None = None,
        outcome: str | None = None,
        limit: int | None = 1000,
    ) -> list[AuditRecord]:
        """Records with ``since <= at < until``, of ``user``, ``action`` and ``outcome`` when given, newest first."""
        query = _matching(select(AuditRow), since, until, user, action, outcome)
        query = query.order_by(AuditRow.at.desc(), AuditRow.id.desc())
        if limit is not None:
            query = query.limit(limit)
        with self.db.session() as session:
            return [_record(row) for row in session.scalars(query)]

    def count(
        self,
        *,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        user: str | None = None,
        action: str | None = None,
        outcome: str | None = None,
    ) -> int:
        """How many records ``search`` with the same filters and no limit would return."""
        query = _matching(select(func.count()).select_from(AuditRow), since, until, user, action, outcome)
        with self.db.session() as session:
            return session.scalar(query) or 0

    def purge(self, older_than_days: int) -> int:
        """Delete the records older than ``older_than_days`` days; how many went."""
        return self.db.purge_audit(older_than_days)

    def purge_if_due(self) -> int:
        """``purge`` with the policy's retention, unless it already ran today (UTC)."""
        return self.db.purge_audit_if_due()

    def _row(
        self,
        action: str,
        actor: Actor,
        object: str | None,
        region: str | None,
        outcome: str,
        detail: Mapping[str, Any] | None,
    ) -> AuditRow:
        if action not in ACTIONS:
            raise ValueError(f"unknown audit action {action!r}: add it to ACTIONS and its words to strings")
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown audit outcome {outcome!r}")
        detail = dict(detail or {})
        if len(json.dumps(detail, ensure_ascii=False, default=str)) > DETAIL_MAX_CHARS:
            raise ValueError(f"audit detail longer than {DETAIL_MAX_CHARS} characters")
        return AuditRow(
            at=self.db.clock(),
            username=actor.username,
            role=actor.role,
            address=actor.address,
            action=action,
            object=None if object is None else str(object)[:200],
            region=region,
            outcome=outcome,
            detail=json.loads(json.dumps(detail, default=str)) if detail else None,
        )


def _matching(
    query: Select,
    since: dt.datetime | None,
    until: dt.datetime | None,
    user: str | None,
    action: str | None,
    outcome: str | None,
) -> Select:
    if since is not None:
        query = query.where(AuditRow.at >= _utc(since))
    if until is not None:
        query = query.where(AuditRow.at < _utc(until))
    for column, value in ((AuditRow.username, user), (AuditRow.action, action), (AuditRow.outcome, outcome)):
        if value is not None:
            query = query.where(column == value)
    return query


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _record(row: AuditRow) -> AuditRecord:
    return AuditRecord(
        id=row.id,
        at=row.at,
        username=row.username,
        role=row.role,
        address=row.address,
        action=row.action,
        object=row.object,
        region=row.region,
        outcome=row.outcome,
        detail=dict(row.detail or {}),
    )
