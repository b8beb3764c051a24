"""Coverage maps: regions coloured by coverage on a scale centred on the goal, each named on the map.

MapLibre draws them (``choroplethmap``) on a plain white style object: no tile server, no outside request.
The region names are symbol layers *of that style*, drawn by MapLibre itself:

- the style has no ``glyphs`` URL, so MapLibre (≥ 5.11; plotly.js 4 bundles it) draws every glyph with the
  browser's own fonts. plotly's ``white-bg`` style names ``fonts.openmaptiles.org`` as its glyph server: a
  ``scattermap`` text trace on it fetched the Latin glyphs from there (offline: a failed request per range);
- MapLibre hides a label that would collide with another, placing the largest regions' names first, so the
  names stay readable on a phone; small regions (statistical zones) get a smaller name beside them (their
  colour stays visible), placed last;
- a white halo keeps a name readable on the darkest fill;
- the names live in ``layout.map.style``, which a recolour never touches: the callbacks send a
  ``dash.Patch`` of the traces (``coverage_map_updates``), and the labels are neither re-sent nor lost.

Traces: the regions (0); the statistical zones drawn over their host counties (1, when there are any); a
trace with no points that carries the colour bar; one that carries the legend entry of the regions without
units of the type. Those regions are grey, a colour that is not on the coverage scale: the regions' colour
scale has a grey band just below the coverage range, and such a region's value sits in it.

The colour bar is horizontal, under the map in the figure's bottom margin: it never covers a region and is
whole at any width.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd
import shapely
from shapely.geometry import shape
from shapely.ops import polylabel

from chuangye.figures.style import DIVERGING_SCALE, FONT_FAMILY, STATUS_MARKS, Figure, plain_text
from chuangye.geo.boundaries import load_boundaries
from chuangye.strings.i18n import t
from chuangye.strings.numbers import percent_points, percent_text, points_text

Update = tuple[tuple[object, ...], object]  # (path of keys into the figure dict, new value)

MAP_HEIGHT = 520
NO_UNITS_COLOR = "#a3a3a3"  # a neutral grey: no hue of the brown–purple coverage scale comes near it
LABEL_SOURCE = "region-labels"
LABEL_LAYERS = ("region-labels-small", "region-labels")  # the style's symbol layers, bottom first

LABEL_FONT = ["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", "sans-serif"]
LABEL_SIZE = 12
SMALL_LABEL_SIZE = 10
SMALL_REGION_SHARE = 0.015  # a region with less of the drawn area than this gets the small label

# The colour bar under the map: its block (pad, bar, tick labels) and the legend row below it.
COLORBAR_LEN = 0.8  # of the map's width; its title sits above the bar
COLORBAR_THICKNESS = 10
TICK_FONT_SIZE = 11
MARGIN = {"l": 4, "r": 4, "t": 4, "b": 84}
MIN_BAR_PX = 250  # the bar's length on a 390 px phone (0.8 × ~320 px): ticks are spaced for the shortest bar
TICK_GAP_PX = 8  # the least white space between two tick labels
NO_UNITS_BAND = 0.02  # the grey band below the coverage range, as a share of the range


# ------------------------------------------------------------------------------------------------ geometry


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


@lru_cache(maxsize=64)
def _subset(level: str, codes: tuple[str, ...]) -> dict:
    return subset_geojson(level, codes)


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


# -------------------------------------------------------------------------------------- where names go


@dataclass(frozen=True)
class LabelAnchor:
    """Where a region's name goes (lon/lat, or x/y of any plane) and the region's share of the drawn area."""

    code: str
    x: float
    y: float
    share: float


def label_anchors(shapes: Mapping[str, shapely.Geometry]) -> list[LabelAnchor]:
    """One anchor per region with an area: the pole of inaccessibility (the point farthest from the edges) of
    the region's largest part, leaving out any smaller region drawn over it (a statistical zone lies on its
    host county: the host's name goes beside the zone, not on it). The one placement of every map's names:
    the dashboard's maps, the county map's town cells and the report's print map."""
    regions = {code: geometry for code, geometry in shapes.items() if geometry is not None and geometry.area > 0}
    total = sum(geometry.area for geometry in regions.values()) or 1.0
    inside = {code: geometry.representative_point() for code, geometry in regions.items()}
    anchors = []
    for code, geometry in regions.items():
        x0, y0, x1, y1 = geometry.bounds
        on_top = [
            other
            for other_code, other in regions.items()
            if other_code != code
            and other.area < geometry.area / 2
            and x0 <= inside[other_code].x <= x1
            and y0 <= inside[other_code].y <= y1
            and geometry.contains(inside[other_code])
        ]
        free = geometry.difference(shapely.union_all(on_top)) if on_top else geometry
        part = _largest_part(free if free.area > 0 else geometry)
        span = max(part.bounds[2] - part.bounds[0], part.bounds[3] - part.bounds[1])
        point = polylabel(part, tolerance=span / 200)
        anchors.append(LabelAnchor(code, round(point.x, 5), round(point.y, 5), geometry.area / total))
    return anchors


