"""Submissions: a city's or county's figures for one year, delivered for review, bottom-up as the notice's
certification procedure goes (县级评估 → 市级审核 → 省级认定).

A submission holds its region, the tables and year its files hold, who submitted it and when, its state, the
uploaded files byte for byte (in the database, so that every app server reads the same), the validation summary
(errors, warnings, what it would change) and its history: every step with who, when, from which state to which
and the comment. The states (``TRANSITIONS`` is the one place a step is checked):

    county's:  submitted ──forward (its city)──> city_accepted ──accept (province)──> accepted (into version X)
                   └──return (its city)──> returned          └──return (province)──> returned
    city's:    submitted ──accept (province)──> accepted      └──return (province)──> returned

A newer submission for the same region and year whose tables include an open older one's supersedes it
(``superseded``, naming the newer one). Who a user is for a submission (its city's reviewer, the province, or
nobody) is the caller's to say, from the scope rule (``engine/submissions.py``); whether that reviewer may take
that step from that state is decided here. Every step is written to the audit trail in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chuangye.data.db.audit import Actor, AuditTrail
from chuangye.data.db.database import Database
from chuangye.data.db.models import SubmissionFileRow, SubmissionRow, SubmissionStepRow
from chuangye.data.limits import MIB, size_text
from chuangye.strings.i18n import t

SUBMITTED = "submitted"
CITY_ACCEPTED = "city_accepted"
RETURNED = "returned"
ACCEPTED = "accepted"
SUPERSEDED = "superseded"
STATES: tuple[str, ...] = (SUBMITTED, CITY_ACCEPTED, RETURNED, ACCEPTED, SUPERSEDED)
OPEN_STATES: frozenset[str] = frozenset({SUBMITTED, CITY_ACCEPTED})

SUBMIT, FORWARD, RETURN, ACCEPT, SUPERSEDE = "submit", "forward", "return", "accept", "supersede"
REVIEW_ACTIONS: tuple[str, ...] = (FORWARD, RETURN, ACCEPT)
LEVELS: tuple[str, ...] = ("city", "county")  # who may submit: a city or a county (district, county-level city)

# Who takes a step: the submitting county's city, the province (admin or province users), or the system itself.
CITY_REVIEWER, PROVINCE_REVIEWER, SYSTEM = "city", "province", "system"
COMMENT_MAX_CHARS = 2000


@dataclass(frozen=True)
class Transition:
    action: str
    source: str
    target: str
    tier: str  # CITY_REVIEWER, PROVINCE_REVIEWER or SYSTEM
    levels: frozenset[str]  # the submitting region's levels it applies to


def _step(action: str, source: str, target: str, tier: str, *levels: str) -> Transition:
    return Transition(action, source, target, tier, frozenset(levels))


TRANSITIONS: tuple[Transition, ...] = (
    _step(FORWARD, SUBMITTED, CITY_ACCEPTED, CITY_REVIEWER, "county"),
    _step(RETURN, SUBMITTED, RETURNED, CITY_REVIEWER, "county"),
    _step(ACCEPT, SUBMITTED, ACCEPTED, PROVINCE_REVIEWER, "city"),
    _step(RETURN, SUBMITTED, RETURNED, PROVINCE_REVIEWER, "city"),
    _step(ACCEPT, CITY_ACCEPTED, ACCEPTED, PROVINCE_REVIEWER, "county"),
    _step(RETURN, CITY_ACCEPTED, RETURNED, PROVINCE_REVIEWER, "county"),
    _step(SUPERSEDE, SUBMITTED, SUPERSEDED, SYSTEM, *LEVELS),
    _step(SUPERSEDE, CITY_ACCEPTED, SUPERSEDED, SYSTEM, "county"),
)


@dataclass(frozen=True)
class SubmissionLimits:
    """How much one submission may keep in the database (its files are read into memory to be checked)."""

    max_files: int = 10
    max_file_bytes: int = 16 * MIB  # a county's or city's figures for a year: a few hundred KiB in practice
    max_total_bytes: int = 32 * MIB


SUBMISSION_LIMITS = SubmissionLimits()


class SubmissionError(Exception):
    """A refused submission or step: ``code`` (``sub_err_<code>`` in strings/submissions.py) and its values."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values

    def message(self, lang: str) -> str:
        values = {k: t(f"sub_state_{v}", lang) if k == "state" else v for k, v in self.values.items()}
        return t(f"sub_err_{self.code}", lang, **values)

    def __str__(self) -> str:
        return f"{self.message('zh')} / {self.message('en')}"


