"""Synthetic working-age population per in-scope unit and year: communities and villages first, then the
streets/towns and parks they make up.

The three unit types overlap on the ground: every community or village lies in a street/town (or a park's
township), and a county-level zone park holds all of its county's communities. So each community/village gets
a size (urban 社区/居委会 larger than rural 村), and a street/town or park has, every year, exactly the sum of its
in-scope communities and villages. A street/town or park with none in scope gets a size of its own.

Magnitudes (Jiangsu, ``scale`` 1.0): about 8,300 urban communities of median 3,400 working-age residents and
13,000 villages of median 1,500 sum to about 50 million, Jiangsu's working-age population (of about 80 million
residents). Stronger cities have larger communities (their city offset) and a growing population; weaker cities
a flat one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from chuangye.data.scope import TOWNSHIP_CODE_LENGTH, VILLAGE_CODE_LENGTH, ZONE_CODE_LENGTH

BASE_YEAR = 2016
URBAN_KINDS: tuple[str, ...] = ("社区", "居委会")


@dataclass(frozen=True)
class Size:
    """A lognormal size: median, sigma and the range it is clipped to (working-age residents)."""

    median: float
    sigma: float
    low: float
    high: float

    def draw(self, n: int, factor: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        return np.clip(self.median * factor * np.exp(self.sigma * rng.standard_normal(n)), self.low, self.high)


URBAN_COMMUNITY = Size(3_400, 0.45, 600, 15_000)
VILLAGE = Size(1_500, 0.40, 300, 6_000)
# Streets/towns and parks without any community or village in scope (rare in the registry).
OWN_SIZE: dict[str, Size] = {
    "street_town": Size(30_000, 0.50, 5_000, 150_000),
    "park": Size(8_000, 0.60, 1_000, 60_000),
    "community_village": VILLAGE,
}
GROWTH_BASE = 0.002  # a year; plus GROWTH_PER_OFFSET x the city's offset (people move to the strong cities)
GROWTH_PER_OFFSET = 0.02


def working_age_population(
    units: pd.DataFrame,
    rows: np.ndarray,
    years: np.ndarray,
    offsets: np.ndarray,
    rng: np.random.Generator,
    scale: float = 1.0,
) -> np.ndarray:
    """Working-age population of each unit-year (``rows`` index ``units``, all in scope; ``offsets`` per unit).

    ``units`` needs unit_code, unit_type, division_kind, county_code and township_code.
    """
    code = units["unit_code"].astype(str).to_numpy()
    length = units["unit_code"].astype(str).str.len().to_numpy()
    is_village = length == VILLAGE_CODE_LENGTH
    urban = units["division_kind"].isin(URBAN_KINDS).to_numpy()
    factor = scale * (1 + offsets)
    base = np.zeros(len(units))
    for size, mask in ((URBAN_COMMUNITY, is_village & urban), (VILLAGE, is_village & ~urban)):
        base[mask] = size.draw(int(mask.sum()), factor[mask], rng)
    growth = 1 + (GROWTH_BASE + GROWTH_PER_OFFSET * offsets[rows]) * (years - BASE_YEAR)
    villages_yearly = np.rint(base[rows] * growth).astype(np.int64)
    sums = _sums_of_members(units, code, length, rows, years, villages_yearly, is_village)

    has_members = np.isin(np.arange(len(units)), sums.index.get_level_values("parent"))
    own = ~is_village & ~has_members
    for unit_type, size in OWN_SIZE.items():
        mask = own & (units["unit_type"].to_numpy() == unit_type)
        base[mask] = size.draw(int(mask.sum()), factor[mask], rng)
    drawn = np.rint(base[rows] * growth)
    from_members = sums.reindex(pd.MultiIndex.from_arrays([rows, years])).to_numpy()
    return np.where(np.isnan(from_members), drawn, from_members).astype(np.int64)


def _sums_of_members(
    units: pd.DataFrame,
    code: np.ndarray,
    length: np.ndarray,
    rows: np.ndarray,
    years: np.ndarray,
    population: np.ndarray,
    is_village: np.ndarray,
) -> pd.Series:
    """Sum of the member villages' population per (parent row, year): a village belongs to its township-level
    unit and, inside a county-level zone park, to that park too."""
    position = pd.Series(np.arange(len(units)), index=code)
    township_of = units["township_code"].astype(str).to_numpy()
    county_of = units["county_code"].astype(str).to_numpy()
    parents = []
    for parent_codes, parent_length in ((township_of, TOWNSHIP_CODE_LENGTH), (county_of, ZONE_CODE_LENGTH)):
        parent = position.reindex(parent_codes).to_numpy()
        known = is_village & ~np.isnan(parent)
        parent = np.where(known, parent, -1).astype(np.int64)
        parent[known] = np.where(length[parent[known]] == parent_length, parent[known], -1)
        parents.append(parent)
    frames = []
    for parent in parents:
        member = parent[rows] >= 0
        frames.append(pd.DataFrame({"parent": parent[rows][member], "year": years[member], "n": population[member]}))
    both = pd.concat(frames, ignore_index=True)
    return both.groupby(["parent", "year"])["n"].sum().astype(float)
