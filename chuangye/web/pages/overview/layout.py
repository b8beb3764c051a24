"""总览 Overview: headline cards, trend against the goal, city ranking, city map."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from chuangye.data.schema import UNIT_TYPES
from chuangye.engine.manager import Analytics
from chuangye.strings.i18n import t
from chuangye.web import busy
from chuangye.web.access import home_region, may_export
from chuangye.web.components import figure_card, graph, region_exports
from chuangye.web.pages.overview import ids
from chuangye.web.pages.overview.callbacks import ranking_legend
from chuangye.web.shell.layout import type_options
from chuangye.web.viewstate import ViewState


def map_type_choice(unit_type: str, lang: str) -> html.Div:
    """The unit type the map shows, chosen on the map itself: the cards, trends and rankings show every type,
    so the shell's type control is hidden on this page (web/shell/layout.py TYPE_CONTROL_HIDDEN_ON)."""
    return html.Div(
        [
            html.Span(t("ov_map_type", lang), id=ids.MAP_TYPE + "-label", className="me-2 small"),
            dbc.RadioItems(
                id=ids.MAP_TYPE,
                options=type_options(lang),
                value=unit_type,
                inline=True,
                className="btn-group btn-group-sm flex-wrap",
                inputClassName="btn-check",
                labelClassName="btn btn-outline-primary",
                labelCheckedClassName="active",
            ),
        ],
        className="control-bar d-flex align-items-center flex-wrap px-1 pb-1",  # styled as the shell's controls
        role="group",
        **{"aria-labelledby": ids.MAP_TYPE + "-label"},
    )


def province_exports(state: ViewState, an: Analytics, allowed: bool) -> html.Div:
    """The province's report buttons, or (for a user who may not export the province) the note with a link to
    the user's own area on the drill-down map, where its files are: the map page's card says the same."""
    home = home_region(an)
    link = None
    if not allowed:
        link = dcc.Link(
            [t("ex_open_home", state.lang, region=an.region_name(home, state.lang)),
             html.I(className="bi bi-arrow-right ms-1", **{"aria-hidden": "true"})],
            href=state.href("map", region=home, unit=None),
            id=ids.EXPORTS_HOME,
        )  # fmt: skip
    return region_exports(state.lang, allowed=allowed, home_link=link)


def layout(state: ViewState, an: Analytics) -> html.Div:
    lang = state.lang
    target = an.cfg.target_year
    # every file of this page is about the province: a user who may not have them is not offered them
    # (the server refuses them anyway: web/downloads/callbacks.py)
    allowed = may_export(an.regions.root, an)
    trend = [
        dbc.Col(
            graph(
                ids.trend(ut),
                height=280,
                label=t(f"type_{ut}", lang),
                filename=f"trend-{ut}",
                lang=lang,
                exportable=allowed,
            ),
            md=4,
        )
        for ut in UNIT_TYPES
    ]
    ranking = [
        dbc.Col(
            graph(
                ids.ranking(ut),
                height=420,
                label=t(f"type_{ut}", lang),
                filename=f"ranking-{ut}",
                lang=lang,
                exportable=allowed,
            ),
            md=4,
        )
        for ut in UNIT_TYPES
    ]
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(html.H2(id=ids.CARDS_TITLE, className=f"h5 mb-0 {busy.BUSY_TEXT}"), md=True),
                    dbc.Col(province_exports(state, an, allowed), md="auto"),
                ],
                className="mt-2 mb-2 g-2 align-items-center",
            ),
            dbc.Row(
                [
                    dbc.Col(busy.region(html.Div(id=ids.card(ut)), className="h-100"), md=4, className="mb-3")
                    for ut in UNIT_TYPES
                ]
            ),
            busy.region(
                figure_card(
                    ids.TREND_TITLE,
                    dbc.Row(trend, className="g-2"),
                    title=t("ov_trend_title", lang, target=target),
                ),
                className="mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        busy.region(
                            figure_card(
                                ids.RANKING_TITLE, [dbc.Row(ranking, className="g-2"), ranking_legend(state, an.cfg)]
                            ),
                            className="h-100",
                        ),
                        xl=8,
                        className="mb-3",
                    ),
                    dbc.Col(
                        busy.region(
                            figure_card(
                                ids.MAP_TITLE,
                                [
                                    map_type_choice(state.unit_type, lang),
                                    graph(ids.MAP, height=460, filename="city-map", lang=lang, exportable=allowed),
                                    html.Small(t("ov_map_hint", lang), className="text-muted"),
                                ],
                            ),
                            className="h-100",
                        ),
                        xl=4,
                        className="mb-3",
                    ),
                ]
            ),
            dcc.Store(id=ids.MAP_DRAWN),
        ]
    )
