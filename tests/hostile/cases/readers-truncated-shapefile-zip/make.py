"""townships.zip holding a shapefile whose .shp was truncated after its header, the rest intact."""

import zipfile
from pathlib import Path

import geopandas as gpd
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
    with zipfile.ZipFile(inputs / "townships.zip", "w") as archive:
        for part in sorted(folder.iterdir()):
            data = part.read_bytes()
            archive.writestr(part.name, data[:120] if part.suffix == ".shp" else data)
