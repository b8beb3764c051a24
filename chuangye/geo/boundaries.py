"""Boundaries and synthetic locations: the bundled Jiangsu polygons, deterministic points and Voronoi cells.

Pure functions (no Dash). Everything is WGS 84 lon/lat (EPSG:4326). Reading a user's own boundary file
lives in :mod:`chuangye.geo.user_files` and is re-exported here.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

import geopandas as gpd
import numpy as np
import shapely

from chuangye.geo.user_files import BoundaryFileError, BoundaryMessage, BoundaryReport, read_user_boundaries

__all__ = [
    "BOUNDARY_COLUMNS",
    "GEODATA_DIR",
    "BoundaryFileError",
    "BoundaryMessage",
    "BoundaryReport",
    "load_boundaries",
    "place_points",
    "read_user_boundaries",
    "synthetic_cells",
]

Level = Literal["province", "city", "county"]

GEODATA_DIR = Path(str(files("chuangye.geo"))) / "shapes"  # package data: works from a wheel too
BOUNDARY_FILES: dict[str, str] = {
    "province": "jiangsu_province.geojson",
    "city": "jiangsu_cities.geojson",
    "county": "jiangsu_counties.geojson",
}
BOUNDARY_COLUMNS = ["code", "name", "level", "parent_code", "is_stat_zone", "host_code", "geometry"]

# Candidates tried per key and round in place_points; the first candidate inside the polygon wins.
_MIN_BATCH = 8
_MAX_BATCH = 4096
_MAX_ROUNDS = 10_000
_GOLDEN_GAMMA = np.uint64(0x9E3779B97F4A7C15)


@lru_cache(maxsize=len(BOUNDARY_FILES))
def _read_bundled(level: str) -> gpd.GeoDataFrame:
    path = GEODATA_DIR / BOUNDARY_FILES[level]
    collection = json.loads(path.read_text(encoding="utf-8"))
    gdf = gpd.GeoDataFrame.from_features(collection["features"], crs="EPSG:4326")
    gdf["is_stat_zone"] = gdf["is_stat_zone"].astype(bool)
    for column in ("parent_code", "host_code"):
        gdf[column] = gdf[column].astype(object).where(gdf[column].notna(), None)
    return gdf[BOUNDARY_COLUMNS]


def load_boundaries(level: Level) -> gpd.GeoDataFrame:
    """The bundled boundaries of one level: province (1), city (13) or county (95 + 9 statistical zones).

    Columns: code, name, level, parent_code, is_stat_zone, host_code, geometry (EPSG:4326). County-level
    statistical development zones are small schematic hexagons (is_stat_zone=True) lying on top of their
    host county (host_code); they come after the 95 counties. The file is read once; callers get a copy.
    """
    if level not in BOUNDARY_FILES:
        raise ValueError(f"level must be one of {sorted(BOUNDARY_FILES)}, not {level!r}")
    return _read_bundled(level).copy()


def _key_seeds(keys: Sequence[str], salt: str) -> np.ndarray:
    seeds = [
        int.from_bytes(hashlib.blake2b(f"{salt}\x1f{key}".encode(), digest_size=8).digest(), "little") for key in keys
    ]
    return np.array(seeds, dtype=np.uint64)


def _splitmix64(state: np.ndarray) -> np.ndarray:
    z = state.copy()
    z ^= z >> np.uint64(30)
    z *= np.uint64(0xBF58476D1CE4E5B9)
    z ^= z >> np.uint64(27)
    z *= np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return z


def _uniform(seeds: np.ndarray, counters: np.ndarray) -> np.ndarray:
    """Counter-based uniform [0, 1) numbers: one per (seed, counter) pair, no shared generator state."""
    z = _splitmix64(seeds[:, None] + (counters[None, :] + np.uint64(1)) * _GOLDEN_GAMMA)
    return (z >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)


def place_points(polygon: shapely.Geometry, keys: Sequence[str], salt: str = "") -> np.ndarray:
    """Deterministic lon/lat points strictly inside ``polygon``, one per key: array of shape (n, 2).

    Each key owns an endless stream of candidate points in the polygon's bounding box, seeded by a hash
    of ``salt`` and the key; its point is the first candidate inside the polygon. A key's point therefore
    depends only on the key, the salt and the polygon: adding or removing other keys never moves it.
    Candidates are tested in vectorised batches (rejection sampling).
    """
    keys = [str(k) for k in keys]
    points = np.empty((len(keys), 2), dtype=np.float64)
    if not keys:
        return points
    if polygon is None or polygon.is_empty or polygon.area <= 0:
        raise ValueError("place_points needs a polygon with a positive area")
    min_x, min_y, max_x, max_y = polygon.bounds
    fill = polygon.area / ((max_x - min_x) * (max_y - min_y))
    batch = int(np.clip(math.ceil(4.0 / fill), _MIN_BATCH, _MAX_BATCH))
    shapely.prepare(polygon)  # in place; only caches a spatial index, the geometry itself is unchanged

    seeds = _key_seeds(keys, salt)
    pending = np.arange(len(keys))
    for round_no in range(_MAX_ROUNDS):
        counters = (np.arange(batch, dtype=np.uint64) + np.uint64(round_no * batch)) * np.uint64(2)
        x = min_x + _uniform(seeds[pending], counters) * (max_x - min_x)
        y = min_y + _uniform(seeds[pending], counters + np.uint64(1)) * (max_y - min_y)
        inside = shapely.contains_xy(polygon, x, y)
        found = inside.any(axis=1)
        first = inside.argmax(axis=1)[found]
        done = pending[found]
        points[done, 0] = x[found, first]
        points[done, 1] = y[found, first]
        pending = pending[~found]
        if pending.size == 0:
            return points
    raise RuntimeError(f"place_points found no interior point for {pending.size} keys; is the polygon degenerate?")


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon") and not p.is_empty]
    if not parts:
        return shapely.Polygon()
    return shapely.union_all(parts)


def synthetic_cells(polygon: shapely.Geometry, codes: Sequence[str], points: np.ndarray) -> gpd.GeoDataFrame:
    """Voronoi cells of ``points`` clipped to ``polygon``: one cell per code, together covering the polygon.

    Use for units with no real boundary (townships, villages): the cells are synthetic and flagged so.
    ``points`` (n, 2) lon/lat, one per code, should lie inside the polygon (see :func:`place_points`).
    """
    codes = [str(c) for c in codes]
    xy = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    if len(codes) != len(xy):
        raise ValueError(f"synthetic_cells got {len(codes)} codes but {len(xy)} points")
    if len(codes) == 1:
        cells = [polygon]
    elif codes:
        if len(np.unique(xy, axis=0)) != len(xy):
            raise ValueError("synthetic_cells needs distinct points; two codes share a location")
        diagram = shapely.voronoi_polygons(shapely.multipoints(xy), extend_to=polygon, ordered=True)
        cells = [_polygonal(c) for c in shapely.intersection(shapely.get_parts(diagram), polygon)]
    else:
        cells = []
    return gpd.GeoDataFrame(
        {"code": codes, "synthetic": [True] * len(codes)},
        geometry=gpd.GeoSeries(cells, crs="EPSG:4326"),
        crs="EPSG:4326",
    )
