"""``POST /api/v1/imports`` and ``POST /api/v1/versions/<id>/activate`` (issue 10) on a copy of the bundled sample,
with the accounts and audit trail in SQLite and in PostgreSQL (a throw-away cluster, marked ``integration``):
administrators only, a dry run changes nothing (the data directory hashed), a refused import is 422 with every
problem and nothing changed, a real import is a version that ``GET /api/v1/versions`` shows with who made it,
activating a version is the store's rollback, every step in the audit trail, a browser session needs its CSRF
token."""

from __future__ import annotations

import hashlib
import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from flask import Response
from flask.testing import FlaskClient

from chuangye.data.db import Accounts, Actor, AuditTrail, Database, SecurityPolicy
from chuangye.data.limits import UPLOAD_LIMITS
from chuangye.data.store import Store
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.access import Principal
from chuangye.web.app import EXTENSION, create_app
from chuangye.web.services import Services
from tests.unit.chuangye.data.db.conftest import GOOD_PASSWORD
from tests.unit.chuangye.web.auth.conftest import NEW_PASSWORD, csrf_of, sign_in

ADMIN = Principal("admin1", "admin")
PROVINCE = Principal("sheng", "province")
XUZHOU_USER = Principal("xuzhou", "city", "320300")
TESTER = Actor("cli:tester", "admin")
CHEAP = SecurityPolicy(argon2_time_cost=1, argon2_memory_kib=8 * 1024, argon2_parallelism=1)
XUZHOU, CV = "320300", "community_village"


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("imports-api") / "data"
    Store(path).ensure_initialised(SAMPLE_DIR)
    return path


