"""``Services`` shows one version per request: the active one, or the stored version the URL asks for
(``version=``), read-only, when the user may view older versions (admin, province); otherwise, or when the
version is not there or damaged, the active one, with the reason as a code for the shell to put into words."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.scope import Scope
from chuangye.web.access import set_scope
from chuangye.web.services import AsOf, Services
from tests.unit.chuangye.engine.test_manager_as_of import coverage, two_versions

SERVER = Flask(__name__)
ADMIN, PROVINCE = Scope("admin"), Scope("province")
NANJING, XUANWU = Scope("city", "320100"), Scope("county", "320102")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Services, str, str]:
    store, old, new = two_versions(tmp_path_factory.mktemp("services"))
    return Services(store, load_config()), old, new


def _view(services: Services, scope: Scope, search: str):
    with SERVER.test_request_context("/_dash-update-component"):
        set_scope(scope)
        state = services.view("/overview", search)
        return state, services.as_of(), services.snapshot(), services.analytics()


@pytest.mark.parametrize("scope", [ADMIN, PROVINCE])
def test_admin_and_province_see_the_older_version_numbers(site, scope: Scope) -> None:
    services, old, new = site
    state, as_of, whole, seen = _view(services, scope, f"?year=2019&version={old}")
    assert state.version == old
    assert as_of == AsOf(old, old, new) and as_of.older
    assert whole.version_id == seen.version_id == old
    assert coverage(seen) == pytest.approx(0.25)


def test_without_version_the_request_shows_the_active_version(site) -> None:
    services, _, new = site
    state, as_of, whole, _ = _view(services, ADMIN, "?year=2019")
    assert state.version is None and as_of == AsOf(None, new, new) and not as_of.older
    assert coverage(whole) == pytest.approx(0.5)


def test_asking_for_the_active_version_by_its_id_is_no_older_view(site) -> None:
    services, _, new = site
    state, as_of, _, _ = _view(services, NANJING, f"?version={new}")
    assert state.version == new and as_of == AsOf(new, new, new)


@pytest.mark.parametrize("scope", [NANJING, XUANWU])
def test_city_and_county_users_see_the_active_version_and_why(site, scope: Scope) -> None:
    services, old, new = site
    state, as_of, whole, seen = _view(services, scope, f"?year=2019&version={old}")
    assert as_of == AsOf(old, new, new, "role")
    assert state.version is None  # the links of the page no longer carry the version refused
    assert whole.version_id == new and seen.version_id == new


@pytest.mark.parametrize(("damage", "reason"), [(False, "unknown"), (True, "damaged")])
def test_an_unknown_or_damaged_version_gives_the_active_one_and_why(tmp_path: Path, damage: bool, reason: str) -> None:
    store, old, new = two_versions(tmp_path)
    asked = old if damage else "20990101T000000-dead"
    if damage:
        units = store.versions_dir / old / "units.parquet"
        units.write_bytes(units.read_bytes()[:-4] + b"0000")
    services = Services(Store(store.data_dir), load_config())
    state, as_of, whole, _ = _view(services, ADMIN, f"?version={asked}")
    assert as_of == AsOf(asked, new, new, reason)
    assert state.version is None and whole.version_id == new


def test_one_request_reads_one_version_even_when_the_active_one_switches(site) -> None:
    services, old, new = site
    with SERVER.test_request_context("/_dash-update-component"):
        set_scope(ADMIN)
        services.view("/overview", f"?version={old}")
        services.store.rollback(old)  # the older version becomes the active one during the request
        try:
            assert services.snapshot().version_id == old
            assert services.as_of() == AsOf(old, old, new)  # as the request took it
        finally:
            services.store.rollback(new)
    with SERVER.test_request_context("/_dash-update-component"):
        assert services.as_of() == AsOf(None, new, new)
