"""Bundled boundaries, synthetic points/cells and reading user boundary files (real files in tmp_path)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from chuangye.geo.boundaries import (
    GEODATA_DIR,
    BoundaryFileError,
    load_boundaries,
    place_points,
    read_user_boundaries,
    synthetic_cells,
)
from chuangye.geo.gcj02 import gcj02_to_wgs84, wgs84_to_gcj02
from chuangye.sample.bundled import REGISTRY_DIR

REPO = Path(__file__).resolve().parents[4]
STAT_ZONES = {"320371", "320576", "320671", "320771", "320871", "320971", "321071", "321171", "321371"}
GK_CM_120E = "EPSG:4547"  # CGCS2000 / 3-degree Gauss-Kruger CM 120E


# ---------------------------------------------------------------- bundled boundaries


def test_bundled_levels_have_the_expected_regions() -> None:
    province = load_boundaries("province")
    cities = load_boundaries("city")
    counties = load_boundaries("county")
    assert list(province["code"]) == ["320000"]
    assert province["parent_code"].iloc[0] is None
    assert len(cities) == 13 and set(cities["parent_code"]) == {"320000"}
    assert set(cities["code"]) == {f"32{i:02d}00" for i in range(1, 14)}
    regular = counties[~counties["is_stat_zone"]]
    zones = counties[counties["is_stat_zone"]]
    assert len(regular) == 95 and regular["host_code"].isna().all()
    assert set(zones["code"]) == STAT_ZONES
    assert counties["code"].is_unique
    assert (counties["parent_code"] == counties["code"].str[:4] + "00").all()
    assert list(counties.index[counties["is_stat_zone"]]) == list(range(95, 104))  # zones last: drawn on top
    for gdf in (province, cities, counties):
        assert gdf.crs.to_epsg() == 4326
        assert list(gdf.columns) == ["code", "name", "level", "parent_code", "is_stat_zone", "host_code", "geometry"]
        assert gdf.is_valid.all() and not gdf.is_empty.any()
        minx, miny, maxx, maxy = gdf.total_bounds
        assert 116 < minx < maxx < 122.5 and 30.5 < miny < maxy < 35.3  # Jiangsu in lon/lat


def test_bundled_files_fit_the_size_budget() -> None:
    total = sum(
        (GEODATA_DIR / name).stat().st_size
        for name in ("jiangsu_province.geojson", "jiangsu_cities.geojson", "jiangsu_counties.geojson")
    )
    assert total <= 1_000_000


def test_load_boundaries_returns_a_private_copy_and_checks_the_level() -> None:
    first = load_boundaries("city")
    first.loc[0, "name"] = "changed"
    assert load_boundaries("city").loc[0, "name"] != "changed"
    with pytest.raises(ValueError):
        load_boundaries("township")  # type: ignore[arg-type]


def test_counties_tile_the_province_and_the_cities() -> None:
    counties = load_boundaries("county")
    regular = counties[~counties["is_stat_zone"]]
    geoms = regular.geometry.values
    province = load_boundaries("province").geometry.iloc[0]
    union = shapely.union_all(geoms)
    assert union.symmetric_difference(province).area < 1e-9 * province.area
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = left < right
    assert pairs.sum() > 200  # neighbours touch along shared borders
    overlaps = shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]]))
    assert overlaps.sum() < 1e-12  # degrees², i.e. well under 1 m² in total
    assert abs(shapely.area(geoms).sum() - province.area) < 1e-9 * province.area
    cities = load_boundaries("city").set_index("code").geometry
    for code, city in cities.items():
        dissolved = shapely.union_all(regular.loc[regular["parent_code"] == code].geometry.values)
        assert dissolved.symmetric_difference(city).area < 1e-9 * city.area, code


def test_each_zone_lies_inside_its_host_county() -> None:
    counties = load_boundaries("county")
    regular = counties[~counties["is_stat_zone"]].set_index("code")
    for zone in counties[counties["is_stat_zone"]].itertuples():
        assert zone.host_code in regular.index, zone.code
        assert zone.host_code[:4] == zone.code[:4]  # same city
        host = regular.geometry[zone.host_code]
        assert host.contains(zone.geometry), zone.code
        assert 15e-4 < zone.geometry.area < 35e-4  # ~25 km² in degrees² at Jiangsu's latitude


def test_every_registry_county_has_a_polygon_or_is_a_zone() -> None:
    regions_csv = REGISTRY_DIR / "regions.csv"
    if not regions_csv.exists():
        pytest.skip("chuangye/sample/registry/regions.csv is written by the registry build")
    regions = pd.read_csv(regions_csv, dtype=str, keep_default_na=False)
    registry_counties = regions.loc[regions["level"] == "county"]
    counties = load_boundaries("county").set_index("code")
    missing = sorted(set(registry_counties["region_code"]) - set(counties.index))
    assert not missing
    for row in registry_counties.itertuples():
        expected_zone = str(row.is_stat_zone).strip().lower() in ("true", "1", "yes")
        assert bool(counties.loc[row.region_code, "is_stat_zone"]) == expected_zone, row.region_code
        assert counties.loc[row.region_code, "name"] == row.name


# ---------------------------------------------------------------- GCJ-02


def test_gcj02_matches_the_published_formula_and_inverts() -> None:
    lon, lat = wgs84_to_gcj02(116.404, 39.915)  # reference value of the published algorithm
    assert lon == pytest.approx(116.41024449916938, abs=1e-12)
    assert lat == pytest.approx(39.91640428150164, abs=1e-12)
    rng = np.random.default_rng(1)
    wgs_lon, wgs_lat = rng.uniform(116, 122, 1000), rng.uniform(30.5, 35.5, 1000)
    back_lon, back_lat = gcj02_to_wgs84(*wgs84_to_gcj02(wgs_lon, wgs_lat))
    assert np.abs(back_lon - wgs_lon).max() < 1e-8 and np.abs(back_lat - wgs_lat).max() < 1e-8


# ---------------------------------------------------------------- synthetic points and cells


def _county(code: str) -> shapely.Geometry:
    counties = load_boundaries("county")
    return counties.loc[counties["code"] == code].geometry.iloc[0]


def test_place_points_is_deterministic_per_key_and_inside() -> None:
    polygon = _county("320311")  # 泉山区: a main part and nine small exclaves
    keys = [f"320311{i:06d}" for i in range(300)]
    points = place_points(polygon, keys)
    assert points.shape == (300, 2)
    assert shapely.contains_xy(polygon, points[:, 0], points[:, 1]).all()
    assert len(np.unique(points, axis=0)) == 300
    np.testing.assert_array_equal(points, place_points(polygon, keys))
    # Each point depends on its own key only: subsets and reordering do not move it.
    subset = [*keys[::7], "new-key"]
    np.testing.assert_array_equal(place_points(polygon, subset)[:-1], points[::7])
    np.testing.assert_array_equal(place_points(polygon, keys[::-1]), points[::-1])
    assert not np.array_equal(place_points(polygon, keys, salt="v2"), points)
    assert place_points(polygon, []).shape == (0, 2)


def test_place_points_for_all_villages() -> None:
    """A point for each of ~22,000 villages (how long it takes: ``python -m benchmarks.engine``)."""
    counties = load_boundaries("county")
    regular = counties[~counties["is_stat_zone"]]
    total = 0
    for row in regular.itertuples():
        total += len(place_points(row.geometry, [f"{row.code}{i:06d}" for i in range(232)]))
    assert total == 95 * 232  # ~22,000, like the village registry


def test_synthetic_cells_partition_the_polygon() -> None:
    polygon = _county("320102")
    codes = [f"320102{i:03d}" for i in range(40)]
    points = place_points(polygon, codes)
    cells = synthetic_cells(polygon, codes, points)
    assert list(cells["code"]) == codes and cells["synthetic"].all()
    assert cells.crs.to_epsg() == 4326
    geoms = cells.geometry.values
    assert shapely.is_valid(geoms).all()
    assert shapely.contains_xy(geoms, points[:, 0], points[:, 1]).all()  # each cell holds its own point
    assert abs(shapely.area(geoms).sum() - polygon.area) < 1e-9 * polygon.area
    assert shapely.union_all(geoms).symmetric_difference(polygon).area < 1e-9 * polygon.area
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = left < right
    assert shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]])).sum() < 1e-12


def test_synthetic_cells_edge_cases() -> None:
    polygon = _county("320102")
    one = synthetic_cells(polygon, ["a"], place_points(polygon, ["a"]))
    assert one.geometry.iloc[0].equals(polygon)
    assert len(synthetic_cells(polygon, [], np.empty((0, 2)))) == 0
    with pytest.raises(ValueError):
        synthetic_cells(polygon, ["a", "b"], place_points(polygon, ["a"]))
    with pytest.raises(ValueError):
        synthetic_cells(polygon, ["a", "b"], np.array([[118.8, 32.05], [118.8, 32.05]]))


# ---------------------------------------------------------------- user boundary files


@pytest.fixture(scope="module")
def known() -> pd.DataFrame:
    return load_boundaries("county")[["code", "name"]]


@pytest.fixture(scope="module")
def nanjing() -> gpd.GeoDataFrame:
    counties = load_boundaries("county")
    return counties.loc[counties["parent_code"] == "320100", ["code", "name", "geometry"]].reset_index(drop=True)


def _with_stranger(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Append a feature whose code the registry does not know."""
    stranger = gpd.GeoDataFrame(
        {"code": ["329999"], "name": ["虚构新区"]}, geometry=[shapely.box(118.5, 31.5, 118.6, 31.6)], crs="EPSG:4326"
    )
    return pd.concat([gdf, stranger], ignore_index=True)


