"""townships.geojson cut off halfway through."""

from pathlib import Path

import geopandas as gpd
import shapely


def make(inputs: Path, sample: Path) -> None:
    shapes = gpd.GeoDataFrame(
        {"code": ["320102002", "320102005"], "name": ["梅园新村街道", "玄武门街道"]},
        geometry=[shapely.box(118.80, 32.07, 118.82, 32.09), shapely.box(118.78, 32.07, 118.80, 32.09)],
        crs="EPSG:4326",
    )
    text = shapes.to_json()
    (inputs / "townships.geojson").write_text(text[: len(text) // 2], encoding="utf-8")