def _largest_part(geometry: shapely.Geometry) -> shapely.Polygon:
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type == "Polygon"]
    for collection in (p for p in shapely.get_parts(geometry) if p.geom_type != "Polygon"):
        parts += [p for p in shapely.get_parts(collection) if p.geom_type == "Polygon"]
    return max(parts, key=lambda p: p.area)


@dataclass(frozen=True)
class NameBox:
    """A name to write at (x, y) in data units, its top ``drop_px`` below that point (0: centred on it)."""

    text: str
    x: float
    y: float
    drop_px: float = 0.0


def names_clear_of_each_other(
    names: Sequence[NameBox], px_per_x: float, px_per_y: float, size: float, pad_px: float = 2.0
) -> list[bool]:
    """Which names to write, in the order given (most important first), on a plain plot at that scale
    (data units → px, y up): each kept only if its box (the text's width, a line's height) clears every box
    kept before it. For maps plotly draws as SVG text, where nothing hides a colliding name."""
    kept: list[tuple[float, float, float, float]] = []
    out = []
    for name in names:
        half_w, height = text_px(name.text, size) / 2 + pad_px, size * 1.3
        cx, cy = name.x * px_per_x, name.y * px_per_y
        top = cy - name.drop_px if name.drop_px else cy + height / 2
        box = (cx - half_w, top - height, cx + half_w, top)
        ok = math.isfinite(cx) and math.isfinite(cy)
        ok = ok and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in kept)
        if ok:
            kept.append(box)
        out.append(ok)
    return out


def geojson_label_anchors(geojson: dict) -> list[LabelAnchor]:
    """``label_anchors`` of a GeoJSON FeatureCollection whose feature ids are region codes."""
    return label_anchors({f["id"]: shape(f["geometry"]) for f in geojson["features"] if f.get("geometry")})


@lru_cache(maxsize=64)
def _level_anchors(level: str, codes: tuple[str, ...]) -> tuple[LabelAnchor, ...]:
    return tuple(geojson_label_anchors(_subset(level, codes)))


def label_style(anchors: Sequence[LabelAnchor], names: Mapping[str, str], small: frozenset[str] = frozenset()) -> dict:
    """A MapLibre style: a white background and the regions' names in two symbol layers with a white halo.

    No ``glyphs`` URL: MapLibre draws the glyphs with the browser's fonts (nothing fetched). A region with
    less than ``SMALL_REGION_SHARE`` of the area, or in ``small`` (statistical zones), gets a smaller name
    set just beside it, so its colour stays visible, and placed after every other name. The style's id
    changes with its content: plotly re-applies a style object only when its id changes.
    """
    ordered = sorted(anchors, key=lambda a: (a.code in small, -a.share, a.code))
    features = [
        {
            "type": "Feature",
            "properties": {
                "name": str(names[a.code]),
                "small": a.code in small or a.share < SMALL_REGION_SHARE,
                "rank": rank,
            },
            "geometry": {"type": "Point", "coordinates": [a.x, a.y]},
        }
        for rank, a in enumerate(ordered)
        if a.code in names
    ]
    digest = hashlib.sha1(json.dumps(features, ensure_ascii=False).encode()).hexdigest()[:12]
    small_layer, large_layer = LABEL_LAYERS

    def layer(layer_id: str, is_small: bool) -> dict:
        return {
            "id": layer_id,
            "type": "symbol",
            "source": LABEL_SOURCE,
            "filter": ["==", ["get", "small"], is_small],
            "layout": {
                "text-field": ["get", "name"],
                "text-size": SMALL_LABEL_SIZE if is_small else LABEL_SIZE,
                "text-font": LABEL_FONT,
                "symbol-sort-key": ["get", "rank"],  # lower first: a larger region's name wins a collision
                # a large region's name on its anchor if there is room, else just beside it; a small one's beside
                "text-variable-anchor": (["center"] if not is_small else []) + ["top", "bottom", "left", "right"],
                "text-radial-offset": 0.8 if is_small else 0.3,
                "text-justify": "auto",
                "text-max-width": 7,
                "text-padding": 1,
            },
            "paint": {"text-color": "#111111", "text-halo-color": "rgba(255,255,255,0.92)", "text-halo-width": 1.6},
        }

    return {
        "version": 8,
        "id": f"chuangye-{digest}",
        "sources": {LABEL_SOURCE: {"type": "geojson", "data": {"type": "FeatureCollection", "features": features}}},
        # MapLibre places the names of the upper layer first: the large regions' names win
        "layers": [
            {"id": "background", "type": "background", "paint": {"background-color": "#ffffff"}},
            layer(small_layer, True),
            layer(large_layer, False),
        ],
    }


