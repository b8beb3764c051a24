"""The certification page's exports: the round's funnel and the cities' certified units against their targets
(drawn by its callback, rebuilt by a chart export), and the sizes of its two grids."""

from __future__ import annotations

from chuangye.engine.manager import Analytics
from chuangye.engine.pipeline import pipeline_for
from chuangye.figures.funnel import certified_vs_target, pipeline_funnel
from chuangye.strings.i18n import t
from chuangye.web.downloads.exportable import Chart, Grid, NothingToExport, figure_dict, leaf_columns
from chuangye.web.pages.certification import ids
from chuangye.web.pages.certification.layout import BAR_HEIGHT, FUNNEL_HEIGHT, area_columns, issue_columns
from chuangye.web.pages.certification.rows import area_table
from chuangye.web.viewstate import ViewState


def chosen_city(an: Analytics, state: ViewState) -> str | None:
    """The city the view is about (a county's city), or None for the province."""
    return an.regions.city_of(state.region)


def round_year(an: Analytics, state: ViewState) -> int:
    """The view's year when a certification round took place then; ``NothingToExport`` otherwise (the page
    hides its charts and tables and says which rounds there are)."""
    if state.year not in pipeline_for(an).round_years:
        raise NothingToExport(state.year)
    return state.year


def funnel(an: Analytics, state: ViewState) -> dict:
    """Declared → evaluated → reviewed → certified in the round, for the province or the chosen city."""
    totals = pipeline_for(an).funnel(round_year(an, state), state.unit_type, chosen_city(an, state))
    return figure_dict(pipeline_funnel(totals, state.lang, height=FUNNEL_HEIGHT))


def city_bars(an: Analytics, state: ViewState) -> dict:
    """Each city's certified units against its target count, the chosen city marked."""
    table = pipeline_for(an).city_table(round_year(an, state), state.unit_type)
    return figure_dict(certified_vs_target(table, state.lang, selected=chosen_city(an, state), height=BAR_HEIGHT))


def scope_name(an: Analytics, state: ViewState) -> str:
    return an.region_name(chosen_city(an, state) or pipeline_for(an).province, state.lang)


def funnel_heading(an: Analytics, state: ViewState) -> str:
    return t("cert_funnel_title_scope", state.lang, scope=scope_name(an, state))


def bars_heading(an: Analytics, state: ViewState) -> str:
    return t("cert_bar_title", state.lang)


def area_size(an: Analytics, state: ViewState) -> tuple[int, int]:
    try:
        year = round_year(an, state)
    except NothingToExport:
        return 0, 0
    rows, _, level = area_table(pipeline_for(an), year, state.unit_type, chosen_city(an, state), state.lang)
    return len(rows), leaf_columns(area_columns(state.lang, level))


def issues_size(an: Analytics, state: ViewState) -> tuple[int, int]:
    try:
        year = round_year(an, state)
    except NothingToExport:
        return 0, 0
    city = chosen_city(an, state)
    issues = pipeline_for(an).issue_list(year, state.unit_type, city)
    return len(issues), leaf_columns(issue_columns(state.lang, "county" if city else "city"))


def charts(an: Analytics) -> dict[str, Chart]:
    return {
        ids.FUNNEL: Chart("certification-funnel", funnel, funnel_heading),
        ids.BAR: Chart("certified-vs-target", city_bars, bars_heading),
    }


def grids(an: Analytics) -> dict[str, Grid]:
    return {ids.TABLE: Grid(area_size), ids.ISSUES: Grid(issues_size)}
