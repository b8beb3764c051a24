"""The real Jiangsu registry (chuangye/sample/registry/, built by tools/build_registry.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from chuangye.data.scope import without_placeholders
from chuangye.sample.bundled import REGISTRY_DIR


@dataclass(frozen=True)
class Registry:
    regions: pd.DataFrame  # regions.csv columns
    units: pd.DataFrame  # units.csv columns, in_scope as bool


def load_registry(registry_dir: Path = REGISTRY_DIR, cities: list[str] | None = None) -> Registry:
    """Read the registry; ``cities`` (6-digit codes) keeps only those cities (for fast tests). NBS placeholders
    are out of scope whatever the file says (the rule of chuangye.data.scope; the bundled registry obeys it)."""
    regions = pd.read_csv(registry_dir / "regions.csv", dtype=str, keep_default_na=False)
    units = pd.read_csv(registry_dir / "units.csv", dtype=str, keep_default_na=False)
    regions["is_stat_zone"] = regions["is_stat_zone"] == "true"
    units["in_scope"] = units["in_scope"] == "true"
    units = without_placeholders(units)
    if cities is not None:
        keep = set(cities)
        regions = regions[
            (regions["level"] == "province") | regions["region_code"].isin(keep) | regions["parent_code"].isin(keep)
        ]
        units = units[units["city_code"].isin(keep)]
    return Registry(regions.reset_index(drop=True), units.reset_index(drop=True))