def _projected_shapefile_frame(nanjing: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    frame = _with_stranger(nanjing).to_crs(GK_CM_120E)
    return gpd.GeoDataFrame(
        {"QX_BM": frame["code"].astype("int64"), "QXMC": frame["name"]}, geometry=frame.geometry, crs=frame.crs
    )


def _assert_nanjing_read(result: gpd.GeoDataFrame, report, nanjing: gpd.GeoDataFrame, file: str) -> None:
    assert report.file == file
    assert report.matched == 11 and list(result["code"]) == sorted(nanjing["code"])
    assert result.crs.to_epsg() == 4326
    assert report.unknown_codes == [("329999", "虚构新区")]
    missing = dict(report.missing_codes)
    assert len(missing) == 104 - 11 and missing["320576"] == "苏州工业园区"
    for message in report.messages():
        assert file in message.zh and file in message.en
    assert any("329999" in m.zh and "虚构新区" in m.zh for m in report.messages())
    assert any("320205 (锡山区)" in m.en for m in report.messages())  # first missing code, with its name
    original = nanjing.set_index("code").to_crs(GK_CM_120E)
    read_back = result.set_index("code").to_crs(GK_CM_120E)
    distances = read_back.centroid.distance(original.centroid.loc[read_back.index])
    assert distances.max() < 1.0  # metres
    assert (read_back.area / original.area.loc[read_back.index] - 1).abs().max() < 1e-6


def test_reads_geojson_with_string_codes(tmp_path, known, nanjing) -> None:
    path = tmp_path / "南京区县.geojson"
    _with_stranger(nanjing).to_file(path, driver="GeoJSON")
    result, report = read_user_boundaries(path, "county", known)
    assert report.code_column == "code" and report.name_column == "name"
    assert not report.warnings
    _assert_nanjing_read(result, report, nanjing, path.name)


def test_reads_geopackage_with_padded_codes_and_picks_the_matching_layer(tmp_path, known, nanjing) -> None:
    path = tmp_path / "boundaries.gpkg"
    padded = _with_stranger(nanjing).rename(columns={"code": "区划代码", "name": "区划名称"})
    padded["区划代码"] = padded["区划代码"] + "000000"  # 12-digit statistical codes
    padded.to_file(path, layer="counties", driver="GPKG")
    cities = load_boundaries("city")[["code", "name", "geometry"]]
    cities.assign(code=cities["code"] + "x").to_file(path, layer="cities", driver="GPKG")
    result, report = read_user_boundaries(path, "county", known)
    assert report.code_column == "区划代码"
    assert any("counties" in w.zh and "cities" in w.en for w in report.warnings)
    _assert_nanjing_read(result, report, nanjing, path.name)


def test_reads_projected_shapefile_with_int_codes(tmp_path, known, nanjing) -> None:
    path = tmp_path / "nanjing.shp"
    _projected_shapefile_frame(nanjing).to_file(path, driver="ESRI Shapefile", encoding="UTF-8")
    result, report = read_user_boundaries(path, "county", known)
    assert report.code_column == "QX_BM" and report.name_column == "QXMC"
    assert "4547" in report.source_crs or "Gauss" in report.source_crs
    _assert_nanjing_read(result, report, nanjing, path.name)


def test_reads_zipped_shapefile_with_float_codes(tmp_path, known, nanjing) -> None:
    folder = tmp_path / "shp"
    folder.mkdir()
    frame = _projected_shapefile_frame(nanjing)
    frame["QX_BM"] = frame["QX_BM"].astype(float)
    frame.to_file(folder / "区县.shp", driver="ESRI Shapefile", encoding="UTF-8")
    archive = tmp_path / "区县边界.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for part in folder.iterdir():
            zf.write(part, f"data/{part.name}")
    result, report = read_user_boundaries(archive, "county", known)
    assert report.code_column == "QX_BM"
    _assert_nanjing_read(result, report, nanjing, archive.name)


def test_named_code_column_is_used(tmp_path, known, nanjing) -> None:
    path = tmp_path / "two_codes.geojson"
    frame = nanjing.assign(other=nanjing["code"])
    frame.to_file(path, driver="GeoJSON")
    _, report = read_user_boundaries(path, "county", known, code_column="other")
    assert report.code_column == "other" and report.matched == 11
    with pytest.raises(BoundaryFileError) as err:
        read_user_boundaries(path, "county", known, code_column="XZQDM")
    assert "XZQDM" in err.value.message_zh and "XZQDM" in err.value.message_en


def test_projected_file_without_crs_is_refused(tmp_path, known, nanjing) -> None:
    path = tmp_path / "no_prj.shp"
    _projected_shapefile_frame(nanjing).to_file(path, driver="ESRI Shapefile", encoding="UTF-8")
    path.with_suffix(".prj").unlink()
    with pytest.raises(BoundaryFileError) as err:
        read_user_boundaries(path, "county", known)
    assert isinstance(err.value, ValueError)
    assert err.value.file == "no_prj.shp"
    assert "no_prj.shp" in err.value.message_zh and ".prj" in err.value.message_zh
    assert "no_prj.shp" in err.value.message_en and "lon/lat" in err.value.message_en


def test_lonlat_file_without_crs_is_accepted_with_a_warning(tmp_path, known, nanjing) -> None:
    path = tmp_path / "lonlat.shp"
    nanjing.to_file(path, driver="ESRI Shapefile", encoding="UTF-8")
    path.with_suffix(".prj").unlink()
    result, report = read_user_boundaries(path, "county", known)
    assert report.matched == 11 and report.source_crs is None and result.crs.to_epsg() == 4326
    assert any("WGS 84" in w.en and "lonlat.shp" in w.zh for w in report.warnings)


def test_gbk_shapefile_without_cpg_keeps_chinese_names(tmp_path, known, nanjing) -> None:
    path = tmp_path / "gbk.shp"
    _with_stranger(nanjing).to_file(path, driver="ESRI Shapefile", encoding="GB18030")
    for sidecar in tmp_path.glob("gbk.*"):
        if sidecar.suffix.lower() == ".cpg":
            sidecar.unlink()
    _, report = read_user_boundaries(path, "county", known)
    assert report.unknown_codes == [("329999", "虚构新区")]
    assert any("GB18030" in w.en and "gbk.shp" in w.zh for w in report.warnings)


def test_invalid_geometries_are_repaired_and_empty_ones_dropped(tmp_path, known, nanjing) -> None:
    frame = nanjing.copy()
    bowtie = shapely.Polygon([(118.7, 32.0), (118.8, 32.1), (118.8, 32.0), (118.7, 32.1)])
    frame.loc[0, "geometry"] = bowtie
    frame.loc[1, "geometry"] = None
    path = tmp_path / "broken.geojson"
    frame.to_file(path, driver="GeoJSON")
    result, report = read_user_boundaries(path, "county", known)
    assert result.is_valid.all()
    assert report.matched == 10
    assert nanjing.loc[1, "code"] in dict(report.missing_codes)
    assert nanjing.loc[0, "code"] in set(result["code"])
    texts = " ".join(w.en for w in report.warnings)
    assert "repaired" in texts and "no geometry" in texts and nanjing.loc[1, "code"] in texts


@pytest.mark.parametrize(
    "case", ["no_code_column", "nothing_matches", "unsupported", "missing_dbf", "not_a_zip", "metres_in_geojson"]
)
def test_unusable_files_raise_bilingual_errors(tmp_path, known, nanjing, case) -> None:
    if case == "no_code_column":
        path = tmp_path / "names_only.geojson"
        nanjing[["name", "geometry"]].to_file(path, driver="GeoJSON")
    elif case == "nothing_matches":
        path = tmp_path / "other_province.geojson"
        nanjing.assign(code="110101").to_file(path, driver="GeoJSON")
    elif case == "unsupported":
        path = tmp_path / "boundaries.csv"
        path.write_text("code,name\n320102,玄武区\n", encoding="utf-8")
    elif case == "missing_dbf":
        path = tmp_path / "partial.shp"
        nanjing.to_file(path, driver="ESRI Shapefile", encoding="UTF-8")
        path.with_suffix(".dbf").unlink()
    elif case == "not_a_zip":
        path = tmp_path / "broken.zip"
        path.write_bytes(b"not a zip at all")
    else:  # GeoJSON means lon/lat; these are Gauss-Kruger metres without saying so
        path = tmp_path / "metres.geojson"
        collection = json.loads(nanjing.to_crs(GK_CM_120E).to_json())
        collection.pop("crs", None)
        path.write_text(json.dumps(collection), encoding="utf-8")
    with pytest.raises(BoundaryFileError) as err:
        read_user_boundaries(path, "county", known)
    assert err.value.file == path.name
    assert path.name in err.value.message_zh and path.name in err.value.message_en
    assert err.value.message_zh != err.value.message_en
