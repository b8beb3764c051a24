"""Coverage maps: regions coloured by coverage on a scale centred on the goal.

``go.Choroplethmap`` with ``map_style="white-bg"``: no tile server and no outside request (the ``geo``
subplot would fetch world topojson from a CDN). Geometry is serialised once per level and reused;
``choropleth_values`` gives what changes when only the year, type or basis changes, so a callback can
send a ``dash.Patch`` of a few kilobytes instead of the whole figure.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from chuangye.figures.style import DIVERGING_SCALE, FONT_FAMILY, STATUS_MARKS, base_layout
from chuangye.geo.boundaries import load_boundaries
from chuangye.strings.i18n import t

MAP_HEIGHT = 520


@lru_cache(maxsize=8)
def level_geojson(level: str) -> dict:
    """The bundled boundaries of one level as a GeoJSON dict whose feature ids are region codes."""
    gdf = load_boundaries(level)
    data = json.loads(gdf[["code", "name", "geometry"]].to_json(drop_id=True))
    for feature in data["features"]:
        feature["id"] = feature["properties"]["code"]
    return data


def subset_geojson(level: str, codes: tuple[str, ...]) -> dict:
    features = [f for f in level_geojson(level)["features"] if f["id"] in set(codes)]
    return {"type": "FeatureCollection", "features": features}


def geojson_bounds(geojson: dict) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []

    def walk(coords):
        if isinstance(coords[0], int | float):
            xs.append(coords[0])
            ys.append(coords[1])
        else:
            for c in coords:
                walk(c)

    for feature in geojson["features"]:
        walk(feature["geometry"]["coordinates"])
    return min(xs), min(ys), max(xs), max(ys)


def view_for(geojson: dict, height_px: int = MAP_HEIGHT, width_px: int = 640) -> dict:
    """Centre and zoom that fit the features (Web Mercator tiles are 512 px at zoom 0)."""
    if not geojson["features"]:
        return {"center": {"lon": 119.4, "lat": 32.9}, "zoom": 5.5}
    x0, y0, x1, y1 = geojson_bounds(geojson)
    lon_span = max(x1 - x0, 1e-3)
    lat_span = max(y1 - y0, 1e-3) / math.cos(math.radians((y0 + y1) / 2))
    zoom = min(math.log2(360 * width_px / (512 * lon_span)), math.log2(360 * height_px / (512 * lat_span)))
    return {"center": {"lon": (x0 + x1) / 2, "lat": (y0 + y1) / 2}, "zoom": round(zoom - 0.15, 2)}


def hover_lines(frame: pd.DataFrame, lang: str) -> list[str]:
    lines = []
    for r in frame.itertuples(index=False):
        status = getattr(r, "status", "no_data")
        coverage = "—" if pd.isna(r.coverage) else f"{r.coverage * 100:.1f}%"
        gap = "—" if pd.isna(r.gap_points) else f"{r.gap_points:+.1f}"
        lines.append(
            f"<b>{r.region_name}</b> ({r.region_code})<br>"
            f"{t('coverage', lang)}: {coverage} · {t('goal', lang)} {r.goal * 100:.0f}%<br>"
            f"{t('gap_points', lang)}: {gap} · {t('gap_units', lang)}: {r.gap_units}<br>"
            f"{STATUS_MARKS.get(status, '')} {t('status_' + status, lang)}"
        )
    return lines


def choropleth_values(frame: pd.DataFrame, lang: str) -> dict:
    """What a recolour changes: values, hover text and the custom data a click reads."""
    z = (frame["coverage"] * 100).round(2)
    return {
        "locations": frame["region_code"].tolist(),
        "z": [None if pd.isna(v) else float(v) for v in z],
        "text": hover_lines(frame, lang),
        "customdata": frame["region_code"].tolist(),
    }


def coverage_scale(z: list[float | None], goal: float, lang: str) -> dict:
    """zmin, zmax, zmid and the colour bar for coverage values ``z`` (%), centred on the goal.

    Plain dicts, cheap: what a recolour Patch sends along with ``choropleth_values``.
    """
    goal_pct = goal * 100
    spread = max(20.0, *(abs(v - goal_pct) for v in z if v is not None)) if z else 20.0
    ticks = sorted(
        {goal_pct, *(v for v in range(0, 101, 10) if abs(v - goal_pct) >= 5 and abs(v - goal_pct) <= spread)}
    )
    return {
        "zmin": goal_pct - spread,
        "zmax": goal_pct + spread,
        "zmid": goal_pct,
        "colorbar": {
            "title": {"text": f"{t('coverage', lang)} (%)", "side": "top"},
            "tickvals": ticks,
            "ticktext": [f"{t('goal', lang)} {v:.0f}" if v == goal_pct else f"{v:.0f}" for v in ticks],
            "thickness": 12,
            "len": 0.6,
            "x": 0.99,
            "xanchor": "right",
            "bgcolor": "rgba(255,255,255,0.8)",
            "tickfont": {"family": FONT_FAMILY},
        },
    }


def coverage_choropleth(
    geojson: dict,
    frame: pd.DataFrame,
    goal: float,
    lang: str,
    *,
    title: str | None = None,
    height: int = MAP_HEIGHT,
    width: int = 640,
) -> go.Figure:
    """Regions coloured by coverage (%), the scale centred on the goal; the colour bar is always shown.

    ``frame`` needs region_code, region_name, coverage, goal, gap_points, gap_units, status.
    """
    values = choropleth_values(frame, lang)
    fig = go.Figure(
        go.Choroplethmap(
            geojson=geojson,
            featureidkey="id",
            **values,
            hovertemplate="%{text}<extra></extra>",
            colorscale=DIVERGING_SCALE,
            **coverage_scale(values["z"], goal, lang),
            marker={"line": {"width": 0.8, "color": "#555"}, "opacity": 0.9},
            name="",
        )
    )
    base_layout(fig, title=title, height=height)
    fig.update_layout(map={"style": "white-bg", **view_for(geojson, height, width)}, dragmode=False)
    return fig
