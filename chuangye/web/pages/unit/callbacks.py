"""Unit-scorecard callbacks: server-side search, navigation, the scorecard, history, context, suggestions."""

from __future__ import annotations

from dash import Dash, Input, Output, Patch, State, ctx, no_update

from chuangye.engine.peers import coverage_of, resolve_subject
from chuangye.engine.scorecard import (
    certification_rounds_for,
    closest_to_standard,
    indicator_history_for,
    search_index_for,
    search_units,
    unit_profile,
    warm_up,
)
from chuangye.figures.scorecard import indicator_history_figure
from chuangye.strings.i18n import t
from chuangye.web.pages.unit.layout import (
    DEFAULT_COUNTY,
    context_view,
    grid_rows,
    header_card,
    history_view,
    option_for,
    suggestions_view,
    unit_option,
)
from chuangye.web.services import Services
from chuangye.web.viewstate import ViewState

PAGE = "unit"
SHOW, HIDE = {"display": "block"}, {"display": "none"}


def register(app: Dash, services: Services) -> None:
    core = services.analytics().cfg.core_indicators
    warm_up(services.analytics())

    def view(pathname, search) -> ViewState:
        return ViewState.from_url(pathname, search, tuple(services.analytics().years))

    @app.callback(
        Output("unit-search", "options"),
        Output("unit-search", "value"),
        Input("unit-search", "search_value"),
        Input("url", "search"),
        State("url", "pathname"),
        State("unit-search", "value"),
    )
    def unit_search_options(query, search, pathname, value):
        state = view(pathname, search)
        if state.page != PAGE:
            return no_update, no_update
        an = services.analytics()
        if ctx.triggered_id == "unit-search":
            if not query or not query.strip():
                return no_update, no_update  # keep the options: the chosen value must stay among them
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
            return options, no_update
        option = unit_option(an, state.unit, state.lang) if state.unit else None
        wanted = state.unit if option else None
        return ([option] if option else []), (wanted if wanted != value else no_update)

    @app.callback(
        Output("url", "href", allow_duplicate=True),
        Input("unit-search", "value"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def unit_open(value, pathname, search):
        state = view(pathname, search)
        if state.page != PAGE or (value or None) == state.unit:
            return no_update
        return state.href(PAGE, unit=value or None)

    @app.callback(
        Output("unit-empty", "style"),
        Output("unit-body", "style"),
        Output("unit-suggestions", "children"),
        Output("unit-header", "children"),
        Output("unit-figures-title", "children"),
        Output("unit-grid", "rowData"),
        Output("unit-history", "children"),
        Output("unit-context-title", "children"),
        Output("unit-context", "children"),
        Input("url", "search"),
        State("url", "pathname"),
    )
    def unit_scorecard(search, pathname):
        state = view(pathname, search)
        if state.page != PAGE:
            return [no_update] * 9
        an = services.analytics()
        lang = state.lang
        profile = unit_profile(an, state.unit) if state.unit else None
        if profile is None:
            county = suggestion_county(an, state.region)
            found = closest_to_standard(an, county, state.year, state.unit_type)
            suggestions = suggestions_view(found, state, an, county, state.unit_type)
            if state.unit:
                suggestions = [_not_found(state.unit, lang), suggestions]
            return SHOW, HIDE, suggestions, *([no_update] * 6)
        history = indicator_history_for(an, profile["unit_code"])
        rounds = certification_rounds_for(an, profile["unit_code"])
        certified = [r["round_year"] for r in rounds if r["outcome"] == "certified"]
        card = history[history["year"] == state.year]
        header = header_card(profile, card, min(certified) if certified else None, state, an)
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
        return (
            HIDE,
            SHOW,
            no_update,
            header,
            t("unit_figures_title", lang, last=max(an.years)),
            grid_rows(history, lang),
            history_view(rounds, lang),
            context_title,
            context_view(context_rows, state),
        )

    @app.callback(
        [Output(f"unit-fig-{code}", "figure") for code in core],
        Input("url", "search"),
        State("url", "pathname"),
    )
    def unit_figures(search, pathname):
        state = view(pathname, search)
        if state.page != PAGE or not state.unit:
            return [no_update] * len(core)
        an = services.analytics()
        if an.unit_row(state.unit) is None:
            return [no_update] * len(core)
        history = indicator_history_for(an, state.unit)
        return [
            indicator_history_figure(history[history["indicator"] == code], state.lang, selected_year=state.year)
            for code in core
        ]

    @app.callback(
        Output("unit-grid", "dashGridOptions"),
        Input("unit-grid-filter", "value"),
        prevent_initial_call=True,
    )
    def unit_quick_filter(text):
        patch = Patch()
        patch["quickFilterText"] = text or ""
        return patch


def suggestion_county(an, region: str) -> str:
    """The county whose near-misses the empty page suggests: the URL's county, else its city's first county."""
    subject = resolve_subject(an.regions, region, DEFAULT_COUNTY)
    if subject.county_code:
        return subject.county_code
    counties = [c for c in an.regions.children(subject.city_code) if an.regions.level_of(c) == "county"]
    return counties[0] if counties else DEFAULT_COUNTY


def _not_found(code: str, lang: str):
    from dash import html

    return html.Div(t("unit_not_found", lang, code=code), className="alert alert-warning", id="unit-not-found")
