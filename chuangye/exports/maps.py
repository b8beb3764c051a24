"""A print map: regions drawn as filled vector polygons on plain axes, coloured by coverage, named.

The dashboard's map (``go.Choroplethmap``) is drawn by MapLibre through WebGL: in a headless browser that
takes about 2 s per image, and in SVG/PDF it becomes an embedded bitmap. For reports the same colours
on polygons in Web-Mercator y (``go.Scatter`` with ``fill="toself"``) render in a fraction of a second and
stay sharp at any zoom. Each region is labelled with its name, so the map reads without hovering. On the
"a4" preset the map fills the page's text width (``exports.chrome.map_height``), its colour bar under it.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale
from shapely.geometry import shape

from chuangye.exports.chrome import MAP_ASPECT_RANGE, PRESETS
from chuangye.figures.maps import NO_UNITS_COLOR, NameBox, coverage_scale, label_anchors, names_clear_of_each_other
from chuangye.figures.style import DIVERGING_SCALE, FONT_FAMILY, base_layout
from chuangye.strings.i18n import t

NO_DATA_FILL = NO_UNITS_COLOR  # the dashboard's grey for a region without units of the type
EDGE = "#555"
MIN_LABEL_AREA_SHARE = 0.02
PRINT_LABEL_SIZE = 11  # px: the A4 preset's text size
PRINT_PLOT_WIDTH = PRESETS["a4"].width - 20  # a report map's plot: the A4 width less the side margins
COLORBAR_LEN = 0.8  # of the plot's width, centred under the map
COLORBAR_THICKNESS = 12
COLORBAR_MARGIN = 64  # px under the map: the bar's title, the bar and its tick labels


def mercator_y(lat: float) -> float:
    """Web-Mercator northing in degree-like units (equal to longitude degrees at the same scale)."""
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def _path(geometry: dict) -> tuple[list[float | None], list[float | None]]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in _rings(geometry):
        xs += [p[0] for p in ring] + [None]
        ys += [mercator_y(p[1]) for p in ring] + [None]
    return xs, ys


def _names_that_fit(names: list[NameBox], geometries) -> list[NameBox]:
    """The names (largest region first) that clear each other on a report map's plot (the A4 text width, as
    tall as the region's shape needs up to ``MAP_ASPECT_RANGE``; x = longitude, y = Mercator northing, one
    scale)."""
    bounds = [g.bounds for g in geometries]
    if not names or not bounds:
        return []
    x_span = max(b[2] for b in bounds) - min(b[0] for b in bounds)
    y_span = mercator_y(max(b[3] for b in bounds)) - mercator_y(min(b[1] for b in bounds))
    px = PRINT_PLOT_WIDTH / max(x_span, y_span / MAP_ASPECT_RANGE[1], 1e-6)
    keep = names_clear_of_each_other(names, px, px, PRINT_LABEL_SIZE)
    return [name for name, ok in zip(names, keep, strict=True) if ok]


def static_choropleth(
    geojson: dict,
    frame: pd.DataFrame,
    goal: float,
    lang: str,
    *,
    highlight: str | None = None,
    labels: bool = True,
) -> go.Figure:
    """Regions of ``geojson`` (feature ids = region codes) coloured by ``frame.coverage`` on the goal-centred
    diverging scale, with a colour bar under the map and the region names; ``highlight`` gets a heavy outline.

    ``frame`` needs region_code, region_name, coverage.
    """
    by_code = frame.set_index("region_code")
    values = [float(v) * 100 for v in frame["coverage"] if pd.notna(v)]
    # the dashboard's range; ticks spaced for the horizontal bar under the map
    scale = coverage_scale(values, goal, lang, bar_px=COLORBAR_LEN * PRINT_PLOT_WIDTH, horizontal=True)
    zmin, zmax = scale.zmin, scale.zmax
    fig = go.Figure()
    candidates: list[tuple[float, NameBox]] = []
    outline = None
    shapes = {f["id"]: shape(f["geometry"]) for f in geojson["features"] if _rings(f["geometry"])}
    anchors = {a.code: a for a in label_anchors(shapes)}  # where the dashboard's maps put the names too
    for feature in geojson["features"]:
        code = feature["id"]
        xs, ys = _path(feature["geometry"])
        if not xs:
            continue
        coverage = by_code["coverage"].get(code) if code in by_code.index else None
        if coverage is None or pd.isna(coverage):
            fill = NO_DATA_FILL
        else:
            position = min(max((float(coverage) * 100 - zmin) / (zmax - zmin), 0.0), 1.0)
            fill = sample_colorscale(DIVERGING_SCALE, [position])[0]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=fill,
                line={"color": EDGE, "width": 0.8},
                hoverinfo="skip",
                showlegend=False,
            )
        )
        if code == highlight:
            outline = (xs, ys)
        # names of regions too small to hold them would overlap their neighbours': the tables list every one
        anchor = anchors.get(code)
        if labels and anchor is not None and code in by_code.index and anchor.share >= MIN_LABEL_AREA_SHARE:
            name = NameBox(str(by_code.at[code, "region_name"]), anchor.x, mercator_y(anchor.y))
            candidates.append((anchor.share, name))
    if outline is not None:
        fig.add_trace(
            go.Scatter(
                x=outline[0],
                y=outline[1],
                mode="lines",
                line={"color": "#111", "width": 2.6},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    names = _names_that_fit([name for _, name in sorted(candidates, key=lambda c: -c[0])], shapes.values())
    if names:
        fig.add_trace(
            go.Scatter(
                x=[name.x for name in names],
                y=[name.y for name in names],
                mode="text",
                text=[name.text for name in names],
                hoverinfo="skip",
                showlegend=False,
                textfont={
                    "color": "#111",
                    "family": FONT_FAMILY,
                    "size": PRINT_LABEL_SIZE,
                    "shadow": "0 0 2px #fff, 0 0 3px #fff",
                },
            )
        )
    fig.add_trace(  # the colour bar: one invisible marker carrying the scale
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            showlegend=False,
            hoverinfo="skip",
            marker={
                "color": [scale.goal],
                "cmin": zmin,
                "cmax": zmax,
                "colorscale": DIVERGING_SCALE,
                "showscale": True,
                "colorbar": {
                    "orientation": "h",
                    "x": 0.5,
                    "xanchor": "center",
                    "y": 0,
                    "yanchor": "top",
                    "ypad": 6,
                    "title": {"text": t("map_colorbar_title", lang), "side": "top"},
                    "tickmode": "array",
                    "tickvals": scale.tickvals,
                    "ticktext": scale.ticktext,
                    "thickness": COLORBAR_THICKNESS,
                    "len": COLORBAR_LEN,
                    "outlinewidth": 0,
                    "tickfont": {"family": FONT_FAMILY},
                },
            },
        )
    )
    no_units = any(code not in by_code.index or pd.isna(by_code.at[code, "coverage"]) for code in shapes)
    if no_units:  # the legend entry of the grey, as on the dashboard's map
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"color": NO_DATA_FILL, "symbol": "square", "size": 12, "line": {"color": EDGE, "width": 0.8}},
                name=t("map_no_units", lang),
                hoverinfo="skip",
                showlegend=True,
            )
        )
    base_layout(fig)
    fig.update_layout(showlegend=no_units, legend={"orientation": "h", "x": 0, "y": 0, "yanchor": "top"})
    fig.update_xaxes(visible=False, showgrid=False, zeroline=False)
    fig.update_yaxes(visible=False, showgrid=False, zeroline=False, scaleanchor="x", scaleratio=1)
    fig.update_layout(plot_bgcolor="white", dragmode=False, margin={"b": COLORBAR_MARGIN})
    return fig


__all__ = ["mercator_y", "static_choropleth"]