# ------------------------------------------------------------------------------------ the colour scale


@dataclass(frozen=True)
class CoverageScale:
    """The coverage range (%) of a map, centred on the goal, and its colour bar's ticks."""

    zmin: float
    zmax: float
    goal: float  # percentage points
    tickvals: list[float]
    ticktext: list[str]

    @property
    def band_min(self) -> float:
        """The bottom of the grey band below the range: the value of a region without units."""
        return self.zmin - (self.zmax - self.zmin) * NO_UNITS_BAND


def _number(value: float) -> str:
    digits = 0 if float(value).is_integer() else 1
    return points_text(value, digits)


def text_px(text: str, size: float = TICK_FONT_SIZE) -> float:
    """About how wide ``text`` is drawn (px): a CJK character takes a square, anything else about 0.6 of one."""
    return sum(size if ord(ch) >= 0x2E80 else 0.6 * size for ch in text)


def colorbar_ticks(
    zmin: float, zmax: float, goal: float, lang: str, *, bar_px: float = MIN_BAR_PX, horizontal: bool = True
) -> tuple[list[float], list[str]]:
    """Ticks of a colour bar running ``zmin``–``zmax`` (%) over ``bar_px`` px: the goal's always, and round
    values (every 10, 20, 25, 50 or 100: the smallest step that fits) between 0 and 100 that keep clear of
    each other's labels and of the goal's. Horizontal labels need their widths apart, vertical ones a line."""
    goal_text = f"{t('goal', lang)} {_number(goal)}"
    px_per_point = bar_px / max(zmax - zmin, 1e-9)

    def apart(a: tuple[float, str], b: tuple[float, str]) -> bool:
        need = (text_px(a[1]) + text_px(b[1])) / 2 if horizontal else TICK_FONT_SIZE * 1.2
        return abs(a[0] - b[0]) * px_per_point >= need + TICK_GAP_PX

    low, high = max(0.0, zmin), min(100.0, zmax)
    best: list[tuple[float, str]] = [(goal, goal_text)]
    for step in (10, 20, 25, 50, 100):
        ticks = [(float(v), _number(v)) for v in range(0, 101, step) if low <= v <= high]
        ticks = sorted([(goal, goal_text), *(tick for tick in ticks if apart(tick, (goal, goal_text)))])
        if all(apart(a, b) for a, b in itertools.pairwise(ticks)):
            best = ticks
            break
    return [v for v, _ in best], [text for _, text in best]


def coverage_scale(
    z: Sequence[float | None], goal: float, lang: str, *, bar_px: float = MIN_BAR_PX, horizontal: bool = True
) -> CoverageScale:
    """The range of coverage values ``z`` (%) centred on the goal (at least ±20 points) and its ticks."""
    goal_pct = percent_points(goal) or 0.0
    values = [float(v) for v in z if v is not None and not pd.isna(v)]
    spread = max(20.0, *(abs(v - goal_pct) for v in values)) if values else 20.0
    zmin, zmax = goal_pct - spread, goal_pct + spread
    tickvals, ticktext = colorbar_ticks(zmin, zmax, goal_pct, lang, bar_px=bar_px, horizontal=horizontal)
    return CoverageScale(zmin, zmax, goal_pct, tickvals, ticktext)


def regions_colorscale() -> list[list[float | str]]:
    """The coverage scale with the grey band of regions without units below it (a sharp step, no blend)."""
    band = NO_UNITS_BAND / (1 + NO_UNITS_BAND)
    return [[0.0, NO_UNITS_COLOR], [band, NO_UNITS_COLOR]] + [
        [band + (1 - band) * float(position), color] for position, color in DIVERGING_SCALE
    ]


# -------------------------------------------------------------------------------------- values and hover


def _has_no_units(frame: pd.DataFrame) -> pd.Series:
    """Regions with no value: no unit of the type in scope (or, without a count, no coverage at all)."""
    return frame["coverage"].isna()


