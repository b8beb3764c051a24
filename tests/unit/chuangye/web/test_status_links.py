"""Status badges and legends link to the status's explanation on the Method page, in the view's language; the
notice for a year before any certification round (issue 8)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pytest
from dash import dcc, html

from chuangye.engine.progress import STATUSES
from chuangye.web.baseline_notice import notice
from chuangye.web.components import status_badge
from chuangye.web.pages.method.ids import status_anchor
from chuangye.web.pages.method.links import BAR_STATUSES, status_href, status_legend
from chuangye.web.validation import components
from chuangye.web.viewstate import ViewState


def text_of(component) -> str:
    """The words a component shows: its string children, all the way down."""
    if isinstance(component, str):
        return component
    if isinstance(component, list | tuple):
        return "".join(text_of(c) for c in component)
    return text_of(component.children) if getattr(component, "children", None) is not None else ""


@pytest.mark.parametrize("status", STATUSES)
def test_a_badge_links_to_its_status_on_the_method_page_in_the_views_language(status):
    badge = status_badge(status, "en")
    assert isinstance(badge, dcc.Link)
    assert badge.href == f"/method?lang=en#{status_anchor(status)}"
    view = ViewState(year=2019, unit_type="park", basis="meets", lang="zh")
    kept = status_badge(status, "zh", search=view.search())
    assert kept.href == f"/method{view.search()}#status-{status}"  # the year, type and basis come along
    assert "lang=zh" in kept.href


def test_the_badge_shows_icon_and_words_on_its_colour():
    badge = status_badge("missed", "zh")
    assert "未达目标" in text_of(badge) and "Goal missed" in text_of(status_badge("missed", "en"))
    assert badge.style["backgroundColor"] and "bi-x-circle-fill" in badge.children[0].className
    assert "查看口径说明" in badge.title
    plain = status_badge("missed", "zh", link=False)  # on the Method page itself
    assert isinstance(plain, html.Span)


def test_the_legend_links_every_status_it_lists():
    legend = status_legend("en", "?year=2020&lang=en", BAR_STATUSES)
    links = [c for c in components(legend) if isinstance(c, dcc.Link)]
    assert [link.href for link in links] == [status_href(s, "en", "?year=2020&lang=en") for s in BAR_STATUSES]
    assert "Goal missed" in text_of(legend) and "Base year" in text_of(legend)
    assert "no_data" not in BAR_STATUSES and {"missed", "baseline"} <= set(BAR_STATUSES)


@pytest.mark.parametrize(
    ("view", "first", "shown"),
    [
        (ViewState(page="map", year=2016), 2017, True),
        (ViewState(page="peers", year=2016, lang="en"), 2017, True),
        (ViewState(page="map", year=2016), None, True),  # no round in the data at all
        (ViewState(page="map", year=2017), 2017, False),  # the first round's year has certified units
        (ViewState(page="map", year=2016, basis="meets"), 2017, False),  # the baseline itself
        (ViewState(page="overview", year=2016), 2017, False),  # the overview shows the baseline instead
        (ViewState(page="method", year=2016), 2017, False),
        (ViewState(page="not_found", year=2016), 2017, False),  # a 404 page has nothing to qualify
    ],
)
def test_a_notice_before_the_first_certification_round(view, first, shown):
    alert = notice(view, first)
    assert (alert is not None) == shown
    if shown:
        assert isinstance(alert, dbc.Alert)
        link = next(c for c in components(alert) if isinstance(c, dcc.Link))
        assert link.href == view.href(basis="meets")
        words = text_of(alert)
        assert ("尚无认定轮次" in words) if view.lang == "zh" else ("No certification round" in words)


def test_the_legend_can_name_the_cut_off_preset_in_use():
    legend = status_legend("zh", None, BAR_STATUSES, preset="Open SDG 进度测算")
    last = [c for c in components(legend) if isinstance(c, dcc.Link)][-1]
    assert text_of(last) == "分界值：Open SDG 进度测算" and last.href == "/method?lang=zh#sec-status"
