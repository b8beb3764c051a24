"""``GET /_version`` (web/version_watch.py): a signed-in page learns the active version, which moves with an
import; nobody signed in gets a 401; and the page's asking does not keep an idle session alive."""

from __future__ import annotations

from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.app import EXTENSION
from tests.unit.chuangye.web.auth.conftest import sign_in


def test_the_active_version_is_answered_and_follows_an_import(site, tmp_path):
    client = site.client()
    assert client.get("/_version").status_code == 401
    sign_in(client, "nanjing")
    store = site.app.server.extensions[EXTENSION]["services"].store
    response = client.get("/_version")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert response.get_json() == {"version": store.active_version_id()}
    renamed = tmp_path / "regions.csv"
    text = (SAMPLE_DIR / "regions.csv").read_text(encoding="utf-8")
    renamed.write_text(text.replace("320102,玄武区,", "320102,玄武新区,", 1), encoding="utf-8")
    try:
        newer = store.import_paths([renamed]).version_id
        assert client.get("/_version").get_json() == {"version": newer}
    finally:
        store.rollback()  # the module's store is shared: back to the sample


def test_asking_for_the_version_is_not_activity(site):
    client = site.client()
    sign_in(client, "nanjing")
    for _ in range(4):  # an open page asking every few minutes for 32 minutes
        site.clock.advance(minutes=8)
        client.get("/_version")
    assert client.get("/map").status_code == 303  # idle for 32 minutes: to the sign-in page
