"""Sign-in tests: a real app (the bundled sample) with ``auth=True`` on a real accounts database, SQLite and
PostgreSQL (a throw-away cluster, marked ``integration`` so that the fast tier starts no server), a clock the
test moves by hand, and Flask's test client as the browser."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient

from chuangye.data.db import Accounts, Actor, AuditTrail, Database, SecurityPolicy
from chuangye.data.store import Store
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.app import create_app
from tests.unit.chuangye.data.db.conftest import GOOD_PASSWORD, FakeClock

CLI = Actor("cli:tester", None, "local")
CHEAP = SecurityPolicy(argon2_time_cost=1, argon2_memory_kib=8 * 1024, argon2_parallelism=1)
USERS = {  # username -> (role, region)
    "admin1": ("admin", None),
    "nanjing": ("city", "320100"),
    "xuanwu": ("county", "320102"),
}
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("auth-store")
    Store(path).ensure_initialised(SAMPLE_DIR)
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def database(request, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'chuangye.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    db = Database.open(url=url, policy=CHEAP, clock=FakeClock(), environ={})
    accounts = Accounts(db)
    for username, (role, region) in USERS.items():
        accounts.add_user(username, role, region=region, password=GOOD_PASSWORD, by=CLI)
        accounts.change_password(username, GOOD_PASSWORD, NEW_PASSWORD)  # past the first-login change
    yield db
    db.close()


NEW_PASSWORD = "Chuangye-2020#ok"


@dataclass
class Site:
    app: object
    db: Database

    @property
    def clock(self) -> FakeClock:
        return self.db.clock  # type: ignore[return-value]

    @property
    def accounts(self) -> Accounts:
        return Accounts(self.db)

    @property
    def audit(self) -> AuditTrail:
        return AuditTrail(self.db)

    def client(self) -> FlaskClient:
        return self.app.server.test_client()

    def actions(self, action: str) -> list:
        return self.audit.search(action=action)


@pytest.fixture
def site(store_dir, database) -> Site:
    return Site(create_app(store_dir, warm=False, auth=True, database=database), database)


def csrf_of(client: FlaskClient, path: str = "/login") -> str:
    found = CSRF_FIELD.search(client.get(path).get_data(as_text=True))
    assert found, f"no csrf_token field on {path}"
    return found.group(1)


def sign_in(client: FlaskClient, username: str, password: str = NEW_PASSWORD, next_path: str = "/"):
    token = csrf_of(client)
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token, "next": next_path}
    )
