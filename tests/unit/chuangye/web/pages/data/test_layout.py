"""The Data page's layout: the notice anyone but an admin gets points to 数据报送; the template tools."""

from __future__ import annotations

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.pages.data import ids
from chuangye.web.pages.data.layout import admin_only, data_page
from chuangye.web.validation import components
from chuangye.web.viewstate import ViewState


def by_id(layout) -> dict:
    return {c.id: c for c in components(layout) if getattr(c, "id", None)}


def test_the_notice_points_city_county_and_province_users_to_the_submissions_page():
    """Before: it only said to contact an administrator."""
    for lang, said in (("zh", "设区市、县(市、区)和省厅用户"), ("en", "City, county and provincial users")):
        notice = admin_only(ViewState(page="data", lang=lang))
        link = by_id(notice)[ids.SUBMISSIONS_LINK]
        assert link.href == f"/submissions?lang={lang}" and "数据报送" in link.children
        assert said in str(notice.to_plotly_json())


def test_the_template_tools_offer_every_table_the_regions_and_the_years(tmp_path):
    store = Store(tmp_path)
    store.ensure_initialised(SAMPLE_DIR)
    an = Analytics(store.active(), load_config())
    found = by_id(data_page("zh", an))
    assert [o["value"] for o in found[ids.TEMPLATE_TABLE].options] == [
        "all", "regions", "units", "quotas", "indicator_inputs", "certifications"
    ]  # fmt: skip
    regions = [o["value"] for o in found[ids.TEMPLATE_REGION].options]
    assert (
        regions[:3] == ["blank", "320000", "320100"]
        and found[ids.TEMPLATE_REGION].value == "blank"
        and "320302" in regions
    )
    years = [o["value"] for o in found[ids.TEMPLATE_YEAR].options]
    assert years == [*an.years, an.years[-1] + 1] and found[ids.TEMPLATE_YEAR].value == an.years[-1]
    assert found[ids.TEMPLATE_LINK].href == f"/api/v1/templates/all.xlsx?year={an.years[-1]}&lang=zh"