def next_step(state: str, level: str, action: str, tier: str | None, submission_id: int = 0) -> Transition:
    """The step ``action`` by ``tier`` takes a submission of a ``level`` region in ``state`` through; a
    ``SubmissionError`` saying why not otherwise. The only place a step is allowed or refused."""
    if action not in (*REVIEW_ACTIONS, SUPERSEDE):
        raise SubmissionError("unknown_action", action=action)
    found = [s for s in TRANSITIONS if s.action == action and s.source == state and level in s.levels]
    if not found:
        raise SubmissionError(_why_not(state, level, action, tier), id=submission_id, state=state)
    step = found[0]
    if tier == step.tier:
        return step
    if tier == PROVINCE_REVIEWER and step.tier == CITY_REVIEWER:
        raise SubmissionError("awaits_city", id=submission_id)
    if tier == CITY_REVIEWER and step.tier == PROVINCE_REVIEWER:
        raise SubmissionError("awaits_province", id=submission_id)
    raise SubmissionError("not_reviewer", id=submission_id)


def _why_not(state: str, level: str, action: str, tier: str | None) -> str:
    if state not in OPEN_STATES:
        return "closed"
    if action == FORWARD:
        return "city_goes_to_province" if level == "city" else "already_forwarded"
    if action == ACCEPT and state == SUBMITTED and level == "county":
        return "city_forwards" if tier == CITY_REVIEWER else "awaits_city"
    return "not_allowed"


def reviewer(state: str, level: str) -> str | None:
    """Who takes the next step of a submission: its city's reviewer, the province, or nobody (closed)."""
    tiers = {s.tier for s in TRANSITIONS if s.source == state and level in s.levels and s.tier != SYSTEM}
    return next(iter(tiers), None)


# ---------------------------------------------------------------------------------------------- records


@dataclass(frozen=True)
class SubmissionFile:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Step:
    at: dt.datetime  # UTC
    username: str | None
    role: str | None
    action: str
    from_state: str | None
    to_state: str
    comment: str | None
    version_id: str | None


@dataclass(frozen=True)
class Submission:
    id: int
    region: str
    level: str
    tables: tuple[str, ...]
    year: int | None
    submitter: str
    submitter_role: str
    created_at: dt.datetime  # UTC
    state: str
    updated_at: dt.datetime
    version_id: str | None
    superseded_by: int | None
    errors: int
    warnings: int
    summary: dict[str, Any]
    files: tuple[SubmissionFile, ...] = ()
    history: tuple[Step, ...] = field(default=(), repr=False)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def reviewer(self) -> str | None:
        return reviewer(self.state, self.level)


# ---------------------------------------------------------------------------------------------- the store


