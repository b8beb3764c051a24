"""Peer-comparison callbacks: URL ⇄ city/county dropdowns, standing, charts, indicators, lagging parts."""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from chuangye.data.schema import UNIT_TYPES
from chuangye.engine.peers import (
    MAX_UNIT_ROWS,
    peer_values,
    region_options,
    standing_for,
)
from chuangye.strings.i18n import t
from chuangye.web.access import may_export, peer_subject
from chuangye.web.callbacks import URL_ID, page_callback, register_quick_filter
from chuangye.web.components import chart_menu_id, export_menu_style
from chuangye.web.pages.peers import charts, ids
from chuangye.web.pages.peers.layout import indicator_table, rank_card
from chuangye.web.services import Services
from chuangye.web.viewstate import ViewState

PAGE = "peers"
EXPORTABLE_GRAPHS = (*(ids.chart(ut) for ut in UNIT_TYPES), ids.PASS_SHARE)  # each with its 下载 menu


def register(app: Dash, services: Services) -> None:
    @page_callback(
        app,
        services,
        PAGE,
        output={
            "city": Output(ids.CITY, "value"),
            "county_options": Output(ids.COUNTY, "options"),
            "county": Output(ids.COUNTY, "value"),
        },
        inputs={"city": State(ids.CITY, "value"), "county": State(ids.COUNTY, "value")},
    )
    def peers_controls_from_url(state: ViewState, city: str | None, county: str | None) -> dict:
        an = services.analytics()
        subject = peer_subject(an, state.region)
        return {
            "city": subject.city_code if city != subject.city_code else no_update,
            "county_options": region_options(an.regions, "county", state.lang, subject.city_code),
            "county": subject.county_code if county != subject.county_code else no_update,
        }

    @page_callback(
        app,
        services,
        PAGE,
        output={"href": Output(URL_ID, "href", allow_duplicate=True)},
        inputs={"city": Input(ids.CITY, "value"), "county": Input(ids.COUNTY, "value")},
        url_trigger=False,
        prevent_initial_call=True,
    )
    def peers_region_from_controls(state: ViewState, city: str | None, county: str | None) -> dict:
        if not city:
            raise PreventUpdate
        an = services.analytics()
        current = peer_subject(an, state.region)
        if ctx.triggered_id == ids.CITY and city != current.city_code:
            region = city  # a new city: its county choice starts empty
        else:
            in_city = county and an.regions.parent_of(county) == city
            region = county if in_city else city
        if region == current.code:
            raise PreventUpdate
        return {"href": state.href(PAGE, region=region)}

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "heading": Output(ids.HEADING, "children"),
            "note": Output(ids.PEER_NOTE, "children"),
            "cards": [Output(ids.card(ut), "children") for ut in UNIT_TYPES],
            "indicators_title": Output(ids.IND_TITLE, "children"),
            "indicators": Output(ids.IND_TABLE, "children"),
            "pass_share": Output(ids.PASS_SHARE, "figure"),
            "menus": [Output(chart_menu_id(graph_id), "style") for graph_id in EXPORTABLE_GRAPHS],
            "grid_downloads_hidden": Output(ids.GRID_DOWNLOADS, "hidden"),
        },
    )
    def peers_standing(state: ViewState) -> dict:
        an = services.analytics()
        lang = state.lang
        subject = peer_subject(an, state.region)
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
        comparison = charts.indicator_comparison(an, state, subject)
        allowed = may_export(subject.code, an)  # the server's check on the same subject (web/downloads/views.py)
        return {
            "heading": t("peers_heading", lang, name=name, year=state.year, basis=t(f"basis_{state.basis}", lang)),
            "note": note,
            "cards": cards,
            "indicators_title": t("peers_indicators_title", lang, type=t(f"type_{state.unit_type}", lang), name=name),
            "indicators": indicator_table(comparison, lang),
            "pass_share": charts.pass_share(an, state, subject, comparison),
            "menus": [export_menu_style(allowed)] * len(EXPORTABLE_GRAPHS),
            "grid_downloads_hidden": not allowed,
        }

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "figures": [Output(ids.chart(ut), "figure") for ut in UNIT_TYPES],
            "titles": [Output(ids.chart_title(ut), "children") for ut in UNIT_TYPES],
        },
    )
    def peers_charts(state: ViewState) -> dict:
        an = services.analytics()
        lang = state.lang
        subject = peer_subject(an, state.region)
        province = charts.province_coverage(an, state)
        every_type = peer_values(an, subject, state.basis, state.year, None, lang)
        figures = [charts.peer_chart(an, state, ut, subject, every_type, province) for ut in UNIT_TYPES]
        return {"figures": figures, "titles": [charts.peer_heading(an, state, ut) for ut in UNIT_TYPES]}

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "title": Output(ids.CHILDREN_TITLE, "children"),
            "hint": Output(ids.CHILDREN_HINT, "children"),
            "columns": Output(ids.GRID, "columnDefs"),
            "rows": Output(ids.GRID, "rowData"),
        },
    )
    def peers_children(state: ViewState) -> dict:
        an = services.analytics()
        lang = state.lang
        subject = peer_subject(an, state.region)
        name = an.region_name(subject.code, lang)
        type_label = t(f"type_{state.unit_type}", lang)
        columns, rows, total = charts.children_table(an, state)
        if subject.level == "city":
            return {
                "title": t("peers_children_title_city", lang, name=name, type=type_label),
                "hint": t("peers_children_hint_city", lang),
                "columns": columns,
                "rows": rows,
            }
        hint = t("peers_children_hint_county", lang)
        if total > MAX_UNIT_ROWS:
            hint = f"{hint} {t('peers_rows_capped', lang, shown=MAX_UNIT_ROWS, total=total)}"
        return {
            "title": t("peers_children_title_county", lang, name=name, type=type_label),
            "hint": hint,
            "columns": columns,
            "rows": rows,
        }

    register_quick_filter(app, services, PAGE, ids.GRID, ids.GRID_FILTER)

    @page_callback(
        app,
        services,
        PAGE,
        output={"href": Output(URL_ID, "href", allow_duplicate=True)},
        inputs={"cell": Input(ids.GRID, "cellClicked")},
        url_trigger=False,
        prevent_initial_call=True,
    )
    def peers_open_child(state: ViewState, cell: dict | None) -> dict:
        code = (cell or {}).get("rowId")  # getRowId is the row's code
        if not code:
            raise PreventUpdate
        if len(code) == 6:
            return {"href": state.href(PAGE, region=code)}
        return {"href": state.href("unit", unit=code)}
