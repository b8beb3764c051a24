"""The story the sample tells, decided top-down before any figure is drawn.

For each city and unit type the share of units certified by 2020 is fixed first (cities above or below
the province by their offset), then which units are certified (the strongest), in which round, and the
year from which each unit meets the standard. Indicator figures and certification rows are generated
afterwards to agree with this plan, so the story holds exactly whatever the seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

FIRST_ROUND, LAST_ROUND = 2017, 2020
ROUNDS: tuple[int, ...] = tuple(range(FIRST_ROUND, LAST_ROUND + 1))
NEVER = 9999  # meet_year of a unit that does not meet the standard within the period
# Share of a city's eventual certifications decided in each round (the programme starts slowly).
ROUND_SHARES: tuple[float, ...] = (0.20, 0.25, 0.27, 0.28)

# Province-wide certified coverage aimed at for 2020 (certified basis). community_village misses its 70 % goal.
PROVINCE_COVERAGE_2020: dict[str, float] = {"street_town": 0.815, "community_village": 0.652, "park": 0.905}

# What the province published for 2018, against which the sample's magnitudes are set (chuangye/sample/README.md):
# people supported into starting a business, and the jobs they created; Jiangsu had about 50 million residents of
# working age. The sample's streets/towns, which cover the province, sum to within SUMS_BAND of these.
PUBLISHED_JIANGSU_2018: dict[str, int] = {
    "new_entrepreneurs": 301_100,
    "jobs_by_entrepreneurship": 1_212_800,
    "working_age_population": 50_000_000,
}
SUMS_BAND = 0.15

# Percentage points a city's coverage sits above (+) or below (-) the province, per unit type alike.
JIANGSU_CITY_OFFSETS: dict[str, float] = {
    "320500": 0.14,
    "320200": 0.12,
    "320100": 0.11,
    "320400": 0.07,
    "321100": 0.04,  # 苏南
    "320600": 0.04,
    "321000": 0.01,
    "321200": 0.00,  # 苏中
    "320300": -0.05,
    "320900": -0.06,
    "320800": -0.08,
    "320700": -0.10,
    "321300": -0.12,  # 苏北
}

# How likely each core indicator is a unit's weak point, per unit type (order of thresholds.CORE_INDICATORS).
WEAK_INDICATOR_P: dict[str, tuple[float, float, float, float]] = {
    "street_town": (0.30, 0.25, 0.20, 0.25),
    "community_village": (0.35, 0.30, 0.15, 0.20),
    "park": (0.20, 0.25, 0.30, 0.25),
}


@dataclass(frozen=True)
class StoryKnobs:
    province_coverage: dict[str, float]
    city_offsets: dict[str, float]
    share_meeting_uncertified: float = 0.18  # strongest uncertified units that meet in 2019/2020 anyway
    share_dip_2020: float = 0.03  # units meeting earlier that fail one indicator in 2020
    population_scale: float = 1.0  # x the Jiangsu-sized communities and villages of population.py


def apportion(total: int, sizes: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Split ``total`` certifications over cities of ``sizes`` so that city shares follow ``offsets``."""
    sizes = sizes.astype(float)
    if total <= 0 or sizes.sum() == 0:
        return np.zeros(len(sizes), dtype=int)
    total = min(total, int(sizes.sum()))
    lo, hi = -1.0, 2.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if (np.clip(mid + offsets, 0, 1) * sizes).sum() < total:
            lo = mid
        else:
            hi = mid
    wanted = np.clip(hi + offsets, 0, 1) * sizes
    counts = np.floor(wanted).astype(int)
    order = np.argsort(-(wanted - counts), kind="stable")
    for i in order:
        if counts.sum() >= total:
            break
        if counts[i] < sizes[i]:
            counts[i] += 1
    return counts