class Submissions:
    """The submissions of the database ``db``; every change and its audit record commit together."""

    def __init__(self, db: Database, limits: SubmissionLimits = SUBMISSION_LIMITS) -> None:
        self.db = db
        self.audit = AuditTrail(db)
        self.limits = limits

    # ---- delivering

    def submit(
        self,
        *,
        region: str,
        level: str,
        tables: Sequence[str],
        year: int | None,
        files: Sequence[tuple[str, bytes]],
        by: Actor,
        errors: int = 0,
        warnings: int = 0,
        summary: Mapping[str, Any] | None = None,
        comment: str | None = None,
    ) -> Submission:
        """A new submission (``submitted``) of ``files`` (name, bytes) for ``region``; open older ones of the same
        region and year whose tables it includes are superseded. Only a clean upload may be submitted."""
        self.db.require_writable()
        if level not in LEVELS:
            raise SubmissionError("bad_level", level=level)
        if errors:
            raise SubmissionError("has_errors", errors=errors)
        if not tables:
            raise SubmissionError("no_tables")
        self.check_files(files)
        now = self.db.clock()
        with self.db.session() as session:
            row = SubmissionRow(
                region=region,
                level=level,
                tables=list(tables),
                year=year,
                submitter=by.username or "",
                submitter_role=by.role or "",
                created_at=now,
                state=SUBMITTED,
                updated_at=now,
                errors=0,
                warnings=int(warnings),
                summary=dict(summary or {}),
            )
            session.add(row)
            session.flush()
            for position, (name, content) in enumerate(files):
                session.add(
                    SubmissionFileRow(
                        submission_id=row.id,
                        position=position,
                        name=name,
                        size=len(content),
                        sha256=hashlib.sha256(content).hexdigest(),
                        content=bytes(content),
                    )
                )
            self._add_step(session, row, SUBMIT, None, SUBMITTED, by, _comment(comment), None)
            detail = {"tables": list(tables), "year": year, "files": [name for name, _ in files], "warnings": warnings}
            self.audit.record(
                "submission_submit", actor=by, object=str(row.id), region=region, detail=detail, session=session
            )
            for older in self._replaced_by(session, row):
                self._move(session, older, SUPERSEDE, SYSTEM, by, _superseded_comment(row.id), None)
                older.superseded_by = row.id
            session.flush()
            return self._read(session, row, with_history=True)

    def check_files(self, files: Sequence[tuple[str, bytes]]) -> None:
        """Refuse files a submission cannot keep: none, too many, too large, a name with a path or twice."""
        limits = self.limits
        if not files:
            raise SubmissionError("no_files")
        if len(files) > limits.max_files:
            raise SubmissionError("too_many_files", count=len(files), limit=limits.max_files)
        names = [name for name, _ in files]
        for name in names:
            if not name or len(name) > 255 or any(part in name for part in ("/", "\\", "\x00")) or name in (".", ".."):
                raise SubmissionError("bad_file_name", name=name[:80])
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise SubmissionError("duplicate_file_name", name=duplicates[0])
        for name, content in files:
            if len(content) > limits.max_file_bytes:
                raise SubmissionError(
                    "file_too_large", name=name, size=size_text(len(content)), limit=size_text(limits.max_file_bytes)
                )
        total = sum(len(content) for _, content in files)
        if total > limits.max_total_bytes:
            raise SubmissionError("files_too_large", size=size_text(total), limit=size_text(limits.max_total_bytes))

    def _replaced_by(self, session: Session, new: SubmissionRow) -> list[SubmissionRow]:
        """The open submissions of ``new``'s region and year that ``new`` covers (every table of theirs)."""
        query = select(SubmissionRow).where(
            SubmissionRow.region == new.region,
            SubmissionRow.state.in_(OPEN_STATES),
            SubmissionRow.id != new.id,
            SubmissionRow.year.is_(None) if new.year is None else SubmissionRow.year == new.year,
        )
        covered = set(new.tables)
        return [row for row in session.scalars(query.with_for_update()) if set(row.tables) <= covered]

    # ---- reviewing

    def review(
        self,
        submission_id: int,
        action: str,
        *,
        tier: str | None,
        by: Actor,
        comment: str | None = None,
    ) -> Submission:
        """Forward or return one submission (``accept`` goes through ``accept``: it needs a version)."""
        if action == ACCEPT:
            raise SubmissionError("accept_needs_version", id=submission_id)
        if action == RETURN and not (comment or "").strip():
            raise SubmissionError("comment_required", id=submission_id)
        self.db.require_writable()
        with self.db.session() as session:
            row = self._existing(session, submission_id, for_update=True)
            self._move(session, row, action, tier, by, _comment(comment), None)
            session.flush()
            return self._read(session, row, with_history=True)

    def check_accept(self, submission_ids: Iterable[int], *, tier: str | None) -> list[Submission]:
        """The submissions ``accept`` would take, each checked against the state machine, without changing
        anything (before the import that makes their version). Two of the same region, table and year cannot
        go into one version."""
        ids = _unique_ids(submission_ids)
        with self.db.session() as session:
            rows = [self._existing(session, submission_id) for submission_id in ids]
            for row in rows:
                next_step(row.state, row.level, ACCEPT, tier, row.id)
            _refuse_overlaps(rows)
            return [self._read(session, row) for row in rows]

    def accept(
        self,
        submission_ids: Iterable[int],
        *,
        tier: str | None,
        by: Actor,
        version_id: str,
        comment: str | None = None,
    ) -> list[Submission]:
        """Mark the submissions accepted into ``version_id`` (all of them or none)."""
        self.db.require_writable()
        ids = _unique_ids(submission_ids)
        with self.db.session() as session:
            rows = [self._existing(session, submission_id, for_update=True) for submission_id in ids]
            _refuse_overlaps(rows)
            for row in rows:
                self._move(session, row, ACCEPT, tier, by, _comment(comment), version_id)
                row.version_id = version_id
            session.flush()
            return [self._read(session, row, with_history=True) for row in rows]

    def _move(
        self,
        session: Session,
        row: SubmissionRow,
        action: str,
        tier: str | None,
        by: Actor,
        comment: str | None,
        version_id: str | None,
    ) -> None:
        step = next_step(row.state, row.level, action, tier, row.id)
        source = row.state
        row.state = step.target
        row.updated_at = self.db.clock()
        self._add_step(session, row, action, source, step.target, by, comment, version_id)
        detail: dict[str, Any] = {"from": source, "to": step.target}
        if comment:
            detail["comment"] = comment[:500]
        if version_id:
            detail["version"] = version_id
        self.audit.record(
            f"submission_{action}", actor=by, object=str(row.id), region=row.region, detail=detail, session=session
        )

    def _add_step(
        self,
        session: Session,
        row: SubmissionRow,
        action: str,
        source: str | None,
        target: str,
        by: Actor,
        comment: str | None,
        version_id: str | None,
    ) -> None:
        session.add(
            SubmissionStepRow(
                submission_id=row.id,
                at=self.db.clock(),
                username=by.username,
                role=by.role,
                action=action,
                from_state=source,
                to_state=target,
                comment=comment,
                version_id=version_id,
            )
        )

    # ---- reading

    def get(self, submission_id: int) -> Submission | None:
        """One submission with its file names and its history."""
        with self.db.session() as session:
            row = session.get(SubmissionRow, submission_id)
            return None if row is None else self._read(session, row, with_history=True)

    def search(
        self,
        *,
        regions: Collection[str] | None = None,
        states: Collection[str] | None = None,
        year: int | None = None,
    ) -> list[Submission]:
        """Submissions of ``regions`` (None: every region) in ``states`` and ``year`` when given, newest first;
        with their file names, without their history."""
        query = select(SubmissionRow)
        if regions is not None:
            query = query.where(SubmissionRow.region.in_(list(regions)))
        if states is not None:
            query = query.where(SubmissionRow.state.in_(list(states)))
        if year is not None:
            query = query.where(SubmissionRow.year == year)
        query = query.order_by(SubmissionRow.created_at.desc(), SubmissionRow.id.desc())
        with self.db.session() as session:
            rows = list(session.scalars(query))
            files = self._file_lists(session, [row.id for row in rows])
            return [_submission(row, files.get(row.id, ()), ()) for row in rows]

    def file(self, submission_id: int, name: str) -> tuple[SubmissionFile, bytes] | None:
        """One file of a submission, its bytes as uploaded."""
        query = select(SubmissionFileRow).where(
            SubmissionFileRow.submission_id == submission_id, SubmissionFileRow.name == name
        )
        with self.db.session() as session:
            row = session.scalar(query)
            return None if row is None else (SubmissionFile(row.name, row.size, row.sha256), bytes(row.content))

    def contents(self, submission_id: int) -> list[tuple[str, bytes]]:
        """Every file of a submission (name, bytes), in the order they were uploaded."""
        query = (
            select(SubmissionFileRow)
            .where(SubmissionFileRow.submission_id == submission_id)
            .order_by(SubmissionFileRow.position)
        )
        with self.db.session() as session:
            return [(row.name, bytes(row.content)) for row in session.scalars(query)]

    def record_file_read(self, submission: Submission, name: str, *, by: Actor) -> None:
        """A file handed out (it holds unit data): audited like an export."""
        self.audit.record(
            "submission_file",
            actor=by,
            object=str(submission.id),
            region=submission.region,
            detail={"file": name[:200]},
        )

    def _existing(self, session: Session, submission_id: int, *, for_update: bool = False) -> SubmissionRow:
        query = select(SubmissionRow).where(SubmissionRow.id == submission_id)
        row = session.scalar(query.with_for_update() if for_update else query)
        if row is None:
            raise SubmissionError("not_found", id=submission_id)
        return row

    def _file_lists(self, session: Session, ids: list[int]) -> dict[int, tuple[SubmissionFile, ...]]:
        """File names, sizes and checksums of submissions (never their bytes)."""
        if not ids:
            return {}
        query = (
            select(
                SubmissionFileRow.submission_id,
                SubmissionFileRow.name,
                SubmissionFileRow.size,
                SubmissionFileRow.sha256,
            )
            .where(SubmissionFileRow.submission_id.in_(ids))
            .order_by(SubmissionFileRow.submission_id, SubmissionFileRow.position)
        )
        found: dict[int, list[SubmissionFile]] = {}
        for submission_id, name, size, sha256 in session.execute(query):
            found.setdefault(submission_id, []).append(SubmissionFile(name, int(size), sha256))
        return {key: tuple(value) for key, value in found.items()}

    def _read(self, session: Session, row: SubmissionRow, *, with_history: bool = False) -> Submission:
        history: tuple[Step, ...] = ()
        if with_history:
            query = (
                select(SubmissionStepRow)
                .where(SubmissionStepRow.submission_id == row.id)
                .order_by(SubmissionStepRow.at, SubmissionStepRow.id)
            )
            history = tuple(_step_of(step) for step in session.scalars(query))
        return _submission(row, self._file_lists(session, [row.id]).get(row.id, ()), history)


