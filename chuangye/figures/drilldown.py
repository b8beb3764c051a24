"""Drill-down figures: the coverage map of a region's children and the county map of units.

Province and city levels reuse :func:`chuangye.figures.maps.coverage_choropleth` (MapLibre, white
background). The county level is a cartesian figure on lon/lat (MapLibre cannot draw marker symbols or text
offline): county outline, town cells, the units as markers coloured AND shaped by their state, a legend.

Both come with an ``*_updates`` function listing what a year/type/basis change alters, as
``(path, value)`` pairs (``path`` = keys into the figure dict), so a callback can send a ``dash.Patch``
instead of the geometry; the full figures are built by applying the same updates, so the two never differ.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd
import shapely

from chuangye.engine.drilldown import INACTIVE, CountyLayout
from chuangye.figures.maps import (
    choropleth_values,
    coverage_choropleth,
    coverage_scale,
    subset_geojson,
)
from chuangye.figures.style import (
    FONT_FAMILY,
    UNIT_STATE_COLORS,
    UNIT_STATE_SYMBOLS,
    UNIT_STATES,
)
from chuangye.strings.i18n import t

Update = tuple[tuple[object, ...], object]

COUNTY_HEIGHT = 560  # the map's height on a desktop (px)
MAP_WIDTH_GUESS = 640  # the browser refits the zoom to the map's real width (layout.meta.bounds)
UNIT_STATE_MARKS: dict[str, str] = {"certified": "✔", "meets": "◆", "below": "▽", "no_data": "✕", INACTIVE: "○"}
_INACTIVE_COLOR = "#cccccc"
_MARKER_SIZE = {"street_town": 12, "community_village": 8, "park": 14}
_CELL_LINE = "#8a8f98"
_CONTEXT_FILL = "rgba(236, 238, 241, 0.6)"
_DIGITS = 5  # about a metre: enough for a map, small on the wire


# ------------------------------------------------------------------------------ province and city levels


def region_map(level: str, frame: pd.DataFrame, goal: float, lang: str) -> dict:
    """The children of a province (cities) or a city (county-level areas) coloured by coverage.

    ``frame``: rows of ``DrillData.region_children`` (with ``is_stat_zone``). Statistical development
    zones get their own trace after the counties so they lie on top of their host county and stay clickable.
    ``layout.meta.bounds`` carries the regions' lon/lat box so the browser can refit the zoom to its width.
    """
    child_level = "city" if level == "province" else "county"
    main, zones = _split_zones(frame)
    main_codes, zone_codes = tuple(main["region_code"]), tuple(zones["region_code"])
    skeleton = _region_skeleton(child_level, main_codes, zone_codes, lang)
    figure = {"data": [dict(trace) for trace in skeleton["data"]], "layout": copy.deepcopy(skeleton["layout"])}
    figure["data"][0]["geojson"] = _geojson(child_level, main_codes)
    if zone_codes:
        figure["data"][1]["geojson"] = _geojson(child_level, zone_codes)
    return _apply(figure, region_map_updates(frame, goal, lang))


def region_map_updates(frame: pd.DataFrame, goal: float, lang: str) -> list[Update]:
    """Values, hover text and the colour range of the region map: what a recolour sends."""
    main, zones = _split_zones(frame)
    scale = coverage_scale(choropleth_values(frame, lang)["z"], goal, lang)
    updates: list[Update] = []
    for index, part in enumerate((main, zones)):
        if index == 1 and part.empty:
            break
        for key, value in choropleth_values(part, lang).items():
            updates.append((("data", index, key), value))
        for key in ("zmin", "zmax", "zmid"):
            updates.append((("data", index, key), scale[key]))
    updates.append((("data", 0, "colorbar"), scale["colorbar"]))
    return updates


@lru_cache(maxsize=64)
def _geojson(level: str, codes: tuple[str, ...]) -> dict:
    return subset_geojson(level, codes)


@lru_cache(maxsize=64)
def _region_skeleton(level: str, main: tuple[str, ...], zones: tuple[str, ...], lang: str) -> dict:
    """Everything of the region map but the geometry and the values (built with plotly once per view)."""
    geojson = _geojson(level, main)
    empty = pd.DataFrame(columns=["region_code", "region_name", "coverage", "goal", "gap_points", "gap_units"])
    fig = coverage_choropleth(geojson, empty, 0.0, lang, height=COUNTY_HEIGHT, width=MAP_WIDTH_GUESS)
    trace = {k: v for k, v in fig.data[0].to_plotly_json().items() if k != "geojson"}
    traces = [trace]
    if zones:
        zone_trace = {k: v for k, v in trace.items() if k != "colorbar"}
        zone_trace.update(showscale=False, marker={"line": {"width": 1.6, "color": "#222"}, "opacity": 0.95})
        traces.append(zone_trace)
    layout = fig.layout.to_plotly_json()
    layout["hoverlabel"] = {"font": {"family": FONT_FAMILY}, "align": "left"}
    bounds = shapely.GeometryCollection([shapely.geometry.shape(f["geometry"]) for f in geojson["features"]]).bounds
    layout.pop("height", None)  # the page sizes the map (taller on a desktop than on a phone)
    layout["meta"] = {"bounds": [round(b, 4) for b in bounds] if geojson["features"] else [116.3, 30.7, 121.9, 35.2]}
    return {"data": traces, "layout": layout}


def _split_zones(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    zone = frame["is_stat_zone"].astype(bool) if "is_stat_zone" in frame else pd.Series(False, index=frame.index)
    return frame[~zone], frame[zone]


# ------------------------------------------------------------------------------ county level


def state_label(state: str, lang: str) -> str:
    return t(f"dd_state_{state}", lang)


def county_map(
    layout: CountyLayout,
    units: pd.DataFrame,
    unit_type: str,
    selected: str | None,
    lang: str,
) -> dict:
    """The county with its units of one type, coloured and shaped by state, as a plotly figure dict.

    ``units``: rows of ``DrillData.unit_states`` for the county, year and type (order fixed by county and
    type). Trace order: outline, one trace per town cell, zone outlines, units, the selection ring, then one
    legend entry per state.
    """
    positions = layout.positions.reindex(units["unit_code"])
    xs, ys = positions["x"].to_numpy(dtype="float64"), positions["y"].to_numpy(dtype="float64")
    traces: list[dict] = [_outline_trace(layout.outline)]
    for geometry in layout.cells.geometry:
        cx, cy = _rings(geometry, holes=False)  # a filled hole would cover the area inside it
        traces.append(
            {
                "type": "scatter",
                "x": cx,
                "y": cy,
                "mode": "lines",
                "fill": "toself",
                "fillcolor": _CONTEXT_FILL,
                "line": {"color": _CELL_LINE, "width": 0.6},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    zx, zy = _rings(shapely.union_all(list(layout.zones.geometry))) if len(layout.zones) else ([], [])
    traces.append(
        {
            "type": "scatter",
            "x": zx,
            "y": zy,
            "mode": "lines",
            "line": {"color": "#333", "width": 1.2, "dash": "dash"},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    )
    town = [f"{name}<br>" if isinstance(name, str) and name else "" for name in units["township_name"]]
    traces.append(
        {
            "type": "scatter",
            "x": _round(xs),
            "y": _round(ys),
            "mode": "markers",
            "customdata": [[c, n, w] for c, n, w in zip(units["unit_code"], units["name"], town, strict=True)],
            "hovertemplate": (
                "<b>%{customdata[1]}</b> %{customdata[0]}<br>%{customdata[2]}%{text}<br>"
                + t("dd_core_met", lang)
                + ": %{hovertext}<extra></extra>"
            ),
            "marker": {"size": _MARKER_SIZE.get(unit_type, 9), "line": {"width": 1, "color": "#ffffff"}},
            "showlegend": False,
            "name": "units",
        }
    )
    traces.append(
        {
            "type": "scatter",
            "x": [],
            "y": [],
            "mode": "markers",
            "marker": {"symbol": "circle-open", "size": 26, "color": "#111", "line": {"width": 3}},
            "hoverinfo": "skip",
            "showlegend": False,
            "name": "selected",
        }
    )
    for state in UNIT_STATES:
        traces.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "markers",
                "marker": {
                    "symbol": UNIT_STATE_SYMBOLS[state],
                    "color": UNIT_STATE_COLORS[state],
                    "size": 11,
                    "line": {"width": 1.5, "color": UNIT_STATE_COLORS[state]},
                },
                "name": state_label(state, lang),
                "hoverinfo": "skip",
                "showlegend": True,
            }
        )
    x0, y0, x1, y1 = layout.outline.bounds if not layout.outline.is_empty else (118, 31, 119, 32)
    pad_x, pad_y = (x1 - x0) * 0.03 + 1e-3, (y1 - y0) * 0.03 + 1e-3
    mid_lat = math.radians((y0 + y1) / 2)
    annotations = [
        {
            "x": zone.geometry.centroid.x,
            "y": zone.geometry.centroid.y,
            "text": zone["name"],
            "showarrow": False,
            "font": {"size": 11, "color": "#333"},
            "bgcolor": "rgba(255,255,255,0.75)",
            "hovertext": t("dd_zone_hover", lang, name=zone["name"]),
        }
        for _, zone in layout.zones.iterrows()
    ]
    if layout.synthetic:
        annotations.append(
            {
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 1,
                "xanchor": "left",
                "yanchor": "top",
                "text": t("dd_synthetic_short", lang),
                "showarrow": False,
                "font": {"size": 11, "color": "#555"},
                "bgcolor": "rgba(255,255,255,0.85)",
            }
        )
    figure = {
        "data": traces,
        "layout": {
            "font": {"family": FONT_FAMILY, "size": 13, "color": "#222"},
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "margin": {"l": 4, "r": 4, "t": 4, "b": 4},
            "xaxis": {"visible": False, "range": [x0 - pad_x, x1 + pad_x], "fixedrange": False},
            "yaxis": {
                "visible": False,
                "range": [y0 - pad_y, y1 + pad_y],
                "scaleanchor": "x",
                "scaleratio": 1 / math.cos(mid_lat),
            },
            "legend": {
                "orientation": "h",
                "x": 0,
                "y": 0,
                "yanchor": "top",
                "xanchor": "left",
                "itemclick": False,
                "itemdoubleclick": False,
                "font": {"size": 12},
            },
            "hovermode": "closest",
            "hoverlabel": {"font": {"family": FONT_FAMILY}, "align": "left"},
            "dragmode": False,
            "annotations": annotations,
            "separators": ".,",
        },
    }
    return _apply(figure, county_map_updates(layout, units, unit_type, selected, lang))


def county_map_updates(
    layout: CountyLayout, units: pd.DataFrame, unit_type: str, selected: str | None, lang: str
) -> list[Update]:
    """Colours, symbols, hover text, cell fills, legend counts and the selection ring of the county map."""
    n_cells = len(layout.cells)
    unit_trace = n_cells + 2
    states = units["state"].tolist()
    updates: list[Update] = []
    if unit_type == "street_town":
        state_of = dict(zip(units["unit_code"], states, strict=True))
        for i, code in enumerate(layout.cells["code"]):
            state = state_of.get(code)
            fill = _fill(state) if state else _CONTEXT_FILL
            updates.append((("data", 1 + i, "fillcolor"), fill))
    colors = [UNIT_STATE_COLORS.get(s, _INACTIVE_COLOR) for s in states]
    symbols = [UNIT_STATE_SYMBOLS.get(s, "circle-open") for s in states]
    text = []
    for state, year in zip(states, units["certified_year"], strict=True):
        label = f"{UNIT_STATE_MARKS[state]} {state_label(state, lang)}"
        if state == "certified" and not pd.isna(year):
            label += f" ({int(year)})"
        text.append(label)
    core = zip(units["n_core_passed"], units["n_core"], strict=True)
    passed = ["—" if pd.isna(p) else f"{int(p)}/{int(n)}" for p, n in core]
    updates += [
        (("data", unit_trace, "marker", "color"), colors),
        (("data", unit_trace, "marker", "symbol"), symbols),
        (("data", unit_trace, "marker", "line", "color"), [_line_color(s) for s in states]),
        (("data", unit_trace, "text"), text),
        (("data", unit_trace, "hovertext"), passed),
    ]
    sx: list[float] = []
    sy: list[float] = []
    if selected is not None and selected in layout.positions.index and (units["unit_code"] == selected).any():
        sx = [round(float(layout.positions.at[selected, "x"]), _DIGITS)]
        sy = [round(float(layout.positions.at[selected, "y"]), _DIGITS)]
    updates += [(("data", unit_trace + 1, "x"), sx), (("data", unit_trace + 1, "y"), sy)]
    counts = pd.Series(states).value_counts()
    for i, state in enumerate(UNIT_STATES):
        name = f"{state_label(state, lang)} {int(counts.get(state, 0))}"
        updates.append((("data", unit_trace + 2 + i, "name"), name))
    return updates


def _line_color(state: str) -> str:
    if state in ("no_data", INACTIVE):  # open / line symbols are drawn with their line colour
        return UNIT_STATE_COLORS.get(state, _INACTIVE_COLOR)
    return "#ffffff"


def _fill(state: str) -> str:
    color = UNIT_STATE_COLORS.get(state, _INACTIVE_COLOR)
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    alpha = 0.15 if state == INACTIVE else 0.42
    return f"rgba({r}, {g}, {b}, {alpha})"


def _outline_trace(outline: shapely.Geometry) -> dict:
    x, y = _rings(outline)
    return {
        "type": "scatter",
        "x": x,
        "y": y,
        "mode": "lines",
        "line": {"color": "#333", "width": 1.6},
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _rings(geometry: shapely.Geometry, *, holes: bool = True) -> tuple[list[float | None], list[float | None]]:
    """Exterior (and interior) rings of a (multi)polygon as x, y lists separated by None."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    if geometry is None or geometry.is_empty:
        return xs, ys
    for polygon in _polygons(geometry):
        for ring in (polygon.exterior, *(polygon.interiors if holes else ())):
            coords = np.round(np.asarray(ring.coords)[:, :2], _DIGITS)
            if xs:
                xs.append(None)
                ys.append(None)
            xs.extend(coords[:, 0].tolist())
            ys.extend(coords[:, 1].tolist())
    return xs, ys


def _polygons(geometry: shapely.Geometry) -> Iterable[shapely.Polygon]:
    for part in shapely.get_parts(geometry):
        if part.geom_type == "Polygon":
            yield part
        elif part.geom_type in ("MultiPolygon", "GeometryCollection"):
            yield from _polygons(part)


def _round(values: np.ndarray) -> list[float | None]:
    return [None if np.isnan(v) else round(float(v), _DIGITS) for v in values]


def _apply(figure: dict, updates: list[Update]) -> dict:
    """Write each update into the figure dict (what a Patch does in the browser)."""
    for path, value in updates:
        node = figure
        for key in path[:-1]:
            node = node.setdefault(key, {}) if isinstance(node, dict) else node[key]
        node[path[-1]] = value
    return figure
