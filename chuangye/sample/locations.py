"""Synthetic unit locations: deterministic points inside each unit's real county polygon (or its zone's
schematic polygon). They are labelled location_synthetic=true: township and village boundaries are not public."""

from __future__ import annotations

import numpy as np
import pandas as pd

from chuangye.geo.boundaries import load_boundaries, place_points

SALT = "chuangye-sample-units"


def place_units(units: pd.DataFrame) -> pd.DataFrame:
    """Return ``units`` with lon, lat (6 decimals) and location_synthetic; units of an unknown county stay blank."""
    counties = load_boundaries("county").set_index("code")
    lon = np.full(len(units), np.nan)
    lat = np.full(len(units), np.nan)
    for county_code, positions in units.groupby("county_code", sort=True).indices.items():
        if county_code not in counties.index:
            continue
        points = place_points(counties.at[county_code, "geometry"], units["unit_code"].to_numpy()[positions], SALT)
        lon[positions], lat[positions] = points[:, 0], points[:, 1]
    out = units.copy()
    out["lon"], out["lat"] = np.round(lon, 6), np.round(lat, 6)
    out["location_synthetic"] = ~np.isnan(lon)
    return out
