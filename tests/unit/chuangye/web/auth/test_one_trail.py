"""The app keeps one audit trail: the database users sign in against. A unit list read through the API, a
page's unit list and the admin's audit page all record there, never in a second database the data directory
happens to hold (``create_app(database=…)`` on PostgreSQL used to leave page and API records in SQLite)."""

from __future__ import annotations

from chuangye.data.db import AuditTrail, Database
from chuangye.web.app import EXTENSION
from tests.unit.chuangye.web.auth.conftest import sign_in


def test_api_and_page_records_land_in_the_sign_in_database(site, store_dir):
    client = site.client()
    sign_in(client, "nanjing")
    assert client.get("/api/v1/units?region=320100&type=park").status_code == 200
    services = site.app.server.extensions[EXTENSION]["services"]
    with site.app.server.test_request_context():
        services.audit.record("export", object="xlsx", region="320100")
    assert [r.username for r in site.actions("unit_list_view")] == ["nanjing"]
    assert [r.object for r in site.actions("export")] == ["xlsx"]
    assert services.audit.trail().db is site.db
    beside_the_data = store_dir / "chuangye.db"
    if beside_the_data.exists():  # the data directory's own database holds none of it
        assert AuditTrail(Database.open(store_dir)).search(action="unit_list_view") == []
