"""Peer-comparison callbacks: URL ⇄ city/county dropdowns, standing, charts, indicators, lagging parts."""

from __future__ import annotations

from dash import Dash, Input, Output, Patch, State, ctx, no_update

from chuangye.data.schema import UNIT_TYPES
from chuangye.engine.peers import (
    MAX_UNIT_ROWS,
    coverage_of,
    indicator_comparison_for,
    lagging_counties_for,
    lagging_units_for,
    peer_values,
    region_options,
    resolve_subject,
    standing_for,
)
from chuangye.figures.peers import pass_share_bars, peer_bars
from chuangye.strings.i18n import t
from chuangye.web.pages.peers.layout import (
    county_columns,
    county_rows,
    indicator_table,
    rank_card,
    unit_columns,
    unit_rows,
)
from chuangye.web.services import Services
from chuangye.web.viewstate import ViewState

PAGE = "peers"


def register(app: Dash, services: Services) -> None:
    def view(pathname, search) -> ViewState:
        return ViewState.from_url(pathname, search, tuple(services.analytics().years))

    @app.callback(
        Output("peers-city", "value"),
        Output("peers-county", "options"),
        Output("peers-county", "value"),
        Input("url", "search"),
        State("url", "pathname"),
        State("peers-city", "value"),
        State("peers-county", "value"),
    )
    def peers_controls_from_url(search, pathname, city, county):
        state = view(pathname, search)
        if state.page != PAGE:
            return no_update, no_update, no_update
        an = services.analytics()
        subject = resolve_subject(an.regions, state.region)
        options = region_options(an.regions, "county", state.lang, subject.city_code)
        return (
            subject.city_code if city != subject.city_code else no_update,
            options,
            subject.county_code if county != subject.county_code else no_update,
        )

    @app.callback(
        Output("url", "href", allow_duplicate=True),
        Input("peers-city", "value"),
        Input("peers-county", "value"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def peers_region_from_controls(city, county, pathname, search):
        state = view(pathname, search)
        if state.page != PAGE or not city:
            return no_update
        an = services.analytics()
        current = resolve_subject(an.regions, state.region)
        if ctx.triggered_id == "peers-city" and city != current.city_code:
            region = city  # a new city: its county choice starts empty
        else:
            in_city = county and an.regions.parent_of(county) == city
            region = county if in_city else city
        return no_update if region == current.code else state.href(PAGE, region=region)

    @app.callback(
        Output("peers-heading", "children"),
        Output("peers-peer-note", "children"),
        [Output(f"peers-card-{ut}", "children") for ut in UNIT_TYPES],
        Output("peers-ind-title", "children"),
        Output("peers-ind-table", "children"),
        Output("peers-pass-share", "figure"),
        Input("url", "search"),
        State("url", "pathname"),
    )
    def peers_standing(search, pathname):
        state = view(pathname, search)
        if state.page != PAGE:
            return [no_update] * (len(UNIT_TYPES) + 5)
        an = services.analytics()
        lang = state.lang
        subject = resolve_subject(an.regions, state.region)
        name = an.region_name(subject.code, lang)
        city_name = an.region_name(subject.city_code, lang)
        rows = standing_for(an, subject, state.basis, state.year).set_index("unit_type")
        cards = [
            rank_card(rows.loc[ut] if ut in rows.index else None, ut, subject.level, city_name, an, lang)
            for ut in UNIT_TYPES
        ]
        n_level = len(an.regions.codes(subject.level))
        if subject.level == "city":
            note = t("peers_peers_city", lang, n=n_level)
        else:
            siblings = len(an.regions.children(subject.city_code))
            note = t("peers_peers_county", lang, n=n_level, m=siblings, city=city_name)
        heading = t("peers_heading", lang, name=name, year=state.year, basis=t(f"basis_{state.basis}", lang))
        comparison = indicator_comparison_for(an, subject, state.basis, state.year, state.unit_type)
        return (
            heading,
            note,
            *cards,
            t("peers_indicators_title", lang, type=t(f"type_{state.unit_type}", lang), name=name),
            indicator_table(comparison, lang),
            pass_share_bars(comparison, name, lang),
        )

    @app.callback(
        [Output(f"peers-chart-{ut}", "figure") for ut in UNIT_TYPES],
        [Output(f"peers-chart-title-{ut}", "children") for ut in UNIT_TYPES],
        Input("url", "search"),
        State("url", "pathname"),
    )
    def peers_charts(search, pathname):
        state = view(pathname, search)
        if state.page != PAGE:
            return [no_update] * (2 * len(UNIT_TYPES))
        an = services.analytics()
        lang = state.lang
        subject = resolve_subject(an.regions, state.region)
        province = coverage_of(an, state.basis, state.year, region=an.regions.root).set_index("unit_type")
        figures, titles = [], []
        every_type = peer_values(an, subject, state.basis, state.year, None, lang)
        for ut in UNIT_TYPES:
            peers = every_type[every_type["unit_type"] == ut]
            province_value = float(province.at[ut, "coverage"]) if ut in province.index else None
            figures.append(peer_bars(peers, subject.code, an.cfg.goals[ut], province_value, lang))
            level = t(f"peers_level_{subject.level}", lang)
            titles.append(t("peers_chart_title", lang, type=t(f"type_{ut}", lang), level=level))
        return *figures, *titles

    @app.callback(
        Output("peers-children-title", "children"),
        Output("peers-children-hint", "children"),
        Output("peers-grid", "columnDefs"),
        Output("peers-grid", "rowData"),
        Input("url", "search"),
        State("url", "pathname"),
    )
    def peers_children(search, pathname):
        state = view(pathname, search)
        if state.page != PAGE:
            return no_update, no_update, no_update, no_update
        an = services.analytics()
        lang = state.lang
        subject = resolve_subject(an.regions, state.region)
        name = an.region_name(subject.code, lang)
        type_label = t(f"type_{state.unit_type}", lang)
        if subject.level == "city":
            counties = lagging_counties_for(an, subject.code, state.basis, state.year, state.unit_type)
            return (
                t("peers_children_title_city", lang, name=name, type=type_label),
                t("peers_children_hint_city", lang),
                county_columns(lang),
                county_rows(counties, an, lang),
            )
        units = lagging_units_for(an, subject.code, state.basis, state.year, state.unit_type)
        hint = t("peers_children_hint_county", lang)
        if len(units) > MAX_UNIT_ROWS:
            hint = f"{hint} {t('peers_rows_capped', lang, shown=MAX_UNIT_ROWS, total=len(units))}"
        return (
            t("peers_children_title_county", lang, name=name, type=type_label),
            hint,
            unit_columns(lang),
            unit_rows(units.head(MAX_UNIT_ROWS), an, lang),
        )

    @app.callback(
        Output("peers-grid", "dashGridOptions"),
        Input("peers-grid-filter", "value"),
        prevent_initial_call=True,
    )
    def peers_quick_filter(text):
        patch = Patch()
        patch["quickFilterText"] = text or ""
        return patch

    @app.callback(
        Output("url", "href", allow_duplicate=True),
        Input("peers-grid", "cellClicked"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def peers_open_child(cell, pathname, search):
        state = view(pathname, search)
        code = (cell or {}).get("rowId")  # getRowId is the row's code
        if state.page != PAGE or not code:
            return no_update
        if len(code) == 6:
            return state.href(PAGE, region=code)
        return state.href("unit", unit=code)
