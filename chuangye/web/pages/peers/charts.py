"""The peer comparison's exports: the subject among its peers per unit type and the pass shares of the core
indicators (drawn by its callbacks, rebuilt by a chart export), and the size of its table of lagging parts."""

from __future__ import annotations

import pandas as pd

from chuangye.data.schema import UNIT_TYPES
from chuangye.engine.manager import Analytics
from chuangye.engine.peers import (
    MAX_UNIT_ROWS,
    Subject,
    coverage_of,
    indicator_comparison_for,
    lagging_counties_for,
    lagging_units_for,
    peer_values,
)
from chuangye.figures.peers import pass_share_bars, peer_bars
from chuangye.strings.i18n import t
from chuangye.web.access import peer_subject
from chuangye.web.downloads.exportable import Chart, Grid, figure_dict, leaf_columns
from chuangye.web.pages.peers import ids
from chuangye.web.pages.peers.layout import county_columns, county_rows, unit_columns, unit_rows
from chuangye.web.viewstate import ViewState


def subject_of(an: Analytics, state: ViewState) -> Subject:
    return peer_subject(an, state.region)


def province_coverage(an: Analytics, state: ViewState) -> pd.DataFrame:
    """The province's coverage by unit type in the view's year (the reference line of the peer charts)."""
    return coverage_of(an, state.basis, state.year, region=an.regions.root).set_index("unit_type")


def peer_chart(
    an: Analytics,
    state: ViewState,
    unit_type: str,
    subject: Subject | None = None,
    every_type: pd.DataFrame | None = None,
    province: pd.DataFrame | None = None,
) -> dict:
    """The subject's peers (cities, or counties) by coverage of one unit type, the goal and the province."""
    subject = subject_of(an, state) if subject is None else subject
    if every_type is None:
        every_type = peer_values(an, subject, state.basis, state.year, None, state.lang)
    province = province_coverage(an, state) if province is None else province
    peers = every_type[every_type["unit_type"] == unit_type]
    province_value = float(province.at[unit_type, "coverage"]) if unit_type in province.index else None
    return figure_dict(peer_bars(peers, subject.code, an.cfg.goals[unit_type], province_value, state.lang))


def peer_heading(an: Analytics, state: ViewState, unit_type: str) -> str:
    level = t(f"peers_level_{subject_of(an, state).level}", state.lang)
    return t("peers_chart_title", state.lang, type=t(f"type_{unit_type}", state.lang), level=level)


def indicator_comparison(an: Analytics, state: ViewState, subject: Subject | None = None) -> pd.DataFrame:
    subject = subject_of(an, state) if subject is None else subject
    return indicator_comparison_for(an, subject, state.basis, state.year, state.unit_type)


def pass_share(
    an: Analytics, state: ViewState, subject: Subject | None = None, comparison: pd.DataFrame | None = None
) -> dict:
    """The share of the subject's units passing each core indicator's threshold, beside its peers'."""
    subject = subject_of(an, state) if subject is None else subject
    comparison = indicator_comparison(an, state, subject) if comparison is None else comparison
    return figure_dict(pass_share_bars(comparison, an.region_name(subject.code, state.lang), state.lang))


def pass_share_heading(an: Analytics, state: ViewState) -> str:
    return t("peers_pass_share_title", state.lang)


def children_table(an: Analytics, state: ViewState) -> tuple[list[dict], list[dict], int]:
    """The lagging counties of a city, or the lagging units of a county: column definitions, rows shown (the
    units capped at ``MAX_UNIT_ROWS``) and the number of rows there are."""
    subject = subject_of(an, state)
    if subject.level == "city":
        counties = lagging_counties_for(an, subject.code, state.basis, state.year, state.unit_type)
        return county_columns(state.lang), county_rows(counties, an, state.lang), len(counties)
    units = lagging_units_for(an, subject.code, state.basis, state.year, state.unit_type)
    return unit_columns(state.lang), unit_rows(units.head(MAX_UNIT_ROWS), an, state.lang), len(units)


def children_size(an: Analytics, state: ViewState) -> tuple[int, int]:
    columns, rows, _ = children_table(an, state)
    return len(rows), leaf_columns(columns)


def charts(an: Analytics) -> dict[str, Chart]:
    registry = {
        ids.chart(ut): Chart(
            f"peers-{ut}",
            lambda an, s, ut=ut: peer_chart(an, s, ut),
            lambda an, s, ut=ut: peer_heading(an, s, ut),
            unit_type=ut,
        )
        for ut in UNIT_TYPES
    }
    registry[ids.PASS_SHARE] = Chart(ids.PASS_SHARE, pass_share, pass_share_heading)
    return registry


def grids(an: Analytics) -> dict[str, Grid]:
    return {ids.GRID: Grid(children_size)}
