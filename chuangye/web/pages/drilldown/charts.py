"""The drill-down page's exports: its map (the children of a province or city coloured by coverage, or a
county's units), drawn by its callbacks and rebuilt by a chart export, and the size of its children table."""

from __future__ import annotations

import pandas as pd

from chuangye.engine.drilldown import CountyLayout, DrillData, DrillTarget, drill_data
from chuangye.engine.manager import Analytics
from chuangye.figures.drilldown import county_map, region_map
from chuangye.web.downloads.exportable import Chart, Grid, leaf_columns
from chuangye.web.pages.drilldown import ids
from chuangye.web.pages.drilldown.layout import map_title, table_columns, table_rows
from chuangye.web.viewstate import ViewState


def county_figure(
    data: DrillData,
    target: DrillTarget,
    state: ViewState,
    layout: CountyLayout | None = None,
    units: pd.DataFrame | None = None,
) -> dict:
    """A county's units on their cells (the towns' names on them), the selected one outlined."""
    layout = data.county_layout(target.region) if layout is None else layout
    if units is None:
        units = data.unit_states(target.region, state.year, state.unit_type, state.lang)
    towns = data.unit_names(state.lang).reindex(layout.cells["code"]).dropna()
    return county_map(layout, units, state.unit_type, target.unit, state.lang, towns.to_dict())


def region_figure(
    an: Analytics, data: DrillData, target: DrillTarget, state: ViewState, frame: pd.DataFrame | None = None
) -> dict:
    """The children of the province or a city, coloured by coverage against the goal."""
    if frame is None:
        frame = data.region_children(target, state.year, state.unit_type, state.basis, state.lang)
    return region_map(target.level, frame, an.cfg.goals[state.unit_type], state.lang)


def drill_map(an: Analytics, state: ViewState) -> dict:
    data = drill_data(an)
    target = data.resolve(state.region, state.unit)
    if target.level == "county":
        return county_figure(data, target, state)
    return region_figure(an, data, target, state)


def map_heading(an: Analytics, state: ViewState) -> str:
    data = drill_data(an)
    return map_title(data, data.resolve(state.region, state.unit), state)


def table_size(an: Analytics, state: ViewState) -> tuple[int, int]:
    data = drill_data(an)
    target = data.resolve(state.region, state.unit)
    columns = table_columns(target, state, len(an.cfg.core_indicators))
    return len(table_rows(data, target, state)), leaf_columns(columns)


def charts(an: Analytics) -> dict[str, Chart]:
    return {ids.MAP: Chart("drilldown-map", drill_map, map_heading)}


def grids(an: Analytics) -> dict[str, Grid]:
    return {ids.GRID: Grid(table_size)}
