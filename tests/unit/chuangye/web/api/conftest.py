"""The API on the bundled sample through Flask's test client, signed in as real accounts of the data
directory's database with their API tokens (``Authorization: Bearer``), as another system would call it; the
sign-in layer resolves the token, the routes read only ``current_principal()``. The audit trail is the same
SQLite database."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Response

from chuangye.data.db import Accounts, Actor, AuditRecord, AuditTrail, Database
from chuangye.data.db.database import DATABASE_URL_ENV_VAR
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.access import Principal
from chuangye.web.app import EXTENSION, create_app
from chuangye.web.services import Services

ADMIN = Principal("admin1", "admin")
PROVINCE = Principal("sheng", "province")
NANJING = Principal("nanjing", "city", "320100")  # 南京市
XUANWU = Principal("xuanwu", "county", "320102")  # 南京市玄武区
WUXI = "320200"  # 无锡市
QINHUAI = "320104"  # 南京市秦淮区
TESTER = Actor("cli:tester", "admin")
UNIT_CODE = re.compile(r"^\d{9}(\d{3})?$")  # a street/town or park (9 digits), a community/village (12)


@dataclass
class ApiClient:
    server: object
    data_dir: Path
    accounts: Accounts
    tokens: dict[Principal, str] = field(default_factory=dict)

    def token(self, user: Principal) -> str:
        """The API token of ``user``'s account, created on first use (with the role and region it names,
        whether or not they still fit the data: an account can outlive a change of regions)."""
        if user not in self.tokens:
            self.accounts.add_user(user.username, user.role, region=user.region, sso=True, by=TESTER)
            self.tokens[user] = self.accounts.issue_token(user.username, by=TESTER)
        return self.tokens[user]

    def get(self, path: str, user: Principal | None = None, **kwargs) -> Response:
        headers = dict(kwargs.pop("headers", {}) or {})
        if user is not None:
            headers["Authorization"] = f"Bearer {self.token(user)}"
        return self.server.test_client().get(path, headers=headers, **kwargs)

    def json(self, path: str, user: Principal | None = None, status: int = 200) -> dict:
        """The JSON body of a GET, after checking its status and that it is JSON (never an HTML page)."""
        response = self.get(path, user)
        assert response.status_code == status, response.get_data(as_text=True)
        assert response.content_type == "application/json; charset=utf-8"
        return response.get_json()

    @property
    def services(self) -> Services:
        return self.server.extensions[EXTENSION]["services"]

    def whole(self) -> Analytics:
        """The whole active version, to compare the API's answers with."""
        return self.services.manager.current()

    def audit(self, **filters) -> list[AuditRecord]:
        return AuditTrail(Database.open(self.data_dir)).search(**filters)


@pytest.fixture(scope="package")
def api(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(DATABASE_URL_ENV_VAR, raising=False)  # accounts and audit in the test's data directory
        data_dir = tmp_path_factory.mktemp("api")
        Store(data_dir).ensure_initialised(SAMPLE_DIR)
        app = create_app(data_dir, warm=False, auth=True)
        yield ApiClient(app.server, data_dir, Accounts(Database.open(data_dir)))


def unit_codes_in(payload: object) -> set[str]:
    """Every string in a JSON payload that looks like a unit code (scans keys and values, at any depth)."""
    found: set[str] = set()
    if isinstance(payload, dict):
        for key, value in payload.items():
            found |= unit_codes_in(key) | unit_codes_in(value)
    elif isinstance(payload, list):
        for value in payload:
            found |= unit_codes_in(value)
    elif isinstance(payload, str) and UNIT_CODE.match(payload):
        found.add(payload)
    return found
