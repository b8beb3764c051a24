"""The unit list of the sample: the registry plus a handful of units created or retired within the period."""

from __future__ import annotations

import numpy as np
import pandas as pd

# (unit type, active_from, active_to): units that exist for only part of 2016–2020, to exercise that path.
LIFECYCLE_CHANGES: tuple[tuple[str, int | None, int | None], ...] = (
    ("community_village", 2018, None),
    ("community_village", 2018, None),
    ("community_village", 2019, None),
    ("street_town", 2019, None),
    ("community_village", None, 2017),
    ("community_village", None, 2018),
    ("community_village", None, 2018),
    ("street_town", None, 2018),
)


def with_lifecycle(units: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Add active_from / active_to (nullable years), set for a few in-scope units picked at random."""
    units = units.copy()
    units["active_from"] = pd.array([pd.NA] * len(units), dtype="Int64")
    units["active_to"] = pd.array([pd.NA] * len(units), dtype="Int64")
    taken: list[int] = []
    for unit_type, active_from, active_to in LIFECYCLE_CHANGES:
        pool = np.flatnonzero((units["unit_type"] == unit_type).to_numpy() & units["in_scope"].to_numpy())
        pool = np.setdiff1d(pool, taken)
        if len(pool) == 0:
            continue
        i = int(rng.choice(pool))
        taken.append(i)
        if active_from is not None:
            units.loc[i, "active_from"] = active_from
        if active_to is not None:
            units.loc[i, "active_to"] = active_to
    return units