def hover_lines(frame: pd.DataFrame, lang: str) -> list[str]:
    """Name, code, coverage against the goal, gap and status of each region (no units of the type: says so)."""
    missing = pd.Series(pd.NA, index=frame.index)
    columns = ("region_code", "region_name", "coverage", "goal", "gap_points", "gap_units", "status", "units_in_scope")
    rows = zip(*(frame[c].tolist() if c in frame else missing.tolist() for c in columns), strict=True)
    lines = []
    for code, name, coverage, goal, gap_points, gap_units, status, n_units in rows:  # plain lists: fast
        head = f"<b>{plain_text(name)}</b> ({code})"
        if pd.isna(coverage):
            reason = t("map_no_units", lang) if pd.isna(n_units) or int(n_units) == 0 else t("no_data", lang)
            lines.append(f"{head}<br>{reason}")
            continue
        status = "no_data" if pd.isna(status) else status
        short = "—" if pd.isna(gap_units) else f"{int(gap_units):,}"
        lines.append(
            f"{head}<br>"
            f"{t('coverage', lang)}: {percent_text(coverage)} · {t('goal', lang)} {percent_text(goal, 0)}<br>"
            f"{t('gap_points', lang)}: {points_text(gap_points, signed=True)} · {t('gap_units', lang)}: {short}<br>"
            f"{STATUS_MARKS.get(status, '')} {t('status_' + status, lang)}"
        )
    return lines


def choropleth_values(frame: pd.DataFrame, scale: CoverageScale, lang: str) -> dict:
    """What a recolour changes in a region trace: values, hover text and the custom data a click reads."""
    missing = _has_no_units(frame)
    coverage = zip(frame["coverage"], missing, strict=True)
    z = [scale.band_min if gone else percent_points(v) for v, gone in coverage]
    return {
        "locations": frame["region_code"].tolist(),
        "z": z,
        "text": hover_lines(frame, lang),
        "customdata": frame["region_code"].tolist(),
        "zmin": scale.band_min,
        "zmax": scale.zmax,
    }


