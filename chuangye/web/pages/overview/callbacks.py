"""Overview callbacks: cards, trend, ranking and the city map (recoloured with a Patch once drawn)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Dash, Input, Output, Patch, State, dcc, html
from dash.exceptions import PreventUpdate

from chuangye.config.loader import Config
from chuangye.data.schema import UNIT_TYPES
from chuangye.engine.manager import BASES
from chuangye.figures.maps import coverage_map_updates
from chuangye.figures.overview import sparkline
from chuangye.figures.style import UNIT_TYPE_COLORS
from chuangye.strings.i18n import status_label, t
from chuangye.strings.numbers import percent_text, points_text
from chuangye.web.callbacks import page_callback
from chuangye.web.components import graph_config, status_badge
from chuangye.web.pages.method.links import BAR_STATUSES, status_legend
from chuangye.web.pages.overview import charts, ids
from chuangye.web.pages.overview.charts import no_round_yet
from chuangye.web.services import Services
from chuangye.web.shell.ids import URL
from chuangye.web.viewstate import ViewState

PAGE = "overview"


def _gap_line(row, lang: str) -> str:
    gap_points = row["gap_points"]
    if gap_points > 0:
        return t("card_gap", lang, points=points_text(gap_points), units=f"{int(row['gap_units']):,}")
    return t("card_gap_met", lang, points=points_text(-gap_points))


def headline_card(row, series, state: ViewState, cfg: Config, baseline: dict | None = None) -> dbc.Card:
    """One unit type's province figures for the view's year.

    ``baseline`` (on the certified basis in a year before any certification round): ``first`` (the first
    round's year, or None) and ``meets`` (the same row on the meets basis). The card then shows what is true
    that year: nothing could be certified yet, and the baseline of units meeting the standard by indicators.
    """
    lang = state.lang
    unit_type = row["unit_type"]
    shown = baseline["meets"] if baseline else row
    count_key = "card_units" if state.basis == "certified" and not baseline else "card_units_meets"
    count = shown["meets_standard"] if count_key == "card_units_meets" else shown["certified_cumulative"]
    lines = [
        html.Div(_gap_line(shown, lang), className="fw-semibold"),
        html.Div(
            t(count_key, lang, count=f"{int(count):,}", total=f"{int(shown['units_in_scope']):,}"),
            className="text-muted small",
        ),
    ]
    if baseline:
        key = "base_no_round" if baseline["first"] is not None else "base_no_round_ever"
        counts = {"count": f"{int(row['certified_cumulative']):,}", "total": f"{int(row['units_in_scope']):,}"}
        certified = t(key, lang, year=state.year, first=baseline["first"], **counts)
        lines.append(html.Div(certified, className="small card-no-round"))
    needed = row["units_needed_per_year"]
    if state.year < cfg.target_year and pd.notna(needed) and needed > 0:
        lines.append(html.Div(t("card_pace", lang, n=f"{int(needed):,}"), className="small"))
    base_used = shown.get("pace_base_year")
    if pd.notna(base_used) and int(base_used) != cfg.base_year:
        lines.append(html.Div(t("base_fallback", lang, used=int(base_used), base=cfg.base_year), className="small"))
    status = shown["status"]
    preset = cfg.status.name_zh if lang == "zh" else cfg.status.name_en
    base = int(base_used) if pd.notna(base_used) else cfg.base_year
    title = t("st_badge_title", lang, status=status_label(status, lang), base=base, preset=preset)
    value = [
        html.Span(
            percent_text(shown["coverage"]),
            className="display-6 fw-bold me-2 headline-value",
            style={"color": UNIT_TYPE_COLORS[unit_type]},
        ),
        html.Span(
            t("card_goal_line", lang, goal=percent_text(row["goal"], 0), target=cfg.target_year), className="text-muted"
        ),
    ]
    if baseline:
        value.append(html.Div(t("base_caption", lang), className="small fw-semibold card-baseline-caption"))
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        html.H3(t(f"type_{unit_type}", lang), className="h6 mb-0"),
                        status_badge(status, lang, search=state.search(), title=title),
                    ],
                    className="d-flex justify-content-between align-items-start",
                ),
                html.Div(value, className="my-1"),
                *lines,
                dcc.Graph(
                    figure=sparkline(series, row["goal"], UNIT_TYPE_COLORS[unit_type]),
                    config=graph_config(lang, static=True),
                    style={"height": "60px"},
                ),
            ]
        ),
        className="shadow-sm h-100 headline-card",
        id=ids.card_body(unit_type),
    )


def ranking_legend(state: ViewState, cfg: Config):
    """The ranking's linked status legend, naming the cut-off preset in use."""
    preset = cfg.status.name_zh if state.lang == "zh" else cfg.status.name_en
    search = state.search()
    return status_legend(state.lang, search, BAR_STATUSES, preset=preset, id=ids.STATUS_LEGEND, className="px-2")


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
            "legend": Output(ids.STATUS_LEGEND, "children"),
        },
    )
    def update_overview(state: ViewState) -> dict:
        an = services.analytics()
        province = an.coverage(basis=state.basis, region=an.regions.root)
        before_round, first = no_round_yet(state, an)
        # before any certification round the cards and the ranking show the baseline meeting the standard
        shown_basis = "meets" if before_round else state.basis
        shown = an.coverage(basis=shown_basis, region=an.regions.root) if before_round else province
        meets_now = shown[shown["year"] == state.year].set_index("unit_type")
        cards = []
        for row in province[province["year"] == state.year].to_dict("records"):
            unit_type = row["unit_type"]
            series = shown.loc[(shown["unit_type"] == unit_type) & (shown["year"] <= state.year),
                               ["year", "coverage"]]  # fmt: skip
            baseline = {"first": first, "meets": meets_now.loc[unit_type]} if before_round else None
            cards.append((unit_type, headline_card(row, series, state, an.cfg, baseline)))
        cards = [card for _, card in sorted(cards, key=lambda c: UNIT_TYPES.index(c[0]))]
        province = province[charts.TREND_COLUMNS]  # narrow frames: every later filter copies fewer columns
        cities = charts.city_standing(an, state)[[*charts.RANKING_COLUMNS, "region_name"]]  # the basis shown
        return {
            "cards": cards,
            "cards_title": t("ov_cards_title", state.lang, year=state.year),
            "trends": [charts.trend(an, state, ut, province) for ut in UNIT_TYPES],
            "rankings": [charts.ranking(an, state, ut, cities) for ut in UNIT_TYPES],
            "ranking_title": charts.ranking_heading(an, state),
            "legend": ranking_legend(state, an.cfg).children,
        }

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "figure": Output(ids.MAP, "figure"),
            "title": Output(ids.MAP_TITLE, "children"),
            "drawn": Output(ids.MAP_DRAWN, "data"),
            "map_type": Output(ids.MAP_TYPE, "value"),
        },
        inputs={"drawn": State(ids.MAP_DRAWN, "data"), "map_type": State(ids.MAP_TYPE, "value")},
    )
    def update_city_map(state: ViewState, drawn: str | None, map_type: str | None) -> dict:
        an = services.analytics()
        cities = charts.city_standing(an, state, state.unit_type)  # the baseline before any round
        title = charts.map_heading(an, state)
        goal = an.cfg.goals[state.unit_type]
        # the language is part of the key: a language switch re-renders the page, and a Patch racing the new
        # layout would land on a graph that has no figure yet ("Cannot patch undefined")
        drawn_key = f"{services.version}|{state.lang}"
        choice = {} if map_type == state.unit_type else {"map_type": state.unit_type}  # the URL's type, shown
        if drawn == drawn_key:
            # geometry and names already in the browser: send only the new colours, hover text and ticks
            patch = Patch()
            for path, value in coverage_map_updates(cities, goal, state.lang):
                node = patch
                for key in path[:-1]:
                    node = node[key]
                node[path[-1]] = value
            return {"figure": patch, "title": title, **choice}
        figure = charts.city_map(an, state, cities)
        return {"figure": figure, "title": title, "drawn": drawn_key, **choice}

    @page_callback(
        app,
        services,
        PAGE,
        output={"href": Output(URL, "href", allow_duplicate=True)},
        inputs={"map_type": Input(ids.MAP_TYPE, "value")},
        url_trigger=False,
        prevent_initial_call=True,
    )
    def map_type_to_url(state: ViewState, map_type: str | None) -> dict:
        """The map's type choice writes the URL's type, like the shell's control on the other pages."""
        if not map_type or map_type == state.unit_type:
            raise PreventUpdate
        return {"href": state.href(unit_type=map_type)}

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
