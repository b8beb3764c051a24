"""The overview offers its files (the province's report and workbook, every chart's 下载 menu) only to a user who
may export the province; a city or county user sees a note and a link to their own area on the drill-down map,
where their files are (the map page's region card says the same). The server refuses those files anyway."""

from __future__ import annotations

import pytest
from dash import dcc

from chuangye.data.store import Store
from chuangye.engine.scope import Scope
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.access import set_scope
from chuangye.web.app import EXTENSION, create_app
from chuangye.web.downloads import ids as download_ids
from chuangye.web.pages.overview import ids
from chuangye.web.pages.overview.layout import layout
from chuangye.web.validation import components
from chuangye.web.viewstate import ViewState

REPORT_BUTTONS = {download_ids.REPORT_PDF, download_ids.REPORT_DOCX, download_ids.REGION_XLSX}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("overview-exports")
    Store(data_dir).ensure_initialised(SAMPLE_DIR)
    return create_app(data_dir, warm=False)


def drawn_as(app, scope: Scope, lang: str = "zh"):
    services = app.server.extensions[EXTENSION]["services"]
    with app.server.test_request_context("/overview"):
        set_scope(scope)
        return list(components(layout(ViewState(page="overview", year=2019, lang=lang), services.analytics())))


def ids_of(drawn) -> tuple[set[str], set[str]]:
    """The string ids, and the graphs that have a 下载 menu."""
    plain = {c.id for c in drawn if isinstance(getattr(c, "id", None), str)}
    menus = {c.id["graph"] for c in drawn if getattr(c, "id", None) and isinstance(c.id, dict)
             and c.id.get("type") == download_ids.CHART_MENU}  # fmt: skip
    return plain, menus


def test_the_province_is_offered_its_report_and_every_chart(app):
    plain, menus = ids_of(drawn_as(app, Scope.everything()))
    assert plain >= REPORT_BUTTONS and ids.EXPORTS_HOME not in plain
    assert menus == {ids.MAP, *(ids.trend(t) for t in ("street_town", "community_village", "park")),
                     *(ids.ranking(t) for t in ("street_town", "community_village", "park"))}  # fmt: skip


USERS = [(Scope("city", "320100"), "南京市"), (Scope("county", "320102"), "玄武区")]


@pytest.mark.parametrize(("scope", "home"), USERS)
def test_a_city_or_county_user_is_offered_no_province_file_and_a_way_to_their_own(app, scope, home):
    drawn = drawn_as(app, scope)
    plain, menus = ids_of(drawn)
    assert not REPORT_BUTTONS & plain  # not even hidden: Bootstrap's d-flex showed hidden buttons
    assert menus == set()
    [link] = [c for c in drawn if isinstance(c, dcc.Link) and getattr(c, "id", None) == ids.EXPORTS_HOME]
    assert link.href.startswith("/map?") and f"region={scope.region}" in link.href and "year=2019" in link.href
    assert home in str(link.children)
