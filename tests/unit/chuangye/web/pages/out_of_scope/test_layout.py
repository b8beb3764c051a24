"""The out-of-scope notice says what the user's own account sees, in the words that fit its level."""

from __future__ import annotations

import pytest
from flask import Flask

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.engine.scope import Scope, scoped
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.access import set_scope
from chuangye.web.pages.out_of_scope import ids
from chuangye.web.pages.out_of_scope.layout import layout
from chuangye.web.viewstate import ViewState


@pytest.fixture(scope="module")
def whole(tmp_path_factory) -> Analytics:
    path = tmp_path_factory.mktemp("out-of-scope")
    Store(path).ensure_initialised(SAMPLE_DIR)
    return Analytics(Store(path).active(), load_config())


def notice_text(whole: Analytics, scope: Scope, lang: str) -> str:
    with Flask(__name__).test_request_context():
        set_scope(scope)
        page = layout(ViewState(page="out_of_scope", lang=lang), scoped(whole, scope))
    paragraphs = [c for c in page._traverse() if getattr(c, "className", None) == "mb-3"]
    assert page.id == ids.PAGE and len(paragraphs) == 1
    return str(paragraphs[0].children)


def test_a_county_user_is_told_it_sees_units_and_its_citys_other_counties_as_totals(whole):
    """It read "您可以查看玄武区的各地区和单位", as if a county had regions below it, and left out that the other
    counties of its city are visible as totals."""
    zh = notice_text(whole, Scope("county", "320102"), "zh")
    assert "您可以查看玄武区的街道(乡镇)、社区(村)和园区" in zh and "南京市的其他县(市、区)只显示县级汇总数字" in zh
    en = notice_text(whole, Scope("county", "320102"), "en")
    assert "other counties of Nanjing City, only their county totals" in en


def test_a_city_user_is_told_it_sees_its_regions_and_units(whole):
    zh = notice_text(whole, Scope("city", "320100"), "zh")
    assert "您可以查看南京市的各地区和单位；其他设区市只显示市级汇总数字" in zh