def _unique_ids(submission_ids: Iterable[int]) -> list[int]:
    ids = list(dict.fromkeys(int(i) for i in submission_ids))
    if not ids:
        raise SubmissionError("nothing_to_accept")
    return ids


def _refuse_overlaps(rows: Sequence[SubmissionRow]) -> None:
    """One version cannot take two submissions of the same region, table and year (which would win?)."""
    seen: dict[tuple[str, str, int | None], int] = {}
    for row in rows:
        for table in row.tables:
            key = (row.region, table, row.year)
            if key in seen:
                raise SubmissionError(
                    "overlap",
                    id=row.id,
                    other=seen[key],
                    region=row.region,
                    table=table,
                    year=row.year if row.year is not None else "—",
                )
            seen[key] = row.id


def _comment(comment: str | None) -> str | None:
    text = (comment or "").strip()
    if len(text) > COMMENT_MAX_CHARS:
        raise SubmissionError("comment_too_long", limit=COMMENT_MAX_CHARS)
    return text or None


def _superseded_comment(newer: int) -> str:
    return f"{t('sub_superseded_by', 'zh', id=newer)} / {t('sub_superseded_by', 'en', id=newer)}"


def _step_of(row: SubmissionStepRow) -> Step:
    return Step(
        at=row.at,
        username=row.username,
        role=row.role,
        action=row.action,
        from_state=row.from_state,
        to_state=row.to_state,
        comment=row.comment,
        version_id=row.version_id,
    )


def _submission(row: SubmissionRow, files: tuple[SubmissionFile, ...], history: tuple[Step, ...]) -> Submission:
    return Submission(
        id=row.id,
        region=row.region,
        level=row.level,
        tables=tuple(row.tables or ()),
        year=row.year,
        submitter=row.submitter,
        submitter_role=row.submitter_role,
        created_at=row.created_at,
        state=row.state,
        updated_at=row.updated_at,
        version_id=row.version_id,
        superseded_by=row.superseded_by,
        errors=int(row.errors or 0),
        warnings=int(row.warnings or 0),
        summary=dict(row.summary or {}),
        files=files,
        history=history,
    )


__all__ = [
    "ACCEPTED",
    "CITY_ACCEPTED",
    "CITY_REVIEWER",
    "LEVELS",
    "OPEN_STATES",
    "PROVINCE_REVIEWER",
    "RETURNED",
    "REVIEW_ACTIONS",
    "STATES",
    "SUBMISSION_LIMITS",
    "SUBMITTED",
    "SUPERSEDED",
    "TRANSITIONS",
    "Step",
    "Submission",
    "SubmissionError",
    "SubmissionFile",
    "SubmissionLimits",
    "Submissions",
    "next_step",
    "reviewer",
]
