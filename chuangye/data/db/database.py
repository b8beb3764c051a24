"""The one SQL database of accounts and the audit trail, through SQLAlchemy 2.

By default an SQLite file ``chuangye.db`` in the data directory (WAL journal, foreign keys on); PostgreSQL (or
any database SQLAlchemy reaches) when ``$CHUANGYE_DATABASE_URL`` names one. Tables are created on first open
and a ``schema_version`` row in ``meta`` says which layout the database has, so that a later release can
migrate it (``MIGRATIONS``). The database is not the dataset store: dataset versions stay Parquet files.

A data directory the process cannot write is opened read-only: reading works (an empty database when there is
no file yet) and every write is refused with :class:`ReadOnlyDatabase`, which names the directory.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from chuangye.data.db.models import SCHEMA_VERSION, AuditRow, Base, Meta
from chuangye.data.db.policy import SecurityPolicy
from chuangye.strings.i18n import bilingual

DATABASE_URL_ENV_VAR = "CHUANGYE_DATABASE_URL"
DATA_DIR_ENV_VAR = "CHUANGYE_DATA_DIR"  # the same variable the dataset store reads
SQLITE_FILE = "chuangye.db"
SCHEMA_VERSION_KEY = "schema_version"
Clock = Callable[[], dt.datetime]

# schema version n -> the step that brings a database at version n to n + 1 (none yet: version 1 is the first)
MIGRATIONS: dict[int, Callable[[Any], None]] = {}
LAST_PURGE_KEY = "audit_last_purge"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class DatabaseError(Exception):
    """The database cannot be opened or used as asked; the message is ``中文 / English``."""


class ReadOnlyDatabase(DatabaseError):
    """A write was asked of a database opened read-only."""


class Database:
    """An engine and its sessions, the security policy and the clock that accounts and the audit trail share."""

    def __init__(
        self,
        engine: Engine,
        *,
        policy: SecurityPolicy,
        clock: Clock = utc_now,
        read_only_reason: str | None = None,
    ) -> None:
        self.engine = engine
        self.policy = policy
        self.clock = clock
        self.read_only_reason = read_only_reason  # None when writable, else the bilingual why
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(
        cls,
        data_dir: str | Path | None = None,
        *,
        url: str | None = None,
        policy: SecurityPolicy | None = None,
        clock: Clock = utc_now,
        environ: Mapping[str, str] | None = None,
    ) -> Database:
        """The database of ``data_dir`` (default ``$CHUANGYE_DATA_DIR`` or ``./data``), or of ``url`` /
        ``$CHUANGYE_DATABASE_URL`` when given. Creates or migrates the tables when writable, and purges audit
        records past their retention at most once a day."""
        env = os.environ if environ is None else environ
        policy = policy or SecurityPolicy.from_env(env)
        url = url or env.get(DATABASE_URL_ENV_VAR, "").strip() or None
        if url is None:
            folder = Path(data_dir or env.get(DATA_DIR_ENV_VAR) or "data")
            engine, reason = _sqlite_engine(folder)
        else:
            engine, reason = _url_engine(url), None
        db = cls(engine, policy=policy, clock=clock, read_only_reason=reason)
        try:
            db._prepare_schema()
            if db.writable:
                db.purge_audit_if_due()
        except SQLAlchemyError as exc:
            engine.dispose()
            raise DatabaseError(bilingual("acct_db_unusable", where=db.where, reason=_reason(exc))) from exc
        return db

    @property
    def writable(self) -> bool:
        return self.read_only_reason is None

    @property
    def where(self) -> str:
        """The database's address for messages, password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def require_writable(self) -> None:
        if self.read_only_reason is not None:
            raise ReadOnlyDatabase(self.read_only_reason)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed when the block ends, rolled back when it raises."""
        with self._sessions.begin() as session:
            yield session

    def schema_version(self) -> int | None:
        with self.session() as session:
            value = session.scalar(select(Meta.value).where(Meta.key == SCHEMA_VERSION_KEY))
        return None if value is None else int(value)

    def meta(self, key: str) -> str | None:
        with self.session() as session:
            return session.scalar(select(Meta.value).where(Meta.key == key))

    def set_meta(self, key: str, value: str, session: Session) -> None:
        row = session.get(Meta, key)
        if row is None:
            session.add(Meta(key=key, value=value))
        else:
            row.value = value

    def purge_audit(self, older_than_days: int) -> int:
        """Delete the audit records older than ``older_than_days`` days (the only deletion of audit records);
        how many went. ``AuditTrail.purge`` calls this."""
        self.require_writable()
        cutoff = self.clock() - dt.timedelta(days=older_than_days)
        with self.session() as session:
            result = session.execute(delete(AuditRow).where(AuditRow.at < cutoff))
            self.set_meta(LAST_PURGE_KEY, self.clock().date().isoformat(), session)
            return int(result.rowcount or 0)

    def purge_audit_if_due(self) -> int:
        """The policy's retention purge, unless it already ran today (UTC): run each time the database opens
        for writing."""
        if self.meta(LAST_PURGE_KEY) == self.clock().date().isoformat():
            return 0
        return self.purge_audit(self.policy.audit_retention_days)

    def close(self) -> None:
        self.engine.dispose()

    def _prepare_schema(self) -> None:
        if not self.writable:
            return  # an empty in-memory database has its tables already; a read-only file is read as it is
        try:
            self._create_or_migrate()
        except SQLAlchemyError:
            # another process created the tables at the same moment: the second try finds them there
            self._create_or_migrate()

    def _create_or_migrate(self) -> None:
        with self.engine.begin() as connection:
            Base.metadata.create_all(connection)
            session = Session(bind=connection)
            version = session.scalar(select(Meta.value).where(Meta.key == SCHEMA_VERSION_KEY))
            current = SCHEMA_VERSION if version is None else int(version)
            if current > SCHEMA_VERSION:
                raise DatabaseError(bilingual("acct_db_too_new", version=current, supported=SCHEMA_VERSION))
            for step in range(current, SCHEMA_VERSION):
                MIGRATIONS[step](connection)
            self.set_meta(SCHEMA_VERSION_KEY, str(SCHEMA_VERSION), session)
            session.flush()


def sqlite_path(data_dir: str | Path) -> Path:
    return Path(data_dir) / SQLITE_FILE


def _sqlite_engine(folder: Path) -> tuple[Engine, str | None]:
    """The SQLite database of ``folder``: created when the folder can be written, else read-only."""
    path = sqlite_path(folder)
    reason = _why_read_only(folder, path)
    if reason is None:
        folder.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.touch(mode=0o600)  # password hashes live here: readable by this account only
        engine = create_engine(URL.create("sqlite", database=str(path)))
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine, None
    if path.exists():
        engine = _read_only_sqlite(path)
    else:  # nothing to read yet: an empty database in memory, so that reading finds no users and no records
        engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        Base.metadata.create_all(engine)
    return engine, reason


def _why_read_only(folder: Path, path: Path) -> str | None:
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    folder_writable = os.access(existing, os.W_OK | os.X_OK)
    file_writable = not path.exists() or os.access(path, os.W_OK)
    if folder_writable and file_writable:
        return None
    return bilingual("acct_db_read_only", folder=folder.resolve())


def _read_only_sqlite(path: Path) -> Engine:
    """``mode=ro`` reads a database whose WAL files can be made; in a folder that cannot be written they
    cannot, and ``immutable=1`` reads the file as it is (nobody can be writing it there either)."""
    for flags in ("mode=ro", "immutable=1"):
        engine = create_engine(f"sqlite:///file:{path}?{flags}&uri=true")
        event.listen(engine, "connect", _sqlite_read_pragmas)
        try:
            with engine.connect() as connection:
                connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            return engine
        except SQLAlchemyError:
            engine.dispose()
    raise DatabaseError(bilingual("acct_db_unreadable", path=path))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (the dashboard) never wait for the writer (the CLI)
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_read_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _url_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(bilingual("acct_db_bad_url", variable=DATABASE_URL_ENV_VAR)) from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3 (SQLAlchemy would pick psycopg2)
    try:
        engine = create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, ImportError) as exc:
        where = parsed.render_as_string(hide_password=True)
        raise DatabaseError(bilingual("acct_db_unusable", where=where, reason=exc)) from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _reason(exc: SQLAlchemyError) -> str:
    """The driver's own one-line reason, without SQLAlchemy's SQL echo and links."""
    original = getattr(exc, "orig", None) or exc
    return str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
