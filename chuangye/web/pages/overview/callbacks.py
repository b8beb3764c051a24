"""Overview callbacks: cards, trend, ranking and the city map (recoloured with a Patch once drawn)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Dash, Input, Output, Patch, State, dcc, html
from dash.exceptions import PreventUpdate

from chuangye.data.schema import UNIT_TYPES
from chuangye.engine.manager import BASES
from chuangye.figures.maps import choropleth_values, coverage_choropleth, coverage_scale, level_geojson
from chuangye.figures.overview import ranking_figure, sparkline, trend_figure
from chuangye.figures.style import UNIT_TYPE_COLORS
from chuangye.strings.i18n import t
from chuangye.web.callbacks import page_callback
from chuangye.web.components import status_badge
from chuangye.web.pages.overview import ids
from chuangye.web.services import Services
from chuangye.web.shell.ids import URL
from chuangye.web.viewstate import ViewState

PAGE = "overview"
TREND_COLUMNS = ["unit_type", "year", "coverage", "goal", "observed_pace", "projected_coverage_target"]
RANKING_COLUMNS = ["region_code", "unit_type", "coverage", "goal", "status", "gap_units"]


def headline_card(row, series, state: ViewState, target_year: int) -> dbc.Card:
    lang = state.lang
    unit_type = row["unit_type"]
    coverage = row["coverage"]
    gap_points = row["gap_points"]
    if gap_points > 0:
        gap = t("card_gap", lang, points=f"{gap_points:.1f}", units=f"{int(row['gap_units']):,}")
    else:
        gap = t("card_gap_met", lang, points=f"{-gap_points:.1f}")
    count_key = "card_units" if state.basis == "certified" else "card_units_meets"
    count = row["certified_cumulative"] if state.basis == "certified" else row["meets_standard"]
    lines = [
        html.Div(gap, className="fw-semibold"),
        html.Div(
            t(count_key, lang, count=f"{int(count):,}", total=f"{int(row['units_in_scope']):,}"),
            className="text-muted small",
        ),
    ]
    needed = row["units_needed_per_year"]
    if state.year < target_year and pd.notna(needed) and needed > 0:
        lines.append(html.Div(t("card_pace", lang, n=f"{int(needed):,}"), className="small"))
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [html.H3(t(f"type_{unit_type}", lang), className="h6 mb-0"), status_badge(row["status"], lang)],
                    className="d-flex justify-content-between align-items-start",
                ),
                html.Div(
                    [
                        html.Span(
                            f"{coverage * 100:.1f}%",
                            className="display-6 fw-bold me-2 headline-value",
                            style={"color": UNIT_TYPE_COLORS[unit_type]},
                        ),
                        html.Span(
                            t("card_goal_line", lang, goal=f"{row['goal'] * 100:.0f}%", target=target_year),
                            className="text-muted",
                        ),
                    ],
                    className="my-1",
                ),
                *lines,
                dcc.Graph(
                    figure=sparkline(series, row["goal"], UNIT_TYPE_COLORS[unit_type]),
                    config={"displayModeBar": False, "staticPlot": True},
                    style={"height": "60px"},
                ),
            ]
        ),
        className="shadow-sm h-100 headline-card",
        id=ids.card_body(unit_type),
    )


def warm_up(services: Services) -> None:
    """The province's and the cities' coverage on both bases: what the first overview (and most other views)
    reads. A start-up step (``create_app(warm=True)``), run in the background."""
    an = services.analytics()
    for basis in BASES:
        an.coverage(basis=basis, region=an.regions.root)
        an.coverage(basis=basis, level="city", year=an.years[-1], parent=an.regions.root)


def register(app: Dash, services: Services) -> None:
    @page_callback(
        app,
        services,
        PAGE,
        output={
            "cards": [Output(ids.card(ut), "children") for ut in UNIT_TYPES],
            "cards_title": Output(ids.CARDS_TITLE, "children"),
            "trends": [Output(ids.trend(ut), "figure") for ut in UNIT_TYPES],
            "rankings": [Output(ids.ranking(ut), "figure") for ut in UNIT_TYPES],
            "ranking_title": Output(ids.RANKING_TITLE, "children"),
        },
    )
    def update_overview(state: ViewState) -> dict:
        an = services.analytics()
        province = an.coverage(basis=state.basis, region=an.regions.root)
        cards = []
        for row in province[province["year"] == state.year].to_dict("records"):
            series = province.loc[(province["unit_type"] == row["unit_type"]) & (province["year"] <= state.year),
                                  ["year", "coverage"]]  # fmt: skip
            cards.append((row["unit_type"], headline_card(row, series, state, an.cfg.target_year)))
        cards = [card for _, card in sorted(cards, key=lambda c: UNIT_TYPES.index(c[0]))]
        province = province[TREND_COLUMNS]  # narrow frames: every later filter copies fewer columns
        cities = an.coverage(basis=state.basis, level="city", year=state.year, parent=an.regions.root)[RANKING_COLUMNS]
        cities = cities.assign(region_name=an.region_names_for(cities["region_code"], state.lang))
        return {
            "cards": cards,
            "cards_title": t("ov_cards_title", state.lang, year=state.year),
            "trends": [trend_figure(province, ut, state.year, an.cfg.target_year, state.lang) for ut in UNIT_TYPES],
            "rankings": [ranking_figure(cities, ut, state.lang) for ut in UNIT_TYPES],
            "ranking_title": t("ov_ranking_title", state.lang, year=state.year),
        }

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "figure": Output(ids.MAP, "figure"),
            "title": Output(ids.MAP_TITLE, "children"),
            "drawn": Output(ids.MAP_DRAWN, "data"),
        },
        inputs={"drawn": State(ids.MAP_DRAWN, "data")},
    )
    def update_city_map(state: ViewState, drawn: str | None) -> dict:
        an = services.analytics()
        cities = an.coverage(
            basis=state.basis, level="city", year=state.year, unit_type=state.unit_type, parent=an.regions.root
        )
        cities = cities.assign(region_name=an.region_names_for(cities["region_code"], state.lang))
        title = t("ov_map_title", state.lang, year=state.year, type=t(f"type_{state.unit_type}", state.lang))
        goal = an.cfg.goals[state.unit_type]
        # the language is part of the key: a language switch re-renders the page, and a Patch racing the new
        # layout would land on a graph that has no figure yet ("Cannot patch undefined")
        drawn_key = f"{services.version}|{state.lang}"
        if drawn == drawn_key:
            # geometry already in the browser: send only the new colours, hover text and colour-bar ticks
            values = choropleth_values(cities, state.lang)
            patch = Patch()
            for key, value in {**values, **coverage_scale(values["z"], goal, state.lang)}.items():
                patch["data"][0][key] = value
            return {"figure": patch, "title": title}
        figure = coverage_choropleth(level_geojson("city"), cities, goal, state.lang, height=460, width=360)
        return {"figure": figure, "title": title, "drawn": drawn_key}

    @page_callback(
        app,
        services,
        PAGE,
        output={"href": Output(URL, "href", allow_duplicate=True)},
        inputs={"click": Input(ids.MAP, "clickData")},
        url_trigger=False,
        prevent_initial_call=True,
    )
    def drill_from_overview(state: ViewState, click: dict | None) -> dict:
        """A city clicked on the map opens it in the drill-down map."""
        points = (click or {}).get("points") or []
        code = points[0].get("location") if points else None
        if not code:
            raise PreventUpdate
        return {"href": state.href("map", region=code)}
