"""townships.gpkg cut to its first third, as an interrupted copy leaves it."""

from pathlib import Path

import geopandas as gpd
import shapely


def make(inputs: Path, sample: Path) -> None:
    shapes = gpd.GeoDataFrame(
        {"code": ["320102002", "320102005"], "name": ["梅园新村街道", "玄武门街道"]},
        geometry=[shapely.box(118.80, 32.07, 118.82, 32.09), shapely.box(118.78, 32.07, 118.80, 32.09)],
        crs="EPSG:4326",
    )
    whole = inputs / "whole.gpkg"
    shapes.to_file(whole)
    data = whole.read_bytes()
    (inputs / "townships.gpkg").write_bytes(data[: len(data) // 3])
    whole.unlink()
