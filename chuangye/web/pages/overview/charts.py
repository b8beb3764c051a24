"""The overview's charts, drawn by its callbacks and rebuilt by a chart export (web/downloads/): a trend and a
city ranking per unit type, and the city map of the chosen unit type.

Before the data's first certification round (on the certified basis) the ranking and the map show the baseline
meeting the standard by indicators instead of zeros (``no_round_yet``), under their own titles."""

from __future__ import annotations

import pandas as pd

from chuangye.data.schema import UNIT_TYPES
from chuangye.engine.manager import Analytics
from chuangye.figures.maps import coverage_map
from chuangye.figures.overview import ranking_figure, trend_figure
from chuangye.strings.i18n import t
from chuangye.web.downloads.exportable import Chart, Grid, figure_dict
from chuangye.web.pages.overview import ids
from chuangye.web.viewstate import ViewState

TREND_COLUMNS = ["unit_type", "year", "coverage", "goal", "observed_pace", "projected_coverage_target"]
RANKING_COLUMNS = ["region_code", "unit_type", "coverage", "goal", "status", "gap_units"]
MAP_HEIGHT, MAP_WIDTH = 460, 340


# ------------------------------------------------------------------------------------------ frames


def province_series(an: Analytics, state: ViewState) -> pd.DataFrame:
    """The province's coverage by year and unit type (what the trends draw)."""
    return an.coverage(basis=state.basis, region=an.regions.root)[TREND_COLUMNS]


def no_round_yet(state: ViewState, an: Analytics) -> tuple[bool, int | None]:
    """Whether the view is on the certified basis in a year before the data's first certification round (when
    certified coverage is 0 only because nothing could be certified yet), and that first round's year."""
    first = an.first_round
    return state.basis == "certified" and (first is None or state.year < first), first


def shown_basis(an: Analytics, state: ViewState) -> str:
    """The basis the ranking and the map show: the baseline meeting the standard before any round."""
    return "meets" if no_round_yet(state, an)[0] else state.basis


def city_standing(an: Analytics, state: ViewState, unit_type: str | None = None) -> pd.DataFrame:
    """The cities' coverage in the view's year (one unit type, or all) on the basis shown, with their names."""
    basis = shown_basis(an, state)
    cities = an.coverage(basis=basis, level="city", year=state.year, unit_type=unit_type, parent=an.regions.root)
    return cities.assign(region_name=an.region_names_for(cities["region_code"], state.lang))


# ------------------------------------------------------------------------------------------ figures


def trend(an: Analytics, state: ViewState, unit_type: str, province: pd.DataFrame | None = None) -> dict:
    province = province_series(an, state) if province is None else province
    return figure_dict(trend_figure(province, unit_type, state.year, an.cfg.target_year, state.lang))


def ranking(an: Analytics, state: ViewState, unit_type: str, cities: pd.DataFrame | None = None) -> dict:
    cities = city_standing(an, state)[[*RANKING_COLUMNS, "region_name"]] if cities is None else cities
    return figure_dict(ranking_figure(cities, unit_type, state.lang))


def city_map(an: Analytics, state: ViewState, cities: pd.DataFrame | None = None) -> dict:
    cities = city_standing(an, state, state.unit_type) if cities is None else cities
    goal = an.cfg.goals[state.unit_type]
    return figure_dict(coverage_map("province", cities, goal, state.lang, width=MAP_WIDTH, height=MAP_HEIGHT))


# ------------------------------------------------------------------------------------------ titles


def trend_heading(an: Analytics, state: ViewState) -> str:
    return t("ov_trend_title", state.lang, target=an.cfg.target_year)


def ranking_heading(an: Analytics, state: ViewState) -> str:
    key = "base_ranking_title" if no_round_yet(state, an)[0] else "ov_ranking_title"
    return t(key, state.lang, year=state.year)


def map_heading(an: Analytics, state: ViewState) -> str:
    key = "base_map_title" if no_round_yet(state, an)[0] else "ov_map_title"
    return t(key, state.lang, year=state.year, type=t(f"type_{state.unit_type}", state.lang))


# ------------------------------------------------------------------------------------------ registry


def charts(an: Analytics) -> dict[str, Chart]:
    registry: dict[str, Chart] = {}
    for ut in UNIT_TYPES:
        registry[ids.trend(ut)] = Chart(
            f"trend-{ut}", lambda an, s, ut=ut: trend(an, s, ut), trend_heading, f"type_{ut}", ut
        )
        registry[ids.ranking(ut)] = Chart(
            f"ranking-{ut}", lambda an, s, ut=ut: ranking(an, s, ut), ranking_heading, f"type_{ut}", ut, shown_basis
        )
    registry[ids.MAP] = Chart("city-map", city_map, map_heading, basis=shown_basis)
    return registry


def grids(an: Analytics) -> dict[str, Grid]:
    return {}
