"""Drill-down figures: the coverage map of a region's children and the county map of units.

Province and city levels draw :func:`chuangye.figures.maps.coverage_map` (MapLibre, white background, the
regions' names on the map). The county level is a cartesian figure on lon/lat (MapLibre cannot draw marker
symbols offline): county outline, town cells named like the regions of the other maps, the units as markers
coloured AND shaped by their state, a legend.

Both come with an ``*_updates`` function listing what a year/type/basis change alters, as
``(path, value)`` pairs (``path`` = keys into the figure dict), so a callback can send a ``dash.Patch``
instead of the geometry; the full figures are built by applying the same updates, so the two never differ.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import shapely

from chuangye.engine.drilldown import INACTIVE, CountyLayout
from chuangye.figures.maps import (
    NameBox,
    Update,
    apply_updates,
    coverage_map,
    coverage_map_updates,
    label_anchors,
    names_clear_of_each_other,
)
from chuangye.figures.style import (
    FONT_FAMILY,
    UNIT_STATE_COLORS,
    UNIT_STATE_SYMBOLS,
    UNIT_STATES,
    plain_text,
)
from chuangye.strings.i18n import t

COUNTY_HEIGHT = 560  # the map's height on a desktop (px)
MAP_WIDTH_GUESS = 640  # the browser refits the zoom to the map's real width (layout.meta.bounds)
UNIT_STATE_MARKS: dict[str, str] = {"certified": "✔", "meets": "◆", "below": "▽", "no_data": "✕", INACTIVE: "○"}
_INACTIVE_COLOR = "#cccccc"
_MARKER_SIZE = {"street_town": 12, "community_village": 8, "park": 14}
_CELL_LINE = "#8a8f98"
_CONTEXT_FILL = "rgba(236, 238, 241, 0.6)"
_DIGITS = 5  # about a metre: enough for a map, small on the wire
TOWN_LABEL_SIZE = 11
# Town names are kept apart for the smallest map the page draws (a phone's, about 330 px square once the
# legend has its row): on a wider screen the same names only have more room.
TOWN_LABEL_PLOT_PX = 330


# ------------------------------------------------------------------------------ province and city levels


def region_map(level: str, frame: pd.DataFrame, goal: float, lang: str) -> dict:
    """The children of a province (cities) or a city (county-level areas) coloured by coverage and named.

    ``frame``: rows of ``DrillData.region_children`` (with ``is_stat_zone``). Statistical development
    zones get their own trace after the counties so they lie on top of their host county and stay clickable.
    """
    return coverage_map(level, frame, goal, lang, width=MAP_WIDTH_GUESS, height=COUNTY_HEIGHT)


def region_map_updates(frame: pd.DataFrame, goal: float, lang: str) -> list[Update]:
    """Values, hover text and the colour range of the region map: what a recolour sends."""
    return coverage_map_updates(frame, goal, lang)


# ------------------------------------------------------------------------------ county level


def state_label(state: str, lang: str) -> str:
    return t(f"dd_state_{state}", lang)


def unit_trace_index(layout: CountyLayout) -> int:
    """The county map's trace of unit markers: after the outline, the town cells, the zone outlines and the
    town names."""
    return len(layout.cells) + 3


def selection_trace_index(layout: CountyLayout) -> int:
    """The county map's ring around the selected unit (what a new selection alone changes)."""
    return unit_trace_index(layout) + 1