def split_zones(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The regions, and the statistical development zones drawn over their host counties."""
    zone = frame["is_stat_zone"].astype(bool) if "is_stat_zone" in frame else pd.Series(False, index=frame.index)
    return frame[~zone], frame[zone]


# ---------------------------------------------------------------------------------------------- the map


def coverage_map(
    parent_level: str, frame: pd.DataFrame, goal: float, lang: str, *, width: int = 640, height: int = 560
) -> Figure:
    """The children of a province (cities) or a city (county-level areas) coloured by coverage, named.

    ``frame``: region_code, region_name (in ``lang``), coverage, goal, gap_points, gap_units, status,
    optionally units_in_scope and is_stat_zone. ``width``/``height``: the map's expected size (px), for the
    first view; ``layout.meta.bounds`` carries the regions' lon/lat box so the browser can refit the zoom.
    """
    child_level = "city" if parent_level == "province" else "county"
    main, zones = split_zones(frame)
    names = tuple(zip(frame["region_code"], frame["region_name"].astype(str), strict=True))
    skeleton = _skeleton(child_level, tuple(main["region_code"]), tuple(zones["region_code"]), names, width, height)
    figure = {"data": [dict(trace) for trace in skeleton["data"]], "layout": copy.deepcopy(skeleton["layout"])}
    figure["data"][0]["geojson"] = _subset(child_level, tuple(main["region_code"]))
    if len(zones):
        figure["data"][1]["geojson"] = _subset(child_level, tuple(zones["region_code"]))
    for trace in figure["data"]:
        if trace.get("name") == "no_units":
            trace["name"] = t("map_no_units", lang)
        if "colorbar" in trace.get("marker", {}):
            trace["marker"] = copy.deepcopy(trace["marker"])
            trace["marker"]["colorbar"]["title"]["text"] = t("map_colorbar_title", lang)
    return apply_updates(figure, coverage_map_updates(frame, goal, lang))


def coverage_map_updates(frame: pd.DataFrame, goal: float, lang: str) -> list[Update]:
    """Values, hover text, colour range and ticks, and the no-units legend entry: what a recolour sends."""
    main, zones = split_zones(frame)
    # the range from the values as drawn (rounded once): the lowest region never falls below it into the grey
    scale = coverage_scale([percent_points(v) for v in frame["coverage"]], goal, lang)
    parts = [main] + ([zones] if len(zones) else [])
    updates: list[Update] = []
    for index, part in enumerate(parts):
        updates += [(("data", index, key), value) for key, value in choropleth_values(part, scale, lang).items()]
    bar = len(parts)
    updates += [
        (("data", bar, "marker", "cmin"), scale.zmin),
        (("data", bar, "marker", "cmax"), scale.zmax),
        (("data", bar, "marker", "colorbar", "tickvals"), scale.tickvals),
        (("data", bar, "marker", "colorbar", "ticktext"), scale.ticktext),
        (("data", bar + 1, "showlegend"), bool(_has_no_units(frame).any())),
    ]
    return updates


def apply_updates(figure: dict, updates: Sequence[Update]) -> dict:
    """Write each update into the figure dict (what a Patch does in the browser)."""
    for path, value in updates:
        node: Any = figure
        for key in path[:-1]:
            node = node.setdefault(key, {}) if isinstance(node, dict) else node[key]
        node[path[-1]] = value
    return figure


@lru_cache(maxsize=64)
def _skeleton(
    level: str,
    main: tuple[str, ...],
    zones: tuple[str, ...],
    names: tuple[tuple[str, str], ...],
    width: int,
    height: int,
) -> dict:
    """Everything of the map but the geometry and what a recolour changes (shared: copy before changing)."""
    region = {
        "type": "choroplethmap",
        "featureidkey": "id",
        "below": LABEL_LAYERS[0],  # under the names
        "colorscale": regions_colorscale(),
        "showscale": False,
        "hovertemplate": "%{text}<extra></extra>",
        "marker": {"line": {"width": 0.8, "color": "#555"}, "opacity": 0.9},
        "name": "",
        "showlegend": False,
    }
    traces = [region]
    if zones:
        traces.append({**region, "marker": {"line": {"width": 1.6, "color": "#222"}, "opacity": 0.95}})
    traces.append(_colorbar_carrier())
    traces.append(
        {
            "type": "scattermap",
            "lat": [None],
            "lon": [None],
            "mode": "markers",
            "marker": {"color": NO_UNITS_COLOR, "size": 14, "opacity": 0.9},
            "name": "no_units",  # the words are set per language
            "hoverinfo": "skip",
            "showlegend": False,
        }
    )
    geojson = _subset(level, main)
    anchors = _level_anchors(level, main + zones)
    style = label_style(anchors, dict(names), small=frozenset(zones))
    plot_height = max(height - MARGIN["t"] - MARGIN["b"], 100)
    bounds = (
        shapely.GeometryCollection([shape(f["geometry"]) for f in geojson["features"]]).bounds
        if geojson["features"]
        else (116.3, 30.7, 121.9, 35.2)
    )
    layout = {
        "font": {"family": FONT_FAMILY, "size": 13, "color": "#222"},
        "paper_bgcolor": "white",
        "margin": dict(MARGIN),
        "map": {"style": style, **view_for(geojson, plot_height, width), "domain": {"x": [0, 1], "y": [0, 1]}},
        "dragmode": False,
        "showlegend": True,
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "itemclick": False,
            "itemdoubleclick": False,
            "font": {"size": 12},
            "bgcolor": "rgba(0,0,0,0)",
        },
        "hoverlabel": {"font": {"family": FONT_FAMILY}, "align": "left"},
        "separators": ".,",
        "meta": {"bounds": [round(b, 4) for b in bounds]},
    }
    return {"data": traces, "layout": layout}


def _colorbar_carrier() -> dict:
    """A trace without points whose marker scale draws the colour bar: horizontal, under the map."""
    return {
        "type": "scattermap",
        "lat": [None],
        "lon": [None],
        "mode": "markers",
        "hoverinfo": "skip",
        "showlegend": False,
        "marker": {
            "color": [0],
            "colorscale": DIVERGING_SCALE,
            "showscale": True,
            "colorbar": {
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "y": 0,
                "yanchor": "top",
                "ypad": 6,
                "len": COLORBAR_LEN,
                "thickness": COLORBAR_THICKNESS,
                "outlinewidth": 0,
                "title": {"text": "", "side": "top", "font": {"size": 12}},
                "tickfont": {"family": FONT_FAMILY, "size": TICK_FONT_SIZE},
                "tickmode": "array",
                "ticklen": 3,
            },
        },
    }


__all__ = [
    "LABEL_LAYERS",
    "LABEL_SOURCE",
    "NO_UNITS_COLOR",
    "CoverageScale",
    "LabelAnchor",
    "NameBox",
    "Update",
    "apply_updates",
    "choropleth_values",
    "colorbar_ticks",
    "coverage_map",
    "coverage_map_updates",
    "coverage_scale",
    "geojson_bounds",
    "geojson_label_anchors",
    "label_anchors",
    "label_style",
    "level_geojson",
    "names_clear_of_each_other",
    "regions_colorscale",
    "split_zones",
    "subset_geojson",
    "text_px",
    "view_for",
]
