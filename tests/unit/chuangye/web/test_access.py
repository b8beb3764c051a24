"""The web layer's one door to data: ``Services.analytics()`` hands out the active version as the request's
scope sees it (web/access.py); outside a request it is the whole version."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import HTTPException

from chuangye.data.store import Store
from chuangye.engine.scope import Scope
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.access import (
    Principal,
    check_export,
    current_principal,
    current_scope,
    navigable,
    set_principal,
    set_scope,
)
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


def test_a_view_outside_the_scope_is_the_notice_and_names_nothing_asked(app):
    services = app.server.extensions[EXTENSION]["services"]
    with app.server.test_request_context("/map"):
        set_scope(Scope("city", "320100"))
        assert services.view("/map", "?region=320102&lang=en").region == "320102"  # its own county
        for search in ("?region=320200", "?region=320205", "?region=320205001", "?unit=320205001"):
            state = services.view("/map", search + "&year=2019")
            assert (state.page, state.region, state.unit, state.year) == ("out_of_scope", "", None, 2019)
        assert services.view("/nowhere", "?region=320205").region == ""  # a 404 stays one, without the code
    with app.server.test_request_context("/map"):
        assert services.view("/map", "?region=320205").region == "320205"  # the province opens everything


def test_links_name_only_what_the_users_data_holds(app):
    services = app.server.extensions[EXTENSION]["services"]
    with app.server.test_request_context("/map"):
        set_scope(Scope("city", "320100"))
        an = services.analytics()
        unit = str(an.dataset.units["unit_code"].iloc[0])
        assert navigable("/map?region=320200", an)  # another city: its page is the notice
        assert navigable(f"/unit?unit={unit}", an) and navigable("/map?region=320102", an)
        assert not navigable("/map?region=320205", an) and not navigable("/unit?unit=320205001", an)


def test_an_export_outside_the_area_is_refused_with_a_bilingual_403(app):
    services = app.server.extensions[EXTENSION]["services"]
    with app.server.test_request_context("/map"):
        set_scope(Scope("county", "320102"))
        an = services.analytics()
        check_export("320102", an)  # its own county: no refusal
        for region in ("320104", "320100", an.regions.root):
            with pytest.raises(HTTPException) as refused:
                check_export(region, an)
            assert refused.value.code == 403
            assert "不在您的查看范围内" in refused.value.description
            assert "Outside the area you may see" in refused.value.description


def test_the_overview_offers_province_files_only_to_whom_may_have_them(app):
    from chuangye.web.pages.overview.layout import layout
    from chuangye.web.viewstate import ViewState

    services = app.server.extensions[EXTENSION]["services"]

    def export_parts(scope: Scope) -> tuple[bool, bool]:
        with app.server.test_request_context("/overview"):
            set_scope(scope)
            drawn = layout(ViewState(page="overview"), services.analytics())
        parts = next(c for c in drawn._traverse() if getattr(c, "className", None) == "region-exports").children
        return parts[0].hidden, parts[1].hidden  # the buttons, the note

    assert export_parts(Scope.everything()) == (False, True)
    assert export_parts(Scope("city", "320100")) == (True, False)  # the server would answer 403 anyway
