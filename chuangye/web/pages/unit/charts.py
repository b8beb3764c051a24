"""The unit scorecard's exports: one history chart per core indicator (drawn by its callbacks, rebuilt by a
chart export) and the size of its table of indicator values by year."""

from __future__ import annotations

import pandas as pd

from chuangye.engine.manager import Analytics
from chuangye.engine.scorecard import indicator_history_for
from chuangye.figures.scorecard import indicator_history_figure
from chuangye.strings.i18n import t
from chuangye.web.downloads.exportable import Chart, Grid, NothingToExport, figure_dict, leaf_columns
from chuangye.web.pages.unit import ids
from chuangye.web.pages.unit.layout import grid_columns, grid_rows, shown_history
from chuangye.web.viewstate import ViewState


def history(an: Analytics, state: ViewState) -> pd.DataFrame:
    """The chosen unit's indicators by year; ``NothingToExport`` when the URL names no known unit (the page
    then shows suggestions, not the scorecard)."""
    if not state.unit or an.unit_row(state.unit) is None:
        raise NothingToExport(state.unit)
    return shown_history(indicator_history_for(an, state.unit))  # rounded as the grid shows it: the charts print


def indicator_chart(an: Analytics, state: ViewState, indicator: str, rows: pd.DataFrame | None = None) -> dict:
    """One core indicator of the unit by year against its threshold, the view's year shaded."""
    rows = history(an, state) if rows is None else rows
    chosen = rows[rows["indicator"] == indicator]
    return figure_dict(indicator_history_figure(chosen, state.lang, selected_year=state.year))


def figures_heading(an: Analytics, state: ViewState) -> str:
    return t("unit_figures_title", state.lang, first=min(an.years), last=max(an.years))


def table_size(an: Analytics, state: ViewState) -> tuple[int, int]:
    try:
        rows = grid_rows(history(an, state), state.lang)
    except NothingToExport:
        rows = []
    return len(rows), leaf_columns(grid_columns(state.lang))


def charts(an: Analytics) -> dict[str, Chart]:
    return {
        ids.figure(code): Chart(f"unit-{code}", lambda an, s, code=code: indicator_chart(an, s, code), figures_heading)
        for code in an.cfg.core_indicators
    }


def grids(an: Analytics) -> dict[str, Grid]:
    return {ids.GRID: Grid(table_size)}