@dataclass
class Site:
    server: object
    data_dir: Path
    db: Database
    tokens: dict[Principal, str] = field(default_factory=dict)

    @property
    def services(self) -> Services:
        return self.server.extensions[EXTENSION]["services"]

    @property
    def store(self) -> Store:
        return self.services.store

    def token(self, user: Principal) -> str:
        if user not in self.tokens:
            accounts = Accounts(self.db)
            accounts.add_user(user.username, user.role, region=user.region, sso=True, by=TESTER)
            self.tokens[user] = accounts.issue_token(user.username, by=TESTER)
        return self.tokens[user]

    def post(self, path: str, user: Principal | None = None, *, files=(), client: FlaskClient | None = None,
             headers: dict | None = None, **fields: str) -> Response:  # fmt: skip
        sent = dict(headers or {})
        if user is not None:
            sent["Authorization"] = f"Bearer {self.token(user)}"
        data = {**fields, "files": [(io.BytesIO(content), name) for name, content in files]}
        client = client or self.server.test_client()
        return client.post(path, data=data, headers=sent, content_type="multipart/form-data")

    def audit(self, **filters) -> list:
        return AuditTrail(self.db).search(**filters)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def site(request, sample_store, tmp_path) -> Site:
    data_dir = tmp_path / "data"
    shutil.copytree(sample_store, data_dir)
    url = (
        f"sqlite:///{tmp_path / 'accounts.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    db = Database.open(url=url, policy=CHEAP, environ={})  # outside the data directory: hashing it is fair
    app = create_app(data_dir, warm=False, auth=True, database=db)
    yield Site(app.server, data_dir, db)
    db.close()


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def sample_csv(table: str) -> pd.DataFrame:
    return pd.read_csv(SAMPLE_DIR / f"{table}.csv", dtype=str, keep_default_na=False)


def certifications_with_one_more_xuzhou_village(site: Site) -> tuple[bytes, str]:
    """The sample's certifications plus a 2019 certification of a 徐州 community/village no round touched."""
    units = site.store.active().units
    touched = set(site.store.active().certifications["unit_code"])
    candidates = units[(units["city_code"] == XUZHOU) & (units["unit_type"] == CV)
                       & units["in_scope"].fillna(False).astype(bool) & units["active_from"].isna()
                       & units["active_to"].isna() & ~units["unit_code"].isin(touched)]  # fmt: skip
    code = sorted(candidates["unit_code"])[0]
    certs = sample_csv("certifications")
    row = {"unit_code": code, "round_year": "2019", "stage": "certified", "declared_date": "2018-06-10"}
    row.update(county_evaluated_date="2018-09-10", city_reviewed_date="2018-12-10", decided_date="2019-05-10")
    return csv_bytes(pd.concat([certs, pd.DataFrame([row])], ignore_index=True)), code


# ------------------------------------------------------------------------------------------ who may


def test_without_credentials_it_is_401_json(site: Site) -> None:
    digest = tree_digest(site.data_dir)
    response = site.post("/api/v1/imports", files=[("quotas.csv", b"x")])
    assert response.status_code == 401 and response.get_json()["error"] == "unauthorized"
    assert site.post(f"/api/v1/versions/{site.store.active_version_id()}/activate").status_code == 401
    assert tree_digest(site.data_dir) == digest


@pytest.mark.parametrize("user", [PROVINCE, XUZHOU_USER], ids=["province", "city"])
def test_only_an_administrator_may_import_or_activate(site: Site, user: Principal) -> None:
    digest = tree_digest(site.data_dir)
    quotas = csv_bytes(sample_csv("quotas"))
    response = site.post("/api/v1/imports", user, files=[("quotas.csv", quotas)])
    assert response.status_code == 403 and response.content_type.startswith("application/json")
    body = response.get_json()
    assert body["error"] == "forbidden" and "只有管理员" in body["message_zh"] and "administrator" in body["message_en"]
    version = site.store.active_version_id()
    assert site.post(f"/api/v1/versions/{version}/activate", user).status_code == 403
    assert tree_digest(site.data_dir) == digest
    denied = site.audit(action="denied", user=user.username)
    assert len(denied) == 2 and {r.detail["status"] for r in denied} == {403}


# ------------------------------------------------------------------------------------------ importing


def test_a_dry_run_reports_the_changes_and_the_coverage_and_changes_nothing(site: Site) -> None:
    content, code = certifications_with_one_more_xuzhou_village(site)
    digest = tree_digest(site.data_dir)
    response = site.post("/api/v1/imports", ADMIN, files=[("certifications.csv", content)], dry_run="1")
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert (body["ok"], body["dry_run"], body["version"], body["problems"]) == (True, True, None, [])
    certs = body["changes"]["certifications"]
    assert (certs["origin"], certs["added"], certs["changed"], certs["removed"]) == ("file", 1, 0, 0)
    assert body["changes"]["units"]["origin"] == "carried"
    impact = {(r["region_code"], r["unit_type"], r["year"]): r for r in body["impact"]}
    assert set(impact) == {(c, CV, y) for c in ("320000", XUZHOU) for y in (2019, 2020)}
    xuzhou = impact[(XUZHOU, CV, 2019)]
    assert xuzhou["region_name"] == "徐州市" and xuzhou["level"] == "city"
    assert xuzhou["after_certified"] == xuzhou["before_certified"] + 1
    assert xuzhou["after_coverage"] == pytest.approx(xuzhou["before_coverage"] + 1 / xuzhou["before_total"])
    assert tree_digest(site.data_dir) == digest
    [record] = site.audit(action="import")
    assert (record.username, record.object, record.outcome) == ("admin1", None, "ok")
    assert record.detail["dry_run"] is True and record.detail["files"] == ["certifications.csv"]
    assert code not in str(record.detail)  # counts, not data


def test_an_import_makes_a_version_the_versions_route_shows_with_who(site: Site) -> None:
    before = site.store.active_version_id()
    content, code = certifications_with_one_more_xuzhou_village(site)
    response = site.post("/api/v1/imports", ADMIN, files=[("certifications.csv", content)], note="徐州补报")
    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()
    assert body["ok"] and body["version"] == site.store.active_version_id() != before
    assert {r["region_code"] for r in body["impact"]} == {"320000", XUZHOU}
    signed = {"Authorization": f"Bearer {site.token(ADMIN)}"}
    newest = site.server.test_client().get("/api/v1/versions", headers=signed).get_json()["versions"][0]
    assert (newest["id"], newest["active"], newest["by"]) == (body["version"], True, "api:admin1")
    assert newest["note"] == "徐州补报"
    assert {c["table"]: c["added"] for c in newest["changes"]}["certifications"] == 1
    an = site.services.manager.current()
    assert an.version_id == body["version"] and code in set(an.dataset.certifications["unit_code"])
    [record] = site.audit(action="import")
    assert (record.object, record.outcome, record.detail["changes"]["certifications"]["added"]) == (
        body["version"], "ok", 1
    )  # fmt: skip


def test_a_refused_import_is_422_with_every_problem_and_changes_nothing(site: Site) -> None:
    quotas = sample_csv("quotas")
    quotas.loc[3, "target_count"] = "many"
    quotas.loc[5, "city_code"] = "329900"
    digest = tree_digest(site.data_dir)
    response = site.post("/api/v1/imports", ADMIN, files=[("quotas.csv", csv_bytes(quotas))])
    assert response.status_code == 422
    body = response.get_json()
    assert (body["ok"], body["version"], body["impact"]) == (False, None, [])
    problems = {(p["check"], p["row"], p["column"], p["value"]) for p in body["problems"]}
    assert problems == {("not_integer", 5, "target_count", "many"), ("unknown_city", 7, "city_code", "329900")}
    assert all(p["file"] == "quotas.csv" and p["message_zh"] and p["message_en"] for p in body["problems"])
    quota_changes = body["changes"]["quotas"]  # a changed key is a row removed and one added
    assert (quota_changes["changed"], quota_changes["added"], quota_changes["removed"]) == (1, 1, 1)
    assert tree_digest(site.data_dir) == digest
    [record] = site.audit(action="import")
    assert (record.object, record.outcome, record.detail["errors"]) == (None, "failed", 2)


def test_emptying_a_table_needs_allow_empty(site: Site) -> None:
    """The consent flags reach the store: an empty table (like the CLI's --allow-empty)."""
    empty = csv_bytes(sample_csv("quotas").iloc[:0])
    refused = site.post("/api/v1/imports", ADMIN, files=[("quotas.csv", empty)], dry_run="1")
    assert refused.status_code == 422 and [p["check"] for p in refused.get_json()["problems"]] == ["table_emptied"]
    allowed = site.post("/api/v1/imports", ADMIN, files=[("quotas.csv", empty)], dry_run="true", allow_empty="1")
    assert allowed.status_code == 200 and allowed.get_json()["changes"]["quotas"]["after"] == 0
    assert [w["check"] for w in allowed.get_json()["warnings"]] == ["empty_table"]


@pytest.mark.parametrize(
    ("files", "status", "check"),
    [
        ([], 400, "没有收到任何文件"),
        ([("..", b"x")], 400, "文件名"),
        ([(f"f{i}.csv", b"x") for i in range(UPLOAD_LIMITS.max_files + 1)], 413, "最多 20 个"),
    ],
    ids=["none", "dots", "too-many"],
)
def test_a_refused_upload_says_why_and_writes_nothing(site: Site, files, status: int, check: str) -> None:
    digest = tree_digest(site.data_dir)
    response = site.post("/api/v1/imports", ADMIN, files=files)
    assert response.status_code == status and response.get_json()["error"] == "upload_refused"
    assert check in response.get_json()["message_zh"] and response.get_json()["message_en"].startswith("Upload refused")
    assert tree_digest(site.data_dir) == digest


def test_a_body_beyond_the_upload_limit_is_413_json(site: Site, monkeypatch) -> None:
    from chuangye.data import limits

    monkeypatch.setattr("chuangye.web.api.imports.UPLOAD_LIMITS", limits.UploadLimits(max_total_bytes=1024))
    response = site.post("/api/v1/imports", ADMIN, files=[("quotas.csv", b"x" * (2 * 1024 * 1024))])
    assert response.status_code == 413 and response.content_type.startswith("application/json")


@pytest.mark.parametrize("fields", [{"dry_run": "maybe"}, {"commit": "1"}, {"note": "长" * 501}])
def test_a_bad_parameter_is_400(site: Site, fields: dict) -> None:
    response = site.post("/api/v1/imports", ADMIN, files=[("quotas.csv", b"x")], **fields)
    assert response.status_code == 400 and response.get_json()["parameter"] in fields


# ------------------------------------------------------------------------------------------ activating


def test_activating_a_version_rolls_back_to_it(site: Site) -> None:
    first = site.store.active_version_id()
    content, _ = certifications_with_one_more_xuzhou_village(site)
    second = site.post("/api/v1/imports", ADMIN, files=[("certifications.csv", content)]).get_json()["version"]
    response = site.post(f"/api/v1/versions/{first}/activate", ADMIN)
    assert response.status_code == 200 and response.get_json() == {"ok": True, "active": first, "previous": second}
    assert site.store.active_version_id() == first and site.services.manager.current().version_id == first
    [record] = site.audit(action="rollback")
    assert (record.username, record.object, record.detail) == ("admin1", first, {"from": second, "via": "api"})


def test_activating_an_unknown_or_damaged_version_is_refused(site: Site) -> None:
    first = site.store.active_version_id()
    content, _ = certifications_with_one_more_xuzhou_village(site)
    site.post("/api/v1/imports", ADMIN, files=[("certifications.csv", content)])
    unknown = site.post("/api/v1/versions/20990101T000000-ffff/activate", ADMIN)
    assert unknown.status_code == 404 and unknown.get_json()["error"] == "unknown_version"
    (site.data_dir / "versions" / first / "quotas.parquet").write_bytes(b"damaged")
    digest = tree_digest(site.data_dir)
    damaged = site.post(f"/api/v1/versions/{first}/activate", ADMIN)
    assert damaged.status_code == 409 and damaged.get_json()["error"] == "version_damaged"
    assert "quotas.parquet" in damaged.get_json()["message_en"]
    assert tree_digest(site.data_dir) == digest
    assert [r.outcome for r in site.audit(action="rollback")] == ["failed"]


def test_a_read_of_a_writing_route_is_405_with_allow(site: Site) -> None:
    headers = {"Authorization": f"Bearer {site.token(ADMIN)}"}
    for path in ("/api/v1/imports", f"/api/v1/versions/{site.store.active_version_id()}/activate"):
        response = site.server.test_client().get(path, headers=headers)
        assert response.status_code == 405 and response.headers["Allow"] == "POST, OPTIONS"
        assert response.get_json()["error"] == "method_not_allowed"


# ------------------------------------------------------------------------------------------ a browser


def signed_in_admin(site: Site) -> FlaskClient:
    accounts = Accounts(site.db)
    accounts.add_user("webadmin", "admin", password=GOOD_PASSWORD, by=TESTER)
    accounts.change_password("webadmin", GOOD_PASSWORD, NEW_PASSWORD)
    client = site.server.test_client()
    assert sign_in(client, "webadmin").status_code in (302, 303)
    return client


def test_a_browser_session_needs_its_csrf_token(site: Site) -> None:
    client = signed_in_admin(site)
    quotas = [("quotas.csv", csv_bytes(sample_csv("quotas")))]
    without = site.post("/api/v1/imports", client=client, files=quotas, dry_run="1")
    assert without.status_code == 403 and without.get_json()["error"] == "csrf"
    wrong = site.post("/api/v1/imports", client=client, files=quotas, dry_run="1", headers={"X-CSRF-Token": "x"})
    assert wrong.status_code == 403
    token = csrf_of(client, "/password")
    with_header = site.post("/api/v1/imports", client=client, files=quotas, dry_run="1",
                            headers={"X-CSRF-Token": token})  # fmt: skip
    assert with_header.status_code == 200 and with_header.get_json()["ok"]
    with_field = site.post("/api/v1/imports", client=client, files=quotas, dry_run="1", csrf_token=token)
    assert with_field.status_code == 200
    other_site = site.post("/api/v1/imports", client=client, files=quotas, dry_run="1",
                           headers={"X-CSRF-Token": token, "Origin": "https://elsewhere.example"})  # fmt: skip
    assert other_site.status_code == 403
