"""The out-of-scope notice: the view named a region or unit the user may not open. It says so, names the user's
own area and links back to it (the drill-down of the home area) and to the overview, keeping the view's
language, year, type and basis; it names nothing of what was asked."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from chuangye.engine.manager import Analytics
from chuangye.strings.i18n import t
from chuangye.web.access import home_region
from chuangye.web.pages.out_of_scope import ids
from chuangye.web.viewstate import ViewState


def _what_the_user_sees(an: Analytics, home: str, lang: str) -> str:
    """The notice's words for the user's area: a county has units, not regions, below it, and sees its city's
    other counties as totals (engine/scope.py)."""
    name = an.region_name(home, lang)
    if an.regions.level_of(home) == "county":
        city = an.region_name(str(an.regions.parent_of(home)), lang)
        return t("acc_text_county", lang, home=name, city=city)
    return t("acc_text", lang, home=name)


def layout(state: ViewState, an: Analytics) -> html.Div:
    lang = state.lang
    home = home_region(an)
    name = an.region_name(home, lang)
    region = "" if home == an.regions.root else home
    return html.Div(
        dbc.Card(
            dbc.CardBody(
                [
                    html.H2(
                        [html.I(className="bi bi-shield-lock me-2", **{"aria-hidden": "true"}), t("acc_title", lang)],
                        id=ids.TITLE,
                        className="h4",
                    ),
                    html.P(_what_the_user_sees(an, home, lang), className="mb-3"),
                    dcc.Link(
                        [
                            html.I(className="bi bi-arrow-left me-1", **{"aria-hidden": "true"}),
                            t("acc_back", lang, home=name),
                        ],
                        href=state.href("map", region=region, unit=None),
                        id=ids.BACK,
                        className="btn btn-primary me-3 mb-2",
                    ),
                    dcc.Link(t("acc_overview", lang), href=state.href("overview"), className="d-inline-block mb-2"),
                ]
            ),
            className="my-4 mx-auto",
            style={"maxWidth": "40rem"},
        ),
        id=ids.PAGE,
        role="alert",
    )
