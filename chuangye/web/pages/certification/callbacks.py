"""Certification progress callbacks: one update from the URL, the city filter and bar clicks write the URL."""

from __future__ import annotations

from dash import Dash, Input, Output, Patch, State, no_update
from dash.exceptions import PreventUpdate

from chuangye.engine.pipeline import pipeline_for
from chuangye.strings.i18n import t
from chuangye.web.access import may_export, subject_code
from chuangye.web.callbacks import URL_ID, page_callback, register_quick_filter
from chuangye.web.components import chart_menu_id, export_menu_style
from chuangye.web.pages.certification import charts, ids
from chuangye.web.pages.certification.layout import area_columns, empty_state, issue_columns, submissions_block
from chuangye.web.pages.certification.rows import (
    area_table,
    deadline_text,
    issue_rows,
    round_hint,
    submission_items,
    summary_text,
)
from chuangye.web.services import Services
from chuangye.web.submissions import counts_by_area
from chuangye.web.viewstate import ViewState

PAGE = "certification"


def register(app: Dash, services: Services) -> None:
    def url_region(value: str) -> str:
        """The dropdown's value as the URL writes it: "" for the province (the view's default region)."""
        return "" if value == pipeline_for(services.analytics()).province else value

    def submissions_of_year(city: str | None, year: int, lang: str) -> list:
        """The year's deadlines and the open and late submissions of the cities, or of the chosen city's
        counties and the city itself (those the user may see)."""
        an = services.analytics()
        areas = [city, *an.regions.children(city)] if city else list(pipeline_for(an).cities["region_code"])
        counts = counts_by_area(services, areas, year)
        names = {code: an.region_name(code, lang) for code in counts["region_code"]}
        deadlines = deadline_text(an.cfg.certification_cycle, year, lang)
        return submissions_block(deadlines, submission_items(counts, names, lang), lang)

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "title": Output(ids.TITLE, "children"),
            "hint": Output(ids.HINT, "children"),
            "submissions": Output(ids.SUBMISSIONS, "children"),
            "empty": Output(ids.EMPTY, "children"),
            "empty_open": Output(ids.EMPTY, "is_open"),
            "body_hidden": Output(ids.BODY, "hidden"),
            "summary": Output(ids.SUMMARY, "children"),
            "funnel_title": Output(ids.FUNNEL_TITLE, "children"),
            "funnel": Output(ids.FUNNEL, "figure"),
            "bar": Output(ids.BAR, "figure"),
            "rows": Output(ids.TABLE, "rowData"),
            "table_options": Output(ids.TABLE, "dashGridOptions"),  # the chosen city's own row, pinned on top
            "columns": Output(ids.TABLE, "columnDefs"),
            "table_title": Output(ids.TABLE_TITLE, "children"),
            "issue_rows": Output(ids.ISSUES, "rowData"),
            "issue_columns": Output(ids.ISSUES, "columnDefs"),
            "issues_title": Output(ids.ISSUES_TITLE, "children"),
            "issues_count": Output(ids.ISSUES_COUNT, "children"),
            "city": Output(ids.CITY, "value"),
            "menus": [Output(chart_menu_id(graph_id), "style") for graph_id in ids.GRAPHS],
            "downloads_hidden": [Output(ids.DOWNLOADS[grid], "hidden") for grid in ids.GRIDS],
        },
        inputs={"shown_city": State(ids.CITY, "value"), "shown_columns": State(ids.TABLE, "columnDefs")},
    )
    def update_certification(state: ViewState, shown_city: str | None, shown_columns: list[dict] | None) -> dict:
        an = services.analytics()
        lang, year = state.lang, state.year
        pipe = pipeline_for(an)
        city = an.regions.city_of(state.region)  # None for the province ("") and codes outside any city
        chosen = city or pipe.province
        city_value = no_update if shown_city == chosen else chosen
        rounds = pipe.round_years
        submissions = submissions_of_year(city, year, lang)
        allowed = may_export(subject_code(state, an), an)  # the server's check on the same subject
        offers = {
            "menus": [export_menu_style(allowed)] * len(ids.GRAPHS),
            "downloads_hidden": [not allowed] * len(ids.GRIDS),
        }
        if year not in rounds:
            # the round's figures and tables are hidden and keep what they showed
            return {
                "title": t("page_certification", lang),
                "hint": "",
                "submissions": submissions,
                "empty": empty_state(year, rounds, an.cfg.base_year, lang),
                "empty_open": True,
                "body_hidden": True,
                "city": city_value,
                **offers,
            }

        scope = an.region_name(chosen, lang)
        totals = pipe.funnel(year, state.unit_type, city)
        issues = pipe.issue_list(year, state.unit_type, city)
        rows, pinned, level = area_table(pipe, year, state.unit_type, city, lang)
        by = "county_code" if city else "city_code"
        columns = area_columns(lang, level)
        # the grids' columns are sent again only when the language or the level (cities/counties) changed
        table_options = Patch()
        table_options["pinnedTopRowData"] = pinned
        same_columns = bool(shown_columns) and shown_columns[0].get("headerName") == columns[0]["headerName"]
        table_title = t("cert_table_title", lang) if city is None else t("cert_table_title_city", lang, city=scope)
        return {
            "title": t("cert_title", lang, year=year, type=t(f"type_{state.unit_type}", lang)),
            "hint": round_hint(an.cfg.certification_cycle, year, lang),
            "submissions": submissions,
            "empty_open": False,
            "body_hidden": False,
            "summary": summary_text(scope, totals, len(issues), lang),
            "funnel_title": charts.funnel_heading(an, state),
            "funnel": charts.funnel(an, state),
            "bar": charts.city_bars(an, state),
            "rows": rows,
            "table_options": table_options,
            "columns": no_update if same_columns else columns,
            "table_title": table_title,
            "issue_rows": issue_rows(issues, {c: an.region_name(c, lang) for c in issues[by].unique()}, lang, by=by),
            "issue_columns": no_update if same_columns else issue_columns(lang, level),
            "issues_title": t("cert_issues_title", lang, scope=scope),
            "issues_count": t("cert_issues_count", lang, n=len(issues)) if len(issues) else t("cert_issues_none", lang),
            "city": city_value,
            **offers,
        }

    @page_callback(
        app,
        services,
        PAGE,
        output={"href": Output(URL_ID, "href", allow_duplicate=True)},
        inputs={"value": Input(ids.CITY, "value")},
        url_trigger=False,
        prevent_initial_call=True,
    )
    def city_filter_to_url(state: ViewState, value: str | None) -> dict:
        if not value:
            raise PreventUpdate
        an = services.analytics()
        if value == (an.regions.city_of(state.region) or pipeline_for(an).province):
            raise PreventUpdate  # the URL already shows this city (or a county inside it), or the province
        return {"href": state.href(region=url_region(value))}

    @page_callback(
        app,
        services,
        PAGE,
        output={"href": Output(URL_ID, "href", allow_duplicate=True)},
        inputs={"click": Input(ids.BAR, "clickData")},
        url_trigger=False,
        prevent_initial_call=True,
    )
    def city_from_bar(state: ViewState, click: dict | None) -> dict:
        if not click or not click.get("points"):
            raise PreventUpdate
        code = click["points"][0].get("customdata")
        an = services.analytics()
        if code not in set(pipeline_for(an).cities["region_code"]):
            raise PreventUpdate
        # a second click on the chosen city goes back to the whole province
        return {"href": state.href(region="" if an.regions.city_of(state.region) == code else code)}

    for grid in ids.GRIDS:
        register_quick_filter(app, services, PAGE, grid, ids.search(grid), allow_duplicate=True)
