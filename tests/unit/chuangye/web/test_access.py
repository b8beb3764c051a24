"""The web layer's one door to data: ``Services.analytics()`` hands out the active version as the request's
scope sees it (web/access.py); outside a request it is the whole version."""

from __future__ import annotations

import pytest

from chuangye.data.store import Store
from chuangye.engine.scope import Scope
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.access import Principal, current_principal, current_scope, set_principal, set_scope
from chuangye.web.app import EXTENSION, create_app


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("access")
    Store(data_dir).ensure_initialised(SAMPLE_DIR)
    return create_app(data_dir, warm=False)


def test_a_request_sees_the_version_through_its_scope(app):
    services = app.server.extensions[EXTENSION]["services"]
    whole = services.analytics()
    assert current_scope() == Scope.everything()
    with app.server.test_request_context("/map"):
        assert services.analytics() is whole  # no one signed in to a server without accounts: the province's view
        set_scope(Scope("city", "320200"))
        mine = services.analytics()
        assert mine is not whole and set(mine.dataset.units["city_code"]) == {"320200"}
        assert services.analytics() is mine  # built once per scope
    assert services.analytics() is whole  # the scope ends with its request


def test_a_signed_in_user_brings_their_scope(app):
    services = app.server.extensions[EXTENSION]["services"]
    with app.server.test_request_context("/unit"):
        assert current_principal() is None
        set_principal(Principal("xuanwu", "county", "320102"))
        assert current_principal().username == "xuanwu" and current_scope() == Scope("county", "320102")
        assert set(services.analytics().dataset.units["county_code"]) == {"320102"}
    assert current_principal() is None
