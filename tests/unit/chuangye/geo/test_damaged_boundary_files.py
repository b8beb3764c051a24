"""A damaged boundary file (corrupt GeoPackage, truncated shapefile or zip, broken GeoJSON, zip bomb) is a
BoundaryFileError naming the file in Chinese and English, never another exception."""

from __future__ import annotations

import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from chuangye.data.limits import MIB
from chuangye.geo.boundaries import BoundaryFileError, read_user_boundaries

KNOWN = pd.DataFrame({"code": ["320102002", "320102005"], "name": ["梅园新村街道", "玄武门街道"]})


def _shapes() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        KNOWN.copy(),
        geometry=[shapely.box(118.80, 32.07, 118.82, 32.09), shapely.box(118.78, 32.07, 118.80, 32.09)],
        crs="EPSG:4326",
    )


def _refusal(path: Path) -> BoundaryFileError:
    with pytest.raises(BoundaryFileError) as raised:
        read_user_boundaries(path, "township", KNOWN)
    error = raised.value
    assert error.file == path.name and path.name in error.message_zh and path.name in error.message_en
    return error


@pytest.mark.parametrize("cut", [3, 10])
def test_a_truncated_geopackage_is_said_to_be_damaged(tmp_path: Path, cut: int) -> None:
    whole = tmp_path / "whole.gpkg"
    _shapes().to_file(whole)
    path = tmp_path / "townships.gpkg"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // cut])
    error = _refusal(path)
    assert "已损坏或不是有效的 GeoPackage" in error.message_zh
    assert "damaged or not a valid GeoPackage" in error.message_en


def test_a_file_that_only_pretends_to_be_a_geopackage_is_said_to_be_damaged(tmp_path: Path) -> None:
    path = tmp_path / "townships.gpkg"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    assert "GeoPackage" in _refusal(path).message_en


def test_a_truncated_zip_is_not_a_zip(tmp_path: Path) -> None:
    folder = tmp_path / "shp"
    folder.mkdir()
    _shapes().to_file(folder / "townships.shp")
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w") as archive:
        for part in folder.iterdir():
            archive.write(part, part.name)
    path = tmp_path / "townships.zip"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert "不是有效的 zip 压缩包" in _refusal(path).message_zh


def test_a_shapefile_cut_after_its_header_says_it_may_be_truncated(tmp_path: Path) -> None:
    folder = tmp_path / "shp"
    folder.mkdir()
    _shapes().to_file(folder / "townships.shp")
    shp = folder / "townships.shp"
    shp.write_bytes(shp.read_bytes()[:120])
    error = _refusal(shp)
    assert "可能已损坏或被截断" in error.message_zh and "damaged or truncated" in error.message_en


def test_a_geojson_cut_in_the_middle_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "townships.geojson"
    text = _shapes().to_json()
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    error = _refusal(path)
    assert "文件可能已损坏" in error.message_zh and "may be damaged" in error.message_en


def test_a_zipped_shapefile_that_unpacks_to_too_much_is_refused_before_gdal_reads_it(tmp_path: Path) -> None:
    folder = tmp_path / "shp"
    folder.mkdir()
    _shapes().to_file(folder / "townships.shp")
    path = tmp_path / "townships.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in folder.iterdir():
            archive.write(part, part.name)
        with archive.open("readme.txt", "w", force_zip64=True) as member:  # 300 MiB of spaces, written in parts
            for _ in range(30):
                member.write(b" " * (10 * MIB))
    error = _refusal(path)
    assert "压缩炸弹" in error.message_zh and "zip bomb" in error.message_en


def test_a_zipped_shapefile_with_a_password_is_refused_naming_the_member(tmp_path: Path) -> None:
    import pyzipper

    folder = tmp_path / "shp"
    folder.mkdir()
    _shapes().to_file(folder / "townships.shp")
    path = tmp_path / "townships.zip"
    with pyzipper.AESZipFile(path, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(b"pw")
        for part in sorted(folder.iterdir()):
            archive.write(part, part.name)
    error = _refusal(path)
    assert "设有密码（已加密）" in error.message_zh and "password-protected (encrypted)" in error.message_en
    assert "townships." in error.message_zh