def county_map(
    layout: CountyLayout,
    units: pd.DataFrame,
    unit_type: str,
    selected: str | None,
    lang: str,
    town_names: Mapping[str, str] | None = None,
) -> dict:
    """The county with its units of one type, coloured and shaped by state, as a plotly figure dict.

    ``units``: rows of ``DrillData.unit_states`` for the county, year and type (order fixed by county and
    type). ``town_names``: town code → name in ``lang``, written on the town cells (under the markers).
    Trace order: outline, one trace per town cell, zone outlines, town names, units, the selection ring,
    then one legend entry per state.
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
    traces.append(town_labels(layout, town_names or {}, under_markers=unit_type == "street_town"))
    town = [f"{plain_text(name)}<br>" if isinstance(name, str) and name else "" for name in units["township_name"]]
    traces.append(
        {
            "type": "scatter",
            "x": _round(xs),
            "y": _round(ys),
            "mode": "markers",
            "customdata": [
                [c, plain_text(n), w] for c, n, w in zip(units["unit_code"], units["name"], town, strict=True)
            ],
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
    x0, y0, x1, y1 = _view_box(layout)
    mid_lat = math.radians((y0 + y1) / 2)
    annotations = [
        {
            "x": zone.geometry.centroid.x,
            "y": zone.geometry.centroid.y,
            "text": plain_text(zone["name"]),
            "showarrow": False,
            "font": {"size": 11, "color": "#333"},
            "bgcolor": "rgba(255,255,255,0.75)",
            "hovertext": t("dd_zone_hover", lang, name=plain_text(zone["name"])),
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
            "xaxis": {"visible": False, "range": [x0, x1], "fixedrange": False},
            "yaxis": {
                "visible": False,
                "range": [y0, y1],
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
    return apply_updates(figure, county_map_updates(layout, units, unit_type, selected, lang))


def county_map_updates(
    layout: CountyLayout, units: pd.DataFrame, unit_type: str, selected: str | None, lang: str
) -> list[Update]:
    """Colours, symbols, hover text, cell fills, legend counts and the selection ring of the county map."""
    unit_trace = unit_trace_index(layout)
    states = units["state"].tolist()
    updates: list[Update] = []
    if unit_type == "street_town":
        state_of = dict(zip(units["unit_code"], states, strict=True))
        for i, code in enumerate(layout.cells["code"]):  # the cells are traces 1…n
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


def town_labels(layout: CountyLayout, names: Mapping[str, str], *, under_markers: bool = False) -> dict:
    """The towns' names on their cells, largest cell first, each kept only if it clears the names already
    placed on a phone-sized map; white halo. A name sits at its cell's ``maps.label_anchors`` point (the
    placement of every map's names) or, with ``under_markers`` (the towns are the units shown), just under
    its town's marker."""
    cells = {code: geometry for code, geometry in zip(layout.cells["code"], layout.cells.geometry, strict=True)}
    x0, y0, x1, y1 = _view_box(layout)
    ratio = 1 / math.cos(math.radians((y0 + y1) / 2))  # the map's y scale (scaleanchor) against its x scale
    px_x = min(TOWN_LABEL_PLOT_PX / (x1 - x0), TOWN_LABEL_PLOT_PX / ((y1 - y0) * ratio))
    boxes, where = [], []
    for anchor in sorted(label_anchors(cells), key=lambda a: (-a.share, a.code)):
        name = names.get(anchor.code)
        if not name:
            continue
        if under_markers and anchor.code in layout.positions.index:
            x, y = (float(v) for v in layout.positions.loc[anchor.code, ["x", "y"]])
            boxes.append(NameBox(str(name), x, y, drop_px=_MARKER_SIZE["street_town"] / 2))
            where.append("bottom center")
        else:
            boxes.append(NameBox(str(name), anchor.x, anchor.y))
            where.append("middle center")
    keep = names_clear_of_each_other(boxes, px_x, px_x * ratio, TOWN_LABEL_SIZE)
    shown = [(box, position) for box, position, ok in zip(boxes, where, keep, strict=True) if ok]
    return {
        "type": "scatter",
        "x": [round(box.x, _DIGITS) for box, _ in shown],
        "y": [round(box.y, _DIGITS) for box, _ in shown],
        # invisible markers of the towns' size: plotly sets a name under a marker off by the marker's radius
        "mode": "markers+text",
        "marker": {"size": _MARKER_SIZE["street_town"], "opacity": 0},
        "text": [plain_text(box.text) for box, _ in shown],
        "textposition": [position for _, position in shown],
        "textfont": {"size": TOWN_LABEL_SIZE, "color": "#333", "shadow": "0 0 2px #fff, 0 0 3px #fff"},
        "hoverinfo": "skip",
        "showlegend": False,
        "name": "towns",
    }


def _view_box(layout: CountyLayout) -> tuple[float, float, float, float]:
    """The county map's x and y ranges: the outline's box with a 3 % margin."""
    x0, y0, x1, y1 = layout.outline.bounds if not layout.outline.is_empty else (118, 31, 119, 32)
    pad_x, pad_y = (x1 - x0) * 0.03 + 1e-3, (y1 - y0) * 0.03 + 1e-3
    return x0 - pad_x, y0 - pad_y, x1 + pad_x, y1 + pad_y


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
