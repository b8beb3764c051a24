"""Certification progress callbacks: one update from the URL, the city filter and bar clicks write the URL."""

from __future__ import annotations

from dash import Dash, Input, Output, State, html, no_update

from chuangye.engine.manager import Analytics
from chuangye.engine.pipeline import CertificationPipeline, pipeline_for
from chuangye.figures.funnel import certified_vs_target, pipeline_funnel
from chuangye.figures.style import pct
from chuangye.strings.i18n import t
from chuangye.web.pages.certification.layout import BAR_HEIGHT, FUNNEL_HEIGHT, area_columns, issue_columns
from chuangye.web.pages.certification.rows import city_rows, issue_rows
from chuangye.web.services import Services
from chuangye.web.viewstate import ViewState

PAGE = "certification"
QUICK_FILTER = """function(text, options) {
    return Object.assign({}, options || {}, {quickFilterText: text || ""});
}"""


def _empty_state(year: int, rounds: list[int], base_year: int, lang: str) -> list:
    span = f"{rounds[0]}{'—' if lang == 'zh' else '–'}{rounds[-1]}" if rounds else "—"
    if rounds and year <= base_year:
        detail = t("cert_empty_detail", lang, year=base_year, first=rounds[0], years=span)
    else:
        detail = t("cert_empty_generic", lang, years=span)
    icon = html.I(className="bi bi-calendar-x me-2", **{"aria-hidden": "true"})
    return [html.H3([icon, t("cert_empty", lang, year=year)], className="h5"), html.P(detail, className="mb-0")]


def _names(an: Analytics, codes, lang: str) -> dict[str, str]:
    return {code: an.region_name(code, lang) for code in codes}


def _summary(scope: str, totals: dict, issues: int, lang: str) -> str:
    def count(key: str) -> str:
        value = totals.get(key)
        return "—" if value is None else f"{value:,}"

    target, certified = totals.get("target_count"), totals.get("certified") or 0
    return t(
        "cert_summary",
        lang,
        scope=scope,
        target=count("target_count"),
        quota=count("evaluation_quota"),
        certified=f"{certified:,}",
        pct=pct(certified / target) if target else "—",
        rejected=count("rejected"),
        issues=f"{issues:,}",
    )


def _table(pipe: CertificationPipeline, state: ViewState, city: str | None) -> tuple[list[dict], list[dict], str]:
    """Rows, pinned top rows and level of the per-area grid: cities, or the chosen city's counties."""
    lang = state.lang
    if city is None:
        return city_rows(pipe.city_table(state.year, state.unit_type), lang), [], "city"
    counties = city_rows(pipe.county_table(state.year, state.unit_type, city), lang)
    cities = pipe.city_table(state.year, state.unit_type)
    total = city_rows(cities[cities["region_code"] == city], lang)
    return counties, [row | {"selected": True} for row in total], "county"


def register(app: Dash, services: Services) -> None:
    @app.callback(
        Output("cert-title", "children"),
        Output("cert-hint", "children"),
        Output("cert-empty", "children"),
        Output("cert-empty", "is_open"),
        Output("cert-body", "hidden"),
        Output("cert-summary", "children"),
        Output("cert-funnel-title", "children"),
        Output("cert-funnel", "figure"),
        Output("cert-bar", "figure"),
        Output("cert-table", "rowData"),
        Output("cert-table", "pinnedTopRowData"),
        Output("cert-table", "columnDefs"),
        Output("cert-table-title", "children"),
        Output("cert-issues", "rowData"),
        Output("cert-issues", "columnDefs"),
        Output("cert-issues-title", "children"),
        Output("cert-issues-count", "children"),
        Output("cert-city", "value"),
        Input("url", "search"),
        State("url", "pathname"),
        State("cert-city", "value"),
        State("cert-table", "columnDefs"),
    )
    def update_certification(search, pathname, shown_city, shown_columns):
        an = services.analytics()
        state = ViewState.from_url(pathname, search, tuple(an.years))
        if state.page != PAGE:
            return [no_update] * 18
        lang, year = state.lang, state.year
        pipe = pipeline_for(an)
        city = an.regions.city_of(state.region)
        chosen = city or pipe.province
        city_value = no_update if shown_city == chosen else chosen
        title = t("cert_title", lang, year=year, type=t(f"type_{state.unit_type}", lang))
        rounds = pipe.round_years
        if year not in rounds:
            empty = _empty_state(year, rounds, an.cfg.base_year, lang)
            page_title = t("page_certification", lang)
            return (page_title, "", empty, True, True, *[no_update] * 12, city_value)

        scope = an.region_name(chosen, lang)
        totals = pipe.funnel(year, state.unit_type, city)
        issues = pipe.issue_list(year, state.unit_type, city)
        rows, pinned, level = _table(pipe, state, city)
        by = "county_code" if city else "city_code"
        columns = area_columns(lang, level)
        same_columns = bool(shown_columns) and shown_columns[0].get("headerName") == columns[0]["headerName"]
        issue_cols = issue_columns(lang, level)
        return (
            title,
            t("cert_round_hint", lang, year=year, prev=year - 1),
            no_update,
            False,
            False,
            _summary(scope, totals, len(issues), lang),
            t("cert_funnel_title_scope", lang, scope=scope),
            pipeline_funnel(totals, lang, height=FUNNEL_HEIGHT),
            certified_vs_target(pipe.city_table(year, state.unit_type), lang, selected=city, height=BAR_HEIGHT),
            rows,
            pinned,
            no_update if same_columns else columns,
            t("cert_table_title", lang) if city is None else t("cert_table_title_city", lang, city=scope),
            issue_rows(issues, _names(an, issues[by].unique(), lang), lang, by=by),
            no_update if same_columns else issue_cols,
            t("cert_issues_title", lang, scope=scope),
            t("cert_issues_count", lang, n=len(issues)) if len(issues) else t("cert_issues_none", lang),
            city_value,
        )

    @app.callback(
        Output("url", "href", allow_duplicate=True),
        Input("cert-city", "value"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def city_filter_to_url(value, pathname, search):
        state = ViewState.from_url(pathname, search)
        if state.page != PAGE or not value:
            return no_update
        pipe = pipeline_for(an := services.analytics())
        if value == (an.regions.city_of(state.region) or pipe.province):
            return no_update  # the URL already shows this city (or a county inside it)
        return state.href(region=value)

    @app.callback(
        Output("url", "href", allow_duplicate=True),
        Input("cert-bar", "clickData"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def city_from_bar(click, pathname, search):
        if not click or not click.get("points"):
            return no_update
        code = click["points"][0].get("customdata")
        state = ViewState.from_url(pathname, search)
        pipe = pipeline_for(an := services.analytics())
        if state.page != PAGE or code not in set(pipe.cities["region_code"]):
            return no_update
        # a second click on the chosen city goes back to the whole province
        return state.href(region=pipe.province if an.regions.city_of(state.region) == code else code)

    for grid in ("cert-table", "cert-issues"):
        app.clientside_callback(
            QUICK_FILTER,
            Output(grid, "dashGridOptions"),
            Input(f"{grid}-search", "value"),
            State(grid, "dashGridOptions"),
            prevent_initial_call=True,
        )
