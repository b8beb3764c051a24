"""townships.zip: a sound shapefile packed with a password (WinZip AES, as 7-Zip and WinRAR offer)."""

from pathlib import Path

import geopandas as gpd
import pyzipper
import shapely


def make(inputs: Path, sample: Path) -> None:
    shapes = gpd.GeoDataFrame(
        {"code": ["320102002", "320102005"], "name": ["梅园新村街道", "玄武门街道"]},
        geometry=[shapely.box(118.80, 32.07, 118.82, 32.09), shapely.box(118.78, 32.07, 118.80, 32.09)],
        crs="EPSG:4326",
    )
    folder = inputs / "shp"
    folder.mkdir()
    shapes.to_file(folder / "townships.shp", encoding="utf-8")
    with pyzipper.AESZipFile(inputs / "townships.zip", "w", compression=pyzipper.ZIP_DEFLATED) as archive:
        archive.setpassword(b"jiangsu")
        archive.setencryption(pyzipper.WZ_AES)
        for part in sorted(folder.iterdir()):
            archive.write(part, part.name)