def plan(units: pd.DataFrame, knobs: StoryKnobs, rng: np.random.Generator) -> pd.DataFrame:
    """Per in-scope unit: strength, cert_round (0 = never), meet_year, dip_year (0 = none), weak indicator.

    ``units`` needs unit_code, unit_type, city_code, active_from, active_to (the last two nullable ints).
    """
    n = len(units)
    offsets = units["city_code"].map(knobs.city_offsets).fillna(0.0).to_numpy()
    strength = offsets / 0.1 * 0.5 + rng.standard_normal(n)
    active_from = units["active_from"].fillna(0).astype(int).to_numpy()
    active_to = units["active_to"].fillna(NEVER).astype(int).to_numpy()
    active_2020 = (active_from <= LAST_ROUND) & (active_to >= LAST_ROUND)
    cert_round = np.zeros(n, dtype=int)
    utype = units["unit_type"].to_numpy()
    city = units["city_code"].to_numpy()

    groups = pd.Series(np.arange(n)).groupby([utype, city], sort=True).indices if n else {}
    for unit_type, coverage in knobs.province_coverage.items():
        members = {c: idx[active_2020[idx]] for (t, c), idx in groups.items() if t == unit_type}
        cities = sorted(members)
        sizes = np.array([len(members[c]) for c in cities])
        counts = apportion(
            round(coverage * sizes.sum()), sizes, np.array([knobs.city_offsets.get(c, 0.0) for c in cities])
        )
        for c, k in zip(cities, counts, strict=True):
            idx = members[c]
            chosen = idx[np.argsort(-strength[idx], kind="stable")[:k]]
            cert_round[chosen] = _rounds_for(chosen, strength, rng)
    earliest = np.maximum(active_from + 1, FIRST_ROUND)
    cert_round = np.where(cert_round > 0, np.maximum(cert_round, earliest), 0)

    # Units retired before 2020: the strongest were certified in the first round, the rest never.
    retired = ~active_2020 & (active_to < LAST_ROUND)
    cert_round[retired & (strength > 0.5)] = FIRST_ROUND

    meet_year = _meet_years(cert_round, strength, utype, active_from, knobs, rng)
    can_dip = meet_year <= LAST_ROUND - 1
    dip_year = np.where(can_dip & (rng.random(n) < knobs.share_dip_2020), LAST_ROUND, 0)
    weak = np.zeros(n, dtype=int)
    for unit_type, p in WEAK_INDICATOR_P.items():
        mask = utype == unit_type
        weak[mask] = rng.choice(4, size=int(mask.sum()), p=p)
    return pd.DataFrame(
        {
            "unit_code": units["unit_code"].to_numpy(),
            "strength": strength,
            "cert_round": cert_round,
            "meet_year": meet_year,
            "dip_year": dip_year,
            "weak_indicator": weak,
        }
    )


def _rounds_for(chosen: np.ndarray, strength: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Stronger units are certified earlier, with noise; ROUND_SHARES of the units per round."""
    k = len(chosen)
    if k == 0:
        return np.zeros(0, dtype=int)
    order = np.argsort(-(strength[chosen] + rng.normal(0, 0.7, k)), kind="stable")
    bounds = np.round(np.cumsum(ROUND_SHARES) * k).astype(int)
    rounds = np.empty(k, dtype=int)
    start = 0
    for r, end in zip(ROUNDS, bounds, strict=True):
        rounds[order[start:end]] = r
        start = end
    return rounds


def _meet_years(
    cert_round: np.ndarray,
    strength: np.ndarray,
    utype: np.ndarray,
    active_from: np.ndarray,
    knobs: StoryKnobs,
    rng: np.random.Generator,
) -> np.ndarray:
    n = len(cert_round)
    u = rng.random(n)
    # Certified in round Y: 80 % met in year Y-1 (a third of them already in Y-2), 15 % only in year Y, 5 % not
    # until after the round (certified although the figures disagree: something for the dashboard to show).
    certified_meet = np.where(
        u < 0.80, cert_round - 1 - (rng.random(n) < 0.35), np.where(u < 0.95, cert_round, cert_round + 1)
    )
    meet = np.where(cert_round > 0, certified_meet, NEVER)
    meet = np.where(meet == LAST_ROUND + 1, NEVER, meet)
    uncertified = cert_round == 0
    for unit_type in np.unique(utype):
        idx = np.flatnonzero(uncertified & (utype == unit_type))
        top = idx[np.argsort(-strength[idx], kind="stable")[: round(knobs.share_meeting_uncertified * len(idx))]]
        meet[top] = rng.choice([LAST_ROUND - 1, LAST_ROUND], size=len(top))
    return np.where(meet == NEVER, NEVER, np.maximum(meet, np.maximum(active_from, 2016)))
