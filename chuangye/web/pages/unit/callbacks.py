"""Unit-scorecard callbacks: server-side search, navigation, the scorecard, history, context, suggestions."""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from chuangye.engine.peers import coverage_of, resolve_subject
from chuangye.engine.regions import RegionTree
from chuangye.engine.scorecard import (
    certification_rounds_for,
    closest_to_standard,
    indicator_history_for,
    search_index_for,
    search_units,
    unit_profile,
)
from chuangye.engine.scorecard import warm_up as build_lookups
from chuangye.strings.i18n import t
from chuangye.web.callbacks import URL_ID, page_callback, register_quick_filter
from chuangye.web.pages.unit import charts, ids
from chuangye.web.pages.unit.layout import (
    context_view,
    grid_rows,
    header_card,
    history_view,
    not_found,
    option_for,
    suggestions_view,
    unit_option,
)
from chuangye.web.services import Services
from chuangye.web.viewstate import ViewState

PAGE = "unit"
SHOW, HIDE = {"display": "block"}, {"display": "none"}


def warm_up(services: Services) -> None:
    """The search index and the per-unit look-ups (about 0.3 s): built before a user's first search. A start-up
    step (``create_app(warm=True)``), run in the background."""
    build_lookups(services.analytics())


def register(app: Dash, services: Services) -> None:
    core = services.cfg.core_indicators

    @page_callback(
        app,
        services,
        PAGE,
        output={"options": Output(ids.SEARCH, "options"), "value": Output(ids.SEARCH, "value")},
        inputs={"query": Input(ids.SEARCH, "search_value"), "value": State(ids.SEARCH, "value")},
    )
    def unit_search_options(state: ViewState, query: str | None, value: str | None) -> dict:
        an = services.analytics()
        if ctx.triggered_id == ids.SEARCH:
            if not query or not query.strip():
                raise PreventUpdate  # keep the options: the chosen value must stay among them
            index = search_index_for(an)
            hits = search_units(index, query)
            options = [
                option_for(
                    index.codes.iat[i],
                    index.names.iat[i],
                    index.display_en[i],
                    index.county_codes[i],
                    an,
                    state.lang,
                    query,
                )
                for i in hits
            ]
            return {"options": options}  # the chosen value stays
        option = unit_option(an, state.unit, state.lang) if state.unit else None
        wanted = state.unit if option else None
        return {"options": [option] if option else [], "value": wanted if wanted != value else no_update}

    @page_callback(
        app,
        services,
        PAGE,
        output={"href": Output(URL_ID, "href", allow_duplicate=True)},
        inputs={"value": Input(ids.SEARCH, "value")},
        url_trigger=False,
        prevent_initial_call=True,
    )
    def unit_open(state: ViewState, value: str | None) -> dict:
        if (value or None) == state.unit:
            raise PreventUpdate
        return {"href": state.href(PAGE, unit=value or None)}

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "empty_style": Output(ids.EMPTY, "style"),
            "body_style": Output(ids.BODY, "style"),
            "suggestions": Output(ids.SUGGESTIONS, "children"),
            "header": Output(ids.HEADER, "children"),
            "figures_title": Output(ids.FIGURES_TITLE, "children"),
            "rows": Output(ids.GRID, "rowData"),
            "history": Output(ids.HISTORY, "children"),
            "context_title": Output(ids.CONTEXT_TITLE, "children"),
            "context": Output(ids.CONTEXT, "children"),
        },
    )
    def unit_scorecard(state: ViewState) -> dict:
        an = services.analytics()
        lang = state.lang
        profile = unit_profile(an, state.unit) if state.unit else None
        if profile is None:
            county = suggestion_county(an.regions, state.region)
            found = closest_to_standard(an, county, state.year, state.unit_type)
            suggestions = suggestions_view(found, state, an, county, state.unit_type)
            if state.unit:
                suggestions = [not_found(state.unit, lang), suggestions]
            # the scorecard's parts are hidden and keep what they showed
            return {"empty_style": SHOW, "body_style": HIDE, "suggestions": suggestions}
        services.audit.record(
            "unit_view", object=profile["unit_code"], region=profile["county_code"], detail=_seen(state, "unit")
        )
        history = indicator_history_for(an, profile["unit_code"])
        rounds = certification_rounds_for(an, profile["unit_code"])
        certified = [r["round_year"] for r in rounds if r["outcome"] == "certified"]
        card = history[history["year"] == state.year]
        unit_type = profile["unit_type"]
        context_rows = []
        if unit_type:
            for key, code in (("unit_county", profile["county_code"]), ("unit_city", profile["city_code"])):
                rows = coverage_of(an, state.basis, state.year, region=code, unit_type=unit_type)
                context_rows.append((key, code, an.region_name(code, lang), rows.iloc[0] if len(rows) else None))
        context_title = t(
            "unit_context_title",
            lang,
            type=t(f"type_{unit_type}", lang) if unit_type else t("unit_no_type", lang),
            year=state.year,
            basis=t(f"basis_{state.basis}", lang),
        )
        return {
            "empty_style": HIDE,
            "body_style": SHOW,
            "header": header_card(profile, card, min(certified) if certified else None, state, an),
            "figures_title": charts.figures_heading(an, state),
            "rows": grid_rows(history, lang),
            "history": history_view(rounds, lang),
            "context_title": context_title,
            "context": context_view(context_rows, state),
        }

    @page_callback(
        app,
        services,
        PAGE,
        output={"figures": [Output(ids.figure(code), "figure") for code in core]},
    )
    def unit_figures(state: ViewState) -> dict:
        an = services.analytics()
        if not state.unit or an.unit_row(state.unit) is None:
            raise PreventUpdate  # no scorecard shown: its charts stay hidden as they are
        history = charts.history(an, state)
        return {"figures": [charts.indicator_chart(an, state, code, history) for code in core]}

    register_quick_filter(app, services, PAGE, ids.GRID, ids.GRID_FILTER)


def _seen(state: ViewState, page: str) -> dict:
    """What the audit trail keeps of a view besides its object: the page, year and basis."""
    return {"page": page, "year": state.year, "basis": state.basis}


def suggestion_county(regions: RegionTree, region: str) -> str:
    """The county whose near-misses the empty page suggests: the URL's county, else its city's first county
    (the province, "", and unknown codes give the first county of the first city)."""
    subject = resolve_subject(regions, region)
    if subject.county_code:
        return subject.county_code
    counties = [c for c in regions.children(subject.city_code) if regions.level_of(c) == "county"]
    return counties[0] if counties else subject.code
