"""A print map: regions drawn as filled vector polygons on plain axes, coloured by coverage, named.

The dashboard's map (``go.Choroplethmap``) is drawn by MapLibre through WebGL: in a headless browser that
takes about 2 s per image, and in SVG/PDF it becomes an embedded bitmap. For reports the same colours
on polygons in Web-Mercator y (``go.Scatter`` with ``fill="toself"``) render in a fraction of a second and
stay sharp at any zoom. Each region is labelled with its name, so the map reads without hovering.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale
from shapely.geometry import shape

from chuangye.figures.maps import coverage_scale
from chuangye.figures.style import DIVERGING_SCALE, FONT_FAMILY, base_layout

NO_DATA_FILL = "#e6e6e6"
EDGE = "#555"
MIN_LABEL_AREA_SHARE = 0.02


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
    diverging scale, with a colour bar and the region names; ``highlight`` gets a heavy outline.

    ``frame`` needs region_code, region_name, coverage.
    """
    by_code = frame.set_index("region_code")
    goal_pct = goal * 100
    values = [float(v) * 100 for v in frame["coverage"] if pd.notna(v)]
    scale = coverage_scale(values, goal, lang)  # the same range and ticks as the dashboard's map
    zmin, zmax = scale["zmin"], scale["zmax"]
    fig = go.Figure()
    label_x, label_y, label_text = [], [], []
    outline = None
    areas = {f["id"]: shape(f["geometry"]).area for f in geojson["features"] if _rings(f["geometry"])}
    total_area = sum(areas.values()) or 1.0
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
        if labels and code in by_code.index and areas.get(code, 0) / total_area >= MIN_LABEL_AREA_SHARE:
            point = shape(feature["geometry"]).representative_point()
            label_x.append(point.x)
            label_y.append(mercator_y(point.y))
            label_text.append(str(by_code.at[code, "region_name"]))
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
    if label_text:
        fig.add_trace(
            go.Scatter(
                x=label_x,
                y=label_y,
                mode="text",
                text=label_text,
                hoverinfo="skip",
                showlegend=False,
                textfont={"color": "#111", "family": FONT_FAMILY},
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
                "color": [goal_pct],
                "cmin": zmin,
                "cmax": zmax,
                "colorscale": DIVERGING_SCALE,
                "showscale": True,
                "colorbar": {**scale["colorbar"], "len": 0.75, "outlinewidth": 0, "x": None, "xanchor": None},
            },
        )
    )
    base_layout(fig)
    fig.update_xaxes(visible=False, showgrid=False, zeroline=False)
    fig.update_yaxes(visible=False, showgrid=False, zeroline=False, scaleanchor="x", scaleratio=1)
    fig.update_layout(plot_bgcolor="white", dragmode=False)
    return fig


__all__ = ["mercator_y", "static_choropleth"]
