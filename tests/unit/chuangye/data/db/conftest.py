"""Every account and audit test runs on SQLite and on PostgreSQL (a real throw-away cluster, marked
``integration`` so that the fast tier starts no server)."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher

from chuangye.data.db import Accounts, Actor, AuditTrail, Database, SecurityPolicy

START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
CLI = Actor("cli:tester", None, "local")
GOOD_PASSWORD = "Kaifa-2016!x"


class FakeClock:
    """A clock the test moves by hand: tests never sleep."""

    def __init__(self, now: dt.datetime = START) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def cheap_hasher(time_cost: int = 1) -> PasswordHasher:
    """argon2 with small parameters: the tests hash many passwords on a shared machine."""
    return PasswordHasher(time_cost=time_cost, memory_cost=8 * 1024, parallelism=1)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'chuangye.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def open_db(database_url, clock):
    """Opens (and re-opens) the test's database with the fake clock; closes every one it opened."""
    opened: list[Database] = []

    def open_(policy: SecurityPolicy | None = None) -> Database:
        db = Database.open(url=database_url, policy=policy or SecurityPolicy(), clock=clock, environ={})
        opened.append(db)
        return db

    yield open_
    for db in opened:
        db.close()


@pytest.fixture
def db(open_db) -> Database:
    return open_db()


@pytest.fixture
def accounts(db) -> Accounts:
    return Accounts(db, hasher=cheap_hasher())


@pytest.fixture
def audit(db) -> AuditTrail:
    return AuditTrail(db)
