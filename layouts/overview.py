"""总览 Overview: headline cards, trend against the goal, city ranking, city map."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.analytics import Analytics
from dashboard.i18n import t
from dashboard.schema import UNIT_TYPES
from dashboard.viewstate import ViewState
from layouts.components import figure_card, graph


def layout(state: ViewState, an: Analytics) -> html.Div:
    lang = state.lang
    target = an.cfg.target_year
    return html.Div(
        [
            html.H2(id="ov-cards-title", className="h5 mt-2"),
            dbc.Row([dbc.Col(html.Div(id=f"ov-card-{ut}"), md=4, className="mb-3") for ut in UNIT_TYPES]),
            dbc.Row(
                dbc.Col(
                    figure_card(
                        "ov-trend-title",
                        graph("ov-trend", label=t("ov_trend_title", lang, target=target), filename="trend"),
                        title=t("ov_trend_title", lang, target=target),
                    ),
                    className="mb-3",
                )
            ),
            dbc.Row(
                [
                    dbc.Col(
                        figure_card("ov-ranking-title", graph("ov-ranking", filename="city-ranking")),
                        lg=7,
                        className="mb-3",
                    ),
                    dbc.Col(
                        figure_card(
                            "ov-map-title",
                            [
                                graph("ov-map", filename="city-map"),
                                html.Small(t("ov_map_hint", lang), className="text-muted"),
                            ],
                        ),
                        lg=5,
                        className="mb-3",
                    ),
                ]
            ),
            dcc.Store(id="ov-map-drawn"),
        ]
    )
